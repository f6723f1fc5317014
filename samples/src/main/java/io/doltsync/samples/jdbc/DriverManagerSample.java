package io.doltsync.samples.jdbc;

import io.doltsync.DoltSyncConnection;
import io.doltsync.samples.demo.TablePrinter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Plain JDBC: {@link DriverManager} with a {@code jdbc:doltsync:} URL in front of MariaDB or PostgreSQL, each
 * mirrored into an embedded Dolt the driver starts itself. Every committed transaction becomes one Dolt
 * commit with the author and message set through {@link DoltSyncConnection}; a rolled-back one leaves no
 * trace; Dolt's log and an {@code AS OF} query are read through the same connection.
 *
 * <p>Run it with {@code scripts/sample.sh jdbc} for MariaDB, or {@code scripts/sample.sh jdbc postgresql} (which
 * install Dolt if needed, start the database servers, build doltsync and run this class in the {@code samples}
 * directory).
 */
public final class DriverManagerSample {

  /** MariaDB's own URL is {@code jdbc:mariadb://127.0.0.1:33306/doltsync_test}. */
  static final String MARIADB_URL = "jdbc:doltsync:mariadb://127.0.0.1:33306/doltsync_test"
      + "?doltsync.target=embedded:target/inventory-mariadb/dolt&doltsync.include=inventory";

  /** PostgreSQL's own URL is {@code jdbc:postgresql://127.0.0.1:35432/doltsync_test}. */
  static final String POSTGRESQL_URL = "jdbc:doltsync:postgresql://127.0.0.1:35432/doltsync_test"
      + "?doltsync.target=embedded:target/inventory-postgresql/dolt&doltsync.include=inventory";

  private DriverManagerSample() {}

  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 && args[0].startsWith("postgres") ? POSTGRESQL_URL : MARIADB_URL;
    run(url, "doltsync", "doltsync", System.out);
  }

  public static void run(String url, String user, String password, PrintStream out) throws SQLException {
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      DoltSyncConnection doltsync = db.unwrap(DoltSyncConnection.class);

      try (Statement sql = db.createStatement()) { // auto-commit: each statement is a transaction of its own
        sql.execute("DROP TABLE IF EXISTS inventory");
        sql.execute("CREATE TABLE inventory (sku VARCHAR(20) PRIMARY KEY, name VARCHAR(60) NOT NULL,"
            + " quantity INT NOT NULL)");
      }
      doltsync.awaitMirrored(Duration.ofSeconds(30));

      db.setAutoCommit(false);
      doltsync.setCommitAuthor("Dana", "dana@warehouse.example");
      doltsync.setCommitMessage("Receive the first delivery");
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO inventory VALUES (?, ?, ?)")) {
        add(insert, "BOLT-M6", "M6 bolt", 500);
        add(insert, "NUT-M6", "M6 nut", 800);
        add(insert, "WASHER-6", "6 mm washer", 300);
        insert.executeBatch();
      }
      db.commit();
      String delivery = doltsync.awaitMirrored(Duration.ofSeconds(30));

      doltsync.setCommitAuthor("Eli", "eli@warehouse.example");
      doltsync.setCommitMessage("Ship order 1001");
      try (Statement sql = db.createStatement()) {
        sql.executeUpdate("UPDATE inventory SET quantity = quantity - 40 WHERE sku IN ('BOLT-M6', 'NUT-M6')");
      }
      db.commit();

      try (Statement sql = db.createStatement()) { // a mistake, rolled back: it never reaches Dolt
        sql.executeUpdate("DELETE FROM inventory");
      }
      db.rollback();

      TablePrinter printer = new TablePrinter(out);
      try (Statement sql = db.createStatement()) {
        out.println("Dolt's log, read through the same connection (which waits for its own commits):");
        printer.print(sql.executeQuery("SELECT committer, email, SUBSTRING_INDEX(message, '\\n', 1) AS message"
            + " FROM dolt_log ORDER BY commit_order DESC"));
        out.println("The inventory right after the delivery (AS OF its commit):");
        printer.print(sql.executeQuery("SELECT sku, quantity FROM inventory AS OF '" + delivery + "' ORDER BY sku"));
      }
    }
  }

  private static void add(PreparedStatement insert, String sku, String name, int quantity) throws SQLException {
    insert.setString(1, sku);
    insert.setString(2, name);
    insert.setInt(3, quantity);
    insert.addBatch();
  }
}
