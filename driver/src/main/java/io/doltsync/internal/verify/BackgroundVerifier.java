package io.doltsync.internal.verify;

import io.doltsync.VerifyProgress;
import io.doltsync.VerifyReport;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.mirror.Mirror;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Runs verify at a fixed interval on a daemon thread ({@code doltsync.verifyInterval}): a clean result is
 * logged at INFO, differences at WARN with the tables and counts, and both reach the mirror's JMX metrics
 * ({@code LastVerifyDifferingRows}, {@code LastVerifyDifferingTables}). It reports; it never reconciles.
 */
public final class BackgroundVerifier implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(BackgroundVerifier.class);

  private final ScheduledExecutorService executor;

  public BackgroundVerifier(Mirror mirror, Duration interval, Duration drainWait) {
    Verifier verifier = new Verifier(mirror, 1000, 100, drainWait);
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "doltsync-verify-" + mirror.target().database());
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> runOnce(mirror, verifier), millis, millis, TimeUnit.MILLISECONDS);
  }

  private static void runOnce(Mirror mirror, Verifier verifier) {
    try {
      VerifyReport report = verifier.verify(List.of(), VerifyProgress.NONE);
      long rows = report.tables().stream().mapToLong(VerifyReport.TableReport::differingRows).sum();
      mirror.metrics().verified(report.differingTables().size(), rows);
      if (!report.inSync()) {
        LOG.warn("doltsync verify found drift in {}: {} (run `bin/doltsync reconcile` to heal it)",
            mirror.target().describe(), report.differingTables().stream()
                .map(t -> t.table() + " (" + t.differingRows() + " rows" + (t.schemaDifferences().isEmpty() ? ""
                    : ", " + String.join("; ", t.schemaDifferences())) + ")").toList());
      }
    } catch (Exception e) {
      LOG.warn("doltsync background verify of {} failed: {}", mirror.target().describe(), e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
