package io.doltsync.journal;

import java.time.Instant;
import java.util.List;

/**
 * One committed primary transaction, as stored in the journal table and applied to Dolt as one commit.
 *
 * @param transactionId a unique id given by the capturing connection
 * @param instance      the application instance that captured it
 * @param authorName    the commit author's name
 * @param authorEmail   the commit author's e-mail
 * @param message       the commit message (without doltsync's trailer)
 * @param changes       the table changes, in the order they are applied
 * @param allowEmpty    make a Dolt commit even when the changes leave Dolt as it was ({@code DOLT_COMMIT('--allow-empty')})
 */
public record JournalEntry(
    String transactionId,
    String instance,
    String authorName,
    String authorEmail,
    String message,
    List<TableChange> changes,
    boolean allowEmpty) {

  public JournalEntry {
    changes = List.copyOf(changes);
  }

  /**
   * A journal entry read back from the journal table, with what only the table knows.
   *
   * @param id          the journal id (the entry's position: smallest row id of its chunks)
   * @param committedAt the primary's clock when the entry was written, inside the transaction
   * @param entry       the decoded entry
   */
  public record Stored(long id, Instant committedAt, JournalEntry entry) {}
}
