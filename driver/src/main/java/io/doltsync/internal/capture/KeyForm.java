package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.CanonicalSql;
import io.doltsync.internal.dialect.H2OracleModeDialect;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a locking image read names the keys it reads, chosen per primary for the form its optimizer turns into
 * primary-key lookups (measured with each primary's {@code EXPLAIN ANALYZE} on a 250k-row table with a
 * four-column key; the figures are in {@code RowImageReaderFormTest}'s Javadoc).
 * <ul>
 *   <li>{@link #IN_LIST}: one key column, {@code k IN (?, ...)} on every primary.</li>
 *   <li>{@link #ROW_IN}: {@code (a, b) IN ((?, ?), ...)}. H2 plans the OR of conjunctions as a full table
 *       scan from two keys on, this form as primary-key lookups; MariaDB/MySQL plan both as primary-key
 *       ranges, this one at a fraction of the optimizer's time.</li>
 *   <li>{@link #ROW_IN_VALUES}: {@code (a, b) IN (VALUES (?, ?), ...)} on PostgreSQL: a semi-join of the
 *       VALUES list with primary-key index scans, where the OR form plans one bitmap index scan per key
 *       (planning alone dominates from a hundred keys). Only for key columns whose bound values pgjdbc sends
 *       with the column's own comparison type (integers, numeric, text, varchar): a VALUES column of
 *       parameters takes the parameters' type, where {@code a = ?} takes the column's, so a key bound as
 *       an untyped value (dates, uuid, char(n), enums) keeps {@link #OR_OF_ANDS}.</li>
 *   <li>{@link #OR_OF_ANDS}: {@code (a = ? AND b = ?) OR ...}, every other case.</li>
 * </ul>
 * Every form compares each key column with {@code =} semantics of the column (its collation and type), reads
 * each matching row once, and locks only those rows.
 */
enum KeyForm {
  IN_LIST, ROW_IN, ROW_IN_VALUES, OR_OF_ANDS;

  private static final Set<String> POSTGRESQL_VALUES_TYPES =
      Set.of("int2", "int4", "int8", "smallint", "integer", "bigint", "numeric", "decimal", "text", "varchar",
          "character varying");

  /** The form for a primary's keys of these column types, in key order. */
  static KeyForm of(SourceDialect dialect, List<ColumnSchema> keyTypes) {
    if (keyTypes.size() == 1) {
      return IN_LIST;
    }
    if (dialect instanceof H2OracleModeDialect) {
      return ROW_IN;
    }
    return switch (CanonicalSql.familyOf(dialect)) {
      case MYSQL, H2 -> ROW_IN;
      case POSTGRESQL -> keyTypes.stream().allMatch(KeyForm::postgresqlValuesType) ? ROW_IN_VALUES : OR_OF_ANDS;
      case OTHER -> OR_OF_ANDS;
    };
  }

  private static boolean postgresqlValuesType(ColumnSchema column) {
    int type = column.jdbcType();
    boolean jdbcKnown = type == Types.SMALLINT || type == Types.INTEGER || type == Types.BIGINT
        || type == Types.NUMERIC || type == Types.DECIMAL || type == Types.VARCHAR;
    return jdbcKnown && POSTGRESQL_VALUES_TYPES.contains(column.typeName().toLowerCase(Locale.ROOT));
  }

  /** Appends the condition matching one of {@code keyCount} keys over the quoted key columns. */
  void appendCondition(StringBuilder sql, List<String> columns, int keyCount) {
    switch (this) {
      case IN_LIST -> {
        sql.append(columns.get(0)).append(" IN (");
        appendTuples(sql, 1, keyCount);
        sql.append(')');
      }
      case ROW_IN, ROW_IN_VALUES -> {
        sql.append('(').append(String.join(", ", columns)).append(") IN (")
            .append(this == ROW_IN_VALUES ? "VALUES " : "");
        appendTuples(sql, columns.size(), keyCount);
        sql.append(')');
      }
      case OR_OF_ANDS -> {
        for (int i = 0; i < keyCount; i++) {
          sql.append(i == 0 ? "(" : " OR (");
          for (int c = 0; c < columns.size(); c++) {
            sql.append(c == 0 ? "" : " AND ").append(columns.get(c)).append(" = ?");
          }
          sql.append(')');
        }
      }
    }
  }

  private static void appendTuples(StringBuilder sql, int width, int count) {
    for (int i = 0; i < count; i++) {
      sql.append(i == 0 ? "" : ", ");
      if (width == 1) {
        sql.append('?');
        continue;
      }
      sql.append('(');
      for (int c = 0; c < width; c++) {
        sql.append(c == 0 ? "?" : ", ?");
      }
      sql.append(')');
    }
  }
}
