package io.doltsync.internal.sync;

import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fresh source database on a real test server (a MariaDB database or a PostgreSQL schema) written by plain
 * JDBC, and a fresh Dolt database to sync it into, with the options a test starts from.
 */
record SyncSource(String kind, String url, String doltDatabase) {

  static SyncSource mariadb() throws SQLException {
    String database = TestServers.createMariadbDatabase("sync");
    return new SyncSource("mariadb", TestServers.mariadbUrl(database), TestServers.createDoltDatabase("sync"));
  }

  static SyncSource postgres() throws SQLException {
    String schema = TestServers.createPostgresSchema("sync");
    return new SyncSource("postgresql", TestServers.postgresUrl() + "?currentSchema=" + schema,
        TestServers.createDoltDatabase("sync"));
  }

  /** An in-memory H2 database of this JVM (names in upper case, as H2 stores unquoted ones). */
  static SyncSource h2() throws SQLException {
    return new SyncSource("h2", TestServers.h2Url(null), TestServers.createDoltDatabase("sync"));
  }

  /** An in-memory H2 database in Oracle mode (Oracle DDL and types; no Oracle server runs here). */
  static SyncSource h2Oracle() throws SQLException {
    return new SyncSource("h2-oracle", TestServers.h2Url("Oracle"), TestServers.createDoltDatabase("sync"));
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
  }

  Connection dolt() throws SQLException {
    return TestServers.dolt(doltDatabase);
  }

  String doltUrl() {
    return TestServers.doltUrl(doltDatabase);
  }

  /** Snapshot mode over every table, a commit author of the test's. */
  SyncOptions options() {
    return new SyncOptions(url, TestServers.USER, TestServers.PASSWORD, doltUrl(), "root", "", "main",
        List.of("*"), List.of(), Map.of(), SyncMode.SNAPSHOT, Map.of(), Map.of(), Map.of(), Set.of(),
        Duration.ZERO, Duration.ZERO, null, "Sync Test <sync@test.example>", 100);
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Rows as text lines ({@code a|b|c}), in the query's order. */
  static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  List<String> sourceRows(String sql) throws SQLException {
    try (Connection c = connect()) {
      return rows(c, sql);
    }
  }

  List<String> doltRows(String sql) throws SQLException {
    try (Connection c = dolt()) {
      return rows(c, sql);
    }
  }

  long doltCommits() throws SQLException {
    return Long.parseLong(doltRows("SELECT COUNT(*) FROM dolt_log").get(0));
  }

  @Override
  public String toString() {
    return kind;
  }
}
