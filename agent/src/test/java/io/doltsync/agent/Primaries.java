package io.doltsync.agent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The primaries the agent tests' applications write: an H2 file database, or a fresh MariaDB database. */
final class Primaries {

  static final String USER = "doltsync";
  static final String PASSWORD = "doltsync";

  private Primaries() {}

  static String h2(Path directory, String name) {
    return "jdbc:h2:" + directory.resolve(name).toAbsolutePath();
  }

  static int mariaDbPort() {
    String port = System.getenv("DOLTSYNC_MARIADB_PORT");
    return port == null || port.isBlank() ? 33306 : Integer.parseInt(port.trim());
  }

  /** Creates a MariaDB database (failing when the test server is not running) and returns its URL. */
  static String mariaDb(String name) throws SQLException {
    execute("jdbc:mariadb://127.0.0.1:" + mariaDbPort() + "/", "CREATE DATABASE `" + name + "`");
    return "jdbc:mariadb://127.0.0.1:" + mariaDbPort() + "/" + name;
  }

  static void dropMariaDb(String name) throws SQLException {
    execute("jdbc:mariadb://127.0.0.1:" + mariaDbPort() + "/", "DROP DATABASE IF EXISTS `" + name + "`");
  }

  /** The rows of a query on a primary, each as its columns joined by {@code |}. */
  static List<String> rows(String url, String user, String password, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static void execute(String url, String statement) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD); Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
