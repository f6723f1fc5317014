package io.doltsync.internal.sync;

import io.doltsync.internal.capture.CaptureContext;
import io.doltsync.internal.dialect.UnreadableValue;
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
 * Reads from the source, by key, the whole rows whose keys a key scan found missing in Dolt, in batches of
 * {@value #BATCH_KEYS} keys, and hands each row (every column, table order) to a writer. Memory holds one batch.
 */
final class MissingRows {

  static final int BATCH_KEYS = 200;

  /** Receives one whole source row. */
  @FunctionalInterface
  interface RowSink {
    void accept(Object[] row) throws SQLException;
  }

  private final Connection source;
  private final SourceDialect dialect;
  private final TableSchema schema;
  private final List<ColumnSchema> keyColumns;
  private final RowSink sink;
  private final List<Object[]> keys = new ArrayList<>();
  private long copied;

  MissingRows(Connection source, SourceDialect dialect, TableSchema schema, List<ColumnSchema> keyColumns, RowSink sink) {
    this.source = source;
    this.dialect = dialect;
    this.schema = schema;
    this.keyColumns = keyColumns;
    this.sink = sink;
  }

  /** Queues one missing key (its key columns' values, in key order). */
  void add(Object[] key) throws SQLException {
    keys.add(key);
    if (keys.size() >= BATCH_KEYS) {
      flush();
    }
  }

  /** Reads and hands over the rows of the queued keys. */
  void flush() throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    List<ColumnSchema> columns = schema.columns();
    StringBuilder sql = new StringBuilder("SELECT ").append(dialect.selectColumns(columns));
    sql.append(" FROM ").append(dialect.quoteIdentifier(schema.name())).append(" WHERE ").append(condition(keys.size()));
    try (PreparedStatement select = source.prepareStatement(sql.toString())) {
      int index = 1;
      for (Object[] key : keys) {
        for (int k = 0; k < keyColumns.size(); k++) {
          CaptureContext.bind(select, index++, key[k], keyColumns.get(k));
        }
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = UnreadableValue.read(dialect, rs, i + 1, columns.get(i));
          }
          sink.accept(row);
          copied++;
        }
      }
    }
    keys.clear();
  }

  /** Rows handed over so far. */
  long copied() {
    return copied;
  }

  private String condition(int count) {
    StringBuilder where = new StringBuilder();
    if (keyColumns.size() == 1) {
      where.append(dialect.quoteIdentifier(keyColumns.get(0).name())).append(" IN (");
      for (int i = 0; i < count; i++) {
        where.append(i == 0 ? "?" : ", ?");
      }
      return where.append(')').toString();
    }
    for (int i = 0; i < count; i++) {
      where.append(i == 0 ? "(" : " OR (");
      for (int k = 0; k < keyColumns.size(); k++) {
        where.append(k == 0 ? "" : " AND ").append(dialect.quoteIdentifier(keyColumns.get(k).name())).append(" = ?");
      }
      where.append(')');
    }
    return where.toString();
  }
}
