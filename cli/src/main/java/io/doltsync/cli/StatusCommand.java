package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.StatusReport;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code doltsync status}: lag, queue depth, quarantined entries, diverged tables, last error. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the mirror's lag, journal queue depth, quarantined entries, diverged tables and last error.",
    footer = {"", "Exit status: 0 healthy, 1 quarantined entries or diverged tables, 2 usage or connection error."})
final class StatusCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Connection db = connection.open(false, System.getenv())) {
      StatusReport status = DoltSync.status(db);
      new ReportPrinter(spec.commandLine().getOut()).status(status);
      return status.healthy() ? DoltSyncCli.IN_SYNC : DoltSyncCli.DRIFT;
    } finally {
      DoltSync.shutdown();
    }
  }
}
