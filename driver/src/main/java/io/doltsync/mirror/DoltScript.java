package io.doltsync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The row statements of one Dolt transaction, queued until the commit (or until a schema statement or a
 * query needs them in Dolt first) and then sent one statement per round trip, each a multi-row statement.
 *
 * <p>Deliberately not one multi-statement text: Dolt 1.86 goes on executing the statements after one that
 * fails (a {@code CALL dolt_commit} after a refused {@code REPLACE} still commits), and the client's view of
 * the connection's results is off from then on, so a refused entry could be committed half-applied.
 */
final class DoltScript {

  /** Bound values per statement: below the protocol's 65,535 placeholders. */
  static final int MAX_PLACEHOLDERS = 30_000;

  /**
   * Bytes of bound values per statement, so that a statement stays well below Dolt's max_allowed_packet
   * (a packet over it fails as a lost connection, which the applier would retry forever).
   */
  static final long MAX_STATEMENT_BYTES = 16L * 1024 * 1024;

  /**
   * Cuts rows (each a statement's share of bound values) into slices of at most {@code maxRows} rows,
   * {@link #MAX_PLACEHOLDERS} values and about {@link #MAX_STATEMENT_BYTES}; a row larger than that goes alone.
   */
  static List<List<Object[]>> slices(List<Object[]> rows, int maxRows) {
    List<List<Object[]>> slices = new ArrayList<>();
    int from = 0;
    long bytes = 0;
    int values = 0;
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      long rowBytes = estimatedBytes(row);
      boolean full = i - from >= maxRows || bytes + rowBytes > MAX_STATEMENT_BYTES
          || values + row.length > MAX_PLACEHOLDERS;
      if (i > from && full) {
        slices.add(rows.subList(from, i));
        from = i;
        bytes = 0;
        values = 0;
      }
      bytes += rowBytes;
      values += row.length;
    }
    if (from < rows.size()) {
      slices.add(rows.subList(from, rows.size()));
    }
    return slices;
  }

  /** An upper estimate of a row's bound values on the wire (text at 3 bytes a UTF-16 unit). */
  static long estimatedBytes(Object[] row) {
    long bytes = 0;
    for (Object value : row) {
      if (value instanceof byte[] binary) {
        bytes += binary.length;
      } else if (value instanceof CharSequence text) {
        bytes += 3L * text.length();
      } else {
        bytes += 32;
      }
      bytes += 9;
    }
    return bytes;
  }

  private record Queued(String sql, List<Object> parameters) {}

  private final List<Queued> queued = new ArrayList<>();

  /** Queues a statement that returns no rows. */
  void add(String sql, List<Object> parameters) {
    queued.add(new Queued(sql, parameters));
  }

  /** Sends every queued statement, in order. */
  void flush(Connection dolt) throws SQLException {
    List<Queued> statements = new ArrayList<>(queued);
    queued.clear();
    for (Queued statement : statements) {
      execute(dolt, statement);
    }
  }

  /**
   * Sends every queued statement, then {@code last}, which returns one row; returns that row's first column
   * ({@code null} when it returns none).
   */
  String flushWith(Connection dolt, String last, List<Object> parameters) throws SQLException {
    flush(dolt);
    return execute(dolt, new Queued(last, parameters));
  }

  /** Forgets queued statements (after a failure). */
  void reset() {
    queued.clear();
  }

  /** Runs one statement; returns the first column of its first row, if it returns rows. */
  private static String execute(Connection dolt, Queued queued) throws SQLException {
    try (PreparedStatement statement = dolt.prepareStatement(queued.sql())) {
      int index = 1;
      for (Object value : queued.parameters()) {
        statement.setObject(index++, value);
      }
      if (statement.execute()) {
        try (ResultSet rs = statement.getResultSet()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
      return null;
    }
  }
}
