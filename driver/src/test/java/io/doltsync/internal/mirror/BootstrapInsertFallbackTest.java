package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.CapturedOutput;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bootstrap into a Dolt server that refuses {@code LOAD DATA LOCAL INFILE} (the shared test server), with
 * each MySQL-protocol driver as the Dolt client: the refusal is logged once, the rows are copied with INSERTs,
 * and Dolt ends up equal to the primary.
 */
class BootstrapInsertFallbackTest {

  private static final int ROWS = 300;

  @ParameterizedTest
  @EnumSource(MySqlClient.class)
  void aRefusedLoadDataFallsBackToInserts(MySqlClient client) throws Exception {
    String database = TestServers.createMariadbDatabase("bootins");
    String doltDatabase = DoltDatabases.newName("bootins");
    try {
      try (Connection primary = TestServers.mariadb(database); Statement s = primary.createStatement()) {
        s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), at DATETIME(6))");
        try (PreparedStatement insert = primary.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
          for (int id = 1; id <= ROWS; id++) {
            insert.setInt(1, id);
            insert.setString(2, id % 7 == 0 ? null : "item\t" + id + "\n'é");
            insert.setString(3, "2024-02-29 12:34:56." + String.format("%06d", id));
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
      String url = DoltSyncUrls.wrap(client.url(TestServers.mariadbUrl(database)), Map.of(
          "doltsync.target", client.url(TestServers.doltUrl(doltDatabase)),
          "doltsync.journalTable", "doltsync_journal_bootins"));
      try (CapturedOutput output = CapturedOutput.start();
          Connection c = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE items SET name = 'changed' WHERE id = 1");
        }
        c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        String dialect = client == MySqlClient.CONNECTOR_J ? "mysql" : "mariadb";
        String scheme = "jdbc:" + dialect + ":";
        assertThat(output.text())
            .as("jdbc:mysql: is MySqlDialect, jdbc:mariadb: MariaDbDialect")
            .contains("doltsync mirrors " + dialect + " into dolt sql-server at " + scheme)
            .contains("copying with batched INSERTs instead")
            .contains("bootstrap copied 1 tables (0 with LOAD DATA), " + ROWS + " rows");
      } finally {
        MirrorRegistry.closeAll();
      }
      String query = "SELECT id, name, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f') FROM items ORDER BY id";
      try (Connection primary = TestServers.mariadb(database); Connection dolt = TestServers.dolt(doltDatabase)) {
        List<List<String>> expected = rows(primary, query);
        assertThat(expected).hasSize(ROWS);
        assertThat(rows(dolt, query)).isEqualTo(expected);
      }
    } finally {
      DoltDatabases.drop(doltDatabase);
      try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
