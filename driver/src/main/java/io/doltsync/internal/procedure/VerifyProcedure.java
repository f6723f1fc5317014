package io.doltsync.internal.procedure;

import io.doltsync.DoltSync;
import io.doltsync.VerifyProgress;
import io.doltsync.VerifyReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code CALL DOLTSYNC_VERIFY([table, ...])}: {@link DoltSync#verify} of the named tables (all mirrored tables
 * without arguments); one row per table.
 */
final class VerifyProcedure implements DoltSyncProcedure {

  @Override
  public String name() {
    return "doltsync_verify";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_VERIFY([table, ...])";
  }

  @Override
  public ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException {
    VerifyReport report = DoltSync.verify(context.connection(), DoltSyncProcedures.names(this, arguments),
        VerifyProgress.NONE);
    ProcedureResults results = new ProcedureResults().text("table_name").flag("in_sync").number("rows_compared")
        .number("missing_in_dolt").number("extra_in_dolt").number("changed").number("differing_rows")
        .text("schema_differences");
    for (VerifyReport.TableReport table : report.tables()) {
      results.row(table.table(), table.inSync(), table.rowsCompared(), table.missingInDolt(), table.extraInDolt(),
          table.changed(), table.differingRows(),
          table.schemaDifferences().isEmpty() ? null : String.join("; ", table.schemaDifferences()));
    }
    return results.toResultSet();
  }
}
