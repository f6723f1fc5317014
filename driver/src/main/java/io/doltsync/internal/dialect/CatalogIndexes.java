package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A table's primary key and other indexes from catalog rows, by the rules the JDBC-metadata reader applies to
 * {@link java.sql.DatabaseMetaData#getPrimaryKeys} and {@link java.sql.DatabaseMetaData#getIndexInfo} rows: key
 * columns by key position; indexes in the order of their first rows, each with its columns by position, leaving
 * out the index backing the primary key (by name, or unique on the key's columns), partial indexes and indexes
 * with a column that is not a plain column of the table.
 */
final class CatalogIndexes {

  private final Map<Integer, String> keyColumns = new TreeMap<>();
  private String keyName;
  private final Map<String, Index> indexes = new LinkedHashMap<>();

  /** One primary-key row ({@code getPrimaryKeys}' {@code PK_NAME}, {@code KEY_SEQ}, {@code COLUMN_NAME}). */
  void keyColumn(String name, int position, String column) {
    keyColumns.put(position, column);
    keyName = name;
  }

  /**
   * One index row, in {@code getIndexInfo}'s order; {@code column} is null for an expression, {@code filter} the
   * partial index's condition or null.
   */
  void indexColumn(String name, boolean unique, int position, String column, String filter) {
    if (name == null) {
      return;
    }
    Index index = indexes.computeIfAbsent(name, n -> new Index(n, unique));
    index.columns.put(position, column);
    if (column == null || (filter != null && !filter.isBlank())) {
      index.plainColumnsOnly = false;
    }
  }

  List<String> primaryKey() {
    return List.copyOf(keyColumns.values());
  }

  /** The indexes other than the primary key's, on plain columns of {@code tableColumns} only. */
  List<IndexSchema> indexes(List<ColumnSchema> tableColumns) {
    Set<String> columnNames = tableColumns.stream().map(ColumnSchema::name).collect(Collectors.toSet());
    List<String> key = primaryKey();
    List<IndexSchema> result = new ArrayList<>();
    for (Index index : indexes.values()) {
      if (!index.plainColumnsOnly || !columnNames.containsAll(index.columns.values())) {
        continue;
      }
      IndexSchema schema = new IndexSchema(index.name, List.copyOf(index.columns.values()), index.unique);
      boolean backsKey = !key.isEmpty() && ((keyName != null && keyName.equalsIgnoreCase(index.name))
          || (index.unique && key.equals(schema.columns())));
      if (!backsKey) {
        result.add(schema);
      }
    }
    return result;
  }

  private static final class Index {
    final String name;
    final boolean unique;
    final Map<Integer, String> columns = new TreeMap<>();
    boolean plainColumnsOnly = true;

    Index(String name, boolean unique) {
      this.name = name;
      this.unique = unique;
    }
  }
}
