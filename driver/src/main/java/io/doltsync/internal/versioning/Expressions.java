package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates SQL expressions on the session's Dolt connection, so that everything Dolt can evaluate works
 * as an argument or value: literals, {@code ?} values, user variables, {@code @@<db>_head},
 * {@code HASHOF('main')}, {@code CONCAT(...)}.
 */
final class Expressions {

  private Expressions() {
  }

  /** The values of the expressions, as strings ({@code null} for SQL NULL), in one round trip. */
  static List<String> evaluate(Connection connection, List<SqlText> expressions) throws SQLException {
    if (expressions.isEmpty()) {
      return List.of();
    }
    StringBuilder select = new StringBuilder("SELECT ");
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      SqlText expression = expressions.get(i);
      if (expression.size() == 0) {
        throw new SQLException("an expression is missing", "42000");
      }
      select.append(i == 0 ? "" : ", ").append(expression.sql());
      values.addAll(expression.parameters());
    }
    return SqlRunner.firstRow(connection, select.toString(), values);
  }

  /** The value of one expression. */
  static String evaluate(Connection connection, SqlText expression) throws SQLException {
    return evaluate(connection, List.of(expression)).get(0);
  }
}
