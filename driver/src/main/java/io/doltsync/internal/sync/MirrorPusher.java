package io.doltsync.internal.sync;

import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Pushes the driver mirror's branch to a Dolt remote ({@code doltsync.push}) on a daemon thread: after every
 * {@code doltsync.pushEvery} applied commits and at least every {@code doltsync.pushInterval} while there are new
 * ones. A rejected push (the remote moved) is logged and tried again later, never forced: the mirrored branch is
 * the primary's history, and a remote that diverged from it needs a person's decision.
 */
public final class MirrorPusher implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(MirrorPusher.class);

  private final ScheduledExecutorService executor;
  private final DoltTarget target;
  private final LongSupplier applied;
  private final String remote;
  private final String user;
  private final int every;
  private final Duration interval;
  private long pushedAt;
  private long lastPushNanos = System.nanoTime();
  private long retryAtNanos;
  private volatile long pushes;

  public MirrorPusher(DoltTarget target, LongSupplier applied, String remote, String user, int every, Duration interval) {
    this.target = target;
    this.applied = applied;
    this.remote = remote;
    this.user = user;
    this.every = every;
    this.interval = interval;
    this.pushedAt = applied.getAsLong();
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "doltsync-push-" + target.database());
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
  }

  /** Pushes completed so far. */
  public long pushes() {
    return pushes;
  }

  private void tick() {
    long now = applied.getAsLong();
    long fresh = now - pushedAt;
    boolean byCount = every > 0 && fresh >= every;
    boolean byTime = !interval.isZero() && fresh > 0 && System.nanoTime() - lastPushNanos >= interval.toNanos();
    if (!byCount && !byTime || System.nanoTime() < retryAtNanos) {
      return;
    }
    try (Connection dolt = target.connect()) {
      DoltPush.push(dolt, remote, target.branch(), user, false, DoltPush.OnReject.FAIL);
      pushedAt = now;
      pushes++;
    } catch (Exception e) {
      LOG.warn("doltsync could not push {} to {} (will try again): {}", target.branch(), remote, e.getMessage());
      retryAtNanos = System.nanoTime() + Math.max(Duration.ofSeconds(5).toNanos(), interval.toNanos());
    } finally {
      lastPushNanos = System.nanoTime();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
