package io.doltsync.internal.journal;

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
 * @param lineage       the lineage scope (flow, run, step) the transaction was committed in, for the commit's
 *                      trailer, or {@code null}
 */
public record JournalEntry(
    String transactionId,
    String instance,
    String authorName,
    String authorEmail,
    String message,
    List<TableChange> changes,
    boolean allowEmpty,
    Lineage lineage) {

  public JournalEntry {
    changes = List.copyOf(changes);
  }

  public JournalEntry(String transactionId, String instance, String authorName, String authorEmail, String message,
      List<TableChange> changes, boolean allowEmpty) {
    this(transactionId, instance, authorName, authorEmail, message, changes, allowEmpty, null);
  }

  /** This entry, committed inside a lineage scope. */
  public JournalEntry withLineage(Lineage scope) {
    return new JournalEntry(transactionId, instance, authorName, authorEmail, message, changes, allowEmpty, scope);
  }

  /** The lineage scope a transaction was committed in: its flow, run id and step. */
  public record Lineage(String flow, String run, String step) {}

  /**
   * A journal entry read back from the journal table, with what only the table knows.
   *
   * @param id          the journal id (the entry's position: smallest row id of its chunks)
   * @param committedAt the primary's clock when the entry was written, inside the transaction
   * @param entry       the decoded entry
   */
  public record Stored(long id, Instant committedAt, JournalEntry entry) {}
}
