package io.doltsync;

import java.util.List;
import java.util.Objects;

/**
 * How a write-back ({@link DoltSync#revert}, {@link DoltSync#restore}, {@link DoltSync#publish}) runs.
 *
 * @param dryRun        compute and report every change and conflict, change nothing (the locks taken are
 *                      released by a rollback)
 * @param skipConflicts apply what does not conflict, cell by cell (Dolt's merge rule), and report the
 *                      conflicts instead of failing; without it any conflict fails the write-back and
 *                      nothing is applied
 * @param tables        restore only: the tables to restore (case-insensitive), empty for every mirrored table
 * @param progress      told how far each table has come
 */
public record WritebackOptions(boolean dryRun, boolean skipConflicts, List<String> tables, WritebackProgress progress) {

  /** Apply, fail on any conflict, every table, no progress. */
  public static final WritebackOptions DEFAULT = new WritebackOptions(false, false, List.of(), WritebackProgress.NONE);

  public WritebackOptions {
    tables = List.copyOf(tables);
    Objects.requireNonNull(progress, "progress");
  }

  public WritebackOptions withDryRun(boolean value) {
    return new WritebackOptions(value, skipConflicts, tables, progress);
  }

  public WritebackOptions withSkipConflicts(boolean value) {
    return new WritebackOptions(dryRun, value, tables, progress);
  }

  public WritebackOptions withTables(List<String> value) {
    return new WritebackOptions(dryRun, skipConflicts, value, progress);
  }

  public WritebackOptions withProgress(WritebackProgress value) {
    return new WritebackOptions(dryRun, skipConflicts, tables, value);
  }
}
