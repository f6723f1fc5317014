package io.doltsync.internal.sync;

import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A fresh source database on a real test server (a MariaDB database or a PostgreSQL schema) written by plain
 * JDBC, and a fresh Dolt database to sync it into, with the options a test starts from. Everything created here
 * (and what a test hands to {@link #dropLater}) is remembered and dropped by {@link #dropCreated}, which every test
 * class that uses it calls after each test.
 */
record SyncSource(String kind, String url, String doltDatabase) {

  /** Where a created database lives. */
  enum Place { MARIADB, POSTGRES_SCHEMA, H2, DOLT, DOLT_REMOTE }

  private record Created(Place place, String name) {}

  private static final Deque<Created> CREATED = new ConcurrentLinkedDeque<>();

  static SyncSource mariadb() throws SQLException {
    String database = dropLater(Place.MARIADB, TestServers.createMariadbDatabase("sync"));
    return new SyncSource("mariadb", TestServers.mariadbUrl(database), newDoltDatabase());
  }

  static SyncSource postgres() throws SQLException {
    String schema = dropLater(Place.POSTGRES_SCHEMA, TestServers.createPostgresSchema("sync"));
    return new SyncSource("postgresql", TestServers.postgresUrl() + "?currentSchema=" + schema, newDoltDatabase());
  }

  /** An in-memory H2 database of this JVM (names in upper case, as H2 stores unquoted ones). */
  static SyncSource h2() throws SQLException {
    return new SyncSource("h2", dropLater(Place.H2, TestServers.h2Url(null)), newDoltDatabase());
  }

  /** An in-memory H2 database in Oracle mode (Oracle DDL and types; no Oracle server runs here). */
  static SyncSource h2Oracle() throws SQLException {
    return new SyncSource("h2-oracle", dropLater(Place.H2, TestServers.h2Url("Oracle")), newDoltDatabase());
  }

  private static String newDoltDatabase() throws SQLException {
    return dropLater(Place.DOLT, TestServers.createDoltDatabase("sync"));
  }

  /** Remembers a database (an H2 URL for {@link Place#H2}) for {@link #dropCreated}; returns the name. */
  static String dropLater(Place place, String name) {
    CREATED.push(new Created(place, name));
    return name;
  }

  /**
   * Drops every database and schema created since the last call, newest first (sooner than the test session's own
   * clean-up of every name {@code TestServers.uniqueName} handed out); the first failure is thrown after the others
   * were tried.
   */
  static void dropCreated() throws SQLException {
    if (io.doltsync.testing.CreatedDatabases.keep()) {
      CREATED.clear(); // -Ddoltsync.test.keepDatabases=true: the session's clean-up lists them instead
      return;
    }
    SQLException failure = null;
    for (Created created = CREATED.poll(); created != null; created = CREATED.poll()) {
      try {
        drop(created);
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void drop(Created created) throws SQLException {
    String name = created.name();
    switch (created.place()) {
      case MARIADB -> {
        try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
      }
      case POSTGRES_SCHEMA -> {
        try (Connection c = TestServers.postgres(); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
        }
      }
      case H2 -> {
        try (Connection c = DriverManager.getConnection(name, TestServers.USER, TestServers.PASSWORD);
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
      case DOLT -> {
        try (Connection c = TestServers.dolt(); Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
      }
      case DOLT_REMOTE -> {
        try (Connection c = TestServers.doltRemote(); Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
      }
    }
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
