package io.doltsync.tck;

import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Runs {@link TransactionPlan}s on a doltsync connection the way an application would: statements that
 * fail are part of life (where a failure aborts the transaction, the application rolls back, or rolls
 * back to the statement's savepoint); DDL on databases where it commits implicitly splits the
 * transaction. A {@link Listener} hears every commit point, which is where the oracle looks.
 */
final class TransactionExecutor {

  /** Hears the commit points of the transactions run. */
  interface Listener {
    /** A schema statement is about to commit the open transaction's work implicitly. */
    default void beforeImplicitCommit(Connection connection, TransactionPlan plan) throws SQLException {}

    /**
     * Something may have committed: an explicit commit ({@code last} true), an auto-commit statement, or a
     * schema statement that commits implicitly (also when it failed).
     */
    default void committed(Connection connection, TransactionPlan plan, boolean last) throws SQLException {}

    /** The transaction ended in a rollback (asked for, or forced by an error). */
    default void rolledBack(Connection connection, TransactionPlan plan) throws SQLException {}
  }

  private static final int MARIADB_DEADLOCK = 1213;
  private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;

  private final Primary primary;
  private final WorkloadStats stats;
  private final Listener listener;

  TransactionExecutor(Primary primary, WorkloadStats stats, Listener listener) {
    this.primary = primary;
    this.stats = stats;
    this.listener = listener;
  }

  void run(Connection connection, TransactionPlan plan) throws SQLException {
    if (plan.ending() == TransactionPlan.Ending.AUTO_COMMIT) {
      runAutoCommitted(connection, plan);
    } else {
      runTransaction(connection, plan);
    }
  }

  private void runAutoCommitted(Connection connection, TransactionPlan plan) throws SQLException {
    connection.setAutoCommit(true);
    for (Operation operation : plan.operations()) {
      runCounted(connection, plan, operation);
      stats.outcome("auto-commit statement");
      listener.committed(connection, plan, true);
    }
  }

  private void runTransaction(Connection connection, TransactionPlan plan) throws SQLException {
    connection.setAutoCommit(false);
    if (plan.metadata() != null) {
      DoltSyncConnection doltsync = connection.unwrap(DoltSyncConnection.class);
      doltsync.setCommitAuthor(plan.metadata().author(), plan.metadata().email());
      doltsync.setCommitMessage(plan.metadata().message());
    }
    Savepoint savepoint = null;
    for (int i = 0; i < plan.operations().size(); i++) {
      Operation operation = plan.operations().get(i);
      boolean implicitCommit = operation.kind().isSchemaStatement() && primary.ddlCommitsImplicitly();
      if (implicitCommit) {
        listener.beforeImplicitCommit(connection, plan);
      }
      if (!runStatement(connection, plan, operation)) {
        rollback(connection, plan, "rolled back after an error");
        return;
      }
      if (implicitCommit) {
        savepoint = null;
        listener.committed(connection, plan, false);
      }
      try {
        if (i == plan.savepointAfter()) {
          savepoint = connection.setSavepoint();
        }
        if (i == plan.rollbackToSavepointAfter() && savepoint != null) {
          connection.rollback(savepoint);
          stats.outcome("rolled back to a savepoint");
        }
      } catch (SQLException e) {
        rollback(connection, plan, "rolled back after a savepoint error");
        return;
      }
    }
    if (plan.ending() == TransactionPlan.Ending.ROLLBACK) {
      rollback(connection, plan, "rolled back");
      return;
    }
    try {
      connection.commit();
    } catch (SQLException e) {
      stats.commitFailed(plan, e, primary.rawCommitCannotFailOnLocks());
      rollback(connection, plan, "commit failed");
      return;
    }
    stats.outcome("committed");
    listener.committed(connection, plan, true);
  }

  /** Runs a statement; returns false when its failure aborted the transaction. */
  private boolean runStatement(Connection connection, TransactionPlan plan, Operation operation) throws SQLException {
    Savepoint guardPoint = plan.guardStatements() && primary.errorAbortsTransaction() ? connection.setSavepoint() : null;
    try {
      operation.run(connection);
      stats.succeeded(operation.kind());
      if (guardPoint != null) {
        connection.releaseSavepoint(guardPoint);
      }
      return true;
    } catch (SQLException e) {
      stats.failed(plan, operation, e);
      if (guardPoint != null) {
        connection.rollback(guardPoint);
        stats.outcome("statement rolled back to its savepoint");
        return true;
      }
      return !primary.errorAbortsTransaction() && !abortsTransaction(e);
    }
  }

  private void runCounted(Connection connection, TransactionPlan plan, Operation operation) {
    try {
      operation.run(connection);
      stats.succeeded(operation.kind());
    } catch (SQLException e) {
      stats.failed(plan, operation, e);
    }
  }

  private void rollback(Connection connection, TransactionPlan plan, String outcome) throws SQLException {
    connection.rollback();
    stats.outcome(outcome);
    listener.rolledBack(connection, plan);
  }

  /**
   * Deadlocks, serialization failures and lock timeouts: the database rolled the transaction back or gave
   * up waiting (or, for MariaDB's "table definition has changed", asks for a retry of it); the application
   * retries. Looks through the exception chain, since batches report the statement's error as a cause or
   * next exception.
   */
  static boolean abortsTransaction(SQLException error) {
    for (SQLException e = error; e != null; e = e.getNextException()) {
      if (rolledBack(e) || e.getCause() instanceof SQLException cause && rolledBack(cause)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The database gave up on the transaction: a deadlock or serialization failure, a lock wait timeout (at
   * commit, doltsync's locking read of the transaction's rows waits behind other writers; under heavy
   * contention that wait can time out, and the application retries as it would any lock timeout), or
   * MariaDB's "table definition has changed" or "insufficient history for index" (the snapshot predates another
   * session's TRUNCATE of a table the transaction reads).
   */
  private static boolean rolledBack(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("40") || state.equals("HYT00")) || e.getErrorCode() == MARIADB_DEADLOCK
        || e.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT
        || e.getErrorCode() == ExpectedErrors.MARIADB_TABLE_DEFINITION_CHANGED
        || e.getErrorCode() == ExpectedErrors.MARIADB_INSUFFICIENT_HISTORY || ExpectedErrors.isH2DeadlockVictim(e);
  }
}
