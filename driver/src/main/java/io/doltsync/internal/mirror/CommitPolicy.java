package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.JournalEntry;
import java.time.Instant;
import java.util.List;

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

  /** Most consecutive entries one Dolt commit may carry ({@code doltsync.groupCommit}); 1: one each. */
  default int maxEntriesPerCommit() {
    return 1;
  }

  /** The full message of one commit carrying several entries, listed in journal order. */
  default String groupMessage(List<String> messages, List<CommitTrailer.Applied> transactions) {
    return CommitTrailer.forGroup(GroupCommit.summary(messages), transactions);
  }

  /**
   * One Dolt commit per primary transaction, except that under a backlog up to {@code maxEntries}
   * consecutive transactions share one (see {@link GroupCommit}); {@link #onePerTransaction()} when 1.
   */
  static CommitPolicy grouping(int maxEntries) {
    CommitPolicy single = onePerTransaction();
    if (maxEntries <= 1) {
      return single;
    }
    return new CommitPolicy() {
      @Override
      public String message(JournalEntry entry, long journalId, Instant committedAt) {
        return single.message(entry, journalId, committedAt);
      }

      @Override
      public Instant date(Instant committedAt) {
        return single.date(committedAt);
      }

      @Override
      public void headDated(Instant date) {
        single.headDated(date);
      }

      @Override
      public int maxEntriesPerCommit() {
        return maxEntries;
      }
    };
  }

  /** One Dolt commit per primary transaction, in journal order. */
  static CommitPolicy onePerTransaction() {
    return new CommitPolicy() {
      private Instant head = Instant.EPOCH;

      @Override
      public String message(JournalEntry entry, long journalId, Instant committedAt) {
        return CommitTrailer.forTransaction(entry.message(), entry.transactionId(), journalId, entry.instance(),
            committedAt, entry.lineage());
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
