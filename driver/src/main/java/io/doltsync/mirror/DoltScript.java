package io.doltsync.mirror;

import io.doltsync.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The statements of one Dolt transaction, queued and sent in as few round trips as the connection allows:
 * one multi-statement text (the MySQL protocol's multi-statements, which the applier's connection enables
 * with {@code allowMultiQueries}) up to a size limit, or one statement at a time when the connection does
 * not take several. Parameters are bound by the JDBC driver in either case.
 */
final class DoltScript {

  private static final Logger LOG = DoltSyncLoggers.get(DoltScript.class);
  /** Bound values per text: below the protocol's 65,535 placeholders, and a text of a few MB at most. */
  static final int MAX_PLACEHOLDERS = 30_000;

  private record Queued(String sql, List<Object> parameters) {}

  private final List<Queued> queued = new ArrayList<>();
  private int placeholders;
  private Connection probed;
  private boolean multiStatements;

  /** Queues a statement that returns no rows; sends what is queued first if the text would grow too large. */
  void add(Connection dolt, String sql, List<Object> parameters) throws SQLException {
    if (!queued.isEmpty() && placeholders + parameters.size() > MAX_PLACEHOLDERS) {
      flush(dolt);
    }
    queued.add(new Queued(sql, parameters));
    placeholders += parameters.size();
  }

  /** Sends every queued statement. */
  void flush(Connection dolt) throws SQLException {
    if (!queued.isEmpty()) {
      send(dolt, null);
    }
  }

  /**
   * Sends every queued statement followed by {@code last}, which returns one row, and, in the same text when
   * the connection takes several statements, {@code COMMIT}; returns that row's first column ({@code null}
   * when it returns none). The caller still calls {@link Connection#commit()}, which drivers skip when the
   * server says no transaction is open (mariadb-java-client does).
   */
  String flushWithCommit(Connection dolt, String last, List<Object> parameters) throws SQLException {
    if (!queued.isEmpty() && placeholders + parameters.size() > MAX_PLACEHOLDERS) {
      flush(dolt);
    }
    if (allowsMultiStatements(dolt)) {
      queued.add(new Queued(last, parameters));
      queued.add(new Queued("COMMIT", List.of()));
      placeholders += parameters.size();
      return send(dolt, null);
    }
    return send(dolt, new Queued(last, parameters));
  }

  /** Forgets queued statements (after a failure) and what it learned of the connection. */
  void reset() {
    queued.clear();
    placeholders = 0;
    probed = null;
  }

  private String send(Connection dolt, Queued last) throws SQLException {
    List<Queued> statements = new ArrayList<>(queued);
    if (last != null) {
      statements.add(last);
    }
    queued.clear();
    placeholders = 0;
    if (statements.size() > 1 && allowsMultiStatements(dolt)) {
      return executeAll(dolt, statements);
    }
    String result = null;
    for (Queued statement : statements) {
      result = executeAll(dolt, List.of(statement));
    }
    return result;
  }

  /** Runs the statements as one text; returns the first column of the first row of the first result set. */
  private static String executeAll(Connection dolt, List<Queued> statements) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (Queued statement : statements) {
      text.append(text.length() == 0 ? "" : ";\n").append(statement.sql());
    }
    String first = null;
    try (PreparedStatement statement = dolt.prepareStatement(text.toString())) {
      int index = 1;
      for (Queued queued : statements) {
        for (Object value : queued.parameters()) {
          statement.setObject(index++, value);
        }
      }
      boolean isResultSet = statement.execute();
      while (true) {
        if (isResultSet) {
          try (ResultSet rs = statement.getResultSet()) {
            if (first == null && rs.next()) {
              first = rs.getString(1);
            }
          }
        } else if (statement.getUpdateCount() == -1) {
          break;
        }
        isResultSet = statement.getMoreResults();
      }
    }
    return first;
  }

  /** Whether the connection takes several statements in one text; asked once per connection. */
  private boolean allowsMultiStatements(Connection dolt) {
    if (probed != dolt) {
      probed = dolt;
      multiStatements = probe(dolt);
      LOG.debug("Dolt connection takes multi-statement texts: {}", multiStatements);
    }
    return multiStatements;
  }

  private static boolean probe(Connection dolt) {
    try (PreparedStatement statement = dolt.prepareStatement("SELECT ?;\nSELECT ?")) {
      statement.setInt(1, 1);
      statement.setInt(2, 2);
      statement.execute();
      statement.getResultSet().close();
      return statement.getMoreResults();
    } catch (SQLException e) {
      return false;
    }
  }
}
