package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.WritePlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Types;
import java.util.Set;

/**
 * The driver statement a MariaDB {@code INSERT} runs on when the capture reads the rows it inserted from an appended
 * {@code RETURNING} list ({@link io.doltsync.internal.capture.ExtendedReturning#hidden()}): prepared lazily, on the
 * same connection, next to the application's own driver statement, which keeps every other execution (queries,
 * batches) as the raw driver runs it. A single execution binds the application's recorded values on it when each
 * one is of a type the driver binds alike through {@code setObject} as through the application's setter (else the
 * application's statement runs, and the table is copied as before). Such values are bound once: the application's
 * setter calls on its own driver statement are kept ({@link #defer}) and made only when an execution runs that
 * statement ({@link #bindPending}), so that an execution on the twin binds them on the twin alone.
 */
final class ReturningTwin {

  /** Value types MariaDB Connector/J and mysql-connector-j bind through {@code setObject} as through their setter. */
  private static final Set<Class<?>> REBINDABLE = Set.of(String.class, Boolean.class, Byte.class, Short.class,
      Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class, byte[].class,
      java.sql.Date.class, java.sql.Time.class, java.sql.Timestamp.class, java.time.LocalDate.class,
      java.time.LocalTime.class, java.time.LocalDateTime.class);

  private final WritePlan plan;
  private final ConnectionWrapper connection;
  private PreparedStatement statement;
  private boolean ranLast;
  /** The application's setter calls not yet made on its own driver statement, by parameter index. */
  private final java.util.Map<Integer, Binding> pending = new java.util.TreeMap<>();

  /** One setter call on the application's own driver statement. */
  @FunctionalInterface
  interface Binding {
    void run() throws SQLException;
  }

  ReturningTwin(WritePlan plan, ConnectionWrapper connection) {
    this.plan = plan;
    this.connection = connection;
  }

  /** The plan whose effects read the returned rows. */
  WritePlan plan() {
    return plan;
  }

  /** Whether {@code values} (index 0 = parameter 1) can be bound on the twin exactly as the application bound them. */
  static boolean rebindable(Object[] values) {
    for (Object value : values) {
      if (value != null && !REBINDABLE.contains(value.getClass())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a setter call binding {@code value} at {@code parameterIndex} may wait: a parameter of the text, of a type
   * bound alike on the twin.
   */
  boolean defers(int parameterIndex, Object value) {
    int parameters = plan.extendedReturning().parameters();
    return parameterIndex >= 1 && parameterIndex <= parameters
        && (value == null || REBINDABLE.contains(value.getClass()));
  }

  /** Keeps the application's setter call for parameter {@code parameterIndex} until its own statement runs. */
  void defer(int parameterIndex, Binding call) {
    pending.put(parameterIndex, call);
  }

  /** A value was bound on the application's driver statement at {@code parameterIndex}: the kept call is dropped. */
  void bound(int parameterIndex) {
    if (!pending.isEmpty()) {
      pending.remove(parameterIndex);
    }
  }

  /** Makes the kept setter calls on the application's driver statement, in parameter order. */
  void bindPending() throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    java.util.Iterator<Binding> calls = pending.values().iterator();
    while (calls.hasNext()) {
      calls.next().run();
      calls.remove();
    }
  }

  /** The application cleared its parameters. */
  void clearPending() {
    pending.clear();
  }

  /** The twin with {@code values} bound and the application statement's query timeout; marks it the last to run. */
  PreparedStatement bound(Object[] values, int queryTimeout) throws SQLException {
    if (statement == null) {
      statement = connection.clientSide().prepareStatement(plan.extendedReturning().sql(),
          ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
    }
    statement.clearParameters();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        statement.setNull(i + 1, Types.NULL);
      } else {
        statement.setObject(i + 1, values[i]);
      }
    }
    statement.setQueryTimeout(queryTimeout);
    ranLast = true;
    return statement;
  }

  /** The returned rows of the twin's last execution, read by the capture and then counted; the result set stays. */
  AppendedRows rows() throws SQLException {
    return new AppendedRows(statement.getResultSet(), plan.extendedReturning().appended());
  }

  /** Closes the result of the last execution (the application never sees it). */
  void closeResult() throws SQLException {
    ResultSet rs = statement == null ? null : statement.getResultSet();
    if (rs != null) {
      rs.close();
    }
  }

  /** An execution of the application's own driver statement follows. */
  void notLast() {
    ranLast = false;
  }

  /** The twin's driver statement when it ran the last execution, else {@code null}. */
  PreparedStatement ranLast() {
    return ranLast ? statement : null;
  }

  /** The twin's warnings after it ran last, else {@code null}. */
  SQLWarning warnings() throws SQLException {
    return ranLast ? statement.getWarnings() : null;
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
