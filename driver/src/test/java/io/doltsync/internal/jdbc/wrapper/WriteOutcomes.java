package io.doltsync.internal.jdbc.wrapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of writes run through every JDBC execution method, recording what the application sees: the
 * method's result or exception, the statement's update count and result set afterwards, and the warnings of
 * the statement and the connection. {@link JdbcBehaviorSuite} runs them raw and through doltsync and requires
 * the same transcript, then (mirroring) the same rows in Dolt as in the primary.
 */
final class WriteOutcomes {

  private WriteOutcomes() {
  }

  /**
   * A write, its text with {@code {n}} where an integer value goes, {@code {k}} where {@code n + 20000} goes (a new key), and {@code {x}} where a double goes ({@code n +
   * 0.12345}, beyond a two-digit scale): literals in a plain statement, parameters when prepared.
   */
  record Write(String name, String template) {
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[nkx]}");

    String literal(int n) {
      return template.replace("{n}", Integer.toString(n)).replace("{k}", Integer.toString(n + 20000))
          .replace("{x}", Double.toString(n + 0.12345));
    }

    String prepared() {
      return PLACEHOLDER.matcher(template).replaceAll("?");
    }

    void bind(PreparedStatement prepared, int n) throws SQLException {
      java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(template);
      for (int i = 1; placeholder.find(); i++) {
        if (placeholder.group().equals("{x}")) {
          prepared.setDouble(i, n + 0.12345);
        } else if (placeholder.group().equals("{k}")) {
          prepared.setInt(i, n + 20000);
        } else {
          prepared.setInt(i, n);
        }
      }
    }
  }

  /** The writes of the class on table {@code wq (id INT PRIMARY KEY, v VARCHAR(20))}: each targets row {n}. */
  static List<Write> plainWrites() {
    return List.of(
        new Write("insert", "INSERT INTO wq (id, v) VALUES ({n} + 10000, 'ins')"),
        new Write("update", "UPDATE wq SET v = 'upd' WHERE id = {n}"),
        new Write("updateNone", "UPDATE wq SET v = 'none' WHERE id = -{n}"),
        new Write("delete", "DELETE FROM wq WHERE id = {n}"));
  }

  /** How the application executes a write. */
  enum Method {
    STATEMENT_EXECUTE_QUERY, STATEMENT_EXECUTE_UPDATE, STATEMENT_EXECUTE_LARGE_UPDATE, STATEMENT_EXECUTE,
    PREPARED_EXECUTE_QUERY, PREPARED_EXECUTE_UPDATE, PREPARED_EXECUTE_LARGE_UPDATE, PREPARED_EXECUTE,
    STATEMENT_BATCH, PREPARED_BATCH;

    boolean prepared() {
      return name().startsWith("PREPARED");
    }
  }

  /** Whether the write runs in auto-commit mode or inside an explicit transaction that then commits. */
  enum Transaction {
    AUTO_COMMIT, EXPLICIT
  }

  /**
   * Runs {@code write} on row {@code n} with {@code method} and records what the application observes. In an
   * explicit transaction a second write follows on the same connection before the commit, so a write lost by
   * the capture would show as a difference between the primary and Dolt.
   */
  static void run(Connection c, Transcript t, String label, Write write, int n, Method method, Transaction tx)
      throws SQLException {
    if (tx == Transaction.EXPLICIT) {
      c.setAutoCommit(false);
    }
    if (method.prepared()) {
      try (PreparedStatement prepared = c.prepareStatement(write.prepared())) {
        write.bind(prepared, n);
        execute(t, label, prepared, method, null);
      }
    } else {
      try (Statement statement = c.createStatement()) {
        execute(t, label, statement, method, write.literal(n));
      }
    }
    t.add(label + ".connection.warnings", warnings(c.getWarnings()));
    c.clearWarnings();
    if (tx == Transaction.EXPLICIT) {
      try (Statement statement = c.createStatement()) {
        t.attempt(label + ".next", () -> statement.executeUpdate("UPDATE wq SET v = 'next' WHERE id = " + (n + 1)));
      }
      t.attemptAction(label + ".commit", c::commit);
      c.setAutoCommit(true);
    }
  }

  private static void execute(Transcript t, String label, Statement statement, Method method, String sql)
      throws SQLException {
    PreparedStatement prepared = statement instanceof PreparedStatement p ? p : null;
    switch (method) {
      case STATEMENT_EXECUTE_QUERY -> t.attempt(label + ".result", () -> rows(statement.executeQuery(sql)));
      case PREPARED_EXECUTE_QUERY -> t.attempt(label + ".result", () -> rows(prepared.executeQuery()));
      case STATEMENT_EXECUTE_UPDATE -> t.attempt(label + ".result", () -> statement.executeUpdate(sql));
      case PREPARED_EXECUTE_UPDATE -> t.attempt(label + ".result", prepared::executeUpdate);
      case STATEMENT_EXECUTE_LARGE_UPDATE -> t.attempt(label + ".result", () -> statement.executeLargeUpdate(sql));
      case PREPARED_EXECUTE_LARGE_UPDATE -> t.attempt(label + ".result", prepared::executeLargeUpdate);
      case STATEMENT_EXECUTE -> t.attempt(label + ".result", () -> statement.execute(sql));
      case PREPARED_EXECUTE -> t.attempt(label + ".result", prepared::execute);
      case STATEMENT_BATCH -> {
        statement.addBatch(sql);
        t.attempt(label + ".result", statement::executeBatch);
      }
      case PREPARED_BATCH -> {
        prepared.addBatch();
        t.attempt(label + ".result", prepared::executeBatch);
      }
      default -> throw new IllegalArgumentException(method.name());
    }
    t.attempt(label + ".updateCount", statement::getLargeUpdateCount);
    t.attempt(label + ".resultSet", () -> rows(statement.getResultSet()));
    t.attempt(label + ".warnings", () -> warnings(statement.getWarnings()));
    t.attempt(label + ".warningsAgain", () -> warnings(statement.getWarnings()));
  }

  /** A result set's rows as text ("no result set" for null); closes it. */
  static String rows(ResultSet rows) throws SQLException {
    if (rows == null) {
      return "no result set";
    }
    List<String> seen = new ArrayList<>();
    try (rows) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rows.getObject(i)));
        }
        seen.add(String.join("|", row));
      }
    }
    return "rows" + seen;
  }

  /** A chain of warnings: each one's SQLState, vendor code and message. */
  static List<String> warnings(SQLWarning warning) {
    List<String> seen = new ArrayList<>();
    for (SQLWarning w = warning; w != null && seen.size() < 50; w = w.getNextWarning()) {
      seen.add(w.getSQLState() + "/" + w.getErrorCode() + "/" + w.getMessage());
    }
    return seen;
  }
}
