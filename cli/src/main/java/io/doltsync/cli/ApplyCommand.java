package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.StatusReport;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doltsync apply [--follow]}: runs the applier on its own, for batch JVMs that exit before their
 * journal is applied and for operators. Only one applier per branch runs at a time (across processes);
 * while another holds the branch, this one waits for the journal to drain all the same.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Runs the applier: applies the journal to Dolt until it is empty, or with --follow until interrupted.",
    footer = {"", "Exit status: 0 journal applied, 1 entries left (timeout) or quarantined, 2 usage or connection error."})
final class ApplyCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Option(names = {"-f", "--follow"}, description = "Keep applying new entries until interrupted (Ctrl-C)")
  boolean follow;

  @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "300",
      description = "Without --follow: how long to wait for the journal to drain (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--report-every", paramLabel = "<seconds>", defaultValue = "60",
      description = "With --follow: print the status this often (default: ${DEFAULT-VALUE})")
  long reportSeconds;

  @Spec
  CommandSpec spec;

  /** Counted down to stop a {@code --follow} run (by the shutdown hook, or a test). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Connection db = connection.open(true, System.getenv())) {
      if (!follow) {
        long left = DoltSync.awaitJournalDrained(db, Duration.ofSeconds(timeoutSeconds));
        StatusReport status = DoltSync.status(db);
        out.printf(Locale.ROOT, "journal %s; %,d quarantined%n", left == 0 ? "applied" : left + " entries left",
            status.quarantined());
        out.flush();
        return left == 0 && status.healthy() ? DoltSyncCli.IN_SYNC : DoltSyncCli.DRIFT;
      }
      Thread hook = new Thread(stop::countDown, "doltsync-apply-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        do {
          StatusReport status = DoltSync.status(db);
          out.printf(Locale.ROOT, "applier %s; queue %,d, lag %.3f s, %,d quarantined%n",
              status.applierActive() ? "active" : "standing by (another holds the branch)", status.queueDepth(),
              status.lag().toMillis() / 1000.0, status.quarantined());
          out.flush();
        } while (!stop.await(reportSeconds, TimeUnit.SECONDS));
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting: the hook has run
        }
      }
      return DoltSyncCli.IN_SYNC;
    } finally {
      DoltSync.shutdown();
    }
  }
}
