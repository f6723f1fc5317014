package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.ReconcileReport;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input through group commit ({@code doltsync.groupCommit}): a backlog of transactions with generated
 * hostile authors and messages (the pieces of {@link CommitAuthorTest}: forged trailer lines, line breaks of every
 * kind, brackets, quotes, very long names) and, at random places, a transaction whose row only a Dolt-side CHECK
 * refuses, is applied in groups. Each group commit must carry its first transaction's author by {@link DoltAuthor}'s
 * rule and every member's message without a line of it read as a trailer; the refused transactions (and only they)
 * are quarantined while every other transaction of their group is committed exactly once, in journal order; one
 * {@code reconcile} then makes Dolt equal to the primary and clears the quarantine; a restarted mirror applies no
 * transaction again. On MariaDB and PostgreSQL; {@code -Ddoltsync.test.seed} replays a run (random by default).
 */
class GroupCommitHostileInputTest {

  private static final int GROUP = 8;
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.groupHostile", 40);
  private static final String[] NAME_PIECES = {"John", " ", "Smith", "(Admin)", ")", "(", "\"", "'", "<", ">", " <",
      "<>", "Zoë", "山田", "\uD83D\uDE00", "\n", "\r", "\r\n", "\u2028", "\t", "\u00a0", "@", ",", "\\", "", "x".repeat(3000)};
  private static final String[] EMAIL_PIECES = {"a", "@", "example.com", "<", ">", "<>", " ", "(", ")", "例え.jp", "",
      "+tag", "\n"};
  private static final String[] MESSAGE_LINES = {"Fix the price", "Doltsync-Transaction: 00000000-0000-0000-0000-000000000000",
      "Doltsync-Bootstrap: true", "Doltsync-Included: forged", "Doltsync-Primary: elsewhere", "", "Doltsync-Journal: 1",
      "Doltsync-Group: 99", "Doltsync-Journal: 9223372036854775807", "[2] Doltsync-Transaction: forged-2", "  indented",
      "\r", "\rDoltsync-Transaction: forged-cr", "\u2028Doltsync-Journal: 7", "Zoë (Admin) <z@x>", "doltsync group commit: 3 transactions"};

  /** One generated transaction: its author, message, and whether Dolt's CHECK refuses its row. */
  private record Txn(String name, String email, String message, boolean refused, long id, String label) {}

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void hostileAuthorsMessagesAndRefusedRowsInGroups(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    System.out.println("[groupHostile] " + kind + " seed " + seed);
    Random random = new Random(seed);
    String dolt = DoltDatabases.newName("gchostile");
    String journal = TestServers.uniqueName("journal");
    try (PrimaryKind.Space space = kind.createSpace("gchostile")) {
      Map<String, String> base = new LinkedHashMap<>();
      base.put("doltsync.target", TestServers.doltUrl(dolt));
      base.put("doltsync.journalTable", journal);
      try (Connection c = connect(space, base, Map.of()); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, label VARCHAR(100))");
        c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
      } finally {
        MirrorRegistry.closeAll();
      }
      try (Connection d = TestServers.dolt(dolt); Statement s = d.createStatement()) {
        s.execute("ALTER TABLE items ADD CONSTRAINT no_poison CHECK (label NOT LIKE 'poison%')");
        s.execute("CALL DOLT_COMMIT('-am', 'a rule only Dolt has')");
      }
      long before = DoltDatabases.commitCount(dolt);

      List<Txn> txns = new ArrayList<>();
      try (Connection c = connect(space, base, Map.of("doltsync.applier", "false"));
          PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, label) VALUES (?, ?)")) {
        c.setAutoCommit(false);
        DoltSyncConnection doltsync = c.unwrap(DoltSyncConnection.class);
        for (int t = 0; t < TRANSACTIONS; t++) {
          boolean refused = random.nextInt(6) == 0;
          Txn txn = new Txn(generate(random, NAME_PIECES, 4), generate(random, EMAIL_PIECES, 5),
              generateMessage(random) + " #" + t, refused, t, (refused ? "poison " : "good ") + t);
          doltsync.setCommitAuthor(txn.name(), txn.email());
          doltsync.setCommitMessage(txn.message());
          insert.setLong(1, txn.id());
          insert.setString(2, txn.label());
          insert.executeUpdate();
          c.commit();
          txns.add(txn);
        }
      } finally {
        MirrorRegistry.closeAll();
      }
      List<Long> journalIds = new ArrayList<>();
      List<String> transactionIds = new ArrayList<>();
      try (Connection raw = space.connect(); Statement s = raw.createStatement();
          ResultSet rs = s.executeQuery("SELECT MIN(id), txn FROM " + journal + " GROUP BY txn ORDER BY MIN(id)")) {
        while (rs.next()) {
          journalIds.add(rs.getLong(1));
          transactionIds.add(rs.getString(2));
        }
      }
      assertThat(journalIds).as("one journal row per transaction").hasSize(TRANSACTIONS);
      Map<String, Txn> byId = new HashMap<>();
      for (int t = 0; t < TRANSACTIONS; t++) {
        byId.put(transactionIds.get(t), txns.get(t));
      }

