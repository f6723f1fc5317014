package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With {@code doltsync.journalSecret}, journal entries carry an HMAC: rows another client of the primary forges
 * (well-formed entries without a MAC, or signed with another secret) are quarantined and never applied, while
 * the application's own transactions are mirrored as usual.
 */
class JournalSecretTest {

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"H2", "POSTGRES"})
  void forgedEntriesAreQuarantinedNotApplied(PrimaryKind kind) throws Exception {
    String dolt = DoltDatabases.newName("secret");
    try (PrimaryKind.Space space = kind.createSpace("secret")) {
      Properties properties = kind.credentials();
      properties.setProperty("doltsync.journalSecret", "correct horse battery staple");
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      String forgedUnsigned = UUID.randomUUID().toString();
      String forgedWrongKey = UUID.randomUUID().toString();
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), properties);
          Connection raw = space.connect()) {
        try (Statement sql = app.createStatement()) {
          sql.execute("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))");
          sql.executeUpdate("INSERT INTO items VALUES (1, 'one')");
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        raw.setAutoCommit(true);
        new JournalTable(dialect, "doltsync_journal").append(raw, forged(forgedUnsigned, 98));
        new JournalTable(dialect, "doltsync_journal", "guessed").append(raw, forged(forgedWrongKey, 99));
        try (Statement sql = app.createStatement()) {
          sql.executeUpdate("INSERT INTO items VALUES (2, 'two')");
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
        List<String> quarantined = new QuarantineTable(dialect, "doltsync_journal").quarantined(raw).stream()
            .map(QuarantineTable.Quarantined::transactionId).toList();
        assertThat(quarantined).containsExactlyInAnyOrder(forgedUnsigned, forgedWrongKey);
        assertThat(new QuarantineTable(dialect, "doltsync_journal").quarantined(raw))
            .allSatisfy(q -> assertThat(q.error()).contains("no valid MAC"));
      }
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT id FROM items ORDER BY id")) {
        StringBuilder ids = new StringBuilder();
        while (rs.next()) {
          ids.append(rs.getInt(1)).append(';');
        }
        assertThat(ids.toString()).as("only the application's rows, none forged").isEqualTo("1;2;");
      }
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  private static JournalEntry forged(String txn, int id) {
    TableChange change = new TableChange("items", TableChange.Kind.ROWS, null, List.of("id", "note"), List.of("id"),
        List.<Object[]>of(new Object[] {(long) id, "forged"}), List.of());
    return new JournalEntry(txn, "forger:1", "Mallory", "mallory@example.com", "forged", List.of(change), false);
  }
}
