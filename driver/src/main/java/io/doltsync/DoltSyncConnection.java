package io.doltsync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A connection opened through doltsync. Reach it with {@code connection.unwrap(DoltSyncConnection.class)},
 * also from behind a pool, to give the current transaction's Dolt commit its author and message, or to
 * wait until what this connection committed is in Dolt.
 */
public interface DoltSyncConnection extends Connection {

  /**
   * Sets the author of the Dolt commit of the current transaction (or of the next one, when none is open).
   * Applies to one transaction only. Either argument may be {@code null} to leave it to other sources.
   */
  void setCommitAuthor(String name, String email) throws SQLException;

  /** Sets the message of the Dolt commit of the current (or next) transaction. Applies to one transaction only. */
  void setCommitMessage(String message) throws SQLException;

  /** True when this connection mirrors its transactions into Dolt ({@code doltsync.enabled} and a reachable setup). */
  boolean isMirroring();

  /**
   * Waits until the last transaction this connection committed with changes is in Dolt, and returns that
   * Dolt commit's hash: an empty string when the transaction left Dolt as it was (so it made no commit),
   * {@code null} when this connection has committed no changes at all.
   *
   * @throws java.sql.SQLTimeoutException when the mirror does not catch up within {@code timeout}
   */
  String awaitMirrored(Duration timeout) throws SQLException;
}
