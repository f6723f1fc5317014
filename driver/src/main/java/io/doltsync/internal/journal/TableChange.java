package io.doltsync.internal.journal;

import io.doltsync.spi.TableSchema;
import java.util.List;

/**
 * What one committed transaction did to one mirrored table, as row images: the final state of every
 * row it touched, or the table's whole content, or the table's removal.
 *
 * @param table       the table name in Dolt
 * @param kind        how to apply the change
 * @param schema      the primary's schema of the table, for {@link Kind#RESHAPE} (the table is re-created
 *                    from it) and, for other kinds, until the mirror has journaled it once (the applier
 *                    creates a missing table from it); else {@code null}
 * @param columns     the primary column names of every row in {@code upserts}, in order
 * @param keyColumns  the primary-key column names (empty for a keyless table, which is
 *                    {@link Kind#REPLACE_ALL} or {@link Kind#MULTISET})
 * @param upserts     complete rows (aligned with {@code columns}) to insert or overwrite; for
 *                    {@link Kind#MULTISET}, rows of which to add one copy each
 * @param deletedKeys keys (aligned with {@code keyColumns}) of rows that no longer exist; for
 *                    {@link Kind#MULTISET}, complete rows of which to remove one copy each
 */
public record TableChange(
    String table,
    Kind kind,
    TableSchema schema,
    List<String> columns,
    List<String> keyColumns,
    List<Object[]> upserts,
    List<Object[]> deletedKeys) {

  public TableChange {
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    upserts = List.copyOf(upserts);
    deletedKeys = List.copyOf(deletedKeys);
  }

  /** How a table change is applied. */
  public enum Kind {
    /** Delete {@code deletedKeys}, then upsert {@code upserts}. */
    ROWS,
    /** The table holds exactly {@code upserts} afterwards (TRUNCATE, keyless tables, fallbacks). */
    REPLACE_ALL,
    /** The table was created or its schema changed: it is re-created from {@code schema} holding {@code upserts}. */
    RESHAPE,
    /** The table no longer exists. */
    DROP,
    /**
     * A keyless table, which Dolt keeps as a multiset: remove one copy of each row of {@code deletedKeys}
     * (complete rows), then add one copy of each row of {@code upserts}.
     */
    MULTISET,
    /**
     * Rows of a keyed table changed in place, not read: {@code columns} are the key columns then the changed ones,
     * each row of {@code upserts} the row's key then, per changed column, its new value or an amount added to it;
     * {@code deletedKeys} is one row giving each changed column's kind of change, {@code "SET"} or {@code "ADD"}.
     * Applied as {@code UPDATE t SET c = ?, d = d + ? WHERE <key> = ?}, which must match exactly one row (Dolt
     * holds the primary's previous state, so the row is there); no schema.
     */
    COLUMNS
  }

  /** The number of row changes, for summaries and metrics. */
  public int rowCount() {
    return kind == Kind.COLUMNS ? upserts.size() : upserts.size() + deletedKeys.size();
  }

  /** The kind of change of each changed column of a {@link Kind#COLUMNS} change, {@code "SET"} or {@code "ADD"}. */
  public List<String> columnKinds() {
    if (kind != Kind.COLUMNS || deletedKeys.size() != 1) {
      throw new IllegalStateException("not a change of columns in place: " + describe());
    }
    Object[] kinds = deletedKeys.get(0);
    List<String> names = new java.util.ArrayList<>(kinds.length);
    for (Object k : kinds) {
      names.add(String.valueOf(k));
    }
    return names;
  }

  /** Rows changed in place ({@link Kind#COLUMNS}). */
  public static TableChange columns(String table, List<String> columns, List<String> keyColumns, List<Object[]> rows,
      Object[] kinds) {
    return new TableChange(table, Kind.COLUMNS, null, columns, keyColumns, rows, List.<Object[]>of(kinds));
  }

  /** A short human description, e.g. {@code "orders: 2 rows"}, {@code "orders: schema changed, 0 rows"}. */
  public String describe() {
    int rows = rowCount();
    String count = rows + (rows == 1 ? " row" : " rows");
    return switch (kind) {
      case DROP -> table + ": dropped";
      case RESHAPE -> table + ": schema changed, " + count;
      case REPLACE_ALL -> table + ": copied whole, " + count;
      case ROWS, MULTISET -> table + ": " + count;
      case COLUMNS -> table + ": " + count + " changed in place";
    };
  }

  /** This change without its schema, for an applier that already has it. */
  public TableChange withoutSchema() {
    return kind == Kind.RESHAPE || schema == null ? this
        : new TableChange(table, kind, null, columns, keyColumns, upserts, deletedKeys);
  }

  /** Copies of complete rows removed from and added to a keyless table. */
  public static TableChange multiset(String table, TableSchema schema, List<Object[]> added, List<Object[]> removed) {
    List<String> columns = schema.columns().stream().map(io.doltsync.spi.ColumnSchema::name).toList();
    return new TableChange(table, Kind.MULTISET, schema, columns, List.of(), added, removed);
  }

  public static TableChange drop(String table) {
    return new TableChange(table, Kind.DROP, null, List.of(), List.of(), List.of(), List.of());
  }
}
