package io.doltsync.spi;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The reusable base of a {@link SourceDialect}: what any database with a conforming JDBC driver shares.
 * It reads schemas through {@link DatabaseMetaData} (tables, columns, primary key, indexes on plain columns,
 * foreign keys), quotes identifiers and tokenises SQL by the dialect's {@link LexicalRules}, and reads values
 * into doltsync's canonical forms by each column's {@link java.sql.Types JDBC type}. A subclass supplies what
 * only it knows: the Dolt type of each column ({@link #doltType}), the triggers ({@link #readTriggers}),
 * the journal table ({@link #createJournalTable}), a consistent snapshot ({@link #beginConsistentSnapshot})
 * and whether DDL commits ({@link #ddlCommitsImplicitly}); it overrides the hooks below where its driver's
 * metadata or getters fall short.
 *
 * <p>Register the subclass in {@code META-INF/services/io.doltsync.spi.SourceDialect}. doltsync's own
 * dialects extend this class.
 */
public abstract class JdbcSourceDialect implements SourceDialect {

  private final String name;
  private final String urlPrefix;
  private final LexicalRules rules;

  /**
   * @param name      the dialect's short name
   * @param urlPrefix the JDBC URL prefix it handles, e.g. {@code jdbc:sqlserver:} (compared ignoring case)
   * @param rules     how the database tokenises SQL
   */
  protected JdbcSourceDialect(String name, String urlPrefix, LexicalRules rules) {
    this.name = name;
    this.urlPrefix = urlPrefix;
    this.rules = rules;
  }

  @Override
  public String name() {
    return name;
  }

  /** True when the URL starts with the prefix given to the constructor, ignoring case. */
  @Override
  public boolean supports(String jdbcUrl) {
    return hasPrefix(jdbcUrl, urlPrefix);
  }

  @Override
  public LexicalRules lexicalRules() {
    return rules;
  }

  /** Quotes by the {@linkplain LexicalRules#quoteIdentifier lexical rules}. */
  @Override
  public String quoteIdentifier(String identifier) {
    return rules.quoteIdentifier(identifier);
  }

  /** The tables {@link DatabaseMetaData#getTables} reports of the {@linkplain #tableTypes types of user tables} in the current catalog and schema. */
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

  /**
   * The table's columns ({@link #readColumns}), primary key, indexes on plain columns (partial and expression
   * indexes are left out: Dolt could only mirror them wrongly), foreign keys and triggers.
   */
  @Override
  public TableSchema readTable(Connection connection, String table) throws SQLException {
    return readListedTable(connection, resolveTableName(connection, table));
  }

  /** Reads the table as {@link #readTable} does ({@link #tableFromMetadata} by default), by its exact name. */
  @Override
  public TableSchema readListedTable(Connection connection, String listedName) throws SQLException {
    return tableFromMetadata(connection, listedName);
  }

  /**
   * The table's columns ({@link #readColumns}), primary key and indexes as {@link DatabaseMetaData} reports them,
   * foreign keys ({@link #readForeignKeys}) and triggers ({@link #readTriggers}): the default
   * {@link #readListedTable}, which a subclass may replace by catalog queries that read the same in fewer round
   * trips.
   *
   * @param table the table's name exactly as the database stores it
   */
  protected final TableSchema tableFromMetadata(Connection connection, String table) throws SQLException {
    TableMetadata metadata = new TableMetadata(connection.getMetaData(), catalog(connection), schema(connection), table);
    List<ColumnSchema> columns = readColumns(connection, table);
    TableMetadata.PrimaryKey primaryKey = metadata.primaryKey();
    return new TableSchema(table, columns, primaryKey.columns(), metadata.indexes(columns, primaryKey),
        readForeignKeys(connection, table), readTriggers(connection, table));
  }

  /**
   * The foreign keys declared on the table, each with its columns in key order, as
   * {@link DatabaseMetaData#getImportedKeys} reports them (ordered by referenced table, then constraint name); a
   * subclass may read the same facts in fewer round trips.
   *
   * @param table the table's name exactly as the database stores it
   */
  protected List<ForeignKeySchema> readForeignKeys(Connection connection, String table) throws SQLException {
    return foreignKeysFromMetadata(connection, table);
  }

  /** The foreign keys as {@link DatabaseMetaData#getImportedKeys} reports them (the default {@link #readForeignKeys}). */
  protected final List<ForeignKeySchema> foreignKeysFromMetadata(Connection connection, String table) throws SQLException {
    return new TableMetadata(connection.getMetaData(), catalog(connection), schema(connection), table).foreignKeys();
  }

  /**
   * Reads by the column's JDBC type: integers as {@link Long}, {@code DECIMAL}/{@code NUMERIC} as
   * {@link BigDecimal}, {@code REAL} as {@link Float}, {@code FLOAT}/{@code DOUBLE} as {@link Double},
   * {@code BIT}/{@code BOOLEAN} as {@link Boolean}, {@code CHAR}/{@code NCHAR} without trailing blanks, other
   * character types as {@link String}, binary types as {@code byte[]}, {@code DATE}, {@code TIME} and
   * {@code TIMESTAMP} as {@link LocalDate}, {@link LocalTime} and {@link LocalDateTime} (truncated to
   * microseconds, Dolt's finest), {@code TIMESTAMP WITH TIME ZONE} as a {@link LocalDateTime} in UTC, and
   * anything else through {@link ResultSet#getString}.
   */
  @Override
  public Object readValue(ResultSet resultSet, int index, ColumnSchema column) throws SQLException {
    return read(resultSet, index, column.jdbcType(), true);
  }

  /** Like {@link #readValue}, except that a zoned timestamp comes back from Dolt as the UTC date-time stored. */
  @Override
  public Object readDoltValue(ResultSet doltResultSet, int index, ColumnSchema column) throws SQLException {
    return read(doltResultSet, index, column.jdbcType(), false);
  }

  /** The catalog tables are listed and read in; the connection's current catalog by default. */
  protected String catalog(Connection connection) throws SQLException {
    return connection.getCatalog();
  }

  /** The schema tables are listed and read in; the connection's current schema by default. */
  protected String schema(Connection connection) throws SQLException {
    return connection.getSchema();
  }

  /** The {@link DatabaseMetaData#getTables} types of user tables; {@code TABLE} by default. */
  protected String[] tableTypes() {
    return new String[] {"TABLE"};
  }

  /**
   * The table's columns in table order, as {@link DatabaseMetaData#getColumns} reports them; a subclass
   * refines what its driver reports poorly (declared type names, domains) and calls this for the rest.
   *
   * @param table the table's name exactly as the database stores it
   */
  protected List<ColumnSchema> readColumns(Connection connection, String table) throws SQLException {
    return columnsFromMetadata(connection, schema(connection), table);
  }

  /**
   * The table's columns as {@link DatabaseMetaData#getColumns} reports them in {@code schema}: the default
   * {@link #readColumns}, for a subclass that knows the schema already (asking the connection may cost a round trip).
   */
  protected final List<ColumnSchema> columnsFromMetadata(Connection connection, String schema, String table)
      throws SQLException {
    return new TableMetadata(connection.getMetaData(), catalog(connection), schema, table).columns();
  }

  /** The source text of each trigger on the table (doltsync copies a table whose triggers it cannot follow). */
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
    return jdbcUrl != null && prefix != null && jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static Object read(ResultSet rs, int index, int jdbcType, boolean fromPrimary) throws SQLException {
    Object value = switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(index);
      case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(index);
      case Types.REAL -> rs.getFloat(index);
      case Types.FLOAT, Types.DOUBLE -> rs.getDouble(index);
      case Types.BIT, Types.BOOLEAN -> rs.getBoolean(index);
      case Types.CHAR, Types.NCHAR -> stripTrailingBlanks(rs.getString(index));
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(index);
      case Types.DATE -> rs.getObject(index, LocalDate.class);
      case Types.TIME -> truncate(rs.getObject(index, LocalTime.class));
      case Types.TIMESTAMP -> truncate(rs.getObject(index, LocalDateTime.class));
      case Types.TIMESTAMP_WITH_TIMEZONE -> fromPrimary ? utc(rs.getObject(index, OffsetDateTime.class))
          : truncate(rs.getObject(index, LocalDateTime.class));
      default -> rs.getString(index);
    };
    return rs.wasNull() ? null : value;
  }

  private static String stripTrailingBlanks(String value) {
    if (value == null) {
      return null;
    }
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == ' ') {
      end--;
    }
    return value.substring(0, end);
  }

  private static LocalTime truncate(LocalTime value) {
    return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
  }

  private static LocalDateTime truncate(LocalDateTime value) {
    return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
  }

  private static LocalDateTime utc(OffsetDateTime value) {
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MICROS);
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
