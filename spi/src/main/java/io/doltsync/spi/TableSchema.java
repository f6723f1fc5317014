package io.doltsync.spi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape of one primary table: columns, keys, indexes, foreign keys and triggers.
 *
 * @param name           the table name as the primary stores it
 * @param columns        the columns, in table order
 * @param primaryKey     the primary-key columns in key order; empty for a table without a primary key
 * @param indexes        the other indexes (unique and non-unique)
 * @param foreignKeys    the foreign keys declared on this table
 * @param triggerSources the source text of every trigger on this table (empty when it has none);
 *                       a trigger implemented outside SQL (an H2 Java trigger) is given as its class name
 */
public record TableSchema(
    String name,
    List<ColumnSchema> columns,
    List<String> primaryKey,
    List<IndexSchema> indexes,
    List<ForeignKeySchema> foreignKeys,
    List<String> triggerSources) {

  public TableSchema {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
    triggerSources = List.copyOf(triggerSources);
  }

  /** The column of that name, compared case-insensitively. */
  public Optional<ColumnSchema> column(String columnName) {
    for (ColumnSchema column : columns) {
      if (column.name().equalsIgnoreCase(columnName)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** True when the table has a primary key. */
  public boolean hasPrimaryKey() {
    return !primaryKey.isEmpty();
  }

  /** The unique indexes, which an upsert may hit instead of the primary key. */
  public List<IndexSchema> uniqueIndexes() {
    return indexes.stream().filter(IndexSchema::unique).toList();
  }

  /** The table name in lower case, the form doltsync uses as a lookup key. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }
}
