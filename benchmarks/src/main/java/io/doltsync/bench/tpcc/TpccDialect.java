package io.doltsync.bench.tpcc;

import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Sql;
import io.doltsync.bench.core.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * What differs between the TPC-C primaries: BenchBase's DDL for the database, where a side's tables live
 * (a database of its own on MariaDB, a schema of its own on PostgreSQL) and the JDBC URL options that make
 * the loader's batches fast.
 */
enum TpccDialect {
  /** A database per side. */
  MARIADB("mariadb", "ddl-mariadb.sql") {
    @Override
    Endpoint create(Endpoint server, String name) throws SQLException {
      try (Connection connection = server.withDatabase("").connect()) {
        Sql.execute(connection, "CREATE DATABASE `" + name + "`");
      }
      return server.withDatabase(name);
    }

    @Override
    void drop(Endpoint server, String database) throws SQLException {
      try (Connection connection = server.withDatabase("").connect()) {
        Sql.execute(connection, "DROP DATABASE IF EXISTS `" + database + "`");
      }
    }

    @Override
    String loaderUrl(String url) {
      return Urls.withParameter(url, "useBulkStmts", "true");
    }
  },
  /** A schema per side in the configured database (the test servers' user may not create databases). */
  POSTGRESQL("postgresql", "ddl-postgresql.sql") {
    @Override
    Endpoint create(Endpoint server, String name) throws SQLException {
      try (Connection connection = server.connect()) {
        Sql.execute(connection, "CREATE SCHEMA \"" + name + "\"");
      }
      return new Endpoint(Urls.withParameter(server.url(), "currentSchema", name), server.user(), server.password());
    }

    @Override
    void drop(Endpoint server, String name) throws SQLException {
      try (Connection connection = server.connect()) {
        Sql.execute(connection, "DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
      }
    }

    @Override
    String loaderUrl(String url) {
      return Urls.withParameter(url, "reWriteBatchedInserts", "true");
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

  /** Creates a side's own database (or schema) named {@code name} on the server; returns how to reach it. */
  abstract Endpoint create(Endpoint server, String name) throws SQLException;

  /** Drops what {@link #create} made. */
  abstract void drop(Endpoint server, String name) throws SQLException;

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
