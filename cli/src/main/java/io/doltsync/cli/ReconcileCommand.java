package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.ReconcileReport;
import io.doltsync.VerifyReport;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doltsync reconcile}: verify, then heal what differs as one Dolt commit, then verify those tables again. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "Verifies, then makes the mirrored branch equal to the primary for the tables that differ as one"
        + " Dolt commit (\"Reconcile: <table> (+inserted ~updated -deleted), ...\"), ordered with transactions in"
        + " flight through the journal, and clears the quarantine's marks of those tables.",
    footer = {"", "Exit status: 0 in sync (nothing to do, or healed), 1 drift left (or found, with --dry-run),",
        "2 usage or connection error."})
final class ReconcileCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Mixin
  VerifyScope scope;

  @Option(names = "--dry-run", description = "Only report what would be reconciled")
  boolean dryRun;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Progress progress = Progress.forStandardError(spec.commandLine().getErr());
    ReportPrinter printer = new ReportPrinter(spec.commandLine().getOut());
    try (Connection db = connection.open(true, System.getenv())) {
      VerifyReport before = scope.verifyAndPrint(db, progress, printer);
      if (before.inSync()) {
        return DoltSyncCli.IN_SYNC;
      }
      if (dryRun) {
        return DoltSyncCli.DRIFT;
      }
      ReconcileReport healed = DoltSync.reconcile(db, before);
      printer.reconcile(healed);
      List<String> healedTables = healed.tables().stream().map(ReconcileReport.TableChange::table).toList();
      VerifyReport after = DoltSync.verify(db, healedTables, progress);
      progress.finish();
      if (!after.inSync()) {
        printer.verify(after, scope.rowsShown);
      }
      return after.inSync() ? DoltSyncCli.IN_SYNC : DoltSyncCli.DRIFT;
    } finally {
      progress.finish();
      DoltSync.shutdown();
    }
  }
}
