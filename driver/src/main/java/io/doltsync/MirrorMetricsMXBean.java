package io.doltsync;

/**
 * What a mirror reports through JMX, under {@code io.doltsync:type=Mirror,...}: read it with
 * {@code JMX.newMXBeanProxy(server, name, MirrorMetricsMXBean.class)} or any JMX console.
 */
public interface MirrorMetricsMXBean {

  /** Transactions whose journal entry this JVM wrote. */
  long getTransactionsJournaled();

  /** Journal entries this JVM's applier applied to Dolt. */
  long getTransactionsApplied();

  /** Apply attempts that failed (Dolt down, errors) and were retried or led to a quarantine. */
  long getApplyFailures();

  /**
   * Tables this JVM journaled as whole copies (one per table per transaction): writes whose rows could not
   * be learned (see the log of {@code io.doltsync.internal.capture.CopyLog} for the statements and why).
   */
  long getWholeTableCopies();

  /** Primary commit to Dolt commit delay of the last applied entry. */
  long getLagMillis();

  /**
   * Where the applier's time goes, per applied entry: for each step (journal read, decode, DDL, row
   * statements, {@code dolt_commit}, {@code COMMIT}, journal delete) milliseconds and round trips per entry.
   */
  String getApplyBreakdown();

  /** Entries waiting in the journal when the applier last looked. */
  long getQueueDepth();

  /** Average applied entries per second since the mirror started. */
  double getAppliedPerSecond();

  long getLastAppliedAtEpochMillis();

  /** Entries in the quarantine table (Dolt refused them, or they could not be decoded), as last counted. */
  long getQuarantinedEntries();

  /** Entries this JVM's applier moved to the quarantine table. */
  long getEntriesQuarantinedByThisJvm();

  /** Tables marked diverged (Dolt lacks a quarantined change to them), as last counted. */
  long getDivergedTables();

  /** Times the applier was restarted after an unexpected error. */
  long getApplierRestarts();

  /** The applier's last error, naming the transaction and tables when an entry failed; null when none. */
  String getLastError();

  /** HEALTHY, LAGGING, DEGRADED or DOWN (see {@link MirrorHealth}). */
  MirrorHealth getHealth();

  /** When verify last finished in this JVM (0: never). */
  long getLastVerifyAtEpochMillis();

  /** Rows that differed at the last verify (-1: none ran). */
  long getLastVerifyDifferingRows();

  /** Tables that differed at the last verify (-1: none ran). */
  long getLastVerifyDifferingTables();
}