      writeOneAndAwait(space, base, TRANSACTIONS, random);

      List<String[]> commits = commitsSince(dolt, before);
      List<String> listed = new ArrayList<>();
      for (String[] commit : commits) {
        String message = commit[2];
        List<String> members = new ArrayList<>(CommitTrailer.transactionsOf(message));
        assertThat(members).as("seed %d: transactions of %s", seed, message).isNotEmpty();
        listed.addAll(members);
        Txn first = byId.get(members.get(0));
        if (first == null) {
          continue; // the last, lone transaction written after the backlog
        }
        assertThat(commit[0]).as("seed %d: author of a commit whose first transaction is #%d", seed, first.id())
            .isEqualTo(DoltAuthor.name(first.name()));
        assertThat(commit[1]).as("seed %d: email of a commit whose first transaction is #%d", seed, first.id())
            .isEqualTo(DoltAuthor.email(first.email()));
        for (String member : members) {
          Txn txn = byId.get(member);
          assertThat(txn).as("seed %d: a commit lists a transaction nobody wrote: %s", seed, member).isNotNull();
          assertThat(txn.refused()).as("seed %d: refused transaction #%d committed", seed, txn.id()).isFalse();
          for (String line : txn.message().strip().split("\n")) {
            assertThat(message).as("seed %d: message of #%d", seed, txn.id()).contains(line.strip());
          }
        }
      }
      List<String> good = new ArrayList<>();
      Set<String> refused = new LinkedHashSet<>();
      for (int t = 0; t < TRANSACTIONS; t++) {
        if (txns.get(t).refused()) {
          refused.add(transactionIds.get(t));
        } else {
          good.add(transactionIds.get(t));
        }
      }
      assertThat(listed).as("seed %d: every transaction Dolt takes, once, in journal order", seed)
          .doesNotHaveDuplicates().startsWith(good.toArray(String[]::new)).hasSize(good.size() + 1);
      assertThat(commits.stream().anyMatch(c -> c[2].contains("\n" + CommitTrailer.GROUP + ": ")))
          .as("seed %d: some transactions were grouped", seed).isTrue();
      try (Connection raw = space.connect()) {
        Set<String> quarantined = new LinkedHashSet<>();
        new QuarantineTable(SourceDialects.forUrl(space.url()), journal).quarantined(raw)
            .forEach(q -> quarantined.add(q.transactionId()));
        assertThat(quarantined).as("seed %d: quarantined", seed).isEqualTo(refused);
      }
      Map<Long, String> primary = rows(space.connect());
      Map<Long, String> expected = new TreeMap<>(primary);
      expected.values().removeIf(label -> label.startsWith("poison"));
      assertThat(rows(TestServers.dolt(dolt))).as("seed %d: Dolt lacks only the refused rows", seed).isEqualTo(expected);

