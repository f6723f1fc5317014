package io.doltsync.bench.tpcc;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a timed run of terminals did: transactions by type and outcome, and how long it ran. Each terminal
 * fills a counts object of its own; {@link #plus} merges them.
 */
final class TpccCounts {

  private final long[][] counts = new long[TransactionType.values().length][Outcome.values().length];
  private double seconds;

  void record(TransactionType type, Outcome outcome) {
    counts[type.ordinal()][outcome.ordinal()]++;
  }

  TpccCounts withSeconds(double elapsed) {
    this.seconds = elapsed;
    return this;
  }

  double seconds() {
    return seconds;
  }

  long count(TransactionType type, Outcome outcome) {
    return counts[type.ordinal()][outcome.ordinal()];
  }

  long count(Outcome outcome) {
    long total = 0;
    for (TransactionType type : TransactionType.values()) {
      total += count(type, outcome);
    }
    return total;
  }

  long committed() {
    return count(Outcome.COMMITTED_WRITE) + count(Outcome.COMMITTED_READ_ONLY);
  }

  /** Committed New-Orders per minute: the tpmC of this run (without the specification's pacing). */
  double tpmC() {
    long newOrders = count(TransactionType.NEW_ORDER, Outcome.COMMITTED_WRITE)
        + count(TransactionType.NEW_ORDER, Outcome.COMMITTED_READ_ONLY);
    return seconds == 0 ? 0 : newOrders * 60.0 / seconds;
  }

  /** Committed transactions of every type per second. */
  double committedPerSecond() {
    return seconds == 0 ? 0 : committed() / seconds;
  }

  /** The sum of both, element by element; the time is the longer of the two (terminals run side by side). */
  TpccCounts plus(TpccCounts other) {
    TpccCounts sum = new TpccCounts();
    for (int t = 0; t < counts.length; t++) {
      for (int o = 0; o < counts[t].length; o++) {
        sum.counts[t][o] = counts[t][o] + other.counts[t][o];
      }
    }
    sum.seconds = Math.max(seconds, other.seconds);
    return sum;
  }

  /** Counts by outcome, for a log line. */
  Map<Outcome, Long> byOutcome() {
    Map<Outcome, Long> map = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      map.put(outcome, count(outcome));
    }
    return map;
  }
}
