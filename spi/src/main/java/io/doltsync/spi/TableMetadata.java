package io.doltsync.spi;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reads one table's columns, primary key, indexes and foreign keys through {@link DatabaseMetaData}. */
final class TableMetadata {

  private final DatabaseMetaData metaData;
  private final String catalog;
  private final String schema;
  private final String table;

  /**
   * @param catalog the table's catalog, or {@code null} when the database has none
   * @param schema  the table's schema, or {@code null} when the database has none
   * @param table   the table name exactly as the database stores it
   */
  TableMetadata(DatabaseMetaData metaData, String catalog, String schema, String table) {
    this.metaData = metaData;
    this.catalog = catalog;
    this.schema = schema;
    this.table = table;
  }

  /** The columns in table order. */
  List<ColumnSchema> columns() throws SQLException {
    List<ColumnSchema> columns = columns(escape(metaData, table));
    if (columns.isEmpty() && !escape(metaData, table).equals(table)) {
      // drivers differ in how they read an escaped escape character (MariaDB Connector/J finds no columns for
      // t\\back): match each special character with the one-character wildcard and keep the exact name only
      columns = columns(table.replaceAll("[_%\\\\]", "_"));
    }
    return columns;
  }

  private List<ColumnSchema> columns(String tablePattern) throws SQLException {
    List<ColumnSchema> columns = new ArrayList<>();
    try (ResultSet rs = metaData.getColumns(catalog, escape(metaData, schema), tablePattern, "%")) {
      while (rs.next()) {
        if (!table.equals(rs.getString("TABLE_NAME")) || (schema != null && !schema.equals(rs.getString("TABLE_SCHEM")))) {
          continue;
        }
        columns.add(new ColumnSchema(
            rs.getString("COLUMN_NAME"),
            rs.getInt("DATA_TYPE"),
            rs.getString("TYPE_NAME"),
            nullableInt(rs, "COLUMN_SIZE"),
            nullableInt(rs, "DECIMAL_DIGITS"),
            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
            "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")),
            defaultOrGenerated(rs)));
      }
    }
    return columns;
  }

  /**
   * The column's default, or {@link ColumnSchema#GENERATED} for a generated column (whose reported default
   * may be its expression): either way the primary may store something other than a value the statement
   * gives.
   */
  private static String defaultOrGenerated(ResultSet rs) throws SQLException {
    try {
      if ("YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN"))) {
        return ColumnSchema.GENERATED;
      }
    } catch (SQLException noSuchColumn) {
      // a driver without JDBC 4.1's IS_GENERATEDCOLUMN: only the declared default is known
    }
    return rs.getString("COLUMN_DEF");
  }

  /** The primary key: its constraint name (possibly null) and columns in key order; no columns when there is none. */
  PrimaryKey primaryKey() throws SQLException {
    Map<Integer, String> columns = new TreeMap<>();
    String name = null;
    try (ResultSet rs = metaData.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        name = rs.getString("PK_NAME");
      }
    }
    return new PrimaryKey(name, List.copyOf(columns.values()));
  }

  /**
   * The indexes other than the primary key's. Left out, because Dolt could only mirror them wrongly:
   * partial indexes (a filter condition) and indexes on expressions rather than plain columns.
   */
  List<IndexSchema> indexes(List<ColumnSchema> tableColumns, PrimaryKey primaryKey) throws SQLException {
    Set<String> columnNames = tableColumns.stream().map(ColumnSchema::name).collect(Collectors.toSet());
    Map<String, IndexBuilder> byName = new LinkedHashMap<>();
    try (ResultSet rs = metaData.getIndexInfo(catalog, schema, table, false, true)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (name == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
          continue;
        }
        boolean unique = !rs.getBoolean("NON_UNIQUE");
        IndexBuilder index = byName.computeIfAbsent(name, n -> new IndexBuilder(n, unique));
        String column = rs.getString("COLUMN_NAME");
        String filter = rs.getString("FILTER_CONDITION");
        if (column == null || !columnNames.contains(column) || (filter != null && !filter.isBlank())) {
          index.plainColumnsOnly = false;
        }
        index.columns.put((int) rs.getShort("ORDINAL_POSITION"), column);
      }
    }
    List<IndexSchema> indexes = new ArrayList<>();
    for (IndexBuilder builder : byName.values()) {
      IndexSchema index = new IndexSchema(builder.name, List.copyOf(builder.columns.values()), builder.unique);
      if (builder.plainColumnsOnly && !primaryKey.isBackedBy(index)) {
        indexes.add(index);
      }
    }
    return indexes;
  }

  /** The foreign keys declared on the table, each with its columns in key order. */
  List<ForeignKeySchema> foreignKeys() throws SQLException {
    Map<List<String>, ForeignKeyBuilder> byConstraint = new LinkedHashMap<>();
    try (ResultSet rs = metaData.getImportedKeys(catalog, schema, table)) {
      while (rs.next()) {
        String name = rs.getString("FK_NAME");
        String parent = rs.getString("PKTABLE_NAME");
        ForeignKeySchema.Action onDelete = action(rs.getShort("DELETE_RULE"));
        ForeignKeySchema.Action onUpdate = action(rs.getShort("UPDATE_RULE"));
        ForeignKeyBuilder key = byConstraint.computeIfAbsent(Arrays.asList(name, parent),
            k -> new ForeignKeyBuilder(name, parent, onDelete, onUpdate));
        key.columns.put((int) rs.getShort("KEY_SEQ"), new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
      }
    }
    return byConstraint.values().stream().map(ForeignKeyBuilder::build).toList();
  }

  /** A name as a metadata search pattern that matches only itself. */
  static String escape(DatabaseMetaData metaData, String name) throws SQLException {
    if (name == null) {
      return null;
    }
    String escape = metaData.getSearchStringEscape();
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    StringBuilder pattern = new StringBuilder(name.length() + 4);
    for (char c : name.toCharArray()) {
      if (c == '_' || c == '%' || escape.indexOf(c) >= 0) {
        pattern.append(escape);
      }
      pattern.append(c);
    }
    return pattern.toString();
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static ForeignKeySchema.Action action(short rule) {
    return switch (rule) {
      case DatabaseMetaData.importedKeyCascade -> ForeignKeySchema.Action.CASCADE;
      case DatabaseMetaData.importedKeySetNull -> ForeignKeySchema.Action.SET_NULL;
      case DatabaseMetaData.importedKeySetDefault -> ForeignKeySchema.Action.SET_DEFAULT;
      case DatabaseMetaData.importedKeyRestrict -> ForeignKeySchema.Action.RESTRICT;
      default -> ForeignKeySchema.Action.NO_ACTION;
    };
  }

  /** A table's primary key. */
  record PrimaryKey(String name, List<String> columns) {

    /** True when the index is the one the database keeps for this key. */
    boolean isBackedBy(IndexSchema index) {
      return !columns.isEmpty()
          && ((name != null && name.equalsIgnoreCase(index.name())) || (index.unique() && columns.equals(index.columns())));
    }
  }

  private static final class IndexBuilder {
    final String name;
    final boolean unique;
    final Map<Integer, String> columns = new TreeMap<>();
    boolean plainColumnsOnly = true;

    IndexBuilder(String name, boolean unique) {
      this.name = name;
      this.unique = unique;
    }
  }

  private static final class ForeignKeyBuilder {
    final String name;
    final String referencedTable;
    final ForeignKeySchema.Action onDelete;
    final ForeignKeySchema.Action onUpdate;
    /** Key sequence number to {child column, parent column}. */
    final Map<Integer, String[]> columns = new TreeMap<>();

    ForeignKeyBuilder(String name, String referencedTable, ForeignKeySchema.Action onDelete, ForeignKeySchema.Action onUpdate) {
      this.name = name;
      this.referencedTable = referencedTable;
      this.onDelete = onDelete;
      this.onUpdate = onUpdate;
    }

    ForeignKeySchema build() {
      List<String> child = columns.values().stream().map(pair -> pair[0]).toList();
      List<String> parent = columns.values().stream().map(pair -> pair[1]).toList();
      return new ForeignKeySchema(name, child, referencedTable, parent, onDelete, onUpdate);
    }
  }
}
