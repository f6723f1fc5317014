package io.doltsync.lineage;

import io.doltsync.internal.lineage.LineageTables;
import io.doltsync.internal.lineage.ReplayConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Queries of the lineage recorded in Dolt ({@code _doltsync_lineage}, {@code _doltsync_lineage_runs} at the
 * head of the mirrored branch) and replays of what a past step read. Get one with
 * {@code DoltSync.lineageOf(connection)} from a doltsync connection, or over any Dolt connection with
 * {@code new Lineage(() -> DriverManager.getConnection(doltUrl))}.
 */
public final class Lineage {

  /** Opens connections to the Dolt database holding the lineage, on the mirrored branch. */
  @FunctionalInterface
  public interface DoltConnections {
    Connection open() throws SQLException;
  }

  private static final String COLUMNS = "flow, run_id, step, kind, table_name, commit_hash, at, tags";

  private final DoltConnections dolt;

  public Lineage(DoltConnections dolt) {
    this.dolt = Objects.requireNonNull(dolt, "dolt");
  }

  /** The tables a run read (all its steps when {@code step} is null), with their commits. */
  public List<LineageRecord> reads(String flow, String runId, String step) throws SQLException {
    return records(flow, runId, step, LineageRecord.Kind.READ);
  }

  /** The tables a run wrote (all its steps when {@code step} is null), with the commits the mirror made. */
  public List<LineageRecord> writes(String flow, String runId, String step) throws SQLException {
    return records(flow, runId, step, LineageRecord.Kind.WRITE);
  }

  /** The records of a run (all steps when {@code step} is null) of one kind, in table order. */
  public List<LineageRecord> records(String flow, String runId, String step, LineageRecord.Kind kind)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + LineageTables.RECORDS
        + " WHERE flow = ? AND run_id = ? AND kind = ?");
    List<String> values = new ArrayList<>(List.of(flow, runId, kind.column()));
    if (step != null) {
      sql.append(" AND step = ?");
      values.add(step);
    }
    sql.append(" ORDER BY step, table_name, at");
    return select(sql.toString(), values);
  }

  /** Every step of any flow that read {@code table} at {@code commit} (a hash). */
  public List<LineageRecord> readersOf(String table, String commit) throws SQLException {
    return select("SELECT " + COLUMNS + " FROM " + LineageTables.RECORDS
        + " WHERE kind = 'read' AND table_name = ? AND commit_hash = ? ORDER BY flow, run_id, step",
        List.of(table.toLowerCase(java.util.Locale.ROOT), commit));
  }

  /** The state of a flow/run/step: {@code running}, {@code completed}, {@code failed}, or null when never recorded. */
  public String state(String flow, String runId, String step) throws SQLException {
    try (Connection connection = dolt.open()) {
      if (!exists(connection, LineageTables.RUNS)) {
        return null;
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT state FROM " + LineageTables.RUNS
          + " WHERE flow = ? AND run_id = ? AND step = ?")) {
        select.setString(1, flow);
        select.setString(2, runId);
        select.setString(3, step);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    }
  }

  /**
   * Whether two runs (of the same flow or not; a step each, or all steps when null) read the same inputs:
   * the same tables, each with the same content at the commits they read it (compared by Dolt's diff, so two
   * commits that differ only in other tables count as the same input).
   */
  public boolean sameInputs(String flowA, String runA, String stepA, String flowB, String runB, String stepB)
      throws SQLException {
    Map<String, Set<String>> a = commitsByTable(reads(flowA, runA, stepA));
    Map<String, Set<String>> b = commitsByTable(reads(flowB, runB, stepB));
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    try (Connection connection = dolt.open();
        PreparedStatement diff = connection.prepareStatement("SELECT COUNT(*) FROM dolt_diff_stat(?, ?, ?)")) {
      for (Map.Entry<String, Set<String>> table : a.entrySet()) {
        Set<String> other = b.get(table.getKey());
        if (table.getValue().size() != 1 || other.size() != 1) {
          if (!table.getValue().equals(other)) {
            return false;
          }
          continue;
        }
        String from = table.getValue().iterator().next();
        String to = other.iterator().next();
        if (!from.equals(to)) {
          diff.setString(1, from);
          diff.setString(2, to);
          diff.setString(3, table.getKey());
          try (ResultSet rs = diff.executeQuery()) {
            if (rs.next() && rs.getLong(1) > 0) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /**
   * A read-only connection to Dolt on which every query reads each table {@code AS OF} the commit the step
   * read it at: the step's inputs, exactly, whatever the branch holds now. A table the step did not read, or
   * read at more than one commit, is an error (SQLState 42S02, 21000); so is any write (25006).
   *
   * @throws SQLException SQLState 22023 when nothing is recorded for that flow, run and step
   */
  public Connection replay(String flow, String runId, String step) throws SQLException {
    Objects.requireNonNull(step, "step");
    return ReplayConnections.open(dolt.open(), describe(flow, runId, step), inputs(flow, runId, step));
  }

  /** A {@link DataSource} of {@link #replay} connections, for code that takes one (Spring, a batch reader). */
  public DataSource replayDataSource(String flow, String runId, String step) throws SQLException {
    Map<String, Set<String>> inputs = inputs(flow, runId, step);
    return ReplayConnections.dataSource(dolt::open, describe(flow, runId, step), inputs);
  }

  private Map<String, Set<String>> inputs(String flow, String runId, String step) throws SQLException {
    List<LineageRecord> reads = reads(flow, runId, step);
    if (reads.isEmpty() && state(flow, runId, step) == null) {
      throw new SQLException("lineage: nothing is recorded for " + describe(flow, runId, step)
          + " (unknown flow, run or step)", "22023");
    }
    return commitsByTable(reads);
  }

  private static Map<String, Set<String>> commitsByTable(List<LineageRecord> reads) {
    Map<String, Set<String>> commits = new LinkedHashMap<>();
    for (LineageRecord read : reads) {
      commits.computeIfAbsent(read.table(), t -> new TreeSet<>()).add(read.commitHash());
    }
    return commits;
  }

  private List<LineageRecord> select(String sql, List<String> values) throws SQLException {
    List<LineageRecord> records = new ArrayList<>();
    try (Connection connection = dolt.open()) {
      if (!exists(connection, LineageTables.RECORDS)) {
        return records;
      }
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.size(); i++) {
          select.setString(i + 1, values.get(i));
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            records.add(new LineageRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                LineageRecord.Kind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), rs.getString(5),
                rs.getString(6), Instant.parse(rs.getString(7)), LineageTables.decodeTags(rs.getString(8))));
          }
        }
      }
    }
    return records;
  }

  private static boolean exists(Connection connection, String table) throws SQLException {
    // SHOW TABLES reads this database only (information_schema would visit every database of the server)
    try (java.sql.Statement show = connection.createStatement();
        ResultSet rs = show.executeQuery("SHOW TABLES LIKE '" + table.replace("_", "\\_") + "'")) {
      return rs.next();
    }
  }

  private static String describe(String flow, String runId, String step) {
    return flow + "/" + runId + "/" + step;
  }
}
