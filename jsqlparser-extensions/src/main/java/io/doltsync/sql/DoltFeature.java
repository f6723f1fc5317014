package io.doltsync.sql;

/** A piece of Dolt's versioning SQL found in a statement; any of them routes the statement to Dolt. */
public enum DoltFeature {
  /** {@code t AS OF 'main~1'} on a table reference, or {@code SHOW ... AS OF} / {@code DESCRIBE t AS OF}. */
  AS_OF,
  /** A {@code dolt_*} system table such as {@code dolt_log}, {@code dolt_diff_orders}, {@code dolt_history_orders}. */
  SYSTEM_TABLE,
  /** A {@code dolt_*(...)} table function in FROM, such as {@code dolt_diff('a','b','t')}. */
  TABLE_FUNCTION,
  /** A revision-qualified database: {@code `shop/feature`.t}, {@code `shop@abc123`.t}, {@code USE `shop/feature`}. */
  REVISION_DATABASE,
  /** {@code CALL dolt_*(...)}. */
  PROCEDURE,
  /** A Dolt scalar function: HASHOF, DOLT_HASHOF*, ACTIVE_BRANCH, DOLT_MERGE_BASE, HAS_ANCESTOR, DOLT_VERSION, DOLT_COMMIT, COMMIT(), MERGE(). */
  FUNCTION,
  /** A Dolt session variable: {@code @@<db>_head}, {@code _head_ref}, {@code _working}, {@code _staged}. */
  SESSION_VARIABLE
}
