package io.doltsync.tck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that each row's versions appear in Dolt's history in the primary's order. Every update of a
 * {@link WorkloadSchema#VERSIONED_TABLES versioned} row increments its {@code version} on the primary, under
 * the row's lock, so along the branch's commits a row's version never decreases; and with fresh insert
 * keys (see {@link Keys}) a row, once gone, never comes back. A mirror that applied two transactions on
 * the same row out of order breaks one or the other.
 */
final class RowHistoryVerifier {

  private static final Map<String, String> KEYS = Map.of(
      "item", "id", "stock", "warehouse, sku", "customer", "id", "orders", "id");
  private static final int MAX_REPORTED = 10;

  private int rowsChecked;

  int rowsChecked() {
    return rowsChecked;
  }

  List<String> verify(Connection dolt) throws SQLException {
    Map<String, Integer> commitIndex = new HashMap<>();
    List<DoltCommit> log = DoltDatabase.log(dolt);
    for (int i = 0; i < log.size(); i++) {
      commitIndex.put(log.get(i).hash(), i);
    }
    List<String> violations = new ArrayList<>();
    for (String table : WorkloadSchema.VERSIONED_TABLES) {
      Map<String, List<int[]>> histories = histories(dolt, table, commitIndex);
      for (Map.Entry<String, List<int[]>> row : histories.entrySet()) {
        rowsChecked++;
        int at = problemAt(row.getValue());
        if (at > 0 && violations.size() < MAX_REPORTED) {
          violations.add(table + " row " + row.getKey() + ": " + problem(row.getValue(), at) + " (commit index:version "
              + describe(row.getValue(), at) + ")");
        }
      }
    }
    return violations;
  }

  /** Per row key: (commit index, version) pairs in commit order. */
  private static Map<String, List<int[]>> histories(Connection dolt, String table, Map<String, Integer> commitIndex)
      throws SQLException {
    String key = KEYS.get(table);
    Map<String, List<int[]>> histories = new LinkedHashMap<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT " + key + ", version, commit_hash FROM dolt_history_" + table)) {
      int width = key.split(",").length;
      while (rs.next()) {
        StringBuilder rowKey = new StringBuilder();
        for (int i = 1; i <= width; i++) {
          rowKey.append(i == 1 ? "" : "/").append(rs.getString(i));
        }
        Integer index = commitIndex.get(rs.getString(width + 2));
        if (index != null) {
          histories.computeIfAbsent(rowKey.toString(), k -> new ArrayList<>()).add(new int[] {index, rs.getInt(width + 1)});
        }
      }
    }
    histories.values().forEach(h -> h.sort((a, b) -> Integer.compare(a[0], b[0])));
    return histories;
  }

  /** The index of the first entry that breaks the row's history, or -1. */
  private static int problemAt(List<int[]> history) {
    for (int i = 1; i < history.size(); i++) {
      int[] previous = history.get(i - 1);
      int[] current = history.get(i);
      if (current[0] != previous[0] + 1 || current[1] < previous[1]) {
        return i;
      }
    }
    return -1;
  }

  private static String problem(List<int[]> history, int at) {
    int[] previous = history.get(at - 1);
    int[] current = history.get(at);
    return current[0] != previous[0] + 1
        ? "disappeared after commit " + previous[0] + " and came back at commit " + current[0]
        : "version went back from " + previous[1] + " to " + current[1] + " at commit " + current[0];
  }

  /** The entries around the one that breaks the history (the last ones once showed only what followed it). */
  private static String describe(List<int[]> history, int at) {
    StringBuilder sb = new StringBuilder();
    int from = Math.max(0, at - 6);
    for (int[] entry : history.subList(from, Math.min(history.size(), from + 12))) {
      sb.append(sb.length() == 0 ? "" : " ").append(entry[0]).append(':').append(entry[1]);
    }
    return sb.toString();
  }
}
