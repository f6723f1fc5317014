package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.JournalTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Applied journal entries whose deletion from the journal is put off, so that one {@code DELETE} (one durable
 * commit on the primary, an fsync on MariaDB and PostgreSQL) covers many applied transactions instead of
 * one each: at low load the applier applies entries one at a time, and a delete per entry doubled the
 * primary's commits. Entries wait here until {@link #MAX_ROWS} rows or {@link #MAX_AGE_MILLIS} ms; meanwhile
 * the applier's reads skip their rows, and a crash before the delete applies nothing twice (the entries are
 * in Dolt's recent trailers, far fewer than the applier re-reads after a failure).
 */
final class DeferredDeletes {

  /** The most journal rows waiting for their delete. */
  static final int MAX_ROWS = 100;
  /** The longest an applied entry waits for its delete. */
  static final long MAX_AGE_MILLIS = 250;

  private final List<JournalTable.PendingEntry> entries = new ArrayList<>();
  private final List<Long> rowIds = new ArrayList<>();
  private long oldestNanos;

  /** Adds entries Dolt now has, at time {@code nanos} ({@link System#nanoTime()}). */
  void add(List<JournalTable.PendingEntry> applied, long nanos) {
    if (applied.isEmpty()) {
      return;
    }
    if (entries.isEmpty()) {
      oldestNanos = nanos;
    }
    for (JournalTable.PendingEntry entry : applied) {
      entries.add(entry);
      rowIds.addAll(entry.rowIds());
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether the waiting entries should be deleted now: enough rows, or the oldest waited long enough. */
  boolean due(long nanos) {
    return !entries.isEmpty()
        && (rowIds.size() >= MAX_ROWS || nanos - oldestNanos >= TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS));
  }

  /** The journal rows of the waiting entries: reads of pending entries leave them out. */
  List<Long> rowIds() {
    return rowIds;
  }

  /** The waiting entries, which are no longer kept here: the caller deletes them. */
  List<JournalTable.PendingEntry> take() {
    List<JournalTable.PendingEntry> taken = List.copyOf(entries);
    entries.clear();
    rowIds.clear();
    return taken;
  }
}
