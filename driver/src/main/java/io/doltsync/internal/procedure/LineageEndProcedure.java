package io.doltsync.internal.procedure;

import io.doltsync.lineage.LineageRecord;
import io.doltsync.lineage.LineageScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;

/**
 * {@code CALL DOLTSYNC_LINEAGE_END([failed [, 'error']])}: closes the connection's innermost lineage scope,
 * as completed, or as failed when {@code failed} is true. Answers one row: flow, run_id, step, state, reads,
 * writes. Without an open scope it fails with SQLState 25000.
 */
final class LineageEndProcedure implements DoltSyncProcedure {

  @Override
  public String name() {
    return "doltsync_lineage_end";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_LINEAGE_END([failed [, error]])";
  }

  @Override
  public ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException {
    if (arguments.size() > 2) {
      throw new SQLSyntaxErrorException(signature() + " takes at most 2 arguments; got " + arguments.size(), "42000");
    }
    Object failed = arguments.isEmpty() ? Boolean.FALSE : arguments.get(0);
    if (!(failed instanceof Boolean) && !(failed instanceof Number)) {
      throw new SQLSyntaxErrorException(signature() + " takes failed as TRUE/FALSE; got " + failed, "42000");
    }
    boolean isFailed = failed instanceof Boolean flag ? flag : ((Number) failed).intValue() != 0;
    String error = arguments.size() == 2 && arguments.get(1) != null ? arguments.get(1).toString() : null;
    LineageScope scope = context.session().endLineage(isFailed, error);
    List<LineageRecord> records = scope.records();
    return new ProcedureResults().text("flow").text("run_id").text("step").text("state").number("reads")
        .number("writes")
        .row(scope.unit().flow(), scope.unit().runId(), scope.unit().step(), isFailed ? "failed" : "completed",
            records.stream().filter(r -> r.kind() == LineageRecord.Kind.READ).count(),
            records.stream().filter(r -> r.kind() == LineageRecord.Kind.WRITE).count())
        .toResultSet();
  }
}
