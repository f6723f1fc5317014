package io.doltsync.internal.procedure;

import io.doltsync.lineage.LineageScope;
import io.doltsync.lineage.LineageUnit;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;

/**
 * {@code CALL DOLTSYNC_LINEAGE_BEGIN('flow', 'run', 'step' [, 'pinned commit'])}: opens a lineage scope on
 * the connection, as {@link io.doltsync.DoltSync#lineage} does; {@code DOLTSYNC_LINEAGE_END()} closes it.
 * Answers one row: flow, run_id, step, pinned_commit (the hash, or NULL).
 */
final class LineageBeginProcedure implements DoltSyncProcedure {

  @Override
  public String name() {
    return "doltsync_lineage_begin";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_LINEAGE_BEGIN(flow, run_id, step [, pinned_commit])";
  }

  @Override
  public ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException {
    if (arguments.size() < 3 || arguments.size() > 4) {
      throw new SQLSyntaxErrorException(signature() + " takes 3 or 4 arguments; got " + arguments.size(), "42000");
    }
    for (Object argument : arguments.subList(0, 3)) {
      if (!(argument instanceof String)) {
        throw new SQLSyntaxErrorException(signature() + " takes strings; got " + argument, "42000");
      }
    }
    Object pinned = arguments.size() == 4 ? arguments.get(3) : null;
    if (pinned != null && !(pinned instanceof String)) {
      throw new SQLSyntaxErrorException(signature() + " takes the pinned commit as a string; got " + pinned, "42000");
    }
    LineageUnit unit;
    try {
      unit = new LineageUnit((String) arguments.get(0), (String) arguments.get(1), (String) arguments.get(2), null,
          (String) pinned);
    } catch (IllegalArgumentException e) {
      throw new SQLDataException(e.getMessage(), "22023", e);
    }
    LineageScope scope = context.session().beginLineage(unit);
    return new ProcedureResults().text("flow").text("run_id").text("step").text("pinned_commit")
        .row(unit.flow(), unit.runId(), unit.step(), scope.pinnedCommit()).toResultSet();
  }
}
