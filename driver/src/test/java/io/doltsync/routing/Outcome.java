package io.doltsync.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What one statement did on one connection: its error's SQLState, or its result set (labels and rows, rows
 * sorted so that unordered queries compare), or its update count.
 */
record Outcome(String sqlState, List<String> labels, List<List<String>> rows, long updateCount) {

  boolean failed() {
    return sqlState != null;
  }

  static Outcome of(Connection connection, RoutingStatements.Probe probe) {
    try {
      if (probe.parameters().isEmpty()) {
        try (Statement statement = connection.createStatement()) {
          return read(statement, statement.execute(probe.sql()));
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(probe.sql())) {
        for (int i = 0; i < probe.parameters().size(); i++) {
          statement.setObject(i + 1, probe.parameters().get(i));
        }
        return read(statement, statement.execute());
      }
    } catch (SQLException e) {
      return new Outcome(e.getSQLState() == null ? e.getClass().getSimpleName() : e.getSQLState(), List.of(),
          List.of(), -1);
    }
  }

  private static Outcome read(Statement statement, boolean hasResultSet) throws SQLException {
    if (!hasResultSet) {
      return new Outcome(null, List.of(), List.of(), statement.getLargeUpdateCount());
    }
    try (ResultSet resultSet = statement.getResultSet()) {
      ResultSetMetaData metaData = resultSet.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int column = 1; column <= metaData.getColumnCount(); column++) {
        labels.add(metaData.getColumnLabel(column).toLowerCase(Locale.ROOT));
      }
      List<List<String>> rows = new ArrayList<>();
      while (resultSet.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= labels.size(); column++) {
          row.add(resultSet.getString(column));
        }
        rows.add(row);
      }
      rows.sort(Comparator.comparing(Object::toString));
      return new Outcome(null, labels, rows, -1);
    }
  }
}
