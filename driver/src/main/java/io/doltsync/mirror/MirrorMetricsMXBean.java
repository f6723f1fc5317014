package io.doltsync.mirror;

/** The JMX view of a mirror's {@link MirrorMetrics}. */
public interface MirrorMetricsMXBean {

  /** Transactions whose journal entry this JVM wrote. */
  long getTransactionsJournaled();

  /** Journal entries this JVM's applier applied to Dolt. */
  long getTransactionsApplied();

  /** Apply attempts that failed (Dolt down, errors) and were retried. */
  long getApplyFailures();

  /** Primary commit to Dolt commit delay of the last applied entry. */
  long getLagMillis();

  /** Entries waiting in the journal when the applier last looked. */
  long getQueueDepth();

  /** Average applied entries per second since the mirror started. */
  double getAppliedPerSecond();

  long getLastAppliedAtEpochMillis();
}
