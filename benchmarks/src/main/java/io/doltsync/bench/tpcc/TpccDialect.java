package io.doltsync.bench.tpcc;

import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * What differs between the TPC-C primaries: BenchBase's DDL for the database, how a database is created
 * and dropped, and the JDBC URL options that make the loader's batches fast.
 */
enum TpccDialect {
  MARIADB("mariadb", "ddl-mariadb.sql") {
    @Override
    void createDatabase(Endpoint server, String database) throws SQLException {
      try (Connection connection = server.withDatabase("").connect()) {
        Sql.execute(connection, "CREATE DATABASE `" + database + "`");
      }
    }

    @Override
    void dropDatabase(Endpoint server, String database) throws SQLException {
      try (Connection connection = server.withDatabase("").connect()) {
        Sql.execute(connection, "DROP DATABASE IF EXISTS `" + database + "`");
      }
    }

    @Override
    String loaderUrl(String url) {
      return url + (url.indexOf('?') < 0 ? "?" : "&") + "useBulkStmts=true";
    }
  },
  POSTGRESQL("postgresql", "ddl-postgresql.sql") {
    @Override
    void createDatabase(Endpoint server, String database) throws SQLException {
      try (Connection connection = server.withDatabase("postgres").connect()) {
        Sql.execute(connection, "CREATE DATABASE \"" + database + "\"");
      }
    }

    @Override
    void dropDatabase(Endpoint server, String database) throws SQLException {
      try (Connection connection = server.withDatabase("postgres").connect()) {
        Sql.execute(connection, "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
      }
    }

    @Override
    String loaderUrl(String url) {
      return url + (url.indexOf('?') < 0 ? "?" : "&") + "reWriteBatchedInserts=true";
    }
  };

  final String label;
  private final String ddlResource;

  TpccDialect(String label, String ddlResource) {
    this.label = label;
    this.ddlResource = ddlResource;
  }

  static TpccDialect named(String name) {
    return Arrays.stream(values()).filter(d -> d.label.equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no TPC-C dialect " + name + " (mariadb, postgresql)"));
  }

  abstract void createDatabase(Endpoint server, String database) throws SQLException;

  /** Drops the database, closing other sessions on it where the database needs that. */
  abstract void dropDatabase(Endpoint server, String database) throws SQLException;

  /** The URL the loader uses: the run's URL plus options for fast batched inserts. */
  String loaderUrl(String url) {
    return url;
  }

  /** The CREATE statements of the schema, in dependency order. */
  List<String> ddl() {
    try (InputStream in = TpccDialect.class.getResourceAsStream("/tpcc/" + ddlResource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /tpcc/" + ddlResource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String withoutComments = Arrays.stream(text.split("\n")).filter(line -> !line.trim().startsWith("--"))
          .reduce("", (a, b) -> a + b + "\n");
      return Arrays.stream(withoutComments.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
