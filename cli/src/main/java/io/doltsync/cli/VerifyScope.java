package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.VerifyReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code verify} and {@code reconcile} share: which tables to compare, how many differing rows to print. */
final class VerifyScope {

  @Option(names = {"-t", "--table"}, paramLabel = "<table>", description = "Only this table (repeatable)")
  List<String> tables = new ArrayList<>();

  @Option(names = "--rows", paramLabel = "<n>", defaultValue = "20",
      description = "Differing rows to print per table (default: ${DEFAULT-VALUE})")
  int rowsShown;

  /** Verifies the chosen tables with a progress line, then prints the report. */
  VerifyReport verifyAndPrint(Connection db, Progress progress, ReportPrinter printer) throws SQLException {
    VerifyReport report = DoltSync.verify(db, tables, progress);
    progress.finish();
    printer.verify(report, rowsShown);
    return report;
  }
}
