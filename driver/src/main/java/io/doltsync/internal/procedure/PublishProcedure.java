package io.doltsync.internal.procedure;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.SQLException;
import java.util.List;

/** {@code CALL DOLTSYNC_PUBLISH('<branch>' [, '--dry-run'] [, '--skip-conflicts'])}: {@link DoltSync#publish}. */
final class PublishProcedure extends WritebackProcedure {

  @Override
  public String name() {
    return "doltsync_publish";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_PUBLISH('<branch>' [, '--dry-run'] [, '--skip-conflicts'])";
  }

  @Override
  WritebackReport run(ProcedureContext context, String first, List<String> rest, WritebackOptions options)
      throws SQLException {
    noMoreArguments(rest);
    return DoltSync.publish(context.connection(), first, options);
  }
}
