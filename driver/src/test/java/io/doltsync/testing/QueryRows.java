package io.doltsync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads query results as lists of rows of strings, for comparing a primary with Dolt in tests. */
public final class QueryRows {

  private QueryRows() {}

  /** Every row of a query run on its own statement, each as its columns' {@code getString} values. */
  public static List<List<String>> rows(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(query)) {
      return of(resultSet);
    }
  }

  /** The remaining rows of a result set, each as its columns' {@code getString} values (the set is not closed). */
  public static List<List<String>> of(ResultSet resultSet) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    int columns = resultSet.getMetaData().getColumnCount();
    while (resultSet.next()) {
      List<String> row = new ArrayList<>(columns);
      for (int column = 1; column <= columns; column++) {
        row.add(resultSet.getString(column));
      }
      rows.add(row);
    }
    return rows;
  }
}
