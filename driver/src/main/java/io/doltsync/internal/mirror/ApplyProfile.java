package io.doltsync.internal.mirror;

import io.doltsync.MirrorMetricsMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the applier's time goes: for each step of applying journal entries, how often it ran, how long it
 * took in total and how many round trips (statements sent to a server) it made. Written by the applier
 * thread, read through JMX ({@link MirrorMetricsMXBean#getApplyBreakdown()}) and in the applier's progress log.
 */
final class ApplyProfile {

  /** A step of applying entries. */
  enum Step {
    /** Reading the next pending entries' positions (and small payloads) from the primary's journal. */
    READ_PENDING,
    /** Reading a large entry's chunks and decoding an entry. */
    DECODE,
    /** Creating or re-creating Dolt tables, and looking whether they exist. */
    DDL,
    /** The entry's REPLACE / DELETE / INSERT statements in Dolt. */
    ROWS,
    /** {@code CALL dolt_commit}. */
    DOLT_COMMIT,
    /**
     * {@code Connection.commit()} after {@code dolt_commit}. Its round trips are not counted: the JDBC driver
     * decides whether to send a {@code COMMIT} (mariadb-java-client does not when the server reports no open
     * transaction), and its time tells which.
     */
    COMMIT,
    /** Deleting applied entries from the journal. */
    JOURNAL_DELETE
  }

  private static final int STEPS = Step.values().length;
  private final AtomicLongArray counts = new AtomicLongArray(STEPS);
  private final AtomicLongArray nanos = new AtomicLongArray(STEPS);
  private final AtomicLongArray roundTrips = new AtomicLongArray(STEPS);
  private final AtomicLongArray entries = new AtomicLongArray(1);

  /** A step that started at {@code startedNanos} ({@link System#nanoTime()}) has ended after so many round trips. */
  void record(Step step, long startedNanos, int trips) {
    int i = step.ordinal();
    counts.incrementAndGet(i);
    nanos.addAndGet(i, System.nanoTime() - startedNanos);
    roundTrips.addAndGet(i, trips);
  }

  /** Entries applied (or found already in Dolt) so far: what per-entry figures are divided by. */
  void entriesDone(int count) {
    entries.addAndGet(0, count);
  }

  long count(Step step) {
    return counts.get(step.ordinal());
  }

  long roundTrips(Step step) {
    return roundTrips.get(step.ordinal());
  }

  long nanos(Step step) {
    return nanos.get(step.ordinal());
  }

  long entries() {
    return entries.get(0);
  }

  /**
   * One line per step with its share per applied entry: {@code ROWS 1.02 ms/entry, 2.00 round trips/entry
   * (3,000 runs, 3,062 ms)}.
   */
  String describe() {
    long done = Math.max(1, entries());
    StringBuilder text = new StringBuilder().append(entries()).append(" entries");
    for (Step step : Step.values()) {
      int i = step.ordinal();
      text.append(String.format(Locale.ROOT, "; %s %.3f ms/entry, %.2f round trips/entry (%d runs, %d ms)",
          step, nanos.get(i) / 1e6 / done, (double) roundTrips.get(i) / done, counts.get(i), nanos.get(i) / 1_000_000));
    }
    return text.toString();
  }
}
