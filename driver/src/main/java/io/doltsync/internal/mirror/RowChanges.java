package io.doltsync.internal.mirror;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a write does to the existing rows of one table, as far as foreign-key actions care: whether it
 * deletes rows, and which columns it may change ({@code anyColumn} when that cannot be told). Inserted
 * rows are not described: an insert fires no referential action.
 *
 * @param deletes        rows may be deleted
 * @param anyColumn      rows may be updated in any column
 * @param updatedColumns the columns an update sets (lower case), when not {@code anyColumn}
 */
public record RowChanges(boolean deletes, boolean anyColumn, Set<String> updatedColumns) {

  /** Existing rows are left alone (a plain INSERT). */
  public static final RowChanges NONE = new RowChanges(false, false, Set.of());
  /** Rows are deleted (DELETE, REPLACE). */
  public static final RowChanges DELETE = new RowChanges(true, false, Set.of());
  /** Anything may happen to any row (triggers, statements the parser cannot read). */
  public static final RowChanges ANY = new RowChanges(true, true, Set.of());

  public RowChanges {
    Set<String> lower = new TreeSet<>();
    for (String column : updatedColumns) {
      lower.add(column.toLowerCase(Locale.ROOT));
    }
    updatedColumns = anyColumn ? Set.of() : Set.copyOf(lower);
  }

  /** An update that sets exactly these columns. */
  public static RowChanges updating(Collection<String> columns) {
    return new RowChanges(false, false, Set.copyOf(columns));
  }

  /** An update whose columns cannot be told. */
  public static RowChanges updatingAnyColumn() {
    return new RowChanges(false, true, Set.of());
  }

  /** What either of the two writes may do. */
  public RowChanges union(RowChanges other) {
    if (other.anyColumn || anyColumn) {
      return new RowChanges(deletes || other.deletes, true, Set.of());
    }
    Set<String> columns = new TreeSet<>(updatedColumns);
    columns.addAll(other.updatedColumns);
    return new RowChanges(deletes || other.deletes, false, columns);
  }

  /** True when an update may set any of these columns (case-insensitive). */
  public boolean updatesAnyOf(Collection<String> columns) {
    if (anyColumn) {
      return true;
    }
    for (String column : columns) {
      if (updatedColumns.contains(column.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** True when the write changes no existing row. */
  public boolean isNone() {
    return !deletes && !anyColumn && updatedColumns.isEmpty();
  }
}
