package io.doltsync.bench.tpcc;

import java.sql.SQLException;

/**
 * How a TPC-C transaction ended. Failures are sorted by what the database reported, walking the
 * exception's causes and chained exceptions (doltsync may wrap the primary's error).
 */
enum Outcome {
  /** Committed, having changed rows: the transaction must become exactly one Dolt commit. */
  COMMITTED_WRITE,
  /** Committed without changing a row (Order-Status, Stock-Level, a Delivery with nothing to deliver). */
  COMMITTED_READ_ONLY,
  /** Rolled back on purpose: the 1% of New-Orders with an unused item number (clause 2.4.1.4). */
  ROLLED_BACK,
  /** The database chose this transaction as a deadlock victim. */
  DEADLOCK,
  /** A lock wait ran out of time. */
  LOCK_TIMEOUT,
  /** A serialization failure (PostgreSQL's 40001 under REPEATABLE READ or SERIALIZABLE). */
  SERIALIZATION_FAILURE,
  /** Any other error. */
  ERROR;

  /**
   * Sorts a failure: MariaDB's error codes 1213 and 1205 (and its SQLState 40001, which it gives deadlocks
   * only), PostgreSQL's SQLStates 40P01, 55P03 and 40001.
   */
  static Outcome of(SQLException failure, TpccDialect dialect) {
    Outcome found = ERROR;
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e.getErrorCode() == 1213 || state.equals("40P01")) {
          return DEADLOCK;
        }
        if (e.getErrorCode() == 1205 || state.equals("55P03")) {
          return LOCK_TIMEOUT;
        }
        if (state.equals("40001") && found == ERROR) {
          found = dialect == TpccDialect.MARIADB ? DEADLOCK : SERIALIZATION_FAILURE;
        }
      }
    }
    return found;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException e && e.getNextException() != null && e.getNextException() != t) {
      return e.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
