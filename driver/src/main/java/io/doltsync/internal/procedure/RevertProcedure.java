package io.doltsync.internal.procedure;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.SQLException;
import java.util.List;

/** {@code CALL DOLTSYNC_REVERT('<revision>' [, '--dry-run'] [, '--skip-conflicts'])}: {@link DoltSync#revert}. */
final class RevertProcedure extends WritebackProcedure {

  @Override
  public String name() {
    return "doltsync_revert";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_REVERT('<commit>' | '<from>..<to>' [, '--dry-run'] [, '--skip-conflicts'])";
  }

  @Override
  WritebackReport run(ProcedureContext context, String first, List<String> rest, WritebackOptions options)
      throws SQLException {
    noMoreArguments(rest);
    return DoltSync.revert(context.connection(), first, options);
  }
}
