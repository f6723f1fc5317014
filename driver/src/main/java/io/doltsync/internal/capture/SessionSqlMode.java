package io.doltsync.internal.capture;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Whether a MySQL or MariaDB session is in strict mode ({@code STRICT_TRANS_TABLES} or {@code STRICT_ALL_TABLES} in
 * {@code @@session.sql_mode}): a value out of a column's range in a single-row UPDATE is then an error, never a
 * value clipped with a warning. Read from the session once and again after anything that may have changed it
 * ({@link SessionVariable}): a text naming {@code sql_mode}, a stored procedure, a prepared text, a session reset.
 */
final class SessionSqlMode extends SessionVariable<Boolean> {

  private static final Logger LOG = DoltSyncLoggers.get(SessionSqlMode.class);

  SessionSqlMode(Connection connection) {
    super(connection, "sql_mode");
  }

  /** True when the session is known to be in strict mode. */
  boolean strict() {
    return value();
  }

  /** Whether a {@code sql_mode} value is strict. */
  static boolean isStrict(String sqlMode) {
    String mode = sqlMode == null ? "" : sqlMode.toUpperCase(Locale.ROOT);
    return mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES");
  }

  @Override
  Boolean read(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@session.sql_mode")) {
      return rs.next() && isStrict(rs.getString(1));
    } catch (SQLException e) {
      LOG.debug("could not read the session's sql_mode: amounts added by UPDATEs are read from the database", e);
      return false;
    }
  }
}
