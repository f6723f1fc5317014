package io.doltsync.samples.sqlserver;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.JdbcSourceDialect;
import io.doltsync.spi.LexicalRules;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Microsoft SQL Server and Azure SQL ({@code jdbc:sqlserver:}), through Microsoft's JDBC driver. Built on
 * doltsync's public {@link JdbcSourceDialect}: schemas come from the driver's metadata (the connection's
 * default schema, usually {@code dbo}), types map as {@link SqlServerTypes} says, and T-SQL is read with
 * {@code [..]} identifiers, {@code N'..'} strings and nested block comments.
 *
 * <p>SQL Server has no {@code SELECT ... FOR UPDATE}: its row locks are table hints after each table name, which a
 * clause appended to a query cannot express, so doltsync's pre-selects run without row locks (under the
 * transaction's isolation level); a whole-table share lock is {@code WITH (TABLOCK, HOLDLOCK)}.
 */
public class SqlServerDialect extends JdbcSourceDialect {

  /** T-SQL's lexical rules. */
  public static final LexicalRules RULES = LexicalRules.standard().toBuilder()
      .bracketIdentifiers(true).backtickIdentifiers(false).identifierQuote('[')
      .nationalStringPrefix(true).nestedBlockComments(true)
      .unquotedIdentifierCase(LexicalRules.IdentifierCase.AS_WRITTEN)
      .build();

  /** {@code microsoft.sql.Types.DATETIMEOFFSET}, the JDBC type code of {@code datetimeoffset} columns. */
  static final int DATETIMEOFFSET = -155;

  public SqlServerDialect() {
    super("sqlserver", "jdbc:sqlserver:", RULES);
  }

  /** The URLs Microsoft's driver accepts: {@code jdbc:sqlserver://}, spelled exactly so. */
  @Override
  public boolean supports(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlserver://");
  }

  @Override
  public String doltType(String table, ColumnSchema column) throws UnmappableTypeException {
    return SqlServerTypes.doltType(table, column);
  }

  /** A {@code datetimeoffset} is the instant in UTC; {@code uniqueidentifier} its text; the rest as {@link JdbcSourceDialect} reads it. */
  @Override
  public Object readValue(ResultSet resultSet, int index, ColumnSchema column) throws SQLException {
    if (column.jdbcType() == DATETIMEOFFSET) {
      OffsetDateTime value = resultSet.getObject(index, OffsetDateTime.class);
      return value == null ? null
          : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MICROS);
    }
    if ("uniqueidentifier".equals(SqlServerTypes.baseName(column.typeName()))) {
      return resultSet.getString(index);
    }
    return super.readValue(resultSet, index, column);
  }

  @Override
  public Object readDoltValue(ResultSet doltResultSet, int index, ColumnSchema column) throws SQLException {
    if (column.jdbcType() == DATETIMEOFFSET) {
      LocalDateTime value = doltResultSet.getObject(index, LocalDateTime.class);
      return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
    return super.readDoltValue(doltResultSet, index, column);
  }

  /** The definitions of the table's DML triggers, from {@code sys.triggers}. */
  @Override
  protected List<String> readTriggers(Connection connection, String table) throws SQLException {
    return queryStrings(connection, "SELECT OBJECT_DEFINITION(t.object_id) FROM sys.triggers t"
        + " WHERE t.parent_id = OBJECT_ID(QUOTENAME(SCHEMA_NAME()) + '.' + QUOTENAME(?)) ORDER BY t.name", table);
  }

  /** No row-locking clause exists for a whole query in T-SQL (see the class comment). */
  @Override
  public String lockingClause() {
    return "";
  }

  @Override
  public String shareLockTable(String quotedTable) {
    return "SELECT TOP 0 1 FROM " + quotedTable + " WITH (TABLOCK, HOLDLOCK)";
  }

  /** SQL Server's DDL is transactional. */
  @Override
  public boolean ddlCommitsImplicitly() {
    return false;
  }

  @Override
  public List<String> createJournalTable(String tableName) {
    String table = quoteIdentifier(tableName);
    String index = quoteIdentifier(tableName + "_txn");
    String objectName = "N'" + table.replace("'", "''") + "'";
    return List.of(
        "IF OBJECT_ID(" + objectName + ", N'U') IS NULL CREATE TABLE " + table + " ("
            + "id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, "
            + "txn VARCHAR(36) NOT NULL, "
            + "chunk INT NOT NULL, "
            + "chunks INT NOT NULL, "
            + "created_at DATETIME2(6) NOT NULL DEFAULT SYSDATETIME(), "
            + "instance VARCHAR(255), "
            + "payload VARBINARY(MAX))",
        "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'" + (tableName + "_txn").replace("'", "''")
            + "' AND object_id = OBJECT_ID(" + objectName + ")) CREATE INDEX " + index + " ON " + table + " (txn)");
  }

  /**
   * A snapshot transaction: the database must allow it ({@code ALTER DATABASE ... SET ALLOW_SNAPSHOT_ISOLATION ON});
   * otherwise SQL Server refuses the first read with error 3952, which reaches the caller.
   */
  @Override
  public void beginConsistentSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT");
    }
    connection.setReadOnly(true);
  }
}
