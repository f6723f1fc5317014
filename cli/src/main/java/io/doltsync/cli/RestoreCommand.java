package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doltsync restore <revision> [-t table ...]}: put tables back as they were at a Dolt revision. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Makes the primary's tables (all mirrored ones, or those named) equal to their rows at a Dolt"
        + " revision (a hash, a branch, a tag, main~3, or a UTC date-time such as '2026-12-01 10:00:00'), writing"
        + " only the rows that differ, as one transaction mirrored as one Dolt commit \"Restore ... to ...\".",
    footer = {"", "Exit status: 0 done, 1 conflicts found (rows changed while restoring; nothing changed),",
        "2 usage or connection error."})
final class RestoreCommand extends WritebackCommand {

  @Parameters(index = "0", paramLabel = "<revision>", description = "The Dolt revision to restore")
  String revision;

  @Option(names = {"-t", "--table"}, paramLabel = "<table>", description = "Only this table (repeatable)")
  List<String> tables = new ArrayList<>();

  @Option(names = "--skip-conflicts", description = "Restore the cells that do not conflict and report the others")
  boolean skipConflicts;

  @Override
  WritebackOptions options() {
    return WritebackOptions.DEFAULT.withTables(tables).withSkipConflicts(skipConflicts);
  }

  @Override
  WritebackReport run(Connection db, WritebackOptions options) throws SQLException {
    return DoltSync.restore(db, revision, options);
  }
}
