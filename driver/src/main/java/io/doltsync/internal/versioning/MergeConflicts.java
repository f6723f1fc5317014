package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Reads the conflicts a merge left in the session's working set, from Dolt's conflict system tables. */
final class MergeConflicts {

  /** How many conflicting rows of a table are named by their key. */
  static final int ROWS_SHOWN = 5;

  private MergeConflicts() {
  }

  static List<MergeConflict> read(Connection connection) throws SQLException {
    List<MergeConflict> conflicts = new ArrayList<>();
    for (List<String> table : SqlRunner.rows(connection, "SELECT `table`, num_conflicts FROM dolt_conflicts")) {
      conflicts.add(new MergeConflict(table.get(0), MergeConflict.Kind.DATA, Long.parseLong(table.get(1)),
          conflictingKeys(connection, table.get(0))));
    }
    for (List<String> table : SqlRunner.rows(connection, "SELECT table_name FROM dolt_schema_conflicts")) {
      conflicts.add(new MergeConflict(table.get(0), MergeConflict.Kind.SCHEMA, 1, List.of()));
    }
    String violations = "SELECT `table`, num_violations FROM dolt_constraint_violations";
    for (List<String> table : SqlRunner.rows(connection, violations)) {
      conflicts.add(new MergeConflict(table.get(0), MergeConflict.Kind.CONSTRAINT_VIOLATION,
          Long.parseLong(table.get(1)), List.of()));
    }
    return conflicts;
  }

  /** {@code id=42}-style keys of the first conflicting rows; empty for a keyless table. */
  private static List<String> conflictingKeys(Connection connection, String table) throws SQLException {
    List<String> keyColumns = new ArrayList<>();
    for (List<String> column : SqlRunner.rows(connection, "SELECT column_name FROM information_schema.key_column_usage"
        + " WHERE table_schema = DATABASE() AND table_name = ? AND constraint_name = 'PRIMARY'"
        + " ORDER BY ordinal_position", table)) {
      keyColumns.add(column.get(0));
    }
    if (keyColumns.isEmpty()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    String sql = "SELECT * FROM " + SqlText.quoteIdentifier("dolt_conflicts_" + table) + " LIMIT " + ROWS_SHOWN;
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        StringJoiner key = new StringJoiner(", ");
        for (String column : keyColumns) {
          key.add(column + "=" + firstNonNull(rows, "our_" + column, "their_" + column, "base_" + column));
        }
        keys.add(key.toString());
      }
    }
    return keys;
  }

  private static String firstNonNull(ResultSet row, String... columns) throws SQLException {
    for (String column : columns) {
      String value = row.getString(column);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
