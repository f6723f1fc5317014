package io.doltsync.bench.mirror;

import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** The Dolt sql-server of a run: fresh, uniquely named databases, dropped again when a suite is done. */
final class DoltServer {

  private static final String RUN = Long.toString(System.currentTimeMillis() % 10_000_000_000L, 36);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Endpoint server;

  DoltServer(Endpoint server) {
    this.server = server;
  }

  Endpoint endpoint() {
    return server;
  }

  /** A database name no earlier run used, e.g. {@code bench_rate_k3x9a1_4}. */
  static String uniqueName(String prefix) {
    return prefix + "_" + RUN + "_" + COUNTER.incrementAndGet();
  }

  /** A connection to one database of the server. */
  Connection connect(String database) throws SQLException {
    return server.withDatabase(database).connect();
  }

  /** A connection to one database of the server, with extra JDBC URL parameters ({@code key=value&...}). */
  Connection connect(String database, String parameters) throws SQLException {
    String url = server.withDatabase(database).url();
    return new Endpoint(url + (url.contains("?") ? "&" : "?") + parameters, server.user(), server.password()).connect();
  }

  void create(String database) throws SQLException {
    try (Connection connection = server.withDatabase("").connect()) {
      Sql.execute(connection, "CREATE DATABASE `" + database + "`");
    }
  }

  /** Drops the database if it exists; failures are ignored (clean-up only). */
  void dropQuietly(String database) {
    try (Connection connection = server.withDatabase("").connect()) {
      Sql.execute(connection, "DROP DATABASE IF EXISTS `" + database + "`");
    } catch (SQLException e) {
      System.err.println("[bench] could not drop Dolt database " + database + ": " + e.getMessage());
    }
  }

  /** The {@code CREATE TABLE} statement Dolt holds for a table. */
  String showCreateTable(String database, String table) throws SQLException {
    try (Connection connection = connect(database)) {
      return Sql.queryString(connection, "SHOW CREATE TABLE `" + table + "`", 2);
    }
  }
}
