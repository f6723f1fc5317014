package io.doltsync.bench;

import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The servers of a run, from the options: the MariaDB and PostgreSQL primaries (their benchmark databases
 * created on first use, apart from the databases the tests use) and the Dolt sql-server.
 */
public final class Servers {

  private final BenchOptions options;

  public Servers(BenchOptions options) {
    this.options = options;
  }

  /** The MariaDB primary, its database created if missing. */
  public Endpoint mariadb() throws SQLException {
    Endpoint endpoint = endpoint("mariadb");
    try (Connection server = endpoint.withDatabase("").connect()) {
      Sql.execute(server, "CREATE DATABASE IF NOT EXISTS `" + endpoint.database() + "`");
    }
    return endpoint;
  }

  /** The PostgreSQL primary, its database created if missing. */
  public Endpoint postgresql() throws SQLException {
    Endpoint endpoint = endpoint("postgresql");
    try (Connection server = endpoint.withDatabase("postgres").connect()) {
      String name = endpoint.database().replace("'", "''");
      if (Sql.queryLong(server, "SELECT COUNT(*) FROM pg_database WHERE datname = '" + name + "'") == 0) {
        Sql.execute(server, "CREATE DATABASE \"" + endpoint.database() + "\"");
      }
    }
    return endpoint;
  }

  /** The Dolt sql-server, without a database. */
  public Endpoint dolt() {
    return endpoint("dolt");
  }

  private Endpoint endpoint(String server) {
    return new Endpoint(options.string(server + ".url"), options.string(server + ".user"),
        options.string(server + ".password"));
  }
}
