package io.doltsync.bench.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A MariaDB database of a uniquely named {@code items} table of {@code rows} generated rows (for the verify and
 * restore cost measurements), the doltsync URL that mirrors it into the Dolt database of the same name, and their
 * removal on {@link #close()}.
 */
public final class ItemsDatabase implements AutoCloseable {

  private static final String USER = "doltsync";
  private static final String PASSWORD = "doltsync";

  private final String mariadb;
  private final String dolt;
  private final String name;

  private ItemsDatabase(String mariadb, String dolt, String name) {
    this.mariadb = mariadb;
    this.dolt = dolt;
    this.name = name;
  }

  /**
   * Creates the database and fills its table.
   *
   * @param mariadb the MariaDB server's URL, ending in {@code /}
   * @param dolt    the Dolt server's URL, ending in {@code /}
   */
  public static ItemsDatabase create(String prefix, String mariadb, String dolt, long rows) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    try (Connection server = DriverManager.getConnection(mariadb, USER, PASSWORD)) {
      Sql.execute(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    ItemsDatabase database = new ItemsDatabase(mariadb, dolt, name);
    try (Connection plain = database.plain()) {
      Sql.execute(plain, "CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, label VARCHAR(40),"
          + " amount DECIMAL(12,2), at DATETIME(6), flag TINYINT(1))",
          "INSERT INTO items SELECT seq, seq % 1000, CONCAT('label-', seq), seq / 100,"
          + " TIMESTAMP('2024-01-01') + INTERVAL seq SECOND, seq % 2 FROM seq_1_to_" + rows);
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** A connection to the MariaDB database without doltsync. */
  public Connection plain() throws SQLException {
    return DriverManager.getConnection(mariadb + name, USER, PASSWORD);
  }

  /** The Dolt database's URL. */
  public String doltUrl() {
    return dolt + name;
  }

  /** The doltsync URL that mirrors the database into {@link #doltUrl()}, plus {@code parameters} ({@code a=b&c=d}). */
  public String doltsyncUrl(String parameters) {
    return "jdbc:doltsync:" + (mariadb + name).substring("jdbc:".length()) + "?doltsync.target=" + doltUrl() + "&"
        + parameters;
  }

  /** The user and password of the MariaDB database. */
  public Properties credentials() {
    Properties credentials = new Properties();
    credentials.setProperty("user", USER);
    credentials.setProperty("password", PASSWORD);
    return credentials;
  }

  /** Drops the MariaDB database and the Dolt one (stop the mirrors first). */
  @Override
  public void close() throws SQLException {
    try (Connection server = DriverManager.getConnection(mariadb, USER, PASSWORD)) {
      Sql.execute(server, "DROP DATABASE IF EXISTS " + name);
    }
    try (Connection server = DriverManager.getConnection(dolt, "root", "")) {
      Sql.execute(server, "DROP DATABASE IF EXISTS " + name);
    }
  }
}
