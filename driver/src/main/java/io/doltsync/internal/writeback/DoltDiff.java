package io.doltsync.internal.writeback;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dolt's row changes from a base commit to a target commit ({@code dolt_diff(base, target, table)}), read
 * as canonical row images in the primary table's column order and streamed in batches, so memory holds
 * one batch whatever the table's size.
 */
final class DoltDiff {

  /** Rows changed in one table, by kind. */
  record Counts(long added, long modified, long removed) {
    long total() {
      return added + modified + removed;
    }
  }

  /** The base and target images of one changed row; either is null when the row is absent there. */
  record Change(Object[] base, Object[] target) {}

  @FunctionalInterface
  interface BatchConsumer {
    void accept(List<Change> batch) throws SQLException;
  }

  private final Connection dolt;
  private final SourceDialect dialect;
  private final String base;
  private final String target;

  /** @param base and target are commit hashes (validated, so they are written into the SQL text) */
  DoltDiff(Connection dolt, SourceDialect dialect, String base, String target) {
    this.dolt = dolt;
    this.dialect = dialect;
    this.base = base;
    this.target = target;
  }

  String base() {
    return base;
  }

  String target() {
    return target;
  }

  /** The Dolt names (lower case) of the tables whose data or schema differ between base and target. */
  Map<String, Boolean> changedTables() throws SQLException {
    Map<String, Boolean> tables = new LinkedHashMap<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT from_table_name, to_table_name, schema_change FROM dolt_diff_summary('" + base + "', '" + target + "')")) {
      while (rs.next()) {
        String name = rs.getString(2) == null || rs.getString(2).isEmpty() ? rs.getString(1) : rs.getString(2);
        tables.put(name.toLowerCase(Locale.ROOT), rs.getBoolean(3));
      }
    }
    return tables;
  }

  Counts count(TableSchema schema) throws SQLException {
    long added = 0;
    long modified = 0;
    long removed = 0;
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT diff_type, COUNT(*) FROM " + function(schema) + " GROUP BY diff_type")) {
      while (rs.next()) {
        switch (rs.getString(1)) {
          case "added" -> added = rs.getLong(2);
          case "modified" -> modified = rs.getLong(2);
          case "removed" -> removed = rs.getLong(2);
          default -> { }
        }
      }
    }
    return new Counts(added, modified, removed);
  }

  /**
   * Streams the changed rows of one table in batches: the rows added or modified ({@code removals} false)
   * or the rows removed ({@code removals} true).
   */
  void stream(TableSchema schema, boolean removals, int batchSize, BatchConsumer consumer) throws SQLException {
    List<ColumnSchema> columns = schema.columns();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      String name = DoltDdl.doltName(columns.get(i).name());
      sql.append(i == 0 ? "" : ", ").append(DoltDdl.quote("from_" + name)).append(", ").append(DoltDdl.quote("to_" + name));
    }
    sql.append(" FROM ").append(function(schema)).append(removals
        ? " WHERE diff_type = 'removed'" : " WHERE diff_type IN ('added', 'modified')");
    try (PreparedStatement statement = dolt.prepareStatement(sql.toString())) {
      statement.setFetchSize(batchSize);
      try (ResultSet rs = statement.executeQuery()) {
        List<Change> batch = new ArrayList<>(batchSize);
        while (rs.next()) {
          Object[] from = new Object[columns.size()];
          Object[] to = new Object[columns.size()];
          boolean fromPresent = false;
          boolean toPresent = false;
          for (int i = 0; i < columns.size(); i++) {
            from[i] = dialect.readDoltValue(rs, 2 * i + 1, columns.get(i));
            to[i] = dialect.readDoltValue(rs, 2 * i + 2, columns.get(i));
          }
          for (String key : schema.primaryKey()) {
            int position = position(schema, key);
            fromPresent |= from[position] != null;
            toPresent |= to[position] != null;
          }
          batch.add(new Change(fromPresent ? from : null, toPresent ? to : null));
          if (batch.size() == batchSize) {
            consumer.accept(batch);
            batch = new ArrayList<>(batchSize);
          }
        }
        if (!batch.isEmpty()) {
          consumer.accept(batch);
        }
      }
    }
  }

  static int position(TableSchema schema, String column) {
    for (int i = 0; i < schema.columns().size(); i++) {
      if (schema.columns().get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + column + " in " + schema.name());
  }

  private String function(TableSchema schema) {
    return "dolt_diff('" + base + "', '" + target + "', '" + DoltDdl.doltName(schema.name()).replace("\\", "\\\\")
        .replace("'", "''") + "')";
  }
}
