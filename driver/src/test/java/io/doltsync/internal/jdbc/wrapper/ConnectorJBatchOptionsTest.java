package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mysql-connector-j options that change what a batch or an update returns: {@code rewriteBatchedStatements}
 * (batches become multi-row INSERTs or multi-statement texts, counts may become {@code SUCCESS_NO_INFO}) and
 * {@code useAffectedRows} (changed rather than matched rows). Generated batches run through raw Connector/J and
 * through doltsync (Connector/J to MariaDB and to Dolt) in databases of their own: the update counts and
 * generated keys must be the same, the rows too, and Dolt must hold exactly the doltsync database's rows.
 * (Connector/J's default options are covered by {@link ConnectorJBehaviorTest}.)
 */
class ConnectorJBatchOptionsTest {

  private static final String TABLE = "CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40), qty INT)";
  private static final String ROWS = "SELECT id, name, qty FROM items ORDER BY id";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rewriteBatchedStatements=true", "rewriteBatchedStatements=true&useAffectedRows=true"})
  void batchesGiveTheRawDriversCountsAndKeysAndMirrorExactly(String options) throws Exception {
    String rawDatabase = TestServers.createMariadbDatabase("cjb_raw");
    String syncedDatabase = TestServers.createMariadbDatabase("cjb_sync");
    String doltDatabase = DoltDatabases.newName("cjb");
    try {
      String suffix = options.isEmpty() ? "" : "?" + options;
      String rawUrl = TestServers.asConnectorJ(TestServers.mariadbUrl(rawDatabase)) + suffix;
      String syncedUrl = DoltSyncUrls.wrap(TestServers.asConnectorJ(TestServers.mariadbUrl(syncedDatabase)) + suffix,
          "doltsync.target", TestServers.asConnectorJ(TestServers.doltUrl(doltDatabase)));
      List<String> raw;
      List<String> synced;
      try (Connection c = DriverManager.getConnection(rawUrl, TestServers.USER, TestServers.PASSWORD)) {
        raw = run(c, new Random(options.hashCode()));
      }
      try (Connection c = DriverManager.getConnection(syncedUrl, TestServers.USER, TestServers.PASSWORD)) {
        synced = run(c, new Random(options.hashCode()));
        c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      }
      assertThat(synced).isEqualTo(raw);
      try (Connection primary = TestServers.mariadb(syncedDatabase); Connection dolt = TestServers.dolt(doltDatabase)) {
        List<String> expected = rows(primary);
        assertThat(expected).isNotEmpty();
        assertThat(rows(dolt)).isEqualTo(expected);
      }
    } finally {
      DoltDatabases.drop(doltDatabase);
      try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + rawDatabase);
        s.execute("DROP DATABASE IF EXISTS " + syncedDatabase);
      }
    }
  }

  /**
   * Creates the table, then runs generated prepared-insert batches (with generated keys) and statement batches
   * of inserts, updates (some to the value the row already has) and deletes, in transactions; returns what
   * the application saw.
   */
  private static List<String> run(Connection c, Random random) throws SQLException {
    List<String> seen = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      s.execute(TABLE);
    }
    c.setAutoCommit(false);
    for (int round = 0; round < 4; round++) {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (name, qty) VALUES (?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        for (int i = random.nextInt(6) + 1; i > 0; i--) {
          insert.setString(1, random.nextInt(5) == 0 ? null : "n" + random.nextInt(1000));
          insert.setInt(2, random.nextInt(4));
          insert.addBatch();
        }
        seen.add("prepared " + Arrays.toString(insert.executeBatch()));
        List<Long> keys = new ArrayList<>();
        try (ResultSet rs = insert.getGeneratedKeys()) {
          while (rs.next()) {
            keys.add(rs.getLong(1));
          }
        }
        seen.add("keys " + keys);
      }
      try (Statement batch = c.createStatement()) {
        for (int i = random.nextInt(6) + 1; i > 0; i--) {
          int id = random.nextInt(12) + 1;
          batch.addBatch(switch (random.nextInt(4)) {
            case 0 -> "INSERT INTO items (name, qty) VALUES ('s" + random.nextInt(100) + "', " + random.nextInt(4) + ")";
            case 1 -> "UPDATE items SET qty = " + random.nextInt(4) + " WHERE id <= " + id;
            case 2 -> "UPDATE items SET name = name WHERE id = " + id;
            default -> "DELETE FROM items WHERE id = " + id;
          });
        }
        seen.add("statement " + Arrays.toString(batch.executeBatch()));
      }
      try (Statement s = c.createStatement()) {
        seen.add("update " + s.executeUpdate("UPDATE items SET qty = qty WHERE qty = " + random.nextInt(4)));
      }
      c.commit();
    }
    c.setAutoCommit(true);
    seen.addAll(rows(c));
    return seen;
  }

  private static List<String> rows(Connection c) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ROWS)) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getInt(3));
      }
    }
    return rows;
  }
}
