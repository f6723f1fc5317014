package io.doltsync.internal.mirror;

import io.doltsync.MirrorHealth;
import io.doltsync.MirrorMetricsMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one mirror, readable through JMX ({@code io.doltsync:type=Mirror,name=<database>}):
 * transactions journaled, applied and quarantined, the applier's lag and the journal's queue depth, the
 * tables journaled as whole copies, and the mirror's {@link MirrorHealth} with the last error.
 */
public final class MirrorMetrics implements MirrorMetricsMXBean {

  /** Entries waiting longer than this make the mirror {@link MirrorHealth#LAGGING}. */
  static final long LAGGING_AFTER_MILLIS = TimeUnit.SECONDS.toMillis(10);

  private final LongAdder journaled = new LongAdder();
  private final LongAdder applied = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder quarantinedHere = new LongAdder();
  private final LongAdder restarts = new LongAdder();
  private final LongAdder wholeTableCopies = new LongAdder();
  private final AtomicLong lagMillis = new AtomicLong();
  private final AtomicLong queueDepth = new AtomicLong();
  private final AtomicLong lastAppliedAt = new AtomicLong();
  private final AtomicLong oldestPendingAt = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong diverged = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile boolean failing;
  private volatile boolean applierExpected;
  private volatile boolean applierRunning;
  private final long startedAt = System.currentTimeMillis();
  private final AtomicLong lastVerifyAt = new AtomicLong();
  private final AtomicLong lastVerifyDifferingRows = new AtomicLong(-1);
  private final AtomicLong lastVerifyDifferingTables = new AtomicLong(-1);
  private final ApplyProfile profile = new ApplyProfile();

  /** Where this mirror's applier spends its time, step by step. */
  ApplyProfile profile() {
    return profile;
  }

  @Override
  public String getApplyBreakdown() {
    return profile.describe();
  }

  void journaled() {
    journaled.increment();
  }

  void applied(long lag) {
    applied.increment();
    profile.entriesDone(1);
    lagMillis.set(Math.max(0, lag));
    lastAppliedAt.set(System.currentTimeMillis());
    failing = false;
  }

  void wholeTableCopied() {
    wholeTableCopies.increment();
  }

  /** An apply attempt failed; {@code unreachable} when Dolt or the primary could not be used at all. */
  void failed(String error, boolean unreachable) {
    failures.increment();
    lastError.set(error);
    failing = unreachable;
  }

  /** A background or requested verify finished with these differences. */
  public void verified(long differingTables, long differingRows) {
    lastVerifyDifferingTables.set(differingTables);
    lastVerifyDifferingRows.set(differingRows);
    lastVerifyAt.set(System.currentTimeMillis());
  }

  @Override
  public long getLastVerifyAtEpochMillis() {
    return lastVerifyAt.get();
  }

  @Override
  public long getLastVerifyDifferingRows() {
    return lastVerifyDifferingRows.get();
  }

  @Override
  public long getLastVerifyDifferingTables() {
    return lastVerifyDifferingTables.get();
  }

  /** The applier went through a cycle without failing. */
  void succeeded() {
    failing = false;
  }

  void quarantined(String error) {
    quarantinedHere.increment();
    quarantined.incrementAndGet();
    lastError.set("quarantined " + error);
  }

  void restarted(String error) {
    restarts.increment();
    lastError.set(error);
    failing = true;
  }

  /** What the quarantine and diverged tables held when the applier last counted. */
  void quarantineCounts(long quarantinedEntries, long divergedTables) {
    quarantined.set(quarantinedEntries);
    diverged.set(divergedTables);
  }

  void queueDepth(long depth, long oldestPendingEpochMillis) {
    queueDepth.set(depth);
    oldestPendingAt.set(depth == 0 ? 0 : oldestPendingEpochMillis);
  }

  void applierState(boolean expected, boolean running) {
    applierExpected = expected;
    applierRunning = running;
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
  public long getWholeTableCopies() {
    return wholeTableCopies.sum();
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

  @Override
  public long getQuarantinedEntries() {
    return quarantined.get();
  }

  @Override
  public long getEntriesQuarantinedByThisJvm() {
    return quarantinedHere.sum();
  }

  @Override
  public long getDivergedTables() {
    return diverged.get();
  }

  @Override
  public long getApplierRestarts() {
    return restarts.sum();
  }

  @Override
  public String getLastError() {
    return lastError.get();
  }

  @Override
  public MirrorHealth getHealth() {
    if (applierExpected && !applierRunning || failing) {
      return MirrorHealth.DOWN;
    }
    if (quarantined.get() > 0 || diverged.get() > 0) {
      return MirrorHealth.DEGRADED;
    }
    long oldest = oldestPendingAt.get();
    if (queueDepth.get() > 0 && oldest > 0 && System.currentTimeMillis() - oldest > LAGGING_AFTER_MILLIS) {
      return MirrorHealth.LAGGING;
    }
    return MirrorHealth.HEALTHY;
  }
}
