package io.doltsync.tck;

import java.sql.Connection;
import java.sql.DriverManager;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The servers the suite runs against, as {@code scripts/servers.sh start} runs them: MariaDB, PostgreSQL
 * and {@code dolt sql-server}, each on 127.0.0.1 and its own port (overridable through the environment
 * variables the scripts read). A missing server fails the test with a message saying how to start it.
 */
final class Servers {

  static final String USER = "doltsync";
  static final String PASSWORD = "doltsync";
  static final String DOLT_USER = "root";

  private Servers() {}

  static int mariadbPort() {
    return port("DOLTSYNC_MARIADB_PORT", 33306);
  }

  static int postgresPort() {
    return port("DOLTSYNC_POSTGRES_PORT", 35432);
  }

  static int doltPort() {
    return port("DOLTSYNC_DOLT_PORT", 33307);
  }

  /** A MariaDB database on the test server. */
  static String mariadbUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + mariadbPort() + "/" + database;
  }

  /** The PostgreSQL test database, with {@code currentSchema} set when {@code schema} is not null. */
  static String postgresUrl(String schema) {
    String url = "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/doltsync_test";
    return schema == null ? url : url + "?currentSchema=" + schema;
  }

  /** A database on a Dolt server at {@code port} (the empty name for none). */
  static String doltUrl(int port, String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  /** A database on the shared Dolt test server. */
  static String doltUrl(String database) {
    return doltUrl(doltPort(), database);
  }

  static Connection connect(String url, String user, String password) throws SQLException {
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      throw new SQLException("server at " + url + " is not reachable (" + e.getMessage()
          + "); start the test servers with `scripts/servers.sh start`", e.getSQLState(), e);
    }
  }

  static Connection dolt(String database) throws SQLException {
    return connect(doltUrl(database), DOLT_USER, "");
  }

  /** A fresh, unique, lower-case name such as {@code tck_3f2a9c1b0d}. */
  static String uniqueName(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    if (REMEMBER != null) {
      try {
        REMEMBER.invoke(null, name);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return name;
  }

  /**
   * {@code io.doltsync.testing.CreatedDatabases.remember(String)} in doltsync's own build, where its test support
   * is on the class path and drops the named databases when the session ends; null in a third party's run of
   * the test-jar, which has no such jar (so this class must not link to it).
   */
  private static final Method REMEMBER = rememberMethod();

  private static Method rememberMethod() {
    try {
      return Class.forName("io.doltsync.testing.CreatedDatabases").getMethod("remember", String.class);
    } catch (ClassNotFoundException | NoSuchMethodException absent) {
      return null;
    }
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
