package io.doltsync.internal.mirror;

import java.sql.SQLException;

/**
 * The primary committed a transaction that will never reach Dolt by itself: its journal entry was moved to
 * the quarantine and its tables are marked diverged until reconcile. Thrown to whoever waits for its Dolt
 * commit (read-your-history, sync mode, {@code awaitMirrored}), once per transaction and connection.
 */
final class QuarantinedTransactionException extends SQLException {

  private static final long serialVersionUID = 1L;

  QuarantinedTransactionException(String message) {
    super(message, "HY000");
  }
}
