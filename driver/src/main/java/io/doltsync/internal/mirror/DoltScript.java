package io.doltsync.internal.mirror;

import io.doltsync.internal.jdbc.QuietClose;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The row statements of one Dolt transaction, queued until the commit (or until a schema statement or a
 * query needs them in Dolt first) and then sent one statement per round trip, each a multi-row statement.
 *
 * <p>Statements are queued per table and sent table by table (in the order tables were first written), each
 * table's in the order they were queued. A row statement ({@link #addRows}) extends the statement queued just
 * before it on the same table when both have the same shape (verb, table, columns) and the result stays within
 * the limits below: the rows are then written in the same order by one statement instead of two. This is what
 * makes a group commit of many transactions cost one statement per table rather than one per table per
 * transaction. Reordering across tables is exact because Dolt's mirror tables have no foreign keys or triggers
 * (see {@code DoltDdl}): a statement on one table never reads or changes another.
 *
 * <p>On a connection that accepts several statements per text ({@code allowMultiQueries}), the queued
 * statements are sent together as one text when they are small ({@link #MAX_TEXT_BYTES}, about one
 * transaction's row statements): one round trip for all of them. The {@code dolt_commit} is never part of it. Dolt 1.86 goes on executing the statements after one that fails,
 * and the client then reads the late results as answers to its next commands, so after a failed text the
 * connection cannot be trusted: the failure is thrown as a lost connection
 * ({@link SQLTransientConnectionException}, 08006), the applier reopens the connection (Dolt drops the
 * uncommitted transaction with it) and the script sends one statement per round trip until the next
 * commit, so the entry is tried again, and refused or not, on its own statements. When a text was refused
 * but the same statements then succeeded one by one, the server does not take multi-statement texts, and
 * the script stops sending them.
 */
final class DoltScript {

  private static final org.slf4j.Logger LOG = io.doltsync.internal.logging.DoltSyncLoggers.get(DoltScript.class);

  /**
   * The most bytes (estimated, {@link #estimatedBytes}) of what one flush sends for it to go as one text: about
   * one transaction's statements. Larger flushes (a group commit's, a bootstrap's) go one statement per round
   * trip, where the round trips saved are few against the rows: the tpcc-drain benchmark measured group commits
   * of 20 TPC-C transactions sent as one text at 0.81-0.93 of the rate of the same statements sent one by one.
   */
  static final long MAX_TEXT_BYTES = 64L * 1024;

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
    Shape shape = new Shape("", "", "", "", maxRows);
    List<List<Object[]>> slices = new ArrayList<>();
    RowStatement statement = null;
    for (Object[] row : rows) {
      if (statement == null || !statement.tryAdd(row)) {
        statement = new RowStatement(shape);
        statement.tryAdd(row);
        slices.add(statement.rows);
      }
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

  /** A statement as it is sent; {@code expectedCount}: the update count it must report, or {@code -1} for any. */
  private record Queued(String sql, List<Object> parameters, long expectedCount) {

    Queued(String sql, List<Object> parameters) {
      this(sql, parameters, -1);
    }

    /** Fails when the statement's update count is not the one it must have. */
    void check(long count) throws SQLException {
      if (expectedCount >= 0 && count != expectedCount) {
        throw new java.sql.SQLDataException("Dolt's " + sql + " matched " + count + " rows, not " + expectedCount
            + ": Dolt does not hold the rows the primary changed in place", "22000");
      }
    }
  }

  /**
   * A statement over rows, {@code head + tuple (joiner tuple)* + tail}, each tuple binding one row's values;
   * a later statement of the same shape may add its rows to it.
   */
  private static final class RowStatement {
    private final Shape shape;
    private final List<Object[]> rows = new ArrayList<>();
    private long bytes;
    private int values;

    RowStatement(Shape shape) {
      this.shape = shape;
    }

    /** Adds the row unless that would take the statement over a limit (a first row always fits). */
    boolean tryAdd(Object[] row) {
      long rowBytes = estimatedBytes(row);
      if (!rows.isEmpty() && (rows.size() >= shape.maxRows() || bytes + rowBytes > MAX_STATEMENT_BYTES
          || values + row.length > MAX_PLACEHOLDERS)) {
        return false;
      }
      rows.add(row);
      bytes += rowBytes;
      values += row.length;
      return true;
    }

    Queued render() {
      StringBuilder sql = new StringBuilder(shape.head().length() + rows.size() * (shape.tuple().length() + 2)
          + shape.tail().length());
      sql.append(shape.head());
      List<Object> parameters = new ArrayList<>(values);
      for (int i = 0; i < rows.size(); i++) {
        sql.append(i == 0 ? "" : shape.joiner()).append(shape.tuple());
        java.util.Collections.addAll(parameters, rows.get(i));
      }
      return new Queued(sql.append(shape.tail()).toString(), parameters);
    }
  }

  /**
   * The shape of a row statement: its text before, between and after the rows, and how many rows one
   * statement may carry.
   *
   * @param head    e.g. {@code REPLACE INTO `t` (`a`, `b`) VALUES }
   * @param tuple   one row's part, e.g. {@code (?, ?)}
   * @param joiner  between two rows' parts, e.g. {@code , }
   * @param tail    after the last row's part (empty for an insert, {@code )} for {@code IN (...)})
   * @param maxRows the most rows per statement
   */
  record Shape(String head, String tuple, String joiner, String tail, int maxRows) {}

  /** Prepared statements kept for reuse on one connection, by SQL text, least recently used first. */
  static final int CACHED_STATEMENTS = 64;

  /** Queued statements ({@link Queued} or {@link RowStatement}) by table, tables in the order first written. */
  private final java.util.LinkedHashMap<String, List<Object>> queued = new java.util.LinkedHashMap<>();
  private final java.util.LinkedHashMap<String, PreparedStatement> prepared =
      new java.util.LinkedHashMap<>(16, 0.75f, true);
  private Connection preparedOn;
  /** Whether several statements may go as one text (the connection has {@code allowMultiQueries}). */
  private boolean multiStatements;
  /** A text failed: statements go one per round trip until the next commit. */
  private boolean oneByOne;
  /** The failed text was refused (not a transient failure). */
  private boolean textRefused;

  /** A script that sends one statement per round trip. */
  DoltScript() {
    this(false);
  }

  /** @param multiStatements whether its connections accept several statements in one text */
  DoltScript(boolean multiStatements) {
    this.multiStatements = multiStatements;
  }

  /** Queues a statement on {@code table} that returns no rows; it is sent as it is. */
  void add(String table, String sql, List<Object> parameters) {
    addExpecting(table, sql, parameters, -1);
  }

  /**
   * Queues a statement on {@code table} that returns no rows and must report {@code count} as its update count
   * ({@code -1}: any); any other count fails the flush ({@link java.sql.SQLDataException}, so the entry is refused).
   */
  void addExpecting(String table, String sql, List<Object> parameters, long count) {
    queued.computeIfAbsent(table.toLowerCase(java.util.Locale.ROOT), t -> new ArrayList<>())
        .add(new Queued(sql, parameters, count));
  }

  /**
   * Queues rows for statements of this shape on {@code table}: they extend the table's last queued statement
   * when it has the same shape, and otherwise fill new statements, each within the limits.
   */
  void addRows(String table, Shape shape, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Object> statements = queued.computeIfAbsent(table.toLowerCase(java.util.Locale.ROOT), t -> new ArrayList<>());
    RowStatement last = statements.isEmpty() || !(statements.get(statements.size() - 1) instanceof RowStatement
        open) || !open.shape.equals(shape) ? null : open;
    for (Object[] row : rows) {
      if (last == null || !last.tryAdd(row)) {
        last = new RowStatement(shape);
        last.tryAdd(row);
        statements.add(last);
      }
    }
  }

  /** The statements that {@link #flush} would send now, in order, each as its SQL text then its bound values (for tests). */
  List<List<Object>> pending() {
    List<List<Object>> pending = new ArrayList<>();
    for (List<Object> statements : queued.values()) {
      for (Object statement : statements) {
        Queued rendered = statement instanceof RowStatement rows ? rows.render() : (Queued) statement;
        List<Object> sqlAndValues = new ArrayList<>();
        sqlAndValues.add(rendered.sql());
        sqlAndValues.addAll(rendered.parameters());
        pending.add(sqlAndValues);
      }
    }
    return pending;
  }

  /** Sends every queued statement, table by table, each table's in order; returns how many it sent. */
  int flush(Connection dolt) throws SQLException {
    List<Queued> statements = new ArrayList<>();
    for (List<Object> table : queued.values()) {
      for (Object statement : table) {
        statements.add(statement instanceof RowStatement rows ? rows.render() : (Queued) statement);
      }
    }
    queued.clear();
    if (!multiStatements || oneByOne || statements.size() < 2 || textBytes(statements) > MAX_TEXT_BYTES) {
      for (Queued statement : statements) {
        executeCached(dolt, statement);
      }
      return statements.size();
    }
    sendText(dolt, statements);
    return 1;
  }

  /**
   * Sends statements as one text. A failure leaves the
   * connection's results out of step, so it is thrown as a lost connection and later statements go one by one.
   */
  private static long textBytes(List<Queued> statements) {
    long bytes = 0;
    for (Queued statement : statements) {
      bytes += statement.sql().length() + estimatedBytes(statement.parameters().toArray());
    }
    return bytes;
  }

  private void sendText(Connection dolt, List<Queued> text) throws SQLException {
    StringBuilder sql = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    for (Queued statement : text) {
      sql.append(sql.length() == 0 ? "" : ";\n").append(statement.sql());
      parameters.addAll(statement.parameters());
    }
    try (PreparedStatement statement = dolt.prepareStatement(sql.toString())) {
      try {
        int index = 1;
        for (Object value : parameters) {
          statement.setObject(index++, doltValue(value));
        }
        boolean isResultSet = statement.execute();
        // every statement's result is read, so that a failing one is seen here, and each count checked in order
        for (int i = 0; isResultSet || statement.getUpdateCount() != -1; i++) {
          if (!isResultSet && i < text.size()) {
            text.get(i).check(statement.getLargeUpdateCount());
          }
          isResultSet = statement.getMoreResults();
        }
      } catch (SQLException | RuntimeException e) {
        oneByOne = true;
        textRefused = ApplyFailures.classify(e) == ApplyFailures.Kind.REFUSED;
        throw new SQLTransientConnectionException("a multi-statement text of " + text.size() + " statements failed"
            + " in Dolt (the connection is reopened and they are sent one by one): " + e.getMessage(), "08006", e);
      }
    }
  }

  /**
   * The open transaction was committed: texts go together again, unless the last failed text was refused
   * and its statements then went through one by one (the server does not take multi-statement texts).
   */
  void committed() {
    if (oneByOne && textRefused && multiStatements) {
      multiStatements = false;
      LOG.info("Dolt refused a multi-statement text whose statements it then took one by one; the applier sends"
          + " one statement per round trip from now on (set allowMultiQueries=false in doltsync.target to say so)");
    }
    oneByOne = false;
    textRefused = false;
  }

  /** Whether statements may still go several to a text (for tests). */
  boolean sendsTexts() {
    return multiStatements && !oneByOne;
  }

  /**
   * Runs a statement that returns no rows through a prepared statement kept for its SQL text on this
   * connection (the same table's row statements repeat entry after entry); its parameters are cleared after
   * it ran, so no row's values stay referenced.
   */
  private void executeCached(Connection dolt, Queued queued) throws SQLException {
    if (preparedOn != dolt) {
      closePrepared();
      preparedOn = dolt;
    }
    PreparedStatement statement = prepared.get(queued.sql());
    if (statement == null) {
      statement = dolt.prepareStatement(queued.sql());
      prepared.put(queued.sql(), statement);
      if (prepared.size() > CACHED_STATEMENTS) {
        java.util.Iterator<PreparedStatement> eldest = prepared.values().iterator();
        PreparedStatement evicted = eldest.next();
        eldest.remove();
        QuietClose.close(evicted, LOG, "a statement of a gone or broken connection");
      }
    }
    try {
      int index = 1;
      for (Object value : queued.parameters()) {
        statement.setObject(index++, doltValue(value));
      }
      if (!statement.execute()) {
        queued.check(statement.getLargeUpdateCount());
      }
    } catch (SQLException | RuntimeException e) {
      prepared.remove(queued.sql());
      QuietClose.close(statement, LOG, "a statement of a gone or broken connection");
      // sent alone after a failed text, a statement failed too: the failure was the statements', not the text's
      textRefused = false;
      throw e;
    }
    statement.clearParameters();
  }

  /** Closes the kept prepared statements. */
  private void closePrepared() {
    for (PreparedStatement statement : prepared.values()) {
      QuietClose.close(statement, LOG, "a statement of a gone or broken connection");
    }
    prepared.clear();
    preparedOn = null;
  }

  /** Runs {@code sql}, which returns one row, now; returns that row's first column ({@code null} when none). */
  static String query(Connection dolt, String sql, List<Object> parameters) throws SQLException {
    return execute(dolt, new Queued(sql, parameters));
  }

  /** Forgets queued statements and kept prepared statements (after a failure or a reconnect). */
  void reset() {
    queued.clear();
    closePrepared();
  }

  /** How many prepared statements are kept for reuse (for tests). */
  int cachedStatements() {
    return prepared.size();
  }

  /**
   * A value as bound to Dolt: a {@code float} as its exact value as a double, which Dolt rounds back to the same
   * float (MariaDB Connector/J would send {@link Float#toString}, whose {@code 3.4028235E38} for the largest float
   * Dolt parses as a double beyond it and refuses as out of range).
   */
  static Object doltValue(Object value) {
    return value instanceof Float f ? (Object) f.doubleValue() : value;
  }

  /** Runs one statement; returns the first column of its first row, if it returns rows. */
  private static String execute(Connection dolt, Queued queued) throws SQLException {
    try (PreparedStatement statement = dolt.prepareStatement(queued.sql())) {
      int index = 1;
      for (Object value : queued.parameters()) {
        statement.setObject(index++, doltValue(value));
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
