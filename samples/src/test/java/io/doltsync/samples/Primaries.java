package io.doltsync.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB and PostgreSQL test servers ({@code scripts/servers.sh start}; user and password
 * {@code doltsync}, database {@code doltsync_test}), in which each test makes a database or schema of its own.
 * A test fails, never skips, when a server is not running.
 */
public enum Primaries {

  MARIADB("jdbc:mariadb://127.0.0.1:" + port("DOLTSYNC_MARIADB_PORT", 33306) + "/") {
    @Override
    public String create(String name) throws SQLException {
      execute(rawUrl + "doltsync_test", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
      return rawUrl.replace("jdbc:", "jdbc:doltsync:") + name + "?";
    }

    @Override
    public void drop(String name) throws SQLException {
      execute(rawUrl + "doltsync_test", "DROP DATABASE IF EXISTS " + name);
    }
  },

  POSTGRESQL("jdbc:postgresql://127.0.0.1:" + port("DOLTSYNC_POSTGRES_PORT", 35432) + "/doltsync_test") {
    @Override
    public String create(String name) throws SQLException {
      execute(rawUrl, "CREATE SCHEMA " + name);
      return rawUrl.replace("jdbc:", "jdbc:doltsync:") + "?currentSchema=" + name + "&";
    }

    @Override
    public void drop(String name) throws SQLException {
      execute(rawUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  };

  public static final String USER = "doltsync";
  public static final String PASSWORD = "doltsync";

  final String rawUrl;

  Primaries(String rawUrl) {
    this.rawUrl = rawUrl;
  }

  /**
   * Creates a database (MariaDB) or schema (PostgreSQL) named {@code name}; returns the {@code jdbc:doltsync:}
   * URL of it, ending in {@code ?} or {@code &} so that doltsync parameters can follow.
   */
  public abstract String create(String name) throws SQLException;

  public abstract void drop(String name) throws SQLException;

  static void execute(String url, String statement) throws SQLException {
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, USER, PASSWORD);
    } catch (SQLException e) {
      throw new SQLException("cannot reach the test server at " + url + " (start it with scripts/servers.sh start): "
          + e.getMessage(), e.getSQLState(), e);
    }
    try (connection; Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }

  private static int port(String variable, int port) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? port : Integer.parseInt(value.trim());
  }
}
