package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.journal.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * What doltsync adds to one wrapped connection. The wrappers delegate every JDBC call to the driver and
 * call the session only at the few points where doltsync acts: planning a SQL text, running captured
 * writes, running Dolt-routed statements, and transaction boundaries.
 */
public interface Session {

  /** The plan for a SQL text; cheap and cached. */
  Plan plan(String sql) throws SQLException;

  /**
   * The plan to execute instead of {@code plan} when the statement is prepared or executed with that plan's
   * {@link Plan#returnedColumns()} (the driver then returns the rows it changes, for the capture alone), or
   * {@code null} when it cannot be: no returning variant, or a driver that does not return them.
   */
  default io.doltsync.internal.capture.WritePlan returningPlan(Plan plan) throws SQLException {
    return null;
  }

  /**
   * The plan to execute instead of {@code plan} when a prepared statement runs the text of that plan's
   * {@link io.doltsync.internal.capture.WritePlan#extendedReturning()} and reads the rows it returns (the
   * application's own RETURNING list with the capture's columns after it), or {@code null} when it cannot be.
   */
  default io.doltsync.internal.capture.WritePlan extendedReturningPlan(Plan plan) throws SQLException {
    return null;
  }

  /**
   * The plan to execute instead of {@code plan} when a statement of its text ({@code sql}) prepared with generated
   * keys ({@code columns}: {@code {"*"}} for {@code RETURN_GENERATED_KEYS}, else the names asked for) runs on a
   * {@link KeysTwin}: the text the driver sends for it with the capture's columns appended to its RETURNING list, the
   * keys being the application's columns of the returned rows; {@code null} when it cannot be.
   */
  default io.doltsync.internal.capture.WritePlan keysReturningPlan(Plan plan, String sql, String[] columns)
      throws SQLException {
    return null;
  }

  /**
   * The plan to execute instead of {@code plan} when a prepared statement runs the text of that plan's hidden
   * {@link io.doltsync.internal.capture.WritePlan#extendedReturning()} (MariaDB 10.5+: {@code INSERT ... RETURNING}
   * appended for the capture alone) and answers the application with the returned rows' count, or {@code null}.
   */
  default io.doltsync.internal.capture.WritePlan hiddenReturningPlan(Plan plan) throws SQLException {
    return null;
  }

  /**
   * Runs captured writes: {@code execution} runs them on the primary, inside a transaction the session
   * manages when the connection is in auto-commit mode.
   *
   * @param updateCounts extracts the per-entry update counts from the execution's result
   */
  <T> T executeWrite(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts) throws SQLException;

  /**
   * Runs a row change of an updatable result set ({@code updateRow}, {@code insertRow}, {@code deleteRow}),
   * captured as a write to {@code table}: in auto-commit mode inside a transaction the session manages, as
   * for a statement. A session that cannot attribute the change exactly refuses it before {@code change} runs.
   *
   * @param table  the table the result set's columns come from, as the driver's metadata names it
   * @param kind   {@code UPDATE}, {@code INSERT} or {@code DELETE}
   * @param row    the result set's current row (its insert row for an insert)
   * @param change the driver's row change
   */
  default void executeResultSetRowChange(ResultSetTable table, io.doltsync.sql.StatementKind kind,
      io.doltsync.internal.capture.ResultSetRow row, Execution<Void> change) throws SQLException {
    beforePrimary();
    change.run();
  }

  /**
   * The table of an updatable result set as the driver's metadata names it.
   *
   * @param name    the table's name, or {@code null} when the columns name no table or several
   * @param catalog the columns' catalog ({@code ""} when the driver reports none)
   * @param schema  the columns' schema ({@code ""} when the driver reports none)
   */
  record ResultSetTable(String name, String catalog, String schema) {}

  /**
   * As {@link #executeWrite(WriteRequest, Execution, UpdateCounts)}, for one execution of a prepared statement
   * whose outcome the application reads as an update count: the session may instead run the statement's own
   * text and values in a form of its own that also journals it in the same round trip
   * ({@code single.answer} then gives the application the statement's update count).
   */
  default <T> T executeWrite(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts,
      SingleExecution<T> single) throws SQLException {
    return executeWrite(request, execution, updateCounts);
  }

  /**
   * Runs a Dolt-routed statement.
   *
   * @param prepared the Dolt prepared statement holding the bound values, or {@code null} for a plain statement
   * @param settings the application statement's settings, for any statement opened on Dolt to run it
   * @return the outcome, or {@code null} when the caller should simply execute {@code prepared}
   */
  DoltResult executeOnDolt(Plan plan, String sql, List<Object> parameters, PreparedStatement prepared,
      StatementSettings settings) throws SQLException;

