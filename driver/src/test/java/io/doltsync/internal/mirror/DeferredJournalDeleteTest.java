package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Transactions committed one at a time, each awaited in Dolt (the low-load case, where the applier applies
 * entries one by one): their journal deletes are shared, fewer than one delete statement per two entries, and
 * when the mirror stops the journal is empty, with one Dolt commit per transaction and Dolt equal to the
 * primary. MariaDB and PostgreSQL.
 */
class DeferredJournalDeleteTest {

  private static final int TRANSACTIONS = 24;
  private static final Pattern DELETES = Pattern.compile("JOURNAL_DELETE [0-9.]+ ms/entry, ([0-9.]+) round trips/entry");

  @Test
  void mariadb() throws Exception {
    String database = TestServers.createMariadbDatabase("defer");
    try {
      run(TestServers.mariadbUrl(database), () -> TestServers.mariadb(database));
    } finally {
      try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  @Test
  void postgresql() throws Exception {
    String schema = TestServers.createPostgresSchema("defer");
    try {
      run(TestServers.postgresUrl() + "?currentSchema=" + schema, () -> TestServers.postgres(schema));
    } finally {
      try (Connection c = TestServers.postgres(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @FunctionalInterface
  private interface Primary {
    Connection open() throws SQLException;
  }

  private void run(String primaryUrl, Primary primary) throws Exception {
    String dolt = DoltDatabases.newName("defer");
    String journal = TestServers.uniqueName("journal");
    try (Connection raw = primary.open(); Statement s = raw.createStatement()) {
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(40))");
    }
    try {
      long commitsBefore;
      String url = DoltSyncUrls.wrap(primaryUrl, Map.of("doltsync.target", TestServers.doltUrl(dolt),
          "doltsync.journalTable", journal));
      try (Connection c = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
        c.setAutoCommit(false);
        write(c, 0);
        commitsBefore = DoltDatabases.commitCount(dolt);
        for (int i = 1; i <= TRANSACTIONS; i++) {
          write(c, i);
        }
        String breakdown = (String) ManagementFactory.getPlatformMBeanServer().getAttribute(
            new ObjectName("io.doltsync:type=Mirror,name=" + ObjectName.quote(dolt + "/main")), "ApplyBreakdown");
        Matcher deletes = DELETES.matcher(breakdown);
        assertThat(deletes.find()).as(breakdown).isTrue();
        assertThat(Double.parseDouble(deletes.group(1))).as(breakdown).isLessThanOrEqualTo(0.5);
      } finally {
        MirrorRegistry.closeAll();
      }
      assertThat(DoltDatabases.commitCount(dolt)).isEqualTo(commitsBefore + TRANSACTIONS);
      try (Connection raw = primary.open(); Statement s = raw.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + journal)) {
        rs.next();
        assertThat(rs.getLong(1)).as("journal rows after the mirror stopped").isZero();
      }
      assertThat(rows(TestServers.dolt(dolt))).isEqualTo(rows(primary.open())).hasSize(TRANSACTIONS + 1);
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  private static void write(Connection c, int id) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, label) VALUES (?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, "item " + id);
      insert.executeUpdate();
    }
    c.commit();
    c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
  }

  private static Map<Integer, String> rows(Connection connection) throws SQLException {
    Map<Integer, String> rows = new TreeMap<>();
    try (connection; Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, label FROM items")) {
      while (rs.next()) {
        rows.put(rs.getInt(1), rs.getString(2));
      }
    }
    return rows;
  }
}
