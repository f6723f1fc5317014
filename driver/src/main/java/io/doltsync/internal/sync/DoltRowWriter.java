package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.DoltLoadData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes one synced table's rows into Dolt in batches: upserts ({@code REPLACE}, or {@code INSERT} of one more
 * copy into a keyless table), deletes by key (or of one copy of a keyless row), and bulk loads of a table being
 * filled with {@code LOAD DATA LOCAL INFILE}, batch by batch (batched {@code INSERT}s where the driver or server
 * refuses, or a row holds a value LOAD DATA cannot carry). Memory holds one batch.
 */
final class DoltRowWriter implements AutoCloseable {

  static final int BATCH_ROWS = 1_000;
  private static final int LOAD_BATCH_ROWS = 20_000;
  private static final int MAX_PLACEHOLDERS = 60_000;

  private final Connection dolt;
  private final String table;
  private final List<String> columns;
  private final List<Integer> key;
  private final boolean bulk;
  private final List<Object[]> upserts = new ArrayList<>();
  private final List<Object[]> deletes = new ArrayList<>();
  private final ByteArrayOutputStream loadBuffer = new ByteArrayOutputStream();
  private final List<Object[]> loadAside = new ArrayList<>();
  private int loadRows;
  private long upserted;
  private long deleted;

  /**
   * @param columns Dolt column names, in the order of the rows given
   * @param key     positions of the key columns in a row; empty for a keyless table
   * @param bulk    whether {@link #load} may use LOAD DATA (the table's columns all load exactly)
   */
  DoltRowWriter(Connection dolt, String table, List<String> columns, List<Integer> key, boolean bulk) {
    this.dolt = dolt;
    this.table = table;
    this.columns = columns;
    this.key = key;
    this.bulk = bulk;
  }

  /** Queues a row to write as the source has it (replaces the keyed row; adds one copy to a keyless table). */
  void upsert(Object[] row) throws SQLException {
    upserts.add(row);
    if (upserts.size() >= BATCH_ROWS) {
      flushUpserts();
    }
  }

  /** Queues a Dolt row to delete (by its key; one copy of it in a keyless table). */
  void delete(Object[] row) throws SQLException {
    deletes.add(row);
    if (deletes.size() >= BATCH_ROWS) {
      flushDeletes();
    }
  }

  /** Queues a row of a table being filled from empty. */
  void load(Object[] row) throws SQLException {
    if (!bulk || DoltLoadData.needsInsert(row) || !writable(row)) {
      loadAside.add(row);
      if (loadAside.size() >= BATCH_ROWS) {
        insert(loadAside, "INSERT INTO ");
        loadAside.clear();
      }
      return;
    }
    DoltLoadData.writeRow(row, loadBuffer);
    if (++loadRows >= LOAD_BATCH_ROWS) {
      flushLoad();
    }
  }

  private static boolean writable(Object[] row) {
    for (Object value : row) {
      if (!DoltLoadData.canWrite(value)) {
        return false;
      }
    }
    return true;
  }

  /** Writes everything queued. */
  void flush() throws SQLException {
    flushDeletes();
    flushUpserts();
    flushLoad();
    insert(loadAside, "INSERT INTO ");
    upserted += loadAside.size();
    loadAside.clear();
  }

  long upserted() {
    return upserted;
  }

  long deleted() {
    return deleted;
  }

  private void flushLoad() throws SQLException {
    if (loadRows == 0) {
      return;
    }
    try (Statement statement = dolt.createStatement()) {
      Method setter = statement.getClass().getMethod("setLocalInfileInputStream", InputStream.class);
      setter.invoke(statement, new ByteArrayInputStream(loadBuffer.toByteArray()));
      long loaded = statement.executeLargeUpdate(DoltLoadData.statement(table, columns));
      if (loaded != loadRows) {
        throw new SQLException("LOAD DATA into Dolt table " + table + " stored " + loaded + " of " + loadRows + " rows",
            "22000");
      }
    } catch (ReflectiveOperationException e) {
      throw new SQLException("the JDBC driver for Dolt cannot stream LOAD DATA LOCAL INFILE: " + e, "0A000", e);
    }
    upserted += loadRows;
    loadRows = 0;
    loadBuffer.reset();
  }

  private void flushUpserts() throws SQLException {
    insert(upserts, key.isEmpty() ? "INSERT INTO " : "REPLACE INTO ");
    upserted += upserts.size();
    upserts.clear();
  }

  private void insert(List<Object[]> rows, String verb) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    int perStatement = Math.max(1, Math.min(BATCH_ROWS, MAX_PLACEHOLDERS / columns.size()));
    StringBuilder head = new StringBuilder(verb).append(DoltDdl.quote(table)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      head.append(i == 0 ? "" : ", ").append(DoltDdl.quote(columns.get(i)));
    }
    head.append(") VALUES ");
    String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + perStatement));
      try (PreparedStatement statement = dolt.prepareStatement(
          head + String.join(", ", Collections.nCopies(slice.size(), tuple)))) {
        int index = 1;
        for (Object[] row : slice) {
          for (Object value : row) {
            statement.setObject(index++, value);
          }
        }
        statement.executeUpdate();
      }
    }
  }

  private void flushDeletes() throws SQLException {
    if (deletes.isEmpty()) {
      return;
    }
    if (key.isEmpty()) {
      StringBuilder sql = new StringBuilder("DELETE FROM ").append(DoltDdl.quote(table)).append(" WHERE ");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : " AND ").append(DoltDdl.quote(columns.get(i))).append(" <=> ?");
      }
      try (PreparedStatement statement = dolt.prepareStatement(sql.append(" LIMIT 1").toString())) {
        for (Object[] row : deletes) {
          for (int i = 0; i < row.length; i++) {
            statement.setObject(i + 1, row[i]);
          }
          deleted += statement.executeUpdate();
        }
      }
      deletes.clear();
      return;
    }
    int perStatement = Math.max(1, Math.min(BATCH_ROWS, MAX_PLACEHOLDERS / key.size()));
    for (int from = 0; from < deletes.size(); from += perStatement) {
      List<Object[]> slice = deletes.subList(from, Math.min(deletes.size(), from + perStatement));
      StringBuilder sql = new StringBuilder("DELETE FROM ").append(DoltDdl.quote(table)).append(" WHERE ");
      for (int r = 0; r < slice.size(); r++) {
        sql.append(r == 0 ? "(" : " OR (");
        for (int k = 0; k < key.size(); k++) {
          sql.append(k == 0 ? "" : " AND ").append(DoltDdl.quote(columns.get(key.get(k)))).append(" = ?");
        }
        sql.append(')');
      }
      try (PreparedStatement statement = dolt.prepareStatement(sql.toString())) {
        int index = 1;
        for (Object[] row : slice) {
          for (int k : key) {
            statement.setObject(index++, row[k]);
          }
        }
        deleted += statement.executeUpdate();
      }
    }
    deletes.clear();
  }

  @Override
  public void close() throws SQLException {
    flush();
  }
}
