package io.doltsync.internal.jdbc.wrapper;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

/**
 * The settings an application gave one wrapped statement ({@code setQueryTimeout}, {@code setMaxRows},
 * {@code setLargeMaxRows}, {@code setFetchSize}), carried to the statements doltsync opens on Dolt for it,
 * and the Dolt statement running for it, so that {@code cancel()} from another thread reaches Dolt.
 *
 * <p>Setters run on the application's thread; {@link #cancel()} may run on any thread.
 */
public final class StatementSettings {

  /** Settings of a statement the application never configured (for doltsync's internal statements). */
  public static final StatementSettings DEFAULTS = new StatementSettings();

  private int queryTimeoutSeconds;
  private long maxRows;
  private int fetchSize;
  private volatile Statement running;
  /** Set by {@link #cancel()}; read when the interrupted statement fails. */
  private volatile boolean cancelled;

  void queryTimeout(int seconds) {
    queryTimeoutSeconds = seconds;
  }

  void maxRows(long rows) {
    maxRows = rows;
  }

  void fetchSize(int rows) {
    fetchSize = rows;
  }

  /** Whether the application set none of these settings (a statement given them keeps nothing of its own). */
  public boolean isDefault() {
    return queryTimeoutSeconds == 0 && maxRows == 0 && fetchSize == 0;
  }

  /**
   * Gives a Dolt statement this statement's settings and remembers it as running until {@link #finished}.
   */
  public void applyTo(Statement statement) throws SQLException {
    if (queryTimeoutSeconds > 0) {
      statement.setQueryTimeout(queryTimeoutSeconds);
    }
    if (maxRows > 0) {
      if (maxRows <= Integer.MAX_VALUE) {
        statement.setMaxRows((int) maxRows);
      } else {
        statement.setLargeMaxRows(maxRows);
      }
    }
    if (fetchSize > 0) {
      statement.setFetchSize(fetchSize);
    }
    if (this != DEFAULTS) {
      cancelled = false;
      running = statement;
    }
  }

  /** The Dolt statement given to {@link #applyTo} is no longer running. */
  public void finished(Statement statement) {
    if (running == statement) {
      running = null;
    }
  }

  /**
   * Cancels the Dolt statement running for this statement, if any.
   *
   * @return true when a Dolt statement was running and was asked to stop
   */
  boolean cancel() throws SQLException {
    Statement current = running;
    if (current == null) {
      return false;
    }
    cancelled = true;
    current.cancel();
    return true;
  }

  /**
   * What the application sees when a Dolt statement run for it failed: Dolt reports a query stopped by
   * its timeout or by {@code cancel()} as a plain error ("context canceled"); it becomes an
   * {@link SQLTimeoutException} (SQLState {@code HYT00}) when the statement's query timeout stopped it, as
   * JDBC specifies, or an {@link SQLException} with SQLState {@code 70100} (query interrupted) after
   * {@code cancel()}. Any other failure is returned unchanged.
   */
  public SQLException translate(SQLException failure) {
    if (failure instanceof SQLTimeoutException || !isInterruption(failure)) {
      return failure;
    }
    if (cancelled) {
      cancelled = false;
      return new SQLException("the statement was cancelled (Statement.cancel()): " + failure.getMessage(), "70100",
          failure.getErrorCode(), failure);
    }
    if (queryTimeoutSeconds > 0) {
      return new SQLTimeoutException("the statement's query timeout of " + queryTimeoutSeconds + " s expired: "
          + failure.getMessage(), "HYT00", failure.getErrorCode(), failure);
    }
    return failure;
  }

  private static boolean isInterruption(SQLException failure) {
    String message = failure.getMessage();
    return failure.getErrorCode() == 1317 || failure.getErrorCode() == 3024
        || (message != null && message.contains("context canceled"));
  }
}
