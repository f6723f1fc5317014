package io.doltsync.tck;

import java.sql.SQLException;

/**
 * The statement errors the workload provokes on purpose: constraint violations (class 23), data
 * exceptions such as a too-long value (class 22), deadlocks and serialization failures (class 40, and
 * H2's way of telling a deadlock victim), lock timeouts and MariaDB's "table definition has changed, retry"
 * and "insufficient history for index" after a concurrent TRUNCATE. Any other error means doltsync broke a statement the primary accepts, and is a finding.
 */
final class ExpectedErrors {

  private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;
  private static final int MARIADB_DEADLOCK = 1213;
  /** "Table definition has changed, please retry transaction": another session truncated a table this one reads. */
  static final int MARIADB_TABLE_DEFINITION_CHANGED = 1412;
  /**
   * InnoDB's handler error 159 ({@code HA_ERR_TABLE_DEF_CHANGED}), "InnoDB: insufficient history for index": a
   * consistent read of a table that another session truncated after this transaction's snapshot (the raw driver
   * gets it alike: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, another session's {@code TRUNCATE t}, then
   * {@code INSERT INTO x SELECT * FROM t}).
   */
  static final int MARIADB_INSUFFICIENT_HISTORY = 159;

  private ExpectedErrors() {}

  /**
   * H2 reports a deadlock victim whose transaction its detector is already rolling back as a general error
   * ("Transaction 3 has status ROLLING_BACK, not OPEN") rather than as 40001.
   */
  static boolean isH2DeadlockVictim(SQLException error) {
    return error.getErrorCode() == 50000 && String.valueOf(error.getMessage()).contains("has status ROLLING_BACK");
  }

  static boolean isExpected(SQLException error) {
    for (SQLException e = error; e != null; e = e.getNextException()) {
      if (expected(e)) {
        return true;
      }
      if (e.getCause() instanceof SQLException cause && expected(cause)) {
        return true;
      }
    }
    return false;
  }

  private static boolean expected(SQLException e) {
    String state = e.getSQLState();
    if (isH2DeadlockVictim(e)) {
      return true;
    }
    if (e.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT || e.getErrorCode() == MARIADB_DEADLOCK
        || e.getErrorCode() == MARIADB_TABLE_DEFINITION_CHANGED || e.getErrorCode() == MARIADB_INSUFFICIENT_HISTORY) {
      return true;
    }
    return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("40")
        || state.equals("HYT00"));
  }
}
