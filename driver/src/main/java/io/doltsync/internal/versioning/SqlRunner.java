package io.doltsync.internal.versioning;

import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.internal.jdbc.wrapper.DoltStatementRunner;
import io.doltsync.internal.jdbc.wrapper.StatementSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Runs SQL on a Dolt connection with its values bound. */
final class SqlRunner {

  private SqlRunner() {
  }

  /**
   * Runs a text and hands back its first result. A result set keeps its statement open until the result
   * set is closed. The statement gets the application statement's {@code settings} and is cancellable
   * through them while it runs.
   */
  static DoltResult execute(Connection connection, SqlText text, StatementSettings settings) throws SQLException {
    return DoltStatementRunner.execute(connection, text.sql(), text.parameters(), settings);
  }

  /** Runs a statement whose results are not needed. */
  static void run(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = bind(connection.prepareStatement(sql), Arrays.asList(values))) {
      statement.execute();
    }
  }

  /** The first row of a statement's first result set, each column as a string; null when there is no row. */
  static List<String> firstRow(Connection connection, String sql, List<?> values) throws SQLException {
    try (PreparedStatement statement = bind(connection.prepareStatement(sql), values);
         ResultSet resultSet = statement.executeQuery()) {
      return resultSet.next() ? row(resultSet) : null;
    }
  }

  /** Every row of a statement's first result set, each column as a string. */
  static List<List<String>> rows(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = bind(connection.prepareStatement(sql), Arrays.asList(values));
         ResultSet resultSet = statement.executeQuery()) {
      List<List<String>> rows = new ArrayList<>();
      while (resultSet.next()) {
        rows.add(row(resultSet));
      }
      return rows;
    }
  }

  /** The first column of the first row, or null when there is no row. */
  static String value(Connection connection, String sql, Object... values) throws SQLException {
    List<String> row = firstRow(connection, sql, Arrays.asList(values));
    return row == null ? null : row.get(0);
  }

  /** {@code CALL <procedure>(?, ?, ...)} with one marker per argument. */
  static String call(String procedure, int arguments) {
    return "CALL " + procedure + "(" + String.join(", ", Collections.nCopies(arguments, "?")) + ")";
  }

  private static List<String> row(ResultSet resultSet) throws SQLException {
    int columns = resultSet.getMetaData().getColumnCount();
    List<String> row = new ArrayList<>(columns);
    for (int column = 1; column <= columns; column++) {
      row.add(resultSet.getString(column));
    }
    return row;
  }

  private static PreparedStatement bind(PreparedStatement statement, List<?> values) throws SQLException {
    try {
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
