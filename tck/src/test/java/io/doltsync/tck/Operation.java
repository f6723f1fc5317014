package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One generated statement (or batch, or procedure call) of a transaction.
 *
 * @param description the SQL and its parameters, printed when a check fails
 */
record Operation(OpKind kind, String description, Action action) {

  /** What the operation does on a connection. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws SQLException;
  }

  void run(Connection connection) throws SQLException {
    action.run(connection);
  }

  @Override
  public String toString() {
    return kind + ": " + description;
  }
}
