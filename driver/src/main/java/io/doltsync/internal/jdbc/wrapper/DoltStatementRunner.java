package io.doltsync.internal.jdbc.wrapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs one SQL text on a Dolt connection for an application statement: binds its values, gives the Dolt
 * statement the application statement's {@link StatementSettings} (so it is cancellable while it runs) and
 * hands back the first result. A result set keeps its statement open until the result set is closed.
 */
public final class DoltStatementRunner {

  private DoltStatementRunner() {
  }

  /** Runs {@code sql} with {@code values} bound to its markers (a plain statement when there are none). */
  public static DoltResult execute(Connection connection, String sql, List<?> values, StatementSettings settings)
      throws SQLException {
    Statement statement = values.isEmpty() ? connection.createStatement() : connection.prepareStatement(sql);
    try {
      settings.applyTo(statement);
      boolean hasResultSet;
      if (statement instanceof PreparedStatement prepared) {
        for (int i = 0; i < values.size(); i++) {
          prepared.setObject(i + 1, values.get(i));
        }
        hasResultSet = prepared.execute();
      } else {
        hasResultSet = statement.execute(sql);
      }
      if (hasResultSet) {
        ResultSet resultSet = statement.getResultSet();
        statement.closeOnCompletion();
        return DoltResult.of(resultSet);
      }
      long updateCount = statement.getLargeUpdateCount();
      statement.close();
      return DoltResult.count(updateCount);
    } catch (SQLException e) {
      statement.close();
      throw settings.translate(e);
    } catch (RuntimeException e) {
      statement.close();
      throw e;
    } finally {
      settings.finished(statement);
    }
  }
}
