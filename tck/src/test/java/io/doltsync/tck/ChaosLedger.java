package io.doltsync.tck;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the chaos writers saw, by marker: transactions whose {@code commit()} returned (among them those that
 * carried a value Dolt refuses), transactions rolled back (asked for, or after an error), and transactions
 * whose commit doltsync refused before the primary committed (values Dolt cannot store).
 */
final class ChaosLedger {

  private final Set<Integer> committed = new ConcurrentSkipListSet<>();
  private final Set<Integer> poisoned = new ConcurrentSkipListSet<>();
  private final Set<Integer> rolledBack = new ConcurrentSkipListSet<>();
  private final Set<Integer> refusedAtCommit = new ConcurrentSkipListSet<>();
  private final AtomicInteger sequence = new AtomicInteger();

  int nextSeq() {
    return sequence.incrementAndGet();
  }

  void committed(int seq, boolean poison) {
    committed.add(seq);
    if (poison) {
      poisoned.add(seq);
    }
  }

  void rolledBack(int seq) {
    rolledBack.add(seq);
  }

  void refusedAtCommit(int seq) {
    refusedAtCommit.add(seq);
  }

  /** Markers of transactions whose commit returned. */
  Set<Integer> committed() {
    return committed;
  }

  /** Committed markers of transactions that carried a row Dolt's own rule refuses. */
  Set<Integer> poisoned() {
    return poisoned;
  }

  /** Markers that must never be anywhere: rolled back, or refused by doltsync at commit. */
  Set<Integer> neverCommitted() {
    Set<Integer> never = new java.util.TreeSet<>(rolledBack);
    never.addAll(refusedAtCommit);
    return never;
  }

  int refusedAtCommitCount() {
    return refusedAtCommit.size();
  }

  int rolledBackCount() {
    return rolledBack.size();
  }
}
