package io.doltsync.internal.mirror;

import static io.doltsync.testing.QueryRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.CapturedOutput;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.LocalInfileDolt;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bootstrap through Dolt's bulk path, end to end: a MariaDB database bootstrapped into a Dolt server that
 * allows {@code LOAD DATA LOCAL INFILE} (doltsync's embedded server) streams its keyed table with LOAD DATA,
 * inserts the rows LOAD DATA cannot carry (more than one stream's worth of fields spelling NULL), copies a
 * table with {@code bit} and {@code enum} columns with INSERTs, and Dolt ends up equal to the primary.
 */
class BootstrapLoadDataTest {

  private static final int ROWS = 4_000;
  private static final String[] PIECES = {"\t", "\n", "\\", "\\N", "NULL", "é", "😀", "'", "a", " "};

  /**
   * With mariadb-java-client the primary is {@code jdbc:mariadb:} and the target {@code embedded:}; with
   * mysql-connector-j both the primary and the target are {@code jdbc:mysql:} URLs (the same embedded server).
   */
  @ParameterizedTest
  @EnumSource(MySqlClient.class)
  void aBootstrapStreamsRowsWithLoadDataAndDoltEqualsThePrimary(MySqlClient client) throws Exception {
    String database = TestServers.createMariadbDatabase("bootload");
    try {
      try (Connection primary = TestServers.mariadb(database); Statement s = primary.createStatement()) {
        s.execute("CREATE TABLE texts (id BIGINT PRIMARY KEY, s VARCHAR(200), b VARBINARY(50), d DECIMAL(30,10),"
            + " ts DATETIME(6))");
        s.execute("CREATE TABLE flags (id INT PRIMARY KEY, f BIT(1), e ENUM('a', 'b', ''))");
        fill(primary, new Random(11));
      }
      String target = client == MySqlClient.CONNECTOR_J
          ? "jdbc:mysql://127.0.0.1:" + LocalInfileDolt.port() + "/" + database
          : "embedded:" + LocalInfileDolt.directory();
      // a jdbc:mysql: target names the embedded server's root password itself (embedded: reads it from the directory)
      Map<String, String> options = new java.util.LinkedHashMap<>(Map.of(
          "doltsync.target", target,
          "doltsync.journalTable", "doltsync_journal_bootload"));
      if (client == MySqlClient.CONNECTOR_J) {
        options.put("doltsync.targetPassword", LocalInfileDolt.password());
      }
      String url = DoltSyncUrls.wrap(client.url(TestServers.mariadbUrl(database)), options);
      try (CapturedOutput output = CapturedOutput.start();
          Connection c = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE flags SET e = 'a' WHERE id = 1");
        }
        c.commit();
        c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
        assertThat(output.text()).contains("bootstrap copied 2 tables (1 with LOAD DATA), " + (ROWS + 3) + " rows");
      } finally {
        MirrorRegistry.closeAll();
      }
      String texts = "SELECT id, s, HEX(b), CAST(d AS CHAR), DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f') FROM texts ORDER BY id";
      String flags = "SELECT id, f + 0, e FROM flags ORDER BY id";
      try (Connection primary = TestServers.mariadb(database);
          Connection dolt = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + LocalInfileDolt.port() + "/"
              + database, "root", LocalInfileDolt.password())) {
        assertSameRows(rows(dolt, texts), rows(primary, texts), ROWS);
        assertSameRows(rows(dolt, flags), rows(primary, flags), 3);
      }
    } finally {
      try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private static void fill(Connection primary, Random random) throws SQLException {
    try (PreparedStatement insert = primary.prepareStatement("INSERT INTO texts VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= ROWS; id++) {
        insert.setLong(1, id);
        insert.setString(2, random.nextInt(3) == 0 ? (random.nextBoolean() ? "NULL" : "null") : text(random));
        byte[] bytes = new byte[random.nextInt(50)];
        random.nextBytes(bytes);
        insert.setBytes(3, random.nextInt(10) == 0 ? null : bytes);
        insert.setBigDecimal(4, BigDecimal.valueOf(random.nextLong(), 10));
        insert.setObject(5, LocalDateTime.of(1000 + random.nextInt(9000), 1 + random.nextInt(12), 1 + random.nextInt(28),
            random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement s = primary.createStatement()) {
      s.execute("INSERT INTO flags VALUES (1, b'1', ''), (2, b'0', 'b'), (3, NULL, NULL)");
    }
  }

  private static String text(Random random) {
    if (random.nextInt(10) == 0) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(8); i > 0; i--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static void assertSameRows(List<List<String>> dolt, List<List<String>> primary, int count) {
    assertThat(dolt).hasSize(count);
    assertThat(primary).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(dolt.get(i)).as("row %d in Dolt", i + 1).isEqualTo(primary.get(i));
    }
  }
}
