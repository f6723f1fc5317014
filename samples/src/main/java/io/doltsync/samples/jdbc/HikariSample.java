package io.doltsync.samples.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSyncConnection;
import io.doltsync.samples.demo.TablePrinter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * HikariCP pooling {@code jdbc:doltsync:} connections to MariaDB or PostgreSQL: the pool is configured with
 * the doltsync URL and driver class, and every transaction on a pooled connection is one Dolt commit.
 *
 * <p>Run it with {@code scripts/sample.sh hikari} for MariaDB, or {@code scripts/sample.sh hikari postgresql}.
 */
public final class HikariSample {

  private HikariSample() {}

  public static void main(String[] args) throws SQLException {
    boolean postgres = args.length > 0 && args[0].startsWith("postgres");
    try (HikariDataSource pool = pool(postgres ? DriverManagerSample.POSTGRESQL_URL : DriverManagerSample.MARIADB_URL,
        "doltsync", "doltsync")) {
      run(pool, System.out);
    }
  }

  /** A pool of doltsync connections: the URL and the driver class are all that change. */
  public static HikariDataSource pool(String doltSyncUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(doltSyncUrl);
    config.setDriverClassName("io.doltsync.jdbc.DoltSyncDriver");
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  public static void run(DataSource pool, PrintStream out) throws SQLException {
    inTransaction(pool, "Dana", "Set up the inventory", db -> {
      try (Statement sql = db.createStatement()) {
        sql.execute("DROP TABLE IF EXISTS inventory");
        sql.execute("CREATE TABLE inventory (sku VARCHAR(20) PRIMARY KEY, name VARCHAR(60) NOT NULL,"
            + " quantity INT NOT NULL)");
      }
    });
    inTransaction(pool, "Dana", "Receive bolts", db -> stock(db, "BOLT-M6", "M6 bolt", 500));
    inTransaction(pool, "Eli", "Receive nuts", db -> stock(db, "NUT-M6", "M6 nut", 800));
    inTransaction(pool, "Eli", "Count the bolts again", db -> {
      try (Statement sql = db.createStatement()) {
        sql.executeUpdate("UPDATE inventory SET quantity = 498 WHERE sku = 'BOLT-M6'");
      }
    });

    try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
      out.println("Dolt's log, read through a pooled connection:");
      new TablePrinter(out).print(sql.executeQuery("SELECT committer, SUBSTRING_INDEX(message, '\\n', 1) AS message"
          + " FROM dolt_log ORDER BY commit_order DESC"));
    }
  }

  /**
   * Runs {@code work} in one transaction on a pooled connection, as {@code author} with {@code message}, and
   * waits until it is a Dolt commit; returns the commit's hash.
   */
  static String inTransaction(DataSource pool, String author, String message, Work work) throws SQLException {
    try (Connection db = pool.getConnection()) {
      DoltSyncConnection doltsync = db.unwrap(DoltSyncConnection.class); // unwraps through Hikari's proxy
      db.setAutoCommit(false);
      doltsync.setCommitAuthor(author, author.toLowerCase() + "@warehouse.example");
      doltsync.setCommitMessage(message);
      try {
        work.run(db);
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      }
      return doltsync.awaitMirrored(Duration.ofSeconds(30));
    }
  }

  private static void stock(Connection db, String sku, String name, int quantity) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO inventory VALUES (?, ?, ?)")) {
      insert.setString(1, sku);
      insert.setString(2, name);
      insert.setInt(3, quantity);
      insert.executeUpdate();
    }
  }

  @FunctionalInterface
  interface Work {
    void run(Connection connection) throws SQLException;
  }
}
