package io.doltsync.internal.dolt;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;

/**
 * doltsync's one JVM shutdown hook, so that what it stops stops in order: first the mirrors (whose appliers
 * may drain the journal into Dolt for a bounded time), then the Dolt servers the driver started. Separate
 * hooks would run at the same time, and a server could stop under an applier that is still draining.
 */
public final class JvmShutdown {

  private static final Logger LOG = DoltSyncLoggers.get(JvmShutdown.class);
  private static final List<Runnable> FIRST = new CopyOnWriteArrayList<>();
  private static final List<Runnable> LAST = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(JvmShutdown::run, "doltsync-shutdown"));
  }

  private JvmShutdown() {}

  /** Runs {@code task} at JVM exit, before any {@link #atEnd} task. */
  public static void first(Runnable task) {
    FIRST.add(task);
  }

  /** Runs {@code task} at JVM exit, after every {@link #first} task (stopping servers). */
  public static void atEnd(Runnable task) {
    LAST.add(task);
  }

  private static void run() {
    for (List<Runnable> phase : List.of(FIRST, LAST)) {
      for (Runnable task : phase) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          LOG.warn("doltsync shutdown task failed", e);
        }
      }
    }
  }
}
