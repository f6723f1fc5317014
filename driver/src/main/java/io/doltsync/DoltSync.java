package io.doltsync;

import io.doltsync.mirror.CommitMetadataResolver;
import io.doltsync.spi.CommitMetadataProvider;
import java.util.Objects;

/**
 * Programmatic entry points of doltsync that are not tied to one connection.
 *
 * <p>Commit-metadata providers are usually found through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.doltsync.spi.CommitMetadataProvider} file). Frameworks that create their
 * provider themselves, such as a Spring bean, register it here instead:
 *
 * <pre>{@code
 * CommitMetadataProvider provider = tx -> CommitMetadata.author(currentUser(), currentUser() + "@example.com");
 * DoltSync.registerCommitMetadataProvider(provider);
 * // ... and on shutdown:
 * DoltSync.unregisterCommitMetadataProvider(provider);
 * }</pre>
 */
public final class DoltSync {

  private DoltSync() {}

  /**
   * Adds a provider asked for the author and message of every mirrored transaction of this JVM, next to
   * those found through {@code ServiceLoader}. Registering the same instance twice asks it twice.
   */
  public static void registerCommitMetadataProvider(CommitMetadataProvider provider) {
    CommitMetadataResolver.register(Objects.requireNonNull(provider, "provider"));
  }

  /** Removes a provider added with {@link #registerCommitMetadataProvider}; does nothing if it is not registered. */
  public static void unregisterCommitMetadataProvider(CommitMetadataProvider provider) {
    CommitMetadataResolver.unregister(provider);
  }
}
