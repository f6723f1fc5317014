package io.doltsync.cli;

import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shared test servers (MariaDB 33306, Dolt 33307, or the ports in {@code DOLTSYNC_*_PORT}), as the
 * driver's tests use them: every test creates databases of its own with unique names.
 */
final class CliServers {

  static final String USER = "doltsync";
  static final String PASSWORD = "doltsync";

  private CliServers() {}

  static String uniqueName(String prefix) {
    return TestServers.uniqueName(prefix); // dropped when the JUnit session ends, with what else it names
  }

  static String mariadbUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port("DOLTSYNC_MARIADB_PORT", 33306) + "/" + database;
  }

  static String doltUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port("DOLTSYNC_DOLT_PORT", 33307) + "/" + database;
  }

  /** A fresh MariaDB database. */
  static String createMariadbDatabase(String prefix) throws SQLException {
    String name = uniqueName(prefix);
    try (Connection c = connect(mariadbUrl("doltsync_test"), USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    return name;
  }

  static void dropMariadbDatabase(String name) throws SQLException {
    try (Connection c = connect(mariadbUrl("doltsync_test"), USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
    }
  }

  static void dropDoltDatabase(String name) throws SQLException {
    try (Connection c = connect(doltUrl(""), "root", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }

  static Connection connect(String url, String user, String password) throws SQLException {
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      throw new SQLException("test server at " + url + " is not reachable (" + e.getMessage()
          + "); start it with `scripts/servers.sh start`", e.getSQLState(), e);
    }
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
