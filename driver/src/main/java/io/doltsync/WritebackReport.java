package io.doltsync;

import java.util.List;
import java.util.Map;

/**
 * What a write-back did (or, in a dry run, would do).
 *
 * @param operation  {@code revert}, {@code restore} or {@code publish}
 * @param revision   the revision, range or branch as given
 * @param from       the Dolt commit the applied changes start from (resolved hash)
 * @param to         the Dolt commit they lead to (resolved hash)
 * @param message    the Dolt commit message of the write-back's primary transaction
 * @param commitHash the Dolt commit that mirrors it; empty for a dry run, a write-back that changed
 *                   nothing, or one that joined the caller's open transaction (it is mirrored at its commit)
 * @param dryRun     true when nothing was changed
 * @param tables     rows inserted, updated and deleted on the primary per table, in the order written
 * @param conflicts  conflicts left unapplied ({@link WritebackOptions#skipConflicts}); at most
 *                   {@link #CONFLICTS_LISTED} are listed, {@code conflictCount} counts all
 * @param conflictCount every conflict found
 */
public record WritebackReport(String operation, String revision, String from, String to, String message,
    String commitHash, boolean dryRun, List<TableChange> tables, List<Conflict> conflicts, long conflictCount) {

  /** Conflicts listed in a report or an exception; all are counted. */
  public static final int CONFLICTS_LISTED = 1000;

  public WritebackReport {
    tables = List.copyOf(tables);
    conflicts = List.copyOf(conflicts);
  }

  /** Rows written (or to be written) in one table. */
  public record TableChange(String table, long inserted, long updated, long deleted) {

    public long total() {
      return inserted + updated + deleted;
    }
  }

  /**
   * A row the write-back would change but that changed otherwise since: {@code current} is what the primary
   * holds, {@code expected} what the write-back expected to find there, {@code wanted} what it would write;
   * a map is {@code null} when the row is absent. {@code columns} names the conflicting cells (empty: the
   * whole row, e.g. a row deleted since, or inserted with other values).
   */
  public record Conflict(String table, List<Object> key, List<String> columns, Map<String, Object> current,
      Map<String, Object> expected, Map<String, Object> wanted) {

    @Override
    public String toString() {
      return table + " key " + key + (columns.isEmpty() ? "" : " columns " + columns) + ": current "
          + (current == null ? "(no row)" : current) + ", expected " + (expected == null ? "(no row)" : expected)
          + ", would write " + (wanted == null ? "(delete)" : wanted);
    }
  }

  public long inserted() {
    return tables.stream().mapToLong(TableChange::inserted).sum();
  }

  public long updated() {
    return tables.stream().mapToLong(TableChange::updated).sum();
  }

  public long deleted() {
    return tables.stream().mapToLong(TableChange::deleted).sum();
  }
}
