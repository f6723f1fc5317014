package io.doltsync.bench.tpcc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dolt's own rate for a run of commits' row changes: a hand-written JDBC loop that makes, for each commit, the
 * statements a careful client would (per table one multi-row {@code DELETE} by key and one multi-row
 * {@code REPLACE}, or {@code INSERT} into a keyless table, each prepared once and kept), then
 * {@code CALL dolt_commit} with the commit's message, author and date, then {@code COMMIT}. The row changes
 * are read beforehand from Dolt's own diffs of commits that doltsync's applier made, so the loop writes exactly
 * the rows the applier wrote, and none of its time goes to reading or decoding.
 */
final class DoltReplay {

  private static final int MAX_ROWS = 500;
  private static final java.time.format.DateTimeFormatter DATE = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

  /** One table's change in one commit. */
  private record TableRows(String table, List<String> columns, List<String> keys, List<Object[]> deleted,
      List<Object[]> upserted) {}

  /** One commit's changes and metadata. */
  private record Commit(String message, String author, Timestamp date, List<TableRows> tables) {}

  private final List<Commit> commits;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  private DoltReplay(List<Commit> commits) {
    this.commits = commits;
  }

  int commits() {
    return commits.size();
  }

  long rows() {
    long rows = 0;
    for (Commit commit : commits) {
      for (TableRows table : commit.tables()) {
        rows += table.deleted().size() + table.upserted().size();
      }
    }
    return rows;
  }

