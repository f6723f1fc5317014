package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The quarantine table keys its rows by its own id: a journal row id used again (a truncated or re-created
 * journal, an AUTO_INCREMENT counter reset on restart) quarantines as well as the first time.
 */
class QuarantineTableTest {

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aJournalIdSeenBeforeIsQuarantinedAgain(PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("quarantine"); Connection connection = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      JournalTable journal = new JournalTable(dialect, "doltsync_journal");
      QuarantineTable quarantine = new QuarantineTable(dialect, "doltsync_journal");
      connection.setAutoCommit(true);
      journal.ensureExists(connection);
      int rounds = 3;
      long reusedId = -1;
      for (int round = 0; round < rounds; round++) {
        String txn = "txn-" + round;
        journal.append(connection, new JournalEntry(txn, "app:1", "A", "a@x", "m", List.of(), true));
        if (reusedId >= 0) {
          // the journal hands out an id it handed out before
          try (PreparedStatement reuse = connection.prepareStatement(
              "UPDATE " + dialect.quoteIdentifier("doltsync_journal") + " SET id = ? WHERE txn = ?")) {
            reuse.setLong(1, reusedId);
            reuse.setString(2, txn);
            assertThat(reuse.executeUpdate()).isEqualTo(1);
          }
        }
        JournalTable.PendingEntry entry = journal.readPending(connection, 10).get(0);
        assertThat(entry.transactionId()).isEqualTo(txn);
        reusedId = entry.id();
        quarantine.quarantine(connection, entry, Set.of("items"), "refused " + round, 3);
        assertThat(journal.readPending(connection, 10)).isEmpty();
      }
      List<QuarantineTable.Quarantined> quarantined = quarantine.quarantined(connection);
      assertThat(quarantined).extracting(QuarantineTable.Quarantined::transactionId)
          .containsExactly("txn-0", "txn-1", "txn-2");
      assertThat(quarantined).extracting(QuarantineTable.Quarantined::journalId).containsOnly(reusedId);
      assertThat(quarantine.quarantinedCount(connection)).isEqualTo(rounds);
    }
  }
}
