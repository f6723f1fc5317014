package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The driver statement a plain {@code Statement}'s MariaDB {@code INSERT} or {@code DELETE} text runs on when the
 * capture reads the rows it changed from an appended {@code RETURNING} list
 * ({@link io.doltsync.internal.capture.ExtendedReturning#hidden()}): created lazily, scroll-insensitive (the capture
 * counts the rows and reads them), on the same connection as the application's driver statement, which keeps every
 * other execution. The application is answered with the rows' count as an update count and the twin's warnings.
 */
final class TextReturningTwin {

  private final ConnectionWrapper connection;
  private Statement statement;
  private boolean ranLast;

  TextReturningTwin(ConnectionWrapper connection) {
    this.connection = connection;
  }

  /**
   * The twin with the application statement's query timeout and escape processing, marked the last to run; its
   * warnings of an earlier run cleared.
   */
  Statement prepared(int queryTimeout, boolean escapeProcessing) throws SQLException {
    if (statement == null) {
      statement = connection.clientSide().createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
          ResultSet.CONCUR_READ_ONLY);
    }
    statement.setQueryTimeout(queryTimeout);
    statement.setEscapeProcessing(escapeProcessing);
    ranLast = true;
    return statement;
  }

  /** The returned rows of the twin's last execution, of which the last {@code appended} columns are the capture's. */
  AppendedRows rows(int appended) throws SQLException {
    return new AppendedRows(statement.getResultSet(), appended);
  }

  /** Closes the result of the last execution (the application never sees it). */
  void closeResult() throws SQLException {
    ResultSet rs = statement == null ? null : statement.getResultSet();
    if (rs != null) {
      rs.close();
    }
  }

  /** An execution of the application's own driver statement follows (or began). */
  void notLast() {
    ranLast = false;
  }

  /** The twin's driver statement when it ran the last execution, else {@code null}. */
  Statement ranLast() {
    return ranLast ? statement : null;
  }

  void clearWarnings() throws SQLException {
    if (statement != null) {
      statement.clearWarnings();
    }
  }

  void close() throws SQLException {
    if (statement != null) {
      statement.close();
      statement = null;
    }
  }
}
