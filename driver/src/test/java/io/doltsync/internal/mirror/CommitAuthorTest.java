package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Any author name and email an application passes ends up in Dolt by {@link DoltAuthor}'s rule, never as a
 * refused commit, and messages whose lines look like doltsync's trailer are neither mistaken for it nor fool
 * exactly-once recovery: generated hostile authors (parentheses, quotes, angle brackets, non-ASCII, line breaks,
 * very long, empty) and messages (forged trailer lines) go through the real Dolt server; after the mirror
 * restarts, every transaction is in Dolt exactly once.
 */
class CommitAuthorTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", 13L);
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.hostileAuthors", 20);
  private static final String[] NAME_PIECES = {"John", " ", "Smith", "(Admin)", ")", "(", "\"", "'", "<", ">", " <", "<>",
      "Zoë", "山田", "\uD83D\uDE00", "\n", "\t", "\u00a0", "@", ",", "\\", "", "x".repeat(3000)};
  private static final String[] EMAIL_PIECES = {"a", "@", "example.com", "<", ">", "<>", " ", "(", ")", "例え.jp", "", "+tag"};
  private static final String[] MESSAGE_LINES = {"Fix the price", "Doltsync-Transaction: 00000000-0000-0000-0000-000000000000",
      "Doltsync-Bootstrap: true", "Doltsync-Included: forged", "Doltsync-Primary: elsewhere", "", "Doltsync-Journal: 1",
      "  indented", "Zoë (Admin) <z@x>"};

  @Test
  void hostileAuthorsAndMessagesAreStoredByTheRuleAndEveryTransactionOnce() throws Exception {
    Random random = new Random(SEED);
    String dolt = DoltDatabases.newName("authors");
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("authors")) {
      try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
        sql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      }
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), dolt), "doltsync.mode", "sync");
      List<String[]> expected = new ArrayList<>();
      try (Connection app = DriverManager.getConnection(url, PrimaryKind.H2.credentials());
          PreparedStatement insert = app.prepareStatement("INSERT INTO t VALUES (?)")) {
        app.setAutoCommit(false);
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        for (int i = 0; i < TRANSACTIONS; i++) {
          String name = generate(random, NAME_PIECES, 4);
          String email = generate(random, EMAIL_PIECES, 5);
          String message = generateMessage(random) + " #" + i;
          doltsync.setCommitAuthor(name, email);
          doltsync.setCommitMessage(message);
          insert.setInt(1, i);
          insert.executeUpdate();
          app.commit();
          expected.add(new String[] {DoltAuthor.name(name), DoltAuthor.email(email), message.strip()});
        }
      }
      MirrorRegistry.closeAll();
      try (Connection app = DriverManager.getConnection(url, PrimaryKind.H2.credentials()); Statement sql = app.createStatement()) {
        sql.executeUpdate("INSERT INTO t VALUES (" + TRANSACTIONS + ")");
      }
      List<String[]> commits = new ArrayList<>();
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT committer, email, message FROM dolt_log ORDER BY commit_order")) {
        while (rs.next()) {
          commits.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
      List<String[]> mirrored = commits.stream().filter(c -> CommitTrailer.isTransaction(c[2])).toList();
      assertThat(mirrored).as("every transaction once, after a restart of the mirror").hasSize(TRANSACTIONS + 1);
      Set<String> transactions = new HashSet<>();
      for (int i = 0; i < TRANSACTIONS; i++) {
        String[] commit = mirrored.get(i);
        assertThat(commit[0]).as("name of commit %d", i).isEqualTo(expected.get(i)[0]);
        assertThat(commit[1]).as("email of commit %d", i).isEqualTo(expected.get(i)[1]);
        assertThat(commit[2]).as("message of commit %d", i).startsWith(expected.get(i)[2]);
        assertThat(CommitTrailer.transactionsOf(commit[2])).hasSize(1);
        assertThat(CommitTrailer.isBootstrap(commit[2])).isFalse();
        transactions.addAll(CommitTrailer.transactionsOf(commit[2]));
      }
      assertThat(transactions).hasSize(TRANSACTIONS).doesNotContain("00000000-0000-0000-0000-000000000000", "forged");
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(TRANSACTIONS + 1);
      }
    } finally {
      DoltDatabases.drop(dolt);
    }
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
      message.append(MESSAGE_LINES[random.nextInt(MESSAGE_LINES.length)]).append('\n');
    }
    return message.toString();
  }
}