  /**
   * A global (XA) transaction branch is now associated with the connection: the transaction manager commits
   * it, so the session neither begins nor commits transactions of its own until the branch ends.
   */
  default void globalTransactionStarted() {
  }

  /**
   * The associated branch ends. On success the journal entry of what the branch changed is written into the
   * branch (so that it commits or rolls back with it) and returned; null when nothing mirrored changed or on
   * failure, where what was captured is dropped.
   */
  default JournalEntry globalTransactionEnded(boolean success) throws SQLException {
    return null;
  }

  /** The branch that wrote {@code entry} has committed: the mirror may apply it. */
  default void globalTransactionCommitted(JournalEntry entry) throws SQLException {
  }

  /** Tells the session which application connection wraps it (called once, by that connection). */
  default void bind(Connection application) {
  }

  /** The Dolt connection Dolt-routed statements are prepared on. */
  Connection doltConnection() throws SQLException;

  void commit() throws SQLException;

  void rollback() throws SQLException;

  void rollback(Savepoint savepoint) throws SQLException;

  void setAutoCommit(boolean autoCommit) throws SQLException;

  /**
   * The application's auto-commit mode. A session may leave the primary's own session setting differently
   * between statements (see {@link #beforePrimary()}), so the wrapper answers from here.
   */
  default boolean getAutoCommit(Connection delegate) throws SQLException {
    return delegate.getAutoCommit();
  }

  /**
   * Called before the wrapper sends the primary anything other than a captured write on the application's
   * behalf (a query, a pass-through statement, a metadata or session call, an unwrap): a session that left
   * the primary's session in a state of its own between statements restores the application's state first.
   */
  default void beforePrimary() throws SQLException {
  }

  /** Called by close(); the session releases what it holds. The connection itself is closed by the wrapper. */
  void close() throws SQLException;

  /** See {@link io.doltsync.DoltSyncConnection#setCommitAuthor}. */
  void setCommitAuthor(String name, String email) throws SQLException;

  /** See {@link io.doltsync.DoltSyncConnection#setCommitMessage}. */
  void setCommitMessage(String message) throws SQLException;

  /** See {@link io.doltsync.DoltSyncConnection#isMirroring}. */
  boolean isMirroring();

  /**
   * Tells the session that a text ran on the primary outside a captured write, and whether without error:
   * an SQL-level {@code PREPARE} or {@code DEALLOCATE} takes effect only then.
   */
  default void ranOnPrimary(String sql, boolean succeeded) throws SQLException {
  }

  /**
   * The warnings of this connection's last write that the session fetched from the driver before sending the
   * primary statements of its own (which would have replaced them), for the application's {@code getWarnings()}:
   * those of {@code driverStatement}'s write, or, for {@code null}, the connection's. {@code null} when the session
   * kept none (the driver then answers).
   */
  default java.sql.SQLWarning keptWarnings(java.sql.Statement driverStatement) {
    return null;
  }

  /** The application cleared warnings: any the session kept are gone too. */
  default void clearKeptWarnings() {
  }

  /** See {@link io.doltsync.DoltSyncConnection#awaitMirrored}. */
  String awaitMirrored(java.time.Duration timeout) throws SQLException;

  /** A unit of driver work. */
  @FunctionalInterface
  interface Execution<T> {
    T run() throws SQLException;
  }

  /**
   * One execution of a prepared statement that the session may run itself ({@link #executeWrite(WriteRequest,
   * Execution, UpdateCounts, SingleExecution)}).
   *
   * @param sql      the statement's text, as prepared
   * @param settings the application statement's settings (query timeout; {@code cancel()} reaches the statement
   *                 the session runs, given to {@link StatementSettings#applyTo})
   * @param answer turns the update count of the session's run into the application's result, and keeps it as
   *               the statement's outcome ({@code getUpdateCount()}, {@code getMoreResults()})
   */
  record SingleExecution<T>(String sql, StatementSettings settings, Answer<T> answer) {}

  /** The application's result of an execution the session ran itself, from its update count. */
  @FunctionalInterface
  interface Answer<T> {
    T of(long updateCount) throws SQLException;
  }

  /** Reads per-entry update counts from an execution's result ({@code -2} when unknown). */
  @FunctionalInterface
  interface UpdateCounts<T> {
    long[] of(T result) throws SQLException;
  }
}