  /** Reads the commits after {@code base} up to the branch's head, oldest first, with their row changes. */
  static DoltReplay read(Connection dolt, String base) throws SQLException {
    List<String[]> log = new ArrayList<>();
    try (PreparedStatement select = dolt.prepareStatement(
        "SELECT commit_hash, message, committer, email, date FROM dolt_log");
        ResultSet rs = select.executeQuery()) {
      while (rs.next() && !rs.getString(1).equals(base)) {
        log.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3) + " <" + rs.getString(4) + ">",
            rs.getTimestamp(5).toString()});
      }
    }
    Collections.reverse(log);
    Map<String, List<String>> keysByTable = new HashMap<>();
    List<Commit> commits = new ArrayList<>(log.size());
    String parent = base;
    for (String[] entry : log) {
      List<TableRows> tables = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try (PreparedStatement select = dolt.prepareStatement(
          "SELECT table_name FROM dolt_diff WHERE commit_hash = ? ORDER BY table_name")) {
        select.setString(1, entry[0]);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
      }
      for (String table : names) {
        List<String> keys = keysByTable.computeIfAbsent(table, t -> keyColumns(dolt, t));
        tables.add(diff(dolt, parent, entry[0], table, keys));
      }
      commits.add(new Commit(entry[1], entry[2], Timestamp.valueOf(entry[3]), tables));
      parent = entry[0];
    }
    dolt.commit();
    return new DoltReplay(commits);
  }

  private static List<String> keyColumns(Connection dolt, String table) {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement select = dolt.prepareStatement("SELECT column_name FROM information_schema.columns"
        + " WHERE table_schema = database() AND table_name = ? AND column_key = 'PRI' ORDER BY ordinal_position")) {
      select.setString(1, table);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return keys;
  }

  private static TableRows diff(Connection dolt, String from, String to, String table, List<String> keys)
      throws SQLException {
    List<Object[]> deleted = new ArrayList<>();
    List<Object[]> upserted = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    try (PreparedStatement select = dolt.prepareStatement("SELECT * FROM dolt_diff(?, ?, ?)")) {
      select.setString(1, from);
      select.setString(2, to);
      select.setString(3, table);
      try (ResultSet rs = select.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Integer> toColumns = new ArrayList<>();
        Map<String, Integer> fromColumns = new LinkedHashMap<>();
        int diffType = 0;
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          String label = meta.getColumnLabel(c);
          if (label.startsWith("to_") && !label.equals("to_commit") && !label.equals("to_commit_date")) {
            columns.add(label.substring(3));
            toColumns.add(c);
          } else if (label.startsWith("from_") && !label.equals("from_commit") && !label.equals("from_commit_date")) {
            fromColumns.put(label.substring(5), c);
          } else if (label.equals("diff_type")) {
            diffType = c;
          }
        }
        List<String> match = keys.isEmpty() ? columns : keys;
        while (rs.next()) {
          String type = rs.getString(diffType);
          if (!type.equals("added")) {
            if (keys.isEmpty() || type.equals("removed")) {
              Object[] old = new Object[match.size()];
              for (int k = 0; k < old.length; k++) {
                old[k] = rs.getObject(fromColumns.get(match.get(k)));
              }
              deleted.add(old);
            }
          }
          if (!type.equals("removed")) {
            Object[] row = new Object[toColumns.size()];
            for (int c = 0; c < row.length; c++) {
              row[c] = rs.getObject(toColumns.get(c));
            }
            upserted.add(row);
          }
        }
      }
    }
    return new TableRows(table, columns, keys, deleted, upserted);
  }

  /**
   * Writes the commits again on {@code dolt} (a connection on the branch, whose head must be the base), {@code
   * group} commits' changes per Dolt commit; returns the commits written per second.
   */
  double replay(Connection dolt, int group) throws SQLException {
    dolt.setAutoCommit(false);
    long started = System.nanoTime();
    for (int from = 0; from < commits.size(); from += group) {
      List<Commit> members = commits.subList(from, Math.min(commits.size(), from + group));
      Map<String, List<TableRows>> byTable = new LinkedHashMap<>();
      StringBuilder message = new StringBuilder();
      for (Commit commit : members) {
        for (TableRows rows : commit.tables()) {
          byTable.computeIfAbsent(rows.table(), t -> new ArrayList<>()).add(rows);
        }
        message.append(message.length() == 0 ? "" : "\n\n").append(commit.message());
      }
      for (List<TableRows> changes : byTable.values()) {
        write(dolt, changes);
      }
      Commit last = members.get(members.size() - 1);
      PreparedStatement commit = statement(dolt,
          "CALL dolt_commit('-A', '--skip-empty', '-m', ?, '--author', ?, '--date', ?)");
      commit.setString(1, message.toString());
      commit.setString(2, members.get(0).author());
      commit.setString(3, DATE.format(last.date().toInstant()));
      if (commit.execute()) {
        try (ResultSet rs = commit.getResultSet()) {
          rs.next();
        }
      }
      dolt.commit();
    }
    return commits.size() / ((System.nanoTime() - started) / 1e9);
  }

  /**
   * One table's changes of consecutive commits, in order: consecutive deletes share a statement, and so do
   * consecutive upserts (what doltsync's group commit does too).
   */
  private void write(Connection dolt, List<TableRows> changes) throws SQLException {
    List<Object[]> deletes = new ArrayList<>();
    List<Object[]> upserts = new ArrayList<>();
    TableRows shape = changes.get(0);
    for (TableRows rows : changes) {
      if (!rows.deleted().isEmpty() && !upserts.isEmpty()) {
        flush(dolt, shape, deletes, upserts);
      }
      deletes.addAll(rows.deleted());
      upserts.addAll(rows.upserted());
    }
    flush(dolt, shape, deletes, upserts);
  }

  private void flush(Connection dolt, TableRows shape, List<Object[]> deletes, List<Object[]> upserts)
      throws SQLException {
    boolean keyless = shape.keys().isEmpty();
    if (keyless) {
      for (Object[] row : deletes) {
        StringBuilder sql = new StringBuilder("DELETE FROM `").append(shape.table()).append("` WHERE ");
        for (int c = 0; c < shape.columns().size(); c++) {
          sql.append(c == 0 ? "" : " AND ").append('`').append(shape.columns().get(c)).append("` <=> ?");
        }
        run(dolt, sql.append(" LIMIT 1").toString(), List.<Object[]>of(row));
      }
    } else {
      for (int from = 0; from < deletes.size(); from += MAX_ROWS) {
        List<Object[]> slice = deletes.subList(from, Math.min(deletes.size(), from + MAX_ROWS));
        StringBuilder sql = new StringBuilder("DELETE FROM `").append(shape.table()).append("` WHERE ");
        StringBuilder conjunct = new StringBuilder("(");
        for (int k = 0; k < shape.keys().size(); k++) {
          conjunct.append(k == 0 ? "" : " AND ").append('`').append(shape.keys().get(k)).append("` = ?");
        }
        conjunct.append(')');
        sql.append(String.join(" OR ", Collections.nCopies(slice.size(), conjunct)));
        run(dolt, sql.toString(), slice);
      }
    }
    for (int from = 0; from < upserts.size(); from += MAX_ROWS) {
      List<Object[]> slice = upserts.subList(from, Math.min(upserts.size(), from + MAX_ROWS));
      StringBuilder sql = new StringBuilder(keyless ? "INSERT INTO `" : "REPLACE INTO `").append(shape.table())
          .append("` (");
      for (int c = 0; c < shape.columns().size(); c++) {
        sql.append(c == 0 ? "" : ", ").append('`').append(shape.columns().get(c)).append('`');
      }
      String tuple = "(" + String.join(", ", Collections.nCopies(shape.columns().size(), "?")) + ")";
      sql.append(") VALUES ").append(String.join(", ", Collections.nCopies(slice.size(), tuple)));
      run(dolt, sql.toString(), slice);
    }
    deletes.clear();
    upserts.clear();
  }

  private void run(Connection dolt, String sql, List<Object[]> rows) throws SQLException {
    PreparedStatement statement = statement(dolt, sql);
    int index = 1;
    for (Object[] row : rows) {
      for (Object value : row) {
        statement.setObject(index++, value);
      }
    }
    statement.execute();
  }

  private PreparedStatement statement(Connection dolt, String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = dolt.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    return statement;
  }

  /** Closes the kept statements (before the connection goes). */
  void closeStatements() {
    for (PreparedStatement statement : prepared.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
    prepared.clear();
  }
}
