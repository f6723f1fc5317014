package io.doltsync.tck;

import java.time.Duration;
import java.util.List;

/**
 * What one oracle run did and found, printed after every run.
 *
 * @param run          e.g. {@code single-writer}
 * @param transactions transactions generated (across all writers)
 * @param commits      Dolt commits whose content was checked
 * @param violations   everything the oracle found wrong; empty when the mirror was right
 */
record RunSummary(String run, String database, long seed, int transactions, int commits, Duration workload,
    Duration verification, WorkloadStats stats, List<String> violations) {

  String describe() {
    return String.format("[tck] %s on %s: %d transactions, %d Dolt commits checked, workload %.1f s,"
            + " verification %.1f s, seed %d, %d violations%n%s",
        run, database, transactions, commits, workload.toMillis() / 1000.0, verification.toMillis() / 1000.0, seed,
        violations.size(), stats.describe());
  }

  /** The message of a failed run: how to reproduce it, then the violations. */
  String failure() {
    return run + " on " + database + " failed with seed " + seed + " (rerun with -Dtck.seed=" + seed
        + " -Dtck.transactions=" + TckSettings.transactions() + "):\n" + String.join("\n", violations);
  }
}
