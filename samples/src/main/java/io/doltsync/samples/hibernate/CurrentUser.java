package io.doltsync.samples.hibernate;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The user logged in on this thread. A real application sets it in its login filter or takes it from its
 * security framework; {@link CurrentUserCommitMetadata} makes that user the author of the Dolt commits.
 */
public final class CurrentUser {

  private static final ThreadLocal<String> NAME = new ThreadLocal<>();

  private CurrentUser() {}

  /** The logged-in user's name, if any. */
  public static Optional<String> name() {
    return Optional.ofNullable(NAME.get());
  }

  /** Runs {@code work} as {@code user}. */
  public static <T> T callAs(String user, Supplier<T> work) {
    String previous = NAME.get();
    NAME.set(user);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        NAME.remove();
      } else {
        NAME.set(previous);
      }
    }
  }

  /** Runs {@code work} as {@code user}. */
  public static void runAs(String user, Runnable work) {
    callAs(user, () -> {
      work.run();
      return null;
    });
  }
}
