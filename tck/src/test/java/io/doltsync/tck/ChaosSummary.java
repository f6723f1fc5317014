package io.doltsync.tck;

import java.time.Duration;

/** The counts a chaos run prints (mutable: the run and its checks fill it in). */
final class ChaosSummary {

  String primary;
  long seed;
  Duration chaos = Duration.ZERO;
  int committed;
  int poisoned;
  int rolledBack;
  int refusedAtCommit;
  int transactionCommits;
  int reconcileCommits;
  int foreignCommits;
  int quarantinedEntries;
  int quarantinedApplicationEntries;
  int forgedRows;
  int healedByReconcile;
  long driftTables;
  long driftRows;
  long applierRestarts;
  String faults = "";
  String outOfBand = "";
  String reconcileMessage = "";
  Duration drain = Duration.ZERO;
  Duration heal = Duration.ZERO;

  @Override
  public String toString() {
    return "[tck] chaos on " + primary + " (seed " + seed + ", " + chaos.toSeconds() + " s of chaos):\n"
        + "    transactions: " + committed + " committed (" + poisoned + " with a row only Dolt refuses), "
        + rolledBack + " rolled back, " + refusedAtCommit + " refused at commit (values Dolt cannot store)\n"
        + "    Dolt commits: " + transactionCommits + " of transactions, " + reconcileCommits + " reconcile, "
        + foreignCommits + " made by another Dolt client\n"
        + "    quarantined: " + quarantinedEntries + " entries (" + quarantinedApplicationEntries
        + " of the application, " + forgedRows + " forged journal rows); " + healedByReconcile
        + " transactions reached Dolt through reconcile\n"
        + "    faults: " + faults + "; supervised applier restarts: " + applierRestarts + "\n"
        + "    out-of-band writes: " + outOfBand + "\n"
        + "    verify before reconcile: " + driftRows + " rows differ in " + driftTables + " tables; " + reconcileMessage
        + "\n    journal drained " + drain.toMillis() + " ms after the chaos stopped; drained to healed (verify,"
        + " reconcile, verify clean): " + heal.toMillis() + " ms";
  }
}
