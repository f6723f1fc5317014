package io.doltsync.internal.writeback;

import io.doltsync.internal.dialect.PrimaryBinding;
import io.doltsync.internal.verify.CanonicalKey;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One primary table as a write-back sees it through the application's doltsync connection: rows locked
 * and read by key ({@code SELECT ... FOR UPDATE}), and batched inserts, updates by key and deletes by
 * key, which doltsync captures like any application write (triggers fire as usual).
 */
final class PrimaryRows {

  private final Connection connection;
  private final SourceDialect dialect;
  private final TableSchema schema;
  private final String table;
  private final List<Integer> keyPositions = new ArrayList<>();
  private final List<Integer> writable = new ArrayList<>();
  private final PrimaryBinding binding;

  PrimaryRows(Connection connection, SourceDialect dialect, TableSchema schema) {
    this.connection = connection;
    this.dialect = dialect;
    this.schema = schema;
    this.table = dialect.quoteIdentifier(schema.name());
    this.binding = new PrimaryBinding(dialect);
    for (String key : schema.primaryKey()) {
      keyPositions.add(DoltDiff.position(schema, key));
    }
    for (int i = 0; i < schema.columns().size(); i++) {
      if (!ColumnSchema.GENERATED.equals(schema.columns().get(i).defaultValue())) {
        writable.add(i);
      }
    }
  }

  TableSchema schema() {
    return schema;
  }

  /** The canonical key of a row image, usable as a map key across both databases. */
  List<Object> keyOf(Object[] row) {
    Object[] key = new Object[keyPositions.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = row[keyPositions.get(i)];
    }
    return CanonicalKey.of(key);
  }

  /** Locks the rows of these keys and returns their current images by canonical key (absent rows are missing). */
  Map<List<Object>, Object[]> lock(List<Object[]> rows) throws SQLException {
    Map<List<Object>, Object[]> current = new HashMap<>();
    if (rows.isEmpty()) {
      return current;
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(dialect.selectColumns(schema.columns()));
    sql.append(" FROM ").append(table).append(" WHERE ");
    for (int r = 0; r < rows.size(); r++) {
      sql.append(r == 0 ? "(" : " OR (");
      for (int k = 0; k < keyPositions.size(); k++) {
        sql.append(k == 0 ? "" : " AND ").append(quote(keyPositions.get(k))).append(" = ").append(placeholder(keyPositions.get(k)));
      }
      sql.append(')');
    }
    sql.append(dialect.lockingClause());
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (Object[] row : rows) {
        for (int position : keyPositions) {
          binding.bind(select, index++, row[position], schema.columns().get(position));
        }
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[schema.columns().size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = dialect.readValue(rs, i + 1, schema.columns().get(i));
          }
          current.put(keyOf(row), row);
        }
      }
    }
    return current;
  }

  void insert(List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    for (int i = 0; i < writable.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(writable.get(i)));
    }
    sql.append(") VALUES (");
    for (int i = 0; i < writable.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(placeholder(writable.get(i)));
    }
    sql.append(')');
    try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      for (Object[] row : rows) {
        for (int i = 0; i < writable.size(); i++) {
          int position = writable.get(i);
          binding.bind(insert, i + 1, row[position], schema.columns().get(position));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Sets the {@code columns} of each row with the key of that row to its values, as one batch. */
  void update(List<Object[]> rows, List<Integer> columns) throws SQLException {
    List<Integer> set = columns.stream().filter(writable::contains).toList();
    if (set.isEmpty() || rows.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
    for (int i = 0; i < set.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(set.get(i))).append(" = ").append(placeholder(set.get(i)));
    }
    sql.append(" WHERE ").append(keyCondition());
    try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
      for (Object[] row : rows) {
        int index = 1;
        for (int position : set) {
          binding.bind(update, index++, row[position], schema.columns().get(position));
        }
        bindKey(update, index, row);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  void delete(List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE " + keyCondition())) {
      for (Object[] row : rows) {
        bindKey(delete, 1, row);
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  private String keyCondition() {
    StringBuilder sql = new StringBuilder();
    for (int k = 0; k < keyPositions.size(); k++) {
      sql.append(k == 0 ? "" : " AND ").append(quote(keyPositions.get(k))).append(" = ").append(placeholder(keyPositions.get(k)));
    }
    return sql.toString();
  }

  private void bindKey(PreparedStatement statement, int first, Object[] row) throws SQLException {
    for (int k = 0; k < keyPositions.size(); k++) {
      int position = keyPositions.get(k);
      binding.bind(statement, first + k, row[position], schema.columns().get(position));
    }
  }

  private String placeholder(int position) {
    return binding.placeholder(schema.columns().get(position));
  }

  private String quote(int position) {
    return dialect.quoteIdentifier(schema.columns().get(position).name());
  }
}
