package io.doltsync.internal.procedure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One of doltsync's own procedures, called as {@code CALL DOLTSYNC_<NAME>(...)} through a doltsync connection.
 * Implementations are registered in {@link DoltSyncProcedures}; each answers with a result set.
 */
public interface DoltSyncProcedure {

  /** The procedure's name in lower case, starting with {@link DoltSyncCall#PREFIX}. */
  String name();

  /** One line for error messages and documentation, e.g. {@code DOLTSYNC_VERIFY([table, ...])}. */
  String signature();

  /**
   * Runs the procedure.
   *
   * @param context   the connection it was called through
   * @param arguments the argument values, markers replaced by their bound values
   */
  ResultSet call(ProcedureContext context, List<Object> arguments) throws SQLException;
}
