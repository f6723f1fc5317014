package io.doltsync.internal.procedure;

import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code DOLTSYNC_REVERT}, {@code DOLTSYNC_RESTORE} and {@code DOLTSYNC_PUBLISH} share: the first argument
 * (a revision or branch), the options {@code '--dry-run'} and {@code '--skip-conflicts'} among the others,
 * and the result: one row per table written, with rows inserted, updated and deleted, conflicts left
 * (with {@code --skip-conflicts}), whether it was a dry run, the Dolt commit and its message. A conflict
 * without {@code --skip-conflicts} fails the call with a {@link io.doltsync.WritebackConflictException}.
 */
abstract class WritebackProcedure implements DoltSyncProcedure {

  /** Runs the write-back with the first argument and the options; {@code rest} holds the other arguments. */
  abstract WritebackReport run(ProcedureContext context, String first, List<String> rest, WritebackOptions options)
      throws SQLException;

  @Override
  public ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException {
    List<String> values = DoltSyncProcedures.names(this, arguments);
    if (values.isEmpty()) {
      throw new SQLSyntaxErrorException(signature() + " needs its first argument", "42000");
    }
    WritebackOptions options = WritebackOptions.DEFAULT;
    List<String> rest = new ArrayList<>();
    for (String value : values.subList(1, values.size())) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "--dry-run" -> options = options.withDryRun(true);
        case "--skip-conflicts" -> options = options.withSkipConflicts(true);
        default -> rest.add(value.trim());
      }
    }
    WritebackReport report = run(context, values.get(0), rest, options);
    ProcedureResults results = new ProcedureResults().text("table_name").number("inserted").number("updated")
        .number("deleted").number("conflicts").flag("dry_run").text("commit_hash").text("message");
    for (WritebackReport.TableChange change : report.tables()) {
      long conflicts = report.conflicts().stream().filter(c -> c.table().equals(change.table())).count();
      results.row(change.table(), change.inserted(), change.updated(), change.deleted(), conflicts, report.dryRun(),
          report.commitHash(), report.message());
    }
    return results.toResultSet();
  }

  /** Refuses arguments a procedure does not take. */
  void noMoreArguments(List<String> rest) throws SQLSyntaxErrorException {
    if (!rest.isEmpty()) {
      throw new SQLSyntaxErrorException(signature() + " does not take " + rest + " (options: '--dry-run',"
          + " '--skip-conflicts')", "42000");
    }
  }
}
