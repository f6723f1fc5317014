package io.doltsync.bench.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A uniquely named {@code items} table of {@code rows} generated rows (for the verify and restore cost
 * measurements) in a MariaDB database or a PostgreSQL schema of its own, the doltsync URL that mirrors it into a
 * Dolt database, and their removal on {@link #close()}. A measurement split into phases run by separate JVMs
 * reopens a table by name ({@link #existing}).
 */
public final class ItemsDatabase implements AutoCloseable {

  /** Where the table lives. */
  public enum Primary {
    /** A database of its own on the MariaDB server. */
    MARIADB,
    /** A schema of its own in the PostgreSQL database. */
    POSTGRESQL
  }

  private static final String USER = "doltsync";
  private static final String PASSWORD = "doltsync";

  private final Primary primary;
  private final String server;
  private final String dolt;
  private final String name;
  private final String doltName;

  private ItemsDatabase(Primary primary, String server, String dolt, String name, String doltName) {
    this.primary = primary;
    this.server = server;
    this.dolt = dolt;
    this.name = name;
    this.doltName = doltName;
  }

  /**
   * Creates a MariaDB database named {@code prefix_<random>} and fills its table; Dolt's database has the same name.
   *
   * @param mariadb the MariaDB server's URL, ending in {@code /}
   * @param dolt    the Dolt server's URL, ending in {@code /}
   */
  public static ItemsDatabase create(String prefix, String mariadb, String dolt, long rows) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    return create(Primary.MARIADB, mariadb, dolt, name, name, rows);
  }

  /**
   * Creates the database (MariaDB) or schema (PostgreSQL) {@code name} and fills its table.
   *
   * @param server   MariaDB: the server's URL ending in {@code /}; PostgreSQL: the database's URL, no parameters
   * @param dolt     the Dolt server's URL, ending in {@code /}
   * @param doltName the Dolt database that mirrors it
   */
  public static ItemsDatabase create(Primary primary, String server, String dolt, String name, String doltName,
      long rows) throws SQLException {
    ItemsDatabase database = new ItemsDatabase(primary, server, dolt, name, doltName);
    if (primary == Primary.MARIADB) {
      try (Connection connection = DriverManager.getConnection(server, USER, PASSWORD)) {
        Sql.execute(connection, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
      }
    } else {
      try (Connection connection = DriverManager.getConnection(server, USER, PASSWORD)) {
        Sql.execute(connection, "CREATE SCHEMA " + name);
      }
    }
    try (Connection plain = database.plain()) {
      if (primary == Primary.MARIADB) {
        Sql.execute(plain, "CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, label VARCHAR(40),"
            + " amount DECIMAL(12,2), at DATETIME(6), flag TINYINT(1))",
            "INSERT INTO items SELECT seq, seq % 1000, CONCAT('label-', seq), seq / 100,"
            + " TIMESTAMP('2024-01-01') + INTERVAL seq SECOND, seq % 2 FROM seq_1_to_" + rows);
      } else {
        Sql.execute(plain, "CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, label VARCHAR(40),"
            + " amount NUMERIC(12,2), at TIMESTAMP(6), flag BOOLEAN)",
            "INSERT INTO items SELECT g, g % 1000, 'label-' || g, g / 100.0,"
            + " TIMESTAMP '2024-01-01' + g * INTERVAL '1 second', g % 2 = 1 FROM generate_series(1, " + rows + ") g");
      }
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** A table created earlier (by another JVM) with {@link #create(Primary, String, String, String, String, long)}. */
  public static ItemsDatabase existing(Primary primary, String server, String dolt, String name, String doltName) {
    return new ItemsDatabase(primary, server, dolt, name, doltName);
  }

  /** The primary's URL of the table's database or schema, without doltsync. */
  public String plainUrl() {
    return primary == Primary.MARIADB ? server + name : server + "?currentSchema=" + name;
  }

  /** A connection to the table's database or schema without doltsync. */
  public Connection plain() throws SQLException {
    return DriverManager.getConnection(plainUrl(), USER, PASSWORD);
  }

  /** The Dolt database's URL. */
  public String doltUrl() {
    return dolt + doltName;
  }

  /** The doltsync URL that mirrors the table into {@link #doltUrl()}, plus {@code parameters} ({@code a=b&c=d}). */
  public String doltsyncUrl(String parameters) {
    String plain = plainUrl();
    return "jdbc:doltsync:" + plain.substring("jdbc:".length()) + (plain.contains("?") ? "&" : "?")
        + "doltsync.target=" + doltUrl() + "&" + parameters;
  }

  /** The user and password of the primary. */
  public Properties credentials() {
    Properties credentials = new Properties();
    credentials.setProperty("user", USER);
    credentials.setProperty("password", PASSWORD);
    return credentials;
  }

  /** Waits until Dolt's {@code items} holds {@code rows} rows (the bootstrap has copied it); returns a connection to Dolt. */
  public Connection awaitDoltRows(long rows) throws SQLException, InterruptedException {
    while (true) {
      Connection connection = DriverManager.getConnection(doltUrl(), "root", "");
      try {
        if (Sql.queryLong(connection, "SELECT COUNT(*) FROM items") == rows) {
          return connection;
        }
      } catch (SQLException notYet) {
        // the bootstrap has not created the table yet
      }
      connection.close();
      Thread.sleep(1000);
    }
  }

  /** Drops the primary's database or schema and the Dolt database (stop the mirrors first). */
  @Override
  public void close() throws SQLException {
    try (Connection connection = DriverManager.getConnection(server, USER, PASSWORD)) {
      Sql.execute(connection, primary == Primary.MARIADB ? "DROP DATABASE IF EXISTS " + name
          : "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
    try (Connection connection = DriverManager.getConnection(dolt, "root", "")) {
      Sql.execute(connection, "DROP DATABASE IF EXISTS " + doltName);
    }
  }
}
