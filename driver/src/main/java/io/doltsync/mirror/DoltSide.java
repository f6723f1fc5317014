package io.doltsync.mirror;

import io.doltsync.dolt.DoltTarget;
import io.doltsync.jdbc.wrapper.DoltResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One connection's view of Dolt: a Dolt connection of its own (opened on first use, on the mirrored
 * branch), on which its Dolt-routed statements run.
 */
final class DoltSide implements AutoCloseable {

  private final DoltTarget target;
  private Connection connection;

  DoltSide(DoltTarget target) {
    this.target = target;
  }

  Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = target.connect();
    }
    return connection;
  }

  /**
   * Runs a Dolt-routed statement; for a prepared statement (already prepared on Dolt with its values
   * bound) returns {@code null} so the caller executes it.
   */
  DoltResult execute(String sql, List<Object> parameters, PreparedStatement prepared) throws SQLException {
    if (prepared != null) {
      return null;
    }
    Statement statement = connection().createStatement();
    try {
      if (statement.execute(sql)) {
        statement.closeOnCompletion();
        return DoltResult.of(statement.getResultSet());
      }
      long count = statement.getLargeUpdateCount();
      statement.close();
      return DoltResult.count(count);
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
