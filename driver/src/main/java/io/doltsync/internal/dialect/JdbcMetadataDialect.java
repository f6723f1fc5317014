package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a {@link SourceDialect} every bundled database shares: schema reading through
 * {@link DatabaseMetaData} (subclasses refine what their metadata reports poorly and read triggers),
 * type mapping through a {@link TypeMapping} table, and value reading by each column's {@link ValueKind}.
 */
abstract class JdbcMetadataDialect implements SourceDialect {

  private final String name;
  private final TypeMapping types;

  protected JdbcMetadataDialect(String name, TypeMapping types) {
    this.name = name;
    this.types = types;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> listTables(Connection connection) throws SQLException {
    String schema = schema(connection);
    DatabaseMetaData metaData = connection.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = metaData.getTables(catalog(connection), TableMetadata.escape(metaData, schema), "%", tableTypes())) {
      while (rs.next()) {
        if (schema == null || schema.equals(rs.getString("TABLE_SCHEM"))) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return tables;
  }

  @Override
  public TableSchema readTable(Connection connection, String table) throws SQLException {
    String actualName = resolveTableName(connection, table);
    TableMetadata metadata = new TableMetadata(connection.getMetaData(), catalog(connection), schema(connection), actualName);
    List<ColumnSchema> columns = readColumns(connection, metadata, actualName);
    TableMetadata.PrimaryKey primaryKey = metadata.primaryKey();
    return new TableSchema(actualName, columns, primaryKey.columns(), metadata.indexes(columns, primaryKey),
        metadata.foreignKeys(), readTriggers(connection, actualName));
  }

  @Override
  public String doltType(String table, ColumnSchema column) throws UnmappableTypeException {
    return types.map(table, column).sql();
  }

  /** The canonical value kind of a column (text for an unmappable column). */
  ValueKind kind(ColumnSchema column) {
    return types.kind(column);
  }

  /** True when the column's type maps to a Dolt type (it is not stored through the text fallback). */
  boolean isMapped(String table, ColumnSchema column) {
    try {
      types.map(table, column);
      return true;
    } catch (UnmappableTypeException e) {
      return false;
    }
  }

  @Override
  public Object readValue(ResultSet resultSet, int index, ColumnSchema column) throws SQLException {
    return types.kind(column).readPrimary(resultSet, index);
  }

  @Override
  public Object readDoltValue(ResultSet doltResultSet, int index, ColumnSchema column) throws SQLException {
    return types.kind(column).readDolt(doltResultSet, index);
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public boolean ddlCommitsImplicitly() {
    return true;
  }

  /** The catalog tables are listed and read in; the connection's current catalog by default. */
  protected String catalog(Connection connection) throws SQLException {
    return connection.getCatalog();
  }

  /** The schema tables are listed and read in; the connection's current schema by default. */
  protected String schema(Connection connection) throws SQLException {
    return connection.getSchema();
  }

  /** The {@link DatabaseMetaData#getTables} types of user tables. */
  protected String[] tableTypes() {
    return new String[] {"TABLE"};
  }

  /** The table's columns; subclasses refine what {@link DatabaseMetaData#getColumns} reports. */
  protected List<ColumnSchema> readColumns(Connection connection, TableMetadata metadata, String table) throws SQLException {
    return metadata.columns();
  }

  /** The source text of each trigger on the table. */
  protected abstract List<String> readTriggers(Connection connection, String table) throws SQLException;

  /** Runs a query with string parameters and returns the first column of every row. */
  protected static List<String> queryStrings(Connection connection, String sql, String... parameters) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
    }
    return values;
  }

  /** True when the URL starts with {@code prefix}, ignoring case. */
  protected static boolean hasPrefix(String jdbcUrl, String prefix) {
    return jdbcUrl != null && jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private String resolveTableName(Connection connection, String table) throws SQLException {
    List<String> tables = listTables(connection);
    if (tables.contains(table)) {
      return table;
    }
    for (String candidate : tables) {
      if (candidate.equalsIgnoreCase(table)) {
        return candidate;
      }
    }
    String schema = schema(connection);
    String scope = schema != null ? "schema " + schema : "database " + catalog(connection);
    throw new SQLException("no table " + table + " in the current " + scope, "42S02");
  }
}
