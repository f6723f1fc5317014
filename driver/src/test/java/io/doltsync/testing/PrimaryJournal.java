package io.doltsync.testing;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** The journal doltsync wrote into a primary space, decoded: what the tests of the capture look at. */
public final class PrimaryJournal {

  private PrimaryJournal() {}

  /** Every transaction's entry, by transaction id, in the journal's order (its chunks joined). */
  public static Map<String, JournalEntry> entries(PrimaryKind.Space space) throws Exception {
    Map<String, ByteArrayOutputStream> payloads = new LinkedHashMap<>();
    try (Connection raw = space.connect(); Statement s = raw.createStatement();
        ResultSet rs = s.executeQuery("SELECT txn, payload FROM "
            + (space.kind() == PrimaryKind.H2 ? "\"doltsync_journal\"" : "doltsync_journal") + " ORDER BY id")) {
      while (rs.next()) {
        payloads.computeIfAbsent(rs.getString(1), t -> new ByteArrayOutputStream()).write(rs.getBytes(2));
      }
    }
    Map<String, JournalEntry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, ByteArrayOutputStream> payload : payloads.entrySet()) {
      entries.put(payload.getKey(), JournalCodec.decode(payload.getValue().toByteArray()));
    }
    return entries;
  }

  /** The entries that change a table (not those that only carry commit metadata), as {@link #entries}. */
  public static Map<String, JournalEntry> withChanges(PrimaryKind.Space space) throws Exception {
    Map<String, JournalEntry> changing = new LinkedHashMap<>();
    entries(space).forEach((txn, entry) -> {
      if (!entry.changes().isEmpty()) {
        changing.put(txn, entry);
      }
    });
    return changing;
  }
}
