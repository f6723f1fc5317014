package io.doltsync.internal.versioning;

import java.util.List;

/**
 * What stopped a {@code MERGE()} in one table.
 *
 * @param table the table
 * @param kind  what kind of conflict
 * @param count how many conflicting rows (or violations); 1 for a schema conflict
 * @param rows  for data conflicts: the primary keys of the first conflicting rows, e.g. {@code id=42};
 *              empty for other kinds and for keyless tables
 */
public record MergeConflict(String table, Kind kind, long count, List<String> rows) {

  public MergeConflict {
    rows = List.copyOf(rows);
  }

  /** The kinds of merge conflict Dolt reports. */
  public enum Kind {
    /** Both sides changed the same cells differently ({@code dolt_conflicts}). */
    DATA,
    /** Both sides changed the table's schema incompatibly ({@code dolt_schema_conflicts}). */
    SCHEMA,
    /** The merged rows violate a constraint ({@code dolt_constraint_violations}). */
    CONSTRAINT_VIOLATION
  }

  @Override
  public String toString() {
    String what = switch (kind) {
      case DATA -> count + " conflicting row" + (count == 1 ? "" : "s") + (rows.isEmpty() ? "" : " " + rows);
      case SCHEMA -> "schema conflict";
      case CONSTRAINT_VIOLATION -> count + " constraint violation" + (count == 1 ? "" : "s");
    };
    return table + ": " + what;
  }
}
