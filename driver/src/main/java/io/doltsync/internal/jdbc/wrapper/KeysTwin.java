package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.WritePlan;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * The driver statement a pgjdbc statement prepared with generated keys runs its single executions on when the
 * capture reads the rows from those keys: the text pgjdbc sends for it (its own RETURNING list, or the one pgjdbc
 * appends, {@link io.doltsync.internal.capture.KeysReturning}) with the capture's columns after it
 * ({@link io.doltsync.internal.capture.ExtendedReturning}), prepared scroll-insensitive on the same connection, so
 * that the capture reads its columns of every row, rewinds, and the application reads its own columns of the same
 * rows as its generated keys ({@link OwnColumns}, forward-only as pgjdbc's keys are). The application's own driver
 * statement, prepared with the keys it asked for, keeps every other execution (queries, batches, a row limit) as
 * the raw driver runs it. The application's values are bound on the twin again when each was bound through a
 * setter pgjdbc's {@code setObject} stands for exactly ({@link #rebindable}).
 */
final class KeysTwin {

  /** Value types pgjdbc's {@code setObject} binds as the setter of that type ({@code setString}, {@code setInt}...). */
  private static final Set<Class<?>> REBINDABLE = Set.of(String.class, Boolean.class, Byte.class, Short.class,
      Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, byte[].class, java.sql.Date.class,
      java.sql.Time.class, java.sql.Timestamp.class);

  private final WritePlan plan;
  private final ConnectionWrapper connection;
  private PreparedStatement statement;
  private boolean ranLast;
  /** The application's keys of the last execution on the twin, once asked for. */
  private ResultSet keys;

  KeysTwin(WritePlan plan, ConnectionWrapper connection) {
    this.plan = plan;
    this.connection = connection;
  }

  WritePlan plan() {
    return plan;
  }

  /**
   * Whether {@code values} (index 0 = parameter 1) can be bound on the twin exactly as the application bound them:
   * each a value of a type {@code setObject} binds as its own setter does, or a {@code NULL} bound by
   * {@code setNull} or {@code setObject} (whose SQL type {@code nulls} holds by parameter index); not a value the
   * driver converts, a stream, or a parameter left unbound.
   */
  static boolean rebindable(Object[] values, Map<Integer, Integer> nulls) {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null ? !nulls.containsKey(i + 1) : !REBINDABLE.contains(value.getClass())) {
        return false;
      }
    }
    return true;
  }

  /** The twin with {@code values} bound and the application statement's query timeout; marks it the last to run. */
  PreparedStatement bound(Object[] values, Map<Integer, Integer> nulls, int queryTimeout) throws SQLException {
    if (statement == null) {
      statement = connection.clientSide().prepareStatement(plan.extendedReturning().sql(),
          ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
    }
    closeResult();
    statement.clearParameters();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        statement.setNull(i + 1, nulls.get(i + 1));
      } else {
        statement.setObject(i + 1, values[i]);
      }
    }
    statement.setQueryTimeout(queryTimeout);
    ranLast = true;
    return statement;
  }

  /** The returned rows of the twin's last execution, for the capture (left before the first row). */
  AppendedRows rows() throws SQLException {
    return new AppendedRows(statement.getResultSet(), plan.extendedReturning().appended());
  }

  /**
   * The application's generated keys of the twin's last execution: its own columns of the returned rows, forward
   * only, reporting {@code owner} as their statement; the same object until the next execution, as pgjdbc's.
   */
  ResultSet keys(java.sql.Statement owner) throws SQLException {
    if (keys == null) {
      ResultSet rows = statement.getResultSet();
      if (rows == null) { // the execution failed: pgjdbc answers each call with a new empty result of no column
        return new ResultSetWrapper(OwnColumns.of(statement.getGeneratedKeys(), 0, ResultSet.TYPE_FORWARD_ONLY),
            owner);
      }
      int visible = rows.getMetaData().getColumnCount() - plan.extendedReturning().appended();
      keys = new ResultSetWrapper(OwnColumns.of(rows, visible, ResultSet.TYPE_FORWARD_ONLY), owner);
    }
    return keys;
  }

  /** Closes the result of the last execution (pgjdbc closes its keys at the next execution or result). */
  void closeResult() throws SQLException {
    keys = null;
    ResultSet rs = statement == null ? null : statement.getResultSet();
    if (rs != null) {
      rs.close();
    }
  }

  /** An execution of the application's own driver statement follows. */
  void notLast() throws SQLException {
    if (ranLast) {
      closeResult();
    }
    ranLast = false;
  }

  /** The twin's driver statement when it ran the last execution, else {@code null}. */
  PreparedStatement ranLast() {
    return ranLast ? statement : null;
  }

  void clearWarnings() throws SQLException {
    if (statement != null) {
      statement.clearWarnings();
    }
  }

  void close() throws SQLException {
    if (statement != null) {
      statement.close();
      statement = null;
    }
  }
}
