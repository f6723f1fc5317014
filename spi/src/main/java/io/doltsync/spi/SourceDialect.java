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
 */
public interface SourceDialect {

  /** A short name: {@code mysql}, {@code mariadb}, {@code postgresql}, {@code h2}, {@code oracle}. */
  String name();

  /** True when this dialect handles a primary reached through that (real, unwrapped) JDBC URL. */
  boolean supports(String jdbcUrl);

  /** Lexical rules for the statement classifier: one of {@code mysql}, {@code mariadb}, {@code postgresql}, {@code h2}, {@code oracle}. */
  default String lexicalDialect() {
    return name();
  }

  // ---- Schema --------------------------------------------------------------------------------

  /** The user tables of the connection's current catalog/schema (no views, no system tables). */
  List<String> listTables(Connection connection) throws SQLException;

  /** The full schema of one table of the current catalog/schema; the name is matched case-insensitively. */
  TableSchema readTable(Connection connection, String table) throws SQLException;

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

  // ---- SQL fragments -------------------------------------------------------------------------

  /** Quotes an identifier for this database. */
  String quoteIdentifier(String identifier);

  /** The clause that makes a SELECT lock the rows it reads, with a leading space, e.g. {@code " FOR UPDATE"}. */
  default String lockingClause() {
    return " FOR UPDATE";
  }

  /** True when DDL statements commit the open transaction (MySQL, MariaDB, Oracle, H2); false for PostgreSQL. */
  boolean ddlCommitsImplicitly();

  /** The DDL that creates doltsync's journal table if it does not exist yet. See {@code JournalTable}. */
  String createJournalTable(String tableName);

  /**
   * Starts a read-only transaction on {@code connection} that sees one consistent snapshot of every
   * table until it ends, as the bootstrap copy needs. The connection is in manual-commit mode.
   */
  void beginConsistentSnapshot(Connection connection) throws SQLException;
}
