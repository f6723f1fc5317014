package io.doltsync.internal.verify;

import io.doltsync.internal.capture.CaptureContext;
import io.doltsync.internal.dialect.CanonicalSql.Family;
import io.doltsync.internal.dialect.CanonicalSql;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a comparison, the primary or Dolt: how it names the table and its columns, renders a row's
 * canonical text and reads canonical values, and the queries {@code verify} runs on it.
 */
final class TableSide {

  private final Connection connection;
  private final SourceDialect dialect;
  private final boolean dolt;
  private final Family family;
  private final TableSchema schema;
  private final String table;
  private final List<String> columns;
  private final List<String> keyColumns;
  /** The select-list items that read each column exactly ({@link SourceDialect#selectColumn} on the primary). */
  private final List<String> readColumns;
  private final List<String> readKeyColumns;

  private TableSide(Connection connection, SourceDialect dialect, boolean dolt, TableSchema schema, String doltTable) {
    this.connection = connection;
    this.dialect = dialect;
    this.dolt = dolt;
    this.family = dolt ? Family.MYSQL : CanonicalSql.familyOf(dialect);
    this.schema = schema;
    this.table = dolt ? DoltDdl.quote(doltTable) : dialect.quoteIdentifier(schema.name());
    this.columns = schema.columns().stream().map(c -> quote(c.name())).toList();
    this.keyColumns = schema.primaryKey().stream().map(this::quote).toList();
    this.readColumns = dolt ? columns : schema.columns().stream().map(dialect::selectColumn).toList();
    this.readKeyColumns = dolt ? keyColumns
        : schema.primaryKey().stream().map(k -> dialect.selectColumn(schema.column(k).orElseThrow())).toList();
  }

  static TableSide primary(Connection connection, SourceDialect dialect, TableSchema schema) {
    return new TableSide(connection, dialect, false, schema, null);
  }

  static TableSide dolt(Connection connection, SourceDialect dialect, TableSchema schema) {
    return new TableSide(connection, dialect, true, schema, DoltDdl.doltName(schema.name()));
  }

  /** Dolt's side under a table name of the caller's (a sync's table map may rename). */
  static TableSide dolt(Connection connection, SourceDialect dialect, TableSchema schema, String doltTable) {
    return new TableSide(connection, dialect, true, schema, doltTable);
  }

  boolean isDolt() {
    return dolt;
  }

  Family family() {
    return family;
  }

  /** False for databases without the functions a row digest needs (Oracle): their rows are compared in the JVM. */
  boolean canDigest() {
    return family != Family.OTHER;
  }

  String table() {
    return table;
  }

  private String quote(String column) {
    return dolt ? DoltDdl.quote(DoltDdl.doltName(column)) : dialect.quoteIdentifier(column);
  }

  /** The row text over the hashable columns (positions into the schema's columns). */
  String rowText(List<Integer> hashable, List<CanonicalSql.ColumnText> texts) {
    List<String> parts = new ArrayList<>(hashable.size());
    for (int i = 0; i < hashable.size(); i++) {
      String column = columns.get(hashable.get(i));
      parts.add(dolt ? texts.get(i).dolt(column) : texts.get(i).primary(column));
    }
    return CanonicalSql.rowText(family, parts);
  }

  /** {@code SELECT COUNT(*), xor, sum FROM (SELECT <text> t FROM table WHERE condition) x}. */
  String digestQuery(String rowText, String condition) {
    return "SELECT COUNT(*), " + CanonicalSql.xorAggregate(family, CanonicalSql.hash60(family, "x.t")) + ", SUM("
        + CanonicalSql.hash28(family, "x.t") + ") FROM (SELECT " + rowText + " AS t FROM " + table
        + (condition.isEmpty() ? "" : " WHERE " + condition) + ") x";
  }

