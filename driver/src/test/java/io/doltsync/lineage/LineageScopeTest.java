package io.doltsync.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.mirror.CommitTrailer;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lineage scopes on a MariaDB primary mirrored into the Dolt test server: what a step read and wrote is
 * recorded with the Dolt commits that hold it, checked against {@code AS OF} those commits; the commits a
 * scope makes carry its run and step; pinned scopes read one commit; replays read a past step's inputs;
 * nested and concurrent scopes stay apart. One primary and one Dolt database for the class; each test has
 * flows of its own.
 */
class LineageScopeTest {

  private static String primary;
  private static String dolt;
  private static String url;

  @BeforeAll
  static void databases() throws SQLException {
    primary = TestServers.createMariadbDatabase("lin");
    dolt = DoltDatabases.newName("lin");
    url = DoltSyncUrls.mirroring(TestServers.mariadbUrl(primary), dolt);
    try (Connection c = open(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, price DECIMAL(10,2))");
      s.execute("CREATE TABLE stock (id INT PRIMARY KEY, n INT)");
      s.execute("CREATE TABLE totals (id INT PRIMARY KEY, value DECIMAL(12,2))");
      s.execute("INSERT INTO items VALUES (1, 1.50), (2, 2.00)");
      s.execute("INSERT INTO stock VALUES (1, 10), (2, 5)");
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    DoltDatabases.drop(dolt);
    try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + primary);
    }
  }

  private static Connection open() throws SQLException {
    return DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
  }

  @Test
  void readsAndWritesAreRecordedWithTheCommitsThatHoldThem() throws Exception {
    String value;
    Map<Integer, String> readPrices;
    try (Connection c = open()) {
      try (LineageScope step = DoltSync.lineage(c, LineageUnit.of("shop", "r1", "total").withTag("owner", "ann"))) {
        readPrices = prices(c, "SELECT id, price FROM items ORDER BY id");
        value = scalar(c, "SELECT SUM(i.price * s.n) FROM items i JOIN stock s ON s.id = i.id");
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO totals VALUES (1, ?)")) {
          insert.setBigDecimal(1, new java.math.BigDecimal(value));
          insert.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
      }
    }
    Lineage lineage = lineage();
    List<LineageRecord> reads = lineage.reads("shop", "r1", "total");
    assertThat(reads).extracting(LineageRecord::table).containsExactlyInAnyOrder("items", "stock");
    assertThat(reads).allSatisfy(r -> assertThat(r.tags()).containsEntry("owner", "ann"));
    String itemsCommit = reads.stream().filter(r -> r.table().equals("items")).findFirst().orElseThrow().commitHash();
    try (Connection d = TestServers.dolt(dolt)) {
      assertThat(prices(d, "SELECT id, price FROM items AS OF '" + itemsCommit + "' ORDER BY id")).isEqualTo(readPrices);
    }
    List<LineageRecord> writes = lineage.writes("shop", "r1", null);
    assertThat(writes).singleElement().satisfies(w -> assertThat(w.table()).isEqualTo("totals"));
    String message = doltScalar("SELECT message FROM dolt_log WHERE commit_hash = '" + writes.get(0).commitHash() + "'");
    assertThat(message).contains(CommitTrailer.FLOW + ": shop").contains(CommitTrailer.RUN + ": r1")
        .contains(CommitTrailer.STEP + ": total");
    assertThat(doltScalar("SELECT value FROM totals AS OF '" + writes.get(0).commitHash() + "' WHERE id = 1"))
        .isEqualTo(value);
    assertThat(lineage.state("shop", "r1", "total")).isEqualTo("completed");
    try (Connection c = open()) { // the lineage table is Dolt's, read through the same connection with AS OF
      assertThat(scalar(c, "SELECT COUNT(*) FROM _doltsync_lineage AS OF 'main' WHERE flow = 'shop'")).isEqualTo("3");
    }
  }

  @Test
  void twoRunsWithAChangeBetweenReadDifferentCommitsAndAReplayReadsTheFirstRunsInputs() throws Exception {
    Map<Integer, String> firstRead = runOnce("r1");
    try (Connection c = open(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE items SET price = price * 2");
      s.executeUpdate("INSERT INTO items VALUES (3, 9.99)");
    }
    Map<Integer, String> secondRead = runOnce("r2");
    assertThat(secondRead).isNotEqualTo(firstRead);
    Lineage lineage = lineage();
    String first = lineage.reads("etl", "r1", "load").get(0).commitHash();
    String second = lineage.reads("etl", "r2", "load").get(0).commitHash();
    assertThat(first).isNotEqualTo(second);
    assertThat(lineage.sameInputs("etl", "r1", "load", "etl", "r2", "load")).isFalse();
    assertThat(lineage.readersOf("items", first)).extracting(LineageRecord::runId).containsExactly("r1");
    try (Connection replay = lineage.replay("etl", "r1", "load")) {
      assertThat(prices(replay, "SELECT id, price FROM items ORDER BY id")).isEqualTo(firstRead);
      assertThatThrownBy(() -> replay.createStatement().executeQuery("SELECT * FROM stock"))
          .isInstanceOf(SQLException.class).hasMessageContaining("did not read stock")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
      assertThatThrownBy(() -> replay.createStatement().executeUpdate("DELETE FROM items"))
          .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
    }
    try (Connection replay = lineage.replayDataSource("etl", "r1", "load").getConnection();
        PreparedStatement select = replay.prepareStatement("SELECT id, price FROM items WHERE id >= ? ORDER BY id")) {
      select.setInt(1, 0);
      try (ResultSet rs = select.executeQuery()) {
        Map<Integer, String> read = new TreeMap<>();
        while (rs.next()) {
          read.put(rs.getInt(1), rs.getString(2));
        }
        assertThat(read).isEqualTo(firstRead);
      }
    }
  }

  private Map<Integer, String> runOnce(String run) throws SQLException {
    try (Connection c = open(); LineageScope step = DoltSync.lineage(c, "etl", run, "load")) {
      return prices(c, "SELECT id, price FROM items ORDER BY id");
    }
  }

  @Test
  void aPinnedScopeReadsOneCommitWhileThePrimaryChanges() throws Exception {
    String pinned = doltScalar("SELECT HASHOF('main')");
    Map<Integer, String> atPin;
    try (Connection d = TestServers.dolt(dolt)) {
      atPin = prices(d, "SELECT id, price FROM items AS OF '" + pinned + "' ORDER BY id");
    }
    try (Connection c = open(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE items SET price = 100 WHERE id = 1");
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      try (LineageScope step = DoltSync.lineage(c, LineageUnit.of("pin", "r1", "read").pinnedTo(pinned))) {
        assertThat(step.pinnedCommit()).isEqualTo(pinned);
        assertThat(prices(c, "SELECT id, price FROM items ORDER BY id")).isEqualTo(atPin);
        try (PreparedStatement select = c.prepareStatement("SELECT price FROM items WHERE id = ?")) {
          select.setInt(1, 1);
          try (ResultSet rs = select.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(atPin.get(1));
          }
        }
      }
      assertThat(scalar(c, "SELECT price FROM items WHERE id = 1")).isEqualTo("100.00");
    }
    assertThat(lineage().reads("pin", "r1", "read")).extracting(LineageRecord::commitHash).containsOnly(pinned);
  }

  @Test
  void nestedScopesRecordApartAndMustCloseInnermostFirst() throws Exception {
    try (Connection c = open()) {
      LineageScope outer = DoltSync.lineage(c, "nest", "r1", "outer");
      scalar(c, "SELECT COUNT(*) FROM items");
      LineageScope inner = DoltSync.lineage(c, "nest", "r1", "inner");
      scalar(c, "SELECT COUNT(*) FROM stock");
      assertThatThrownBy(outer::close).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
      inner.close();
      scalar(c, "SELECT COUNT(*) FROM totals");
      outer.close();
      assertThat(outer.isOpen()).isFalse();
    }
    Lineage lineage = lineage();
    assertThat(lineage.reads("nest", "r1", "inner")).extracting(LineageRecord::table).containsExactly("stock");
    assertThat(lineage.reads("nest", "r1", "outer")).extracting(LineageRecord::table)
        .containsExactlyInAnyOrder("items", "totals");
  }

  @Test
  void concurrentScopesOnTwoConnectionsStayApart() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String table : List.of("items", "stock")) {
        done.add(pool.submit(() -> {
          try (Connection c = open(); LineageScope step = DoltSync.lineage(c, "conc", "r1", table)) {
            for (int i = 0; i < 20; i++) {
              scalar(c, "SELECT COUNT(*) FROM " + table);
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Lineage lineage = lineage();
    // each scope holds only its own table (read at one commit or more: the other scope's commits come between)
    assertThat(lineage.reads("conc", "r1", "items")).extracting(LineageRecord::table).containsOnly("items");
    assertThat(lineage.reads("conc", "r1", "stock")).extracting(LineageRecord::table).containsOnly("stock");
  }

  @Test
  void sqlBeginsAndEndsAScopeThroughTheSameConnection() throws Exception {
    try (Connection c = open(); Statement s = c.createStatement()) {
      try (ResultSet begun = s.executeQuery("CALL DOLTSYNC_LINEAGE_BEGIN('sql', 'r1', 'load')")) {
        assertThat(begun.next()).isTrue();
        assertThat(begun.getString("step")).isEqualTo("load");
      }
      scalar(c, "SELECT COUNT(*) FROM stock");
      s.executeUpdate("INSERT INTO totals VALUES (7, 7.00)");
      try (PreparedStatement end = c.prepareStatement("CALL DOLTSYNC_LINEAGE_END(?)")) {
        end.setBoolean(1, false);
        try (ResultSet ended = end.executeQuery()) {
          assertThat(ended.next()).isTrue();
          assertThat(ended.getString("state")).isEqualTo("completed");
          assertThat(ended.getLong("reads")).isEqualTo(1);
          assertThat(ended.getLong("writes")).isEqualTo(1);
        }
      }
      assertThatThrownBy(() -> s.executeQuery("CALL DOLTSYNC_LINEAGE_END()")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
    }
    assertThat(lineage().reads("sql", "r1", "load")).extracting(LineageRecord::table).containsExactly("stock");
    assertThat(lineage().writes("sql", "r1", "load")).extracting(LineageRecord::table).containsExactly("totals");
  }

  @Test
  void aFailedScopeIsRecordedFailed() throws Exception {
    try (Connection c = open()) {
      LineageScope step = DoltSync.lineage(c, "fails", "r1", "load");
      scalar(c, "SELECT COUNT(*) FROM items");
      step.fail(new IllegalStateException("boom"));
      step.close();
    }
    assertThat(lineage().state("fails", "r1", "load")).isEqualTo("failed");
    try (Connection c = open()) { // a connection closed with its scope open records it as failed
      DoltSync.lineage(c, "fails", "r2", "load");
      scalar(c, "SELECT COUNT(*) FROM stock");
    }
    assertThat(lineage().state("fails", "r2", "load")).isEqualTo("failed");
    assertThat(lineage().reads("fails", "r2", "load")).extracting(LineageRecord::table).containsExactly("stock");
    assertThat(lineage().reads("fails", "r1", "load")).extracting(LineageRecord::table).containsExactly("items");
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private Lineage lineage() throws SQLException {
    return new Lineage(() -> TestServers.dolt(dolt));
  }

  private String doltScalar(String sql) throws SQLException {
    try (Connection d = TestServers.dolt(dolt)) {
      return scalar(d, sql);
    }
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  static Map<Integer, String> prices(Connection c, String sql) throws SQLException {
    Map<Integer, String> prices = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        prices.put(rs.getInt(1), rs.getString(2));
      }
    }
    return prices;
  }
}
