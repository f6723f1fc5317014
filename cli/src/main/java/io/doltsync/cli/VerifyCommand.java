package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.VerifyReport;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doltsync verify}: compares the primary with the mirrored branch's head. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Compares the primary's mirrored tables with the mirrored Dolt branch's head and lists the rows"
        + " and schema details that differ (key ranges hashed inside each database).",
    footer = {"", "Exit status: 0 in sync, 1 drift found, 2 usage or connection error."})
final class VerifyCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Mixin
  VerifyScope scope;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Progress progress = Progress.forStandardError(spec.commandLine().getErr());
    try (Connection db = connection.open(true, System.getenv())) {
      VerifyReport report = scope.verifyAndPrint(db, progress, new ReportPrinter(spec.commandLine().getOut()));
      return report.inSync() ? DoltSyncCli.IN_SYNC : DoltSyncCli.DRIFT;
    } finally {
      progress.finish();
      DoltSync.shutdown();
    }
  }
}
