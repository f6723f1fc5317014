package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The applier's side of the journal in the primary: finds pending entries, streams and decodes them,
 * deletes applied ones, and moves refused ones to the quarantine table.
 */
class JournalReader {

  private final JournalTable journal;
  private final QuarantineTable quarantine;
  private volatile boolean exists;

  JournalReader(JournalTable journal, QuarantineTable quarantine) {
    this.journal = journal;
    this.quarantine = quarantine;
  }

  String journalName() {
    return journal.name();
  }

  String quarantineName() {
    return quarantine.quarantineName();
  }

  /** True once the journal table exists (no application transaction has been journaled before that). */
  boolean exists(Connection primary) throws SQLException {
    if (!exists) {
      exists = journal.exists(primary);
    }
    return exists;
  }

  List<JournalTable.PendingEntry> readPending(Connection primary, int limit, List<Long> skipRowIds)
      throws SQLException {
    return journal.readPending(primary, limit, skipRowIds);
  }

  /** The entries waiting in the journal (one {@code COUNT}). */
  long pendingCount(Connection primary) throws SQLException {
    return journal.pendingCount(primary);
  }

  JournalEntry decode(Connection primary, JournalTable.PendingEntry entry) throws IOException {
    return journal.decode(primary, entry);
  }

  /** Deletes applied entries; returns the number of statements it took. */
  int delete(Connection primary, List<JournalTable.PendingEntry> entries) throws SQLException {
    return journal.delete(primary, entries);
  }

  void quarantine(Connection primary, JournalTable.PendingEntry entry, Collection<String> tables, String error,
      int attempts) throws SQLException {
    quarantine.quarantine(primary, entry, tables, error, attempts);
  }

  long quarantinedCount(Connection primary) throws SQLException {
    return quarantine.quarantinedCount(primary);
  }

  long divergedCount(Connection primary) throws SQLException {
    return quarantine.divergedTables(primary).size();
  }
}
