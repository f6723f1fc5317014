package io.doltsync.internal.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one sync run did.
 *
 * @param snapshotTime the time of the source snapshot the run read (the Dolt commit's date)
 * @param commitHash   the Dolt commit made, or null when nothing changed
 * @param tables       per table, in sync order
 * @param took         the run's duration
 */
public record SyncReport(Instant snapshotTime, String commitHash, List<TableResult> tables, Duration took) {

  /**
   * One table's part.
   *
   * @param rowsRead    source rows read (compared or copied)
   * @param added       rows Dolt gained
   * @param modified    rows Dolt changed
   * @param deleted     rows Dolt lost
   * @param schemaChanges DDL statements applied to Dolt
   * @param missingCopied rows an incremental table's key scan found in the source and not in Dolt (their cursor
   *                      was behind the last cursor), copied by this run
   * @param readers       source connections that read the table's rows (more than one: key ranges in parallel on
   *                      the run's one snapshot)
   */
  public record TableResult(String source, String dolt, SyncMode mode, long rowsRead, long added, long modified,
      long deleted, int schemaChanges, long missingCopied, int readers) {

    public boolean changed() {
      return added + modified + deleted + schemaChanges > 0;
    }
  }

  public boolean committed() {
    return commitHash != null;
  }

  public long rowsRead() {
    return tables.stream().mapToLong(TableResult::rowsRead).sum();
  }
}
