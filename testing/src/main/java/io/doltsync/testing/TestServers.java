package io.doltsync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real servers the tests run against, as started by {@code scripts/*.sh}: MariaDB, PostgreSQL and
 * {@code dolt sql-server}, each on 127.0.0.1 and a port of its own (overridable through the same
 * environment variables the scripts read). A test that needs a server that is not running fails with a
 * message that says how to start it; it never skips. What the {@code create...} helpers (and any database named
 * by {@link #uniqueName}) create is dropped when the test JVM's JUnit session ends ({@link CreatedDatabases}).
 */
public final class TestServers {

  public static final String USER = "doltsync";
  public static final String PASSWORD = "doltsync";

  private TestServers() {}

  public static int mariadbPort() {
    return port("DOLTSYNC_MARIADB_PORT", 33306);
  }

  public static int postgresPort() {
    return port("DOLTSYNC_POSTGRES_PORT", 35432);
  }

  public static int doltPort() {
    return port("DOLTSYNC_DOLT_PORT", 33307);
  }

  public static int doltRemotePort() {
    return port("DOLTSYNC_DOLT_REMOTE_PORT", 33308);
  }

  public static int doltRemotesApiPort() {
    return port("DOLTSYNC_DOLT_REMOTESAPI_PORT", 33350);
  }

  /** JDBC URL of the shared MariaDB test database {@code doltsync_test}. */
  public static String mariadbUrl() {
    return "jdbc:mariadb://127.0.0.1:" + mariadbPort() + "/doltsync_test";
  }

  /** JDBC URL of another database on the MariaDB test server. */
  public static String mariadbUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + mariadbPort() + "/" + database;
  }

  /** JDBC URL of the shared PostgreSQL test database {@code doltsync_test}. */
  public static String postgresUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/doltsync_test";
  }

  /** JDBC URL of the Dolt test server, without a database. User {@code root}, empty password. */
  public static String doltServerUrl() {
    return "jdbc:mariadb://127.0.0.1:" + doltPort() + "/";
  }

  /** JDBC URL of the given database on the Dolt test server. */
  public static String doltUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + doltPort() + "/" + database;
  }

  /**
   * The same server and database through mysql-connector-j: {@code jdbc:mariadb:} becomes {@code jdbc:mysql:}.
   * Connector/J talks to MariaDB and to Dolt alike.
   */
  public static String asConnectorJ(String mariadbDriverUrl) {
    if (!mariadbDriverUrl.startsWith("jdbc:mariadb:")) {
      throw new IllegalArgumentException("not a mariadb-java-client URL: " + mariadbDriverUrl);
    }
    return "jdbc:mysql:" + mariadbDriverUrl.substring("jdbc:mariadb:".length());
  }

  public static Connection mariadb() throws SQLException {
    return connect(mariadbUrl(), USER, PASSWORD, "scripts/mariadb.sh start");
  }

  public static Connection postgres() throws SQLException {
    return connect(postgresUrl(), USER, PASSWORD, "scripts/postgres.sh start");
  }

  /** A connection to {@code doltsync_test} whose current schema is {@code schema}. */
  public static Connection postgres(String schema) throws SQLException {
    return connect(postgresUrl() + "?currentSchema=" + schema, USER, PASSWORD, "scripts/postgres.sh start");
  }

  /** A connection to another database on the MariaDB test server. */
  public static Connection mariadb(String database) throws SQLException {
    return connect(mariadbUrl(database), USER, PASSWORD, "scripts/mariadb.sh start");
  }

  /** Creates a fresh database on the MariaDB test server and returns its name. */
  public static String createMariadbDatabase(String prefix) throws SQLException {
    String name = uniqueName(prefix);
    try (Connection c = mariadb(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    return name;
  }

  /** Creates a fresh schema in the PostgreSQL test database and returns its name. */
  public static String createPostgresSchema(String prefix) throws SQLException {
    String name = uniqueName(prefix);
    try (Connection c = postgres(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    return name;
  }

  public static Connection dolt() throws SQLException {
    return connect(doltServerUrl(), "root", "", "scripts/dolt.sh start");
  }

  public static Connection dolt(String database) throws SQLException {
    return connect(doltUrl(database), "root", "", "scripts/dolt.sh start");
  }

  /**
   * A fresh, unique name for a test database, schema or table, e.g. {@code t_3f2a9c1b0e}. Databases and schemas
   * with such a name are dropped when the JVM's JUnit session ends ({@link CreatedDatabases}).
   */
  public static String uniqueName(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    CreatedDatabases.remember(name);
    return name;
  }

  /** Creates a fresh Dolt database on the test server and returns its name. */
  public static String createDoltDatabase(String prefix) throws SQLException {
    String name = uniqueName(prefix);
    try (Connection c = dolt(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** Drops a MariaDB test database, if it exists. */
  public static void dropMariadbDatabase(String name) throws SQLException {
    try (Connection c = mariadb(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }

  /** Drops a PostgreSQL test schema and everything in it, if it exists. */
  public static void dropPostgresSchema(String name) throws SQLException {
    try (Connection c = postgres(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
    }
  }

  /** Drops a database of the Dolt test server, if it exists. */
  public static void dropDoltDatabase(String name) throws SQLException {
    try (Connection c = dolt(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }

  /** JDBC URL of the given database on the second Dolt test server, the one serving remotesapi. */
  public static String doltRemoteUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + doltRemotePort() + "/" + database;
  }

  /** The remotesapi URL of a database on the second Dolt test server, for {@code CALL dolt_remote('add', ...)}. */
  public static String doltRemotesApiUrl(String database) {
    return "http://127.0.0.1:" + doltRemotesApiPort() + "/" + database;
  }

  /** A connection to the second Dolt test server (remotesapi), without a database. */
  public static Connection doltRemote() throws SQLException {
    return connect(doltRemoteUrl(""), "root", "", "scripts/dolt.sh start-remote");
  }

  /** A connection to a database on the second Dolt test server (remotesapi). */
  public static Connection doltRemote(String database) throws SQLException {
    return connect(doltRemoteUrl(database), "root", "", "scripts/dolt.sh start-remote");
  }

  /** Creates a fresh Dolt database on the second Dolt test server (remotesapi) and returns its name. */
  public static String createDoltRemoteDatabase(String prefix) throws SQLException {
    String name = uniqueName(prefix);
    try (Connection c = doltRemote(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** A fresh in-memory H2 URL, kept alive until the JVM exits. */
  public static String h2Url(String mode) {
    String url = "jdbc:h2:mem:" + uniqueName("h2") + ";DB_CLOSE_DELAY=-1";
    return mode == null ? url : url + ";MODE=" + mode;
  }

  private static Connection connect(String url, String user, String password, String howToStart)
      throws SQLException {
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      throw new SQLException("test server at " + url + " is not reachable (" + e.getMessage()
          + "); start it with `" + howToStart + "` (or `scripts/servers.sh start` for all)", e.getSQLState(), e);
    }
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
