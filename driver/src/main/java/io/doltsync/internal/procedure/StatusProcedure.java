package io.doltsync.internal.procedure;

import io.doltsync.DoltSync;
import io.doltsync.StatusReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;

/** {@code CALL DOLTSYNC_STATUS()}: {@link DoltSync#status} as one row. */
final class StatusProcedure implements DoltSyncProcedure {

  @Override
  public String name() {
    return "doltsync_status";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_STATUS()";
  }

  @Override
  public ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException {
    if (!arguments.isEmpty()) {
      throw new SQLSyntaxErrorException(signature() + " takes no arguments", "42000");
    }
    StatusReport status = DoltSync.status(context.connection());
    return new ProcedureResults().text("database_name").text("branch").flag("healthy").number("queue_depth")
        .number("lag_ms").number("quarantined").text("diverged_tables").text("last_error").flag("applier_active")
        .row(status.database(), status.branch(), status.healthy(), status.queueDepth(),
            status.lag() == null ? null : status.lag().toMillis(), status.quarantined(),
            String.join(",", status.divergedTables()), status.lastError(), status.applierActive())
        .toResultSet();
  }
}
