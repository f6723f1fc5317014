package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.MirrorHealth;
import io.doltsync.MirrorStatus;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.CapturedOutput;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entries the applier cannot apply (Dolt refuses them, their payload cannot be decoded, their chunks do not
 * add up) are quarantined after a few tries, with their tables marked diverged, and the transactions
 * committed after them are still mirrored; a sync-mode commit that Dolt refuses fails naming Dolt's reason.
 */
class QuarantineTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int POISONS_PER_CLASS = Integer.getInteger("doltsync.test.poisons", 2);

  private String doltDatabase;
  private PrimaryKind.Space space;

  @AfterEach
  void dropDatabases() throws SQLException {
    if (doltDatabase != null) {
      DoltDatabases.drop(doltDatabase);
    }
    if (space != null) {
      space.close();
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void poisonEntriesAreQuarantinedAndLaterTransactionsAreMirrored(PrimaryKind kind) throws Exception {
    System.out.println("QuarantineTest seed " + SEED + " (-Ddoltsync.test.seed=" + SEED + " replays it)");
    space = kind.createSpace("quarantine");
    doltDatabase = DoltDatabases.newName("quarantine");
    String url = DoltSyncUrls.mirroring(space.url(), doltDatabase);
    SourceDialect dialect = SourceDialects.forUrl(space.url());
    PoisonEntries poisons = new PoisonEntries(SEED);
    Set<String> poisonTxns = new LinkedHashSet<>();
    Set<String> expectedDiverged = new LinkedHashSet<>();

    try (CapturedOutput output = CapturedOutput.start();
        Connection app = DriverManager.getConnection(url, kind.credentials());
        Connection raw = space.connect()) {
      try (Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))");
        statement.executeUpdate("INSERT INTO items VALUES (1, 'one')");
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));

      // forge poison rows in the journal over a plain connection, as another client of the primary could
      JournalTable journal = new JournalTable(dialect, "doltsync_journal");
      raw.setAutoCommit(true);
      for (int i = 0; i < POISONS_PER_CLASS; i++) {
        JournalEntry refused = poisons.refusedByDolt("items");
        journal.append(raw, refused);
        poisonTxns.add(refused.transactionId());
        expectedDiverged.add(refused.changes().get(0).table());
        for (PoisonEntries.Row row : List.of(poisons.undecodable("items"), poisons.badChunks("items"))) {
          insertRow(raw, dialect, row);
          poisonTxns.add(row.txn());
          expectedDiverged.add(QuarantineTable.ALL_TABLES);
        }
      }

      // good transactions after the poison are mirrored
      app.setAutoCommit(false);
      for (int id = 2; id <= 4; id++) {
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO items (id, note) VALUES (?, ?)")) {
          insert.setInt(1, id);
          insert.setString(2, "good " + id);
          insert.executeUpdate();
        }
        app.commit();
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
      app.setAutoCommit(true);

      assertThat(doltRows()).isEqualTo("1 one;2 good 2;3 good 3;4 good 4;");
      QuarantineTable quarantine = new QuarantineTable(dialect, "doltsync_journal");
      List<String> quarantined = quarantine.quarantined(raw).stream().map(QuarantineTable.Quarantined::transactionId)
          .toList();
      assertThat(quarantined).containsExactlyInAnyOrderElementsOf(poisonTxns);
      assertThat(quarantine.quarantined(raw)).allSatisfy(q -> {
        assertThat(q.error()).isNotBlank();
        assertThat(q.attempts()).isEqualTo(Applier.Settings.DEFAULT.quarantineAfterAttempts());
        assertThat(q.quarantinedAt()).isNotNull();
      });
      // applied entries leave the journal once their (deferred, shared) delete runs: within DeferredDeletes.MAX_AGE_MILLIS
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!journal.readPending(raw, 100).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(journal.readPending(raw, 100)).isEmpty();
      assertThat(quarantine.divergedTables(raw).keySet()).containsExactlyInAnyOrderElementsOf(expectedDiverged);
      assertThat(payloadBytesKept(raw, dialect)).as("the quarantined payloads are kept").isPositive();

      MirrorStatus status = statusOf(doltDatabase);
      assertThat(status.health()).isEqualTo(MirrorHealth.DEGRADED);
      assertThat(status.quarantinedEntries()).isEqualTo(poisonTxns.size());
      assertThat(status.lastError()).contains("quarantine", "transaction");
      String refusedTxn = poisonTxns.iterator().next();
      assertThat(output.text()).contains("ERROR").contains("quarantined transaction " + refusedTxn)
          .contains("tables items");
      if (poisons.refusedAfterAGoodStatement() > 0) {
        // the failed text is a lost connection (retried, not counted); then the entry's statements go one by one
        assertThat(output.text()).as("a refused two-statement entry went as one text first")
            .contains("failed; retrying in");
      }

      // the mark is what reconcile clears
      for (String table : expectedDiverged) {
        assertThat(quarantine.clearDiverged(raw, table)).isTrue();
      }
      assertThat(quarantine.divergedTables(raw)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void aSyncCommitThatDoltRefusesFailsNamingDoltsReason(PrimaryKind kind) throws Exception {
    space = kind.createSpace("refused");
    doltDatabase = DoltDatabases.newName("refused");
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDatabase), "doltsync.mode", "sync");
    try (Connection app = DriverManager.getConnection(url, kind.credentials())) {
      try (Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))");
        statement.executeUpdate("INSERT INTO items VALUES (1, 'one')");
      }
      // Dolt's copy of the table gets a rule the primary does not have, so Dolt refuses what the primary accepts
      try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement()) {
        statement.execute("ALTER TABLE items ADD CONSTRAINT small_ids CHECK (id < 1000)");
        statement.execute("CALL dolt_commit('-am', 'a rule only Dolt has')");
      }
      // one more mirrored transaction, so that the applier's Dolt session has seen the rule (its transaction
      // may have started before the rule was committed, and Dolt does not check rules when it merges sessions)
      try (Statement statement = app.createStatement()) {
        statement.executeUpdate("INSERT INTO items VALUES (3, 'three')");
      }
      app.setAutoCommit(false);
      try (Statement statement = app.createStatement()) {
        statement.executeUpdate("INSERT INTO items VALUES (5000, 'too big')");
      }
      assertThatThrownBy(app::commit)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("small_ids")
          .hasMessageContaining("tables items")
          .hasMessageContaining("doltsync_quarantine")
          .hasMessageNotContaining("is Dolt reachable");
      try (Statement statement = app.createStatement()) {
        statement.executeUpdate("INSERT INTO items VALUES (2, 'two')");
      }
      app.commit();
    }
    assertThat(doltRows()).isEqualTo("1 one;2 two;3 three;");
  }

  private String doltRows() throws SQLException {
    StringBuilder rows = new StringBuilder();
    try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, note FROM items ORDER BY id")) {
      while (rs.next()) {
        rows.append(rs.getInt(1)).append(' ').append(rs.getString(2)).append(';');
      }
    }
    return rows.toString();
  }

  private static MirrorStatus statusOf(String doltDatabase) {
    List<MirrorStatus> all = new ArrayList<>(DoltSync.mirrorStatus());
    return all.stream().filter(s -> s.database().equals(doltDatabase)).findFirst().orElseThrow();
  }

  private static void insertRow(Connection raw, SourceDialect dialect, PoisonEntries.Row row) throws SQLException {
    try (PreparedStatement insert = raw.prepareStatement("INSERT INTO " + dialect.quoteIdentifier("doltsync_journal")
        + " (txn, chunk, chunks, instance, payload) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, row.txn());
      insert.setInt(2, row.chunk());
      insert.setInt(3, row.chunks());
      insert.setString(4, "forger:1 " + row.kind());
      insert.setBytes(5, row.payload());
      insert.executeUpdate();
    }
  }

  private static long payloadBytesKept(Connection raw, SourceDialect dialect) throws SQLException {
    long total = 0;
    try (Statement statement = raw.createStatement();
        ResultSet rs = statement.executeQuery("SELECT payload FROM " + dialect.quoteIdentifier("doltsync_quarantine"))) {
      while (rs.next()) {
        byte[] payload = rs.getBytes(1);
        total += payload == null ? 0 : payload.length;
      }
    }
    return total;
  }

}
