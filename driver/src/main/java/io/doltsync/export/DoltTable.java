package io.doltsync.export;

import java.util.List;

/**
 * A Dolt table at the exported revision.
 *
 * @param name        its name
 * @param columns     its columns, in table order
 * @param primaryKey  its primary-key columns in key order; empty for a keyless table
 * @param indexes     its other indexes
 * @param foreignKeys the foreign keys declared on it
 */
record DoltTable(String name, List<DoltColumn> columns, List<String> primaryKey, List<Index> indexes,
    List<ForeignKey> foreignKeys) {

  DoltTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /** An index; {@code prefixes} holds each column's prefix length (0 for the whole value). */
  record Index(String name, List<String> columns, List<Integer> prefixes, boolean unique) {}

  /** A foreign key of this table referencing {@code referencedTable}. */
  record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {}
}
