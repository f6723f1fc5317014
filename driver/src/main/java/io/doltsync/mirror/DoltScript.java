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
