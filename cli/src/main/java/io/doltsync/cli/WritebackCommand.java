package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.WritebackConflictException;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code revert}, {@code restore} and {@code publish} share: the application's connection,
 * {@code --dry-run}, the progress bar, the printed report and the exit status (0 done, 1 conflicts,
 * 2 usage or connection error).
 */
abstract class WritebackCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--dry-run", description = "Print what would change (rows and conflicts); change nothing")
  boolean dryRun;

  @Option(names = "--rows", paramLabel = "<n>", defaultValue = "20",
      description = "Conflicts to print (default: ${DEFAULT-VALUE}); all are counted")
  int rowsShown;

  @Spec
  CommandSpec spec;

  /** Runs the operation on the application's connection. */
  abstract WritebackReport run(Connection db, WritebackOptions options) throws SQLException;

  /** Options beyond {@code --dry-run} (skip conflicts, tables). */
  WritebackOptions options() {
    return WritebackOptions.DEFAULT;
  }

  @Override
  public Integer call() throws Exception {
    Progress progress = Progress.forStandardError(spec.commandLine().getErr(), spec.name());
    PrintWriter out = spec.commandLine().getOut();
    try (Connection db = connection.open(true, System.getenv())) {
      WritebackReport report = run(db, options().withDryRun(dryRun).withProgress(progress));
      progress.finish();
      print(out, report);
      return report.conflictCount() > 0 ? DoltSyncCli.DRIFT : DoltSyncCli.IN_SYNC;
    } catch (WritebackConflictException conflict) {
      progress.finish();
      print(out, conflict.report());
      out.println("CONFLICTS: nothing was changed");
      out.flush();
      return DoltSyncCli.DRIFT;
    } finally {
      progress.finish();
      DoltSync.shutdown();
    }
  }

  private void print(PrintWriter out, WritebackReport report) {
    for (WritebackReport.TableChange table : report.tables()) {
      out.println(String.format(Locale.ROOT, "%-30s %,9d inserted %,9d updated %,9d deleted", table.table(),
          table.inserted(), table.updated(), table.deleted()));
    }
    int shown = 0;
    for (WritebackReport.Conflict conflict : report.conflicts()) {
      if (shown++ == rowsShown) {
        out.println("  ...");
        break;
      }
      out.println("  conflict: " + conflict);
    }
    if (report.conflictCount() > 0) {
      out.println(String.format(Locale.ROOT, "%,d conflict%s", report.conflictCount(), report.conflictCount() == 1 ? "" : "s"));
    }
    String outcome = report.dryRun() ? "dry run, nothing changed" : report.commitHash().isEmpty()
        ? "nothing to change" : "Dolt commit " + report.commitHash();
    out.println(report.message() + " -> " + outcome);
    out.flush();
  }
}
