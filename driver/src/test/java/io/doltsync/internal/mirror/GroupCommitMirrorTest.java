package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit against the real servers (MariaDB primary, Dolt test server): a backlog applied with
 * {@code doltsync.groupCommit} becomes fewer Dolt commits whose trailers list every transaction once, in
 * journal order, and whose final state equals the primary; and an applier that finds grouped commits in
 * Dolt while their journal entries are still there (a crash between the Dolt commit and the journal
 * delete) applies none of them again; and an entry Dolt refuses inside a group is quarantined alone while the
 * others are committed.
 */
class GroupCommitMirrorTest {

  private static final int GROUP = 8;
  private static final int BACKLOG = 61;

  private String primaryDatabase;
  private String doltDatabase;
  private String journal;

  @BeforeEach
  void databases() throws SQLException {
    primaryDatabase = TestServers.createMariadbDatabase("gc");
    doltDatabase = DoltDatabases.newName("gc");
    journal = TestServers.uniqueName("journal");
  }

  @AfterEach
  void drop() throws SQLException {
    DoltDatabases.drop(doltDatabase);
    try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + primaryDatabase);
    }
  }

  @Test
  void aBacklogBecomesGroupedCommitsListingEveryTransactionInOrder() throws Exception {
    start();
    long before = DoltDatabases.commitCount(doltDatabase);
    List<Long> journalIds = fillBacklog(BACKLOG, new Random(1));
    assertThat(journalIds).as("one journal row per transaction").hasSize(BACKLOG);
    writeOneAndAwait(Map.of("doltsync.groupCommit", String.valueOf(GROUP)), 999_999);

    List<String> messages = messagesSince(before);
    List<Long> listed = new ArrayList<>();
    messages.forEach(message -> listed.addAll(CommitTrailer.journalIdsOf(message)));
    assertThat(listed.subList(0, BACKLOG)).isEqualTo(journalIds);
    assertThat(listed).hasSize(BACKLOG + 1).doesNotHaveDuplicates();
    assertThat(messages.size()).isLessThanOrEqualTo(BACKLOG / GROUP + 3).isGreaterThanOrEqualTo((BACKLOG + 1) / GROUP);
    assertThat(messages).allSatisfy(message -> assertThat(CommitTrailer.transactionsOf(message))
        .hasSizeLessThanOrEqualTo(GROUP).hasSameSizeAs(CommitTrailer.journalIdsOf(message)));
    assertThat(messages.stream().filter(m -> m.contains("\n" + CommitTrailer.GROUP + ": "))).isNotEmpty();
    assertThat(doltRows()).isEqualTo(primaryRows());
  }

  @Test
  void groupedEntriesFoundInDoltAreNotAppliedAgainAfterACrashBeforeTheJournalDelete() throws Exception {
    start();
    fillBacklog(BACKLOG, new Random(2));
    String saved = journal + "_saved";
    try (Connection c = TestServers.mariadb(primaryDatabase); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + saved + " AS SELECT * FROM " + journal);
    }
    writeOneAndAwait(Map.of("doltsync.groupCommit", String.valueOf(GROUP)), 999_998);
    Map<Long, String> afterFirstApply = doltRows();
    long commits = DoltDatabases.commitCount(doltDatabase);
    try (Connection c = TestServers.mariadb(primaryDatabase); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO " + journal + " SELECT * FROM " + saved)).isGreaterThanOrEqualTo(BACKLOG);
    }

    writeOneAndAwait(Map.of("doltsync.groupCommit", String.valueOf(GROUP)), 999_997);

    assertThat(DoltDatabases.commitCount(doltDatabase)).isEqualTo(commits + 1);
    List<String> last = messagesSince(commits);
    assertThat(last).hasSize(1);
    assertThat(CommitTrailer.transactionsOf(last.get(0))).hasSize(1);
    afterFirstApply.put(999_997L, "written " + 999_997);
    assertThat(doltRows()).isEqualTo(afterFirstApply).isEqualTo(primaryRows());
    try (Connection c = TestServers.mariadb(primaryDatabase); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + journal)) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void aRefusedEntryInsideAGroupIsQuarantinedAloneAndTheOthersAreCommitted() throws Exception {
    start();
    long before = DoltDatabases.commitCount(doltDatabase);
    List<Long> good = new ArrayList<>(fillBacklog(10, new Random(3)));
    String refused;
    try (Connection raw = TestServers.mariadb(primaryDatabase)) {
      raw.setAutoCommit(true);
      JournalEntry poison = new PoisonEntries(4).refusedByDolt("items");
      new JournalTable(SourceDialects.forUrl(TestServers.mariadbUrl(primaryDatabase)), journal).append(raw, poison);
      refused = poison.transactionId();
    }
    good.addAll(fillBacklog(10, new Random(5)).subList(11, 21));
    writeOneAndAwait(Map.of("doltsync.groupCommit", String.valueOf(GROUP)), 999_996);

    List<Long> listed = new ArrayList<>();
    List<String> transactions = new ArrayList<>();
    for (String message : messagesSince(before)) {
      listed.addAll(CommitTrailer.journalIdsOf(message));
      transactions.addAll(CommitTrailer.transactionsOf(message));
    }
    assertThat(transactions).doesNotContain(refused).doesNotHaveDuplicates();
    // in order; a transaction applied alone that changed nothing (a delete of a missing row) makes no commit
    assertThat(listed).isSorted();
    assertThat(good).containsAll(listed.subList(0, listed.size() - 1));
    assertThat(listed.size() - 1).isGreaterThanOrEqualTo(good.size() - 3);
    try (Connection raw = TestServers.mariadb(primaryDatabase)) {
      assertThat(new QuarantineTable(SourceDialects.forUrl(TestServers.mariadbUrl(primaryDatabase)), journal)
          .quarantined(raw)).extracting(QuarantineTable.Quarantined::transactionId).containsExactly(refused);
    }
    assertThat(doltRows()).isEqualTo(primaryRows());
  }

  /** Creates the table through doltsync and waits for it (and the bootstrap) to be in Dolt. */
  private void start() throws SQLException {
    try (Connection c = connect(Map.of())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, label VARCHAR(100))");
      }
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    } finally {
      MirrorRegistry.closeAll();
    }
  }

  /** Commits transactions with no applier running; returns their journal ids in journal order. */
  private List<Long> fillBacklog(int transactions, Random random) throws SQLException {
    try (Connection c = connect(Map.of("doltsync.applier", "false"))) {
      c.setAutoCommit(false);
      // every transaction changes a row (a delete takes a row that is there): one that matched no row is not journaled
      java.util.TreeSet<Long> present = new java.util.TreeSet<>();
      for (int t = 0; t < transactions; t++) {
        try (PreparedStatement upsert = c.prepareStatement(
            "INSERT INTO items (id, label) VALUES (?, ?) ON DUPLICATE KEY UPDATE label = VALUES(label)");
            PreparedStatement delete = c.prepareStatement("DELETE FROM items WHERE id = ?")) {
          for (int row = 0; row < 1 + random.nextInt(3); row++) {
            long id = random.nextInt(40);
            if (random.nextInt(5) == 0 && !present.isEmpty()) {
              id = present.stream().skip(random.nextInt(present.size())).findFirst().orElseThrow();
              present.remove(id);
              delete.setLong(1, id);
              assertThat(delete.executeUpdate()).isEqualTo(1);
            } else {
              present.add(id);
              upsert.setLong(1, id);
              upsert.setString(2, "t" + t + " r" + row + " \t'\\\n" + random.nextInt());
              upsert.executeUpdate();
            }
          }
        }
        c.commit();
      }
    } finally {
      MirrorRegistry.closeAll();
    }
    List<Long> ids = new ArrayList<>();
    try (Connection c = TestServers.mariadb(primaryDatabase); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM " + journal + " ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Starts a mirror with its applier, commits one more row and waits until Dolt has it (and all before it). */
  private void writeOneAndAwait(Map<String, String> options, long id) throws SQLException {
    try (Connection c = connect(options)) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, label) VALUES (?, ?)")) {
        insert.setLong(1, id);
        insert.setString(2, "written " + id);
        insert.executeUpdate();
      }
      c.commit();
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
    } finally {
      MirrorRegistry.closeAll();
    }
  }

  private Connection connect(Map<String, String> options) throws SQLException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("doltsync.target", TestServers.doltUrl(doltDatabase));
    parameters.put("doltsync.journalTable", journal);
    parameters.putAll(options);
    return DriverManager.getConnection(DoltSyncUrls.wrap(TestServers.mariadbUrl(primaryDatabase), parameters),
        TestServers.USER, TestServers.PASSWORD);
  }

  private List<String> messagesSince(long commitsBefore) throws SQLException {
    List<String> messages = new ArrayList<>();
    try (Connection c = TestServers.dolt(doltDatabase); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT message FROM dolt_log")) {
      while (rs.next()) {
        messages.add(0, rs.getString(1));
      }
    }
    return messages.subList((int) commitsBefore, messages.size());
  }

  private Map<Long, String> doltRows() throws SQLException {
    try (Connection c = TestServers.dolt(doltDatabase)) {
      return rows(c);
    }
  }

  private Map<Long, String> primaryRows() throws SQLException {
    try (Connection c = TestServers.mariadb(primaryDatabase)) {
      return rows(c);
    }
  }

  private static Map<Long, String> rows(Connection c) throws SQLException {
    Map<Long, String> rows = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, label FROM items ORDER BY id")) {
      while (rs.next()) {
        rows.put(rs.getLong(1), rs.getString(2));
      }
    }
    return rows;
  }
}
