package io.doltsync.internal.procedure;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code CALL DOLTSYNC_RESTORE('<revision>' [, '<table>' ...] [, '--dry-run'] [, '--skip-conflicts'])}:
 * {@link DoltSync#restore} of the named tables, or of every mirrored table.
 */
final class RestoreProcedure extends WritebackProcedure {

  @Override
  public String name() {
    return "doltsync_restore";
  }

  @Override
  public String signature() {
    return "DOLTSYNC_RESTORE('<revision>' [, '<table>' ...] [, '--dry-run'] [, '--skip-conflicts'])";
  }

  @Override
  WritebackReport run(ProcedureContext context, String first, List<String> rest, WritebackOptions options)
      throws SQLException {
    return DoltSync.restore(context.connection(), first, options.withTables(rest));
  }
}