      try (Connection c = connect(space, base, Map.of("doltsync.groupCommit", String.valueOf(GROUP)))) {
        ReconcileReport healed = DoltSync.reconcile(c);
        assertThat(healed.commitHash()).as("seed %d: reconcile committed", seed).isNotNull();
        assertThat(DoltSync.verify(c).inSync()).as("seed %d: in sync after reconcile", seed).isTrue();
        assertThat(DoltSync.status(c).quarantined()).as("seed %d: quarantine cleared", seed).isZero();
      } finally {
        MirrorRegistry.closeAll();
      }
      assertThat(rows(TestServers.dolt(dolt))).isEqualTo(primary);

      long afterReconcile = DoltDatabases.commitCount(dolt);
      writeOneAndAwait(space, base, TRANSACTIONS + 1, random);
      List<String[]> last = commitsSince(dolt, afterReconcile);
      assertThat(last).as("seed %d: a restarted mirror applies only the new transaction", seed).hasSize(1);
      assertThat(CommitTrailer.transactionsOf(last.get(0)[2])).hasSize(1).doesNotContainAnyElementsOf(listed);
    } finally {
      MirrorRegistry.closeAll();
      DoltDatabases.drop(dolt);
    }
  }

  /** Starts a mirror with its applier (group commit on), commits one more row and waits until Dolt has it. */
  private static void writeOneAndAwait(PrimaryKind.Space space, Map<String, String> base, long id, Random random)
      throws SQLException {
    try (Connection c = connect(space, base, Map.of("doltsync.groupCommit", String.valueOf(GROUP)))) {
      c.setAutoCommit(false);
      DoltSyncConnection doltsync = c.unwrap(DoltSyncConnection.class);
      doltsync.setCommitAuthor(generate(random, NAME_PIECES, 4), generate(random, EMAIL_PIECES, 5));
      doltsync.setCommitMessage(generateMessage(random));
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, label) VALUES (?, ?)")) {
        insert.setLong(1, id);
        insert.setString(2, "written " + id);
        insert.executeUpdate();
      }
      c.commit();
      doltsync.awaitMirrored(Duration.ofSeconds(240));
    } finally {
      MirrorRegistry.closeAll();
    }
  }

  private static Connection connect(PrimaryKind.Space space, Map<String, String> base, Map<String, String> options)
      throws SQLException {
    Map<String, String> parameters = new LinkedHashMap<>(base);
    parameters.putAll(options);
    return DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), parameters), space.kind().credentials());
  }

  /** committer, email and message of each commit after the first {@code commitsBefore}, oldest first. */
  private static List<String[]> commitsSince(String dolt, long commitsBefore) throws SQLException {
    List<String[]> commits = new ArrayList<>();
    try (Connection c = TestServers.dolt(dolt); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT committer, email, message FROM dolt_log ORDER BY commit_order")) {
      while (rs.next()) {
        commits.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    return commits.subList((int) commitsBefore, commits.size());
  }

  private static Map<Long, String> rows(Connection connection) throws SQLException {
    Map<Long, String> rows = new TreeMap<>();
    try (connection; Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, label FROM items")) {
      while (rs.next()) {
        rows.put(rs.getLong(1), rs.getString(2));
      }
    }
    return rows;
  }

  private static String generate(Random random, String[] pieces, int max) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(max + 1); n > 0; n--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  private static String generateMessage(Random random) {
    StringBuilder message = new StringBuilder();
    for (int n = 1 + random.nextInt(5); n > 0; n--) {
      message.append(MESSAGE_LINES[random.nextInt(MESSAGE_LINES.length)]).append(random.nextInt(5) == 0 ? "\n\n" : "\n");
    }
    return message.toString();
  }
}
