package io.doltsync.mirror;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one mirror, readable through JMX ({@code io.doltsync:type=Mirror,name=<database>}):
 * transactions journaled and applied, the applier's lag and the journal's queue depth.
 */
public final class MirrorMetrics implements MirrorMetricsMXBean {

  private final LongAdder journaled = new LongAdder();
  private final LongAdder applied = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicLong lagMillis = new AtomicLong();
  private final AtomicLong queueDepth = new AtomicLong();
  private final AtomicLong lastAppliedAt = new AtomicLong();
  private final long startedAt = System.currentTimeMillis();

  void journaled() {
    journaled.increment();
  }

  void applied(long lag) {
    applied.increment();
    lagMillis.set(Math.max(0, lag));
    lastAppliedAt.set(System.currentTimeMillis());
  }

  void failed() {
    failures.increment();
  }

  void queueDepth(long depth) {
    queueDepth.set(depth);
  }

  @Override
  public long getTransactionsJournaled() {
    return journaled.sum();
  }

  @Override
  public long getTransactionsApplied() {
    return applied.sum();
  }

  @Override
  public long getApplyFailures() {
    return failures.sum();
  }

  @Override
  public long getLagMillis() {
    return lagMillis.get();
  }

  @Override
  public long getQueueDepth() {
    return queueDepth.get();
  }

  @Override
  public double getAppliedPerSecond() {
    double seconds = Math.max(1, (System.currentTimeMillis() - startedAt) / 1000.0);
    return applied.sum() / seconds;
  }

  @Override
  public long getLastAppliedAtEpochMillis() {
    return lastAppliedAt.get();
  }
}
