package io.doltsync.internal.procedure;

import io.doltsync.DoltSync;
import io.doltsync.ReconcileReport;
import io.doltsync.VerifyProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code CALL DOLTSYNC_RECONCILE([table, ...])}: verifies the named tables (all mirrored tables without
 * arguments) and makes Dolt equal to the primary where they differ, as one Dolt commit
 * ({@link DoltSync#reconcile}); one row per table changed, each with that commit's hash.
 */
final class ReconcileProcedure implements DoltSyncProcedure {

  @Override
  public String name() {
    return "doltsync_reconcile";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_RECONCILE([table, ...])";
  }

  @Override
  public ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException {
    List<String> tables = DoltSyncProcedures.names(this, arguments);
    ReconcileReport report = DoltSync.reconcile(context.connection(),
        DoltSync.verify(context.connection(), tables, VerifyProgress.NONE));
    ProcedureResults results = new ProcedureResults().text("table_name").number("inserted").number("updated")
        .number("deleted").flag("whole_table").text("commit_hash");
    for (ReconcileReport.TableChange change : report.tables()) {
      results.row(change.table(), change.inserted(), change.updated(), change.deleted(), change.wholeTable(),
          report.commitHash());
    }
    return results.toResultSet();
  }
}
