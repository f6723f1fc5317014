package io.doltsync.tck;

import java.util.List;

/**
 * One generated transaction: its statements and how it ends.
 *
 * @param number          its position in the writer's sequence, printed when a check fails
 * @param savepointAfter  after which statement to set a savepoint, or -1
 * @param rollbackToSavepointAfter after which statement to roll back to that savepoint, or -1
 * @param guardStatements on databases where a failed statement aborts the transaction, run each statement
 *                        under a savepoint and roll back to it on failure (what careful applications do)
 * @param metadata        the author and message to set through {@code DoltSyncConnection}, or {@code null}
 */
record TransactionPlan(int number, List<Operation> operations, Ending ending, int savepointAfter,
    int rollbackToSavepointAfter, boolean guardStatements, CommitMetadata metadata) {

  /** How the transaction ends. */
  enum Ending {
    COMMIT,
    ROLLBACK,
    /** Every statement in auto-commit mode: a transaction of its own. */
    AUTO_COMMIT
  }

  /** What the application tells doltsync about the transaction's Dolt commit. */
  record CommitMetadata(String author, String email, String message) {}

  /** The statements, one a line, for failure messages. */
  String describe() {
    StringBuilder sb = new StringBuilder("transaction #" + number + " (" + ending
        + (savepointAfter >= 0 ? ", savepoint after statement " + (savepointAfter + 1) + ", rollback to it after "
            + (rollbackToSavepointAfter + 1) : "")
        + (metadata != null ? ", message '" + metadata.message() + "'" : "") + "):");
    for (int i = 0; i < operations.size(); i++) {
      sb.append("\n    ").append(i + 1).append(". ").append(operations.get(i));
    }
    return sb.toString();
  }
}
