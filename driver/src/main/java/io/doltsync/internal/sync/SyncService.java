package io.doltsync.internal.sync;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Runs {@link SyncEngine} once or every interval, records each run in {@link SyncHealth}, and pushes the branch
 * after a run that committed when a push remote is set.
 */
public final class SyncService {

  private static final Logger LOG = DoltSyncLoggers.get(SyncService.class);

  /** Where and how to push after a committing run; null remote: no push. */
  public record PushSettings(String remote, String url, String user, boolean force, DoltPush.OnReject onReject) {}

  private final SyncEngine engine;
  private final SyncHealth health;
  private final PushSettings push;
  private final String branch;

  public SyncService(SyncEngine engine, SyncHealth health, PushSettings push, String branch) {
    this.engine = engine;
    this.health = health;
    this.push = push;
    this.branch = branch;
  }

  /** One run (and push); the failure is recorded in the health and thrown. */
  public SyncReport runOnce(SyncEngine.Listener listener) throws SQLException {
    health.runStarted();
    try {
      SyncReport report = engine.run(listener);
      if (push != null && push.remote() != null && report.committed()) {
        push();
      }
      health.runSucceeded(report);
      return report;
    } catch (SQLException e) {
      health.runFailed(e);
      throw e;
    }
  }

  /** Pushes the branch now. */
  public DoltPush.Result push() throws SQLException {
    try (Connection dolt = engine.target().connect()) {
      if (push.url() != null) {
        DoltPush.ensureRemote(dolt, push.remote(), push.url());
      }
      return DoltPush.push(dolt, push.remote(), branch, push.user(), push.force(), push.onReject());
    } catch (SQLException e) {
      throw e instanceof SyncFailure ? e : new SyncFailure(SyncFailure.Side.DOLT, "push to " + push.remote() + " failed", e);
    }
  }

  /** Runs every {@code interval} until the thread is interrupted; failures are logged and the loop goes on. */
  public void runForever(Duration interval, SyncEngine.Listener listener) {
    while (!Thread.currentThread().isInterrupted()) {
      long started = System.nanoTime();
      try {
        SyncReport report = runOnce(listener);
        LOG.info("doltsync sync: run done, {}", report.committed() ? "commit " + report.commitHash() : "no change");
      } catch (SQLException e) {
        LOG.warn("doltsync sync: run failed: {}", e.getMessage());
      } catch (RuntimeException e) {
        health.runFailed(new SQLException(e.toString(), "HY000", e));
        LOG.warn("doltsync sync: run failed", e);
      }
      long waitMillis = interval.toMillis() - (System.nanoTime() - started) / 1_000_000;
      try {
        Thread.sleep(Math.max(0, waitMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