  /** Digests grouped by bucket ({@code hash28 mod buckets}): bucket, count, xor, sum. */
  String bucketDigestQuery(String rowText, int buckets) {
    return "SELECT y.b, COUNT(*), " + CanonicalSql.xorAggregate(family, "y.h") + ", SUM(y.s) FROM (SELECT MOD("
        + CanonicalSql.hash28(family, "x.t") + ", " + buckets + ") AS b, " + CanonicalSql.hash60(family, "x.t")
        + " AS h, " + CanonicalSql.hash28(family, "x.t") + " AS s FROM (SELECT " + rowText + " AS t FROM " + table
        + ") x) y GROUP BY y.b";
  }

  /** The condition selecting one bucket of {@link #bucketDigestQuery}. */
  String bucketCondition(String rowText, int buckets) {
    return "MOD(" + CanonicalSql.hash28(family, rowText) + ", " + buckets + ") = ?";
  }

  /** Runs a digest query; returns {count, xor, sum} as canonical numbers. */
  Digest digest(String sql, List<Object> parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
      rs.next();
      return Digest.read(rs, 1);
    }
  }

  /** Runs a {@link #bucketDigestQuery} and hands each bucket's digest to {@code consumer}. */
  void scanDigests(String sql, java.util.function.BiConsumer<Integer, Digest> consumer) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        consumer.accept(rs.getInt(1), Digest.read(rs, 2));
      }
    }
  }

  /**
   * {@code key > lower AND key <= upper} in key order; either bound may be null (open). Parameters are
   * added to {@code into}. Composite keys are written out column by column, with a plain bound on the
   * first column so that every database reads the range from its index.
   */
  String rangeCondition(Object[] lower, Object[] upper, List<Object> into) {
    List<String> parts = new ArrayList<>(4);
    if (lower != null) {
      if (keyColumns.size() > 1) {
        parts.add(keyColumns.get(0) + " >= ?");
        into.add(lower[0]);
      }
      parts.add(compare(">", ">", lower, into));
    }
    if (upper != null) {
      if (keyColumns.size() > 1) {
        parts.add(keyColumns.get(0) + " <= ?");
        into.add(upper[0]);
      }
      parts.add(compare("<", "<=", upper, into));
    }
    return String.join(" AND ", parts);
  }

  /**
   * Lexicographic comparison of the key with {@code values}: {@code k1 op v1 OR (k1 = v1 AND k2 op v2) ...},
   * with {@code lastOp} on the last column ({@code k > v} or {@code k <= v}).
   */
  private String compare(String op, String lastOp, Object[] values, List<Object> into) {
    if (keyColumns.size() == 1) {
      into.add(values[0]);
      return keyColumns.get(0) + " " + lastOp + " ?";
    }
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < keyColumns.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append('(');
      for (int j = 0; j < i; j++) {
        sql.append(keyColumns.get(j)).append(" = ? AND ");
        into.add(values[j]);
      }
      sql.append(keyColumns.get(i)).append(' ').append(i == keyColumns.size() - 1 ? lastOp : op).append(" ?)");
      into.add(values[i]);
    }
    return sql.append(')').toString();
  }

  /** The key of the row {@code offset} rows after {@code lower} in key order, or null past the end. */
  Object[] keyAfter(Object[] lower, long offset) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String condition = rangeCondition(lower, null, parameters);
    String sql = "SELECT " + String.join(", ", readKeyColumns) + " FROM " + table
        + (condition.isEmpty() ? "" : " WHERE " + condition) + " ORDER BY " + String.join(", ", keyColumns)
        + CanonicalSql.limitOneOffset(family, offset);
    try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      Object[] key = new Object[keyColumns.size()];
      for (int i = 0; i < key.length; i++) {
        key[i] = read(rs, i + 1, keyColumn(i));
      }
      return key;
    }
  }

  /**
   * The first {@code limit} rows (every column) after {@code lower} in key order ({@code lower} null: from the
   * start), read into a list.
   */
  List<Object[]> firstRows(Object[] lower, int limit) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String condition = rangeCondition(lower, null, parameters);
    String sql = "SELECT " + String.join(", ", readColumns) + " FROM " + table
        + (condition.isEmpty() ? "" : " WHERE " + condition) + " ORDER BY " + String.join(", ", keyColumns)
        + CanonicalSql.limit(family, limit);
    List<Object[]> rows = new ArrayList<>(limit);
    try (PreparedStatement statement = prepare(sql, parameters)) {
      statement.setFetchSize(Math.min(limit, 1000));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = read(rs, i + 1, schema.columns().get(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The column at a position of the schema. */
  ColumnSchema column(int position) {
    return schema.columns().get(position);
  }

  /** Reads the listed columns (positions) of the rows matching {@code condition}, keyed or not. */
  void scan(List<Integer> positions, String condition, List<Object> parameters, RowConsumer consumer)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < positions.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(readColumns.get(positions.get(i)));
    }
    sql.append(" FROM ").append(table);
    if (!condition.isEmpty()) {
      sql.append(" WHERE ").append(condition);
    }
    try (PreparedStatement statement = prepare(sql.toString(), parameters)) {
      statement.setFetchSize(1000);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[positions.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = read(rs, i + 1, schema.columns().get(positions.get(i)));
          }
          consumer.accept(row);
        }
      }
    }
  }

  /** The condition matching any of the keys: {@code (k1 = ? AND k2 = ?) OR ...}. */
  String keysCondition(List<Object[]> keys, List<Object> into) {
    StringBuilder sql = new StringBuilder();
    for (int k = 0; k < keys.size(); k++) {
      sql.append(k == 0 ? "(" : " OR (");
      for (int c = 0; c < keyColumns.size(); c++) {
        sql.append(c == 0 ? "" : " AND ").append(keyColumns.get(c)).append(" = ?");
        into.add(keys.get(k)[c]);
      }
      sql.append(')');
    }
    return sql.toString();
  }

  long count() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private ColumnSchema keyColumn(int i) {
    return schema.column(schema.primaryKey().get(i)).orElseThrow();
  }

  private Object read(ResultSet rs, int index, ColumnSchema column) throws SQLException {
    return dolt ? dialect.readDoltValue(rs, index, column) : dialect.readValue(rs, index, column);
  }

  private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        if (dolt || !(value instanceof KeyValue)) {
          statement.setObject(i + 1, value instanceof KeyValue kv ? kv.value() : value);
        } else {
          KeyValue kv = (KeyValue) value;
          CaptureContext.bind(statement, i + 1, kv.value(), kv.column());
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Wraps key values with their column so that the primary binds them with the column's JDBC type. */
  Object[] typedKey(Object[] key) {
    Object[] typed = new Object[key.length];
    for (int i = 0; i < key.length; i++) {
      typed[i] = key[i] instanceof KeyValue ? key[i] : new KeyValue(key[i], keyColumn(i));
    }
    return typed;
  }

  /** A key value and its column. */
  record KeyValue(Object value, ColumnSchema column) {}

  @FunctionalInterface
  interface RowConsumer {
    void accept(Object[] row) throws SQLException;
  }

  /** Row count, XOR of the 60-bit hashes and sum of the 28-bit hashes of a set of rows. */
  record Digest(long count, java.math.BigDecimal xor, java.math.BigDecimal sum) {

    static Digest read(ResultSet rs, int first) throws SQLException {
      long count = rs.getLong(first);
      java.math.BigDecimal xor = rs.getBigDecimal(first + 1);
      java.math.BigDecimal sum = rs.getBigDecimal(first + 2);
      return new Digest(count, xor == null ? java.math.BigDecimal.ZERO : xor.stripTrailingZeros(),
          sum == null ? java.math.BigDecimal.ZERO : sum.stripTrailingZeros());
    }

    boolean same(Digest other) {
      return count == other.count && xor.compareTo(other.xor) == 0 && sum.compareTo(other.sum) == 0;
    }
  }
}
