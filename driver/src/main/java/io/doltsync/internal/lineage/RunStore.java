package io.doltsync.internal.lineage;

import io.doltsync.lineage.LineageUnit;
import io.doltsync.internal.mirror.Mirror;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code _doltsync_lineage_runs} at the head of the mirrored branch. */
final class RunStore {

  private static final String COLUMNS = "flow, run_id, step, state, instance, started_at, pinned_commit, tags";

  private RunStore() {}

  /** The scopes of a flow recorded as running. */
  static List<LineageTables.RunRow> runningOf(Mirror mirror, String flow) throws SQLException {
    return select(mirror, "SELECT " + COLUMNS + " FROM " + LineageTables.RUNS + " WHERE flow = ? AND state = ?",
        flow, LineageTables.RUNNING);
  }

  /** The recorded row of a flow/run/step, or null. */
  static LineageTables.RunRow find(Mirror mirror, LineageUnit unit) throws SQLException {
    List<LineageTables.RunRow> rows = select(mirror, "SELECT " + COLUMNS + " FROM " + LineageTables.RUNS
        + " WHERE flow = ? AND run_id = ? AND step = ?", unit.flow(), unit.runId(), unit.step());
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static List<LineageTables.RunRow> select(Mirror mirror, String sql, String... values) throws SQLException {
    List<LineageTables.RunRow> rows = new ArrayList<>();
    try (Connection dolt = mirror.target().connect()) {
      if (!exists(dolt, LineageTables.RUNS)) {
        return rows;
      }
      try (PreparedStatement select = dolt.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          select.setString(i + 1, values[i]);
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(new LineageTables.RunRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
          }
        }
      }
    }
    return rows;
  }

  static boolean exists(Connection dolt, String table) throws SQLException {
    // SHOW TABLES reads this database only (information_schema would visit every database of the server)
    try (java.sql.Statement show = dolt.createStatement();
        ResultSet rs = show.executeQuery("SHOW TABLES LIKE '" + table.replace("_", "\\_") + "'")) {
      return rs.next();
    }
  }
}
