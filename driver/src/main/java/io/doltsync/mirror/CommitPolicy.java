package io.doltsync.mirror;

import io.doltsync.journal.JournalEntry;
import java.time.Instant;

/**
 * How the applier turns journal entries into Dolt commits: each commit's message (with doltsync's trailer)
 * and date. The default, {@link #onePerTransaction()}, makes one commit per primary transaction dated with
 * the primary's commit time, never earlier than the branch's head (Dolt's history stays in date order).
 */
interface CommitPolicy {

  /** The full message of the commit of {@code entry}, stored at journal position {@code journalId}. */
  String message(JournalEntry entry, long journalId, Instant committedAt);

  /** The date of the commit of an entry the primary committed at {@code committedAt}. */
  Instant date(Instant committedAt);

  /** The branch's head has this date (read after a reconnect, or just committed). */
  void headDated(Instant date);

  /** One Dolt commit per primary transaction, in journal order. */
  static CommitPolicy onePerTransaction() {
    return new CommitPolicy() {
      private Instant head = Instant.EPOCH;

      @Override
      public String message(JournalEntry entry, long journalId, Instant committedAt) {
        return CommitTrailer.forTransaction(entry.message(), entry.transactionId(), journalId, entry.instance(),
            committedAt);
      }

      @Override
      public Instant date(Instant committedAt) {
        return committedAt.isBefore(head) ? head : committedAt;
      }

      @Override
      public void headDated(Instant date) {
        head = date;
      }
    };
  }
}
