package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.PrimaryFlavour;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells whether a driver call that threw had run its statement on the primary first. Some drivers run a write
 * and only then find that the application's method does not fit its result, and throw a client-side error:
 * <ul>
 *   <li>pgjdbc: {@code executeQuery} of a statement that returns no rows ({@code "No results were returned by the
 *       query."}, SQLState {@code 02000}); {@code executeUpdate} of one that returns rows ({@code "A result was
 *       returned when none was expected."}, {@code 0100E});</li>
 *   <li>MariaDB Connector/J: {@code executeUpdate} of a statement that returns rows (an {@code INSERT ... RETURNING},
 *       SQLState {@code HY000}, no server error code).</li>
 * </ul>
 * The write then belongs to the primary's transaction (and, in auto-commit mode, the raw driver committed it).
 * Each case is recognised by the error together with what the driver statement holds afterwards: these drivers
 * clear their outcome when an execution fails, and keep it when they threw after running. Drivers that refuse such
 * a call before running it (MySQL Connector/J, H2), or that keep an earlier execution's outcome after a failure
 * (MySQL Connector/J), are never taken to have run it.
 */
final class FailedAfterRunning {

  /** pgjdbc's {@code PSQLState.NO_DATA}. */
  private static final String PGJDBC_NO_RESULTS = "02000";
  /** pgjdbc's {@code PSQLState.TOO_MANY_RESULTS}. */
  private static final String PGJDBC_UNEXPECTED_RESULT = "0100E";

  private FailedAfterRunning() {
  }

  /**
   * The update counts of the one execution that threw {@code failure} ({@code -2}: ran, count unknown) when
   * {@code statement} ran it before throwing, else {@code null}.
   */
  static long[] counts(Statement statement, SQLException failure, PrimaryFlavour.Facts facts) {
    if (statement == null) {
      return null;
    }
    try {
      String state = failure.getSQLState();
      if (facts.pgjdbc() && (PGJDBC_NO_RESULTS.equals(state) || PGJDBC_UNEXPECTED_RESULT.equals(state))) {
        long count = statement.getLargeUpdateCount();
        if (count >= 0) {
          return new long[] {count};
        }
        return statement.getResultSet() != null ? new long[] {-2} : null;
      }
      if (facts.mariadbConnector() && failure.getErrorCode() <= 0 && "HY000".equals(state)
          && statement.getResultSet() != null) {
        return new long[] {-2};
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      return null;
    }
  }
}
