package io.doltsync.spi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything doltsync needs to know about one kind of primary database: how to read its schema, how
 * its column types map to Dolt, how to read values so that Dolt stores the same thing, and the few SQL
 * fragments that differ between databases.
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader}; the first whose
 * {@link #supports(String)} accepts the primary's JDBC URL is used. doltsync ships dialects for
 * MySQL/MariaDB, PostgreSQL, H2 and Oracle. Implementations must be stateless and thread-safe.
 * {@link JdbcSourceDialect} implements the schema reading and value reading through standard JDBC
 * metadata and getters; a new dialect usually extends it.
 */
public interface SourceDialect {

  /** A short name: {@code mysql}, {@code mariadb}, {@code postgresql}, {@code h2}, {@code oracle}. */
  String name();

  /** True when this dialect handles a primary reached through that (real, unwrapped) JDBC URL. */
  boolean supports(String jdbcUrl);

  /**
   * How the database's SQL text is tokenised (quotes, comments, dollar quotes, identifier case), so that
   * doltsync's statement classifier reads the application's SQL as the database does. The default is ISO
   * SQL's rules; a dialect of a database that differs builds its own from {@link LexicalRules#standard()} or a
   * preset.
   */
  default LexicalRules lexicalRules() {
    return LexicalRules.standard();
  }

  // ---- Schema --------------------------------------------------------------------------------

  /** The user tables of the connection's current catalog/schema (no views, no system tables). */
  List<String> listTables(Connection connection) throws SQLException;

  /** The full schema of one table of the current catalog/schema; the name is matched case-insensitively. */
  TableSchema readTable(Connection connection, String table) throws SQLException;

  /**
   * The full schema of a table {@link #listTables} gave on this connection, by that exact name: what
   * {@link #readTable} reads, without looking the name up again (a dialect may save the round trip).
   */
  default TableSchema readListedTable(Connection connection, String listedName) throws SQLException {
    return readTable(connection, listedName);
  }

  // ---- Types and values ----------------------------------------------------------------------

  /**
   * The Dolt (MySQL) column type for a primary column, e.g. {@code "varchar(255)"}, {@code "json"},
   * {@code "decimal(10,2)"}.
   *
   * @throws UnmappableTypeException when the type has no faithful Dolt equivalent
   */
  String doltType(String table, ColumnSchema column) throws UnmappableTypeException;

  /**
   * Reads column {@code index} of the current row as the canonical Java value that doltsync stores
   * in Dolt: {@code null}, {@link Long}, {@link java.math.BigDecimal}, {@link Double}, {@link Float},
   * {@link Boolean}, {@link String}, {@code byte[]}, {@link java.time.LocalDate},
   * {@link java.time.LocalTime} or {@link java.time.LocalDateTime} (UTC for zoned types).
   */
  Object readValue(ResultSet resultSet, int index, ColumnSchema column) throws SQLException;

  /**
   * Reads column {@code index} of a row read back from Dolt, where doltsync stored a value of the primary
   * column {@code column} (in the column type {@link #doltType} gave), as the same canonical value
   * {@link #readValue} returned for it. Use it to compare Dolt's contents with the primary's. The
   * default reads it as if it came from the primary, which suits dialects whose {@link #readValue} only
   * uses standard getters that also work on the Dolt column type.
   */
  default Object readDoltValue(ResultSet doltResultSet, int index, ColumnSchema column) throws SQLException {
    return readValue(doltResultSet, index, column);
  }

  // ---- SQL fragments -------------------------------------------------------------------------

  /** Quotes an identifier for this database. */
  String quoteIdentifier(String identifier);

  /**
   * The select-list item that reads the column's stored value exactly, labelled with the column's name; every reader
   * of the primary's rows selects its columns so. The default is the quoted name; a dialect whose driver reads a
   * type lossily (MySQL/MariaDB send a {@code FLOAT} in the text protocol with 6 significant digits) selects an exact
   * form that {@link #readValue} turns back into the stored value.
   */
  default String selectColumn(ColumnSchema column) {
    return selectColumn(null, column);
  }

  /**
   * {@link #selectColumn} of a column named through a table name or alias ({@code qualifier.column}), as a
   * statement's own {@code FROM} list names it (a keyless UPDATE's or DELETE's pre-select of the rows it removes).
   *
   * @param qualifier the table name or alias, as SQL text, or {@code null} for the bare column name
   */
  default String selectColumn(String qualifier, ColumnSchema column) {
    return (qualifier == null ? "" : qualifier + ".") + quoteIdentifier(column.name());
  }

  /** {@link #selectColumn} of every column, comma-separated: the select list that reads a whole row exactly. */
  default String selectColumns(java.util.List<ColumnSchema> columns) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      list.append(i == 0 ? "" : ", ").append(selectColumn(columns.get(i)));
    }
    return list.toString();
  }

  /** The clause that makes a SELECT lock the rows it reads, with a leading space, e.g. {@code " FOR UPDATE"}. */
  default String lockingClause() {
    return " FOR UPDATE";
  }

  /**
   * The clause that makes a SELECT over joined tables lock only the rows of the table called
   * {@code qualifier} (PostgreSQL refuses to lock the nullable side of an outer join), with a leading space.
   */
  default String lockingClause(String qualifier) {
    return lockingClause();
  }

  /**
   * The statement that takes a share lock on a whole table inside a transaction (waiting for concurrent
   * writers, keeping new ones out until the transaction ends), or {@code null} when the database has none
   * and its row locks must do.
   */
  default String shareLockTable(String quotedTable) {
    return null;
  }

  /**
   * A statement that starts a transaction while the connection stays in auto-commit mode (MySQL's
   * {@code START TRANSACTION}), or {@code null}. doltsync wraps each auto-commit write in a transaction of
   * its own (so its journal entry commits with it); with this statement it needs no auto-commit toggles,
   * which cost a round trip each on some drivers. The transaction then ends with {@code COMMIT} or
   * {@code ROLLBACK} statements.
   */
  default String beginTransactionStatement() {
    return null;
  }

  /** True when a failed statement aborts the whole transaction (PostgreSQL): doltsync's own reads then run under a savepoint. */
  default boolean failedStatementAbortsTransaction() {
    return false;
  }

  /** True when DDL statements commit the open transaction (MySQL, MariaDB, Oracle, H2); false for PostgreSQL. */
  boolean ddlCommitsImplicitly();

  /**
   * The statements that create doltsync's journal table if it does not exist yet (run in order, each
   * must be idempotent). The table has exactly these columns:
   * <ul>
   *   <li>{@code id}: 64-bit integer primary key generated by the database in increasing order
   *       (AUTO_INCREMENT, BIGSERIAL/identity);</li>
   *   <li>{@code txn}: {@code varchar(36) not null}, the transaction id, with a (non-unique) index;</li>
   *   <li>{@code chunk} and {@code chunks}: {@code int not null}, this row's part number and the part count;</li>
   *   <li>{@code created_at}: a timestamp with microseconds, default the database's current time;</li>
   *   <li>{@code instance}: {@code varchar(255)};</li>
   *   <li>{@code payload}: a binary large object (LONGBLOB, BYTEA, BLOB).</li>
   * </ul>
   */
  List<String> createJournalTable(String tableName);

  /**
   * Starts a read-only transaction on {@code connection} that sees one consistent snapshot of every
   * table until it ends, as the bootstrap copy needs. The connection is in manual-commit mode.
   */
  void beginConsistentSnapshot(Connection connection) throws SQLException;
}
