package io.doltsync.tck;

/**
 * A Dolt commit the oracle expects: the primary's state after a commit point that changed it, the
 * transaction it belongs to, and what {@code awaitMirrored} said its hash is (unknown for the implicit
 * commit before a DDL statement).
 */
final class ExpectedCommit {

  private final TransactionPlan transaction;
  private final DatabaseState state;
  private final TransactionPlan.CommitMetadata metadata;
  private String hash;

  ExpectedCommit(TransactionPlan transaction, DatabaseState state, String hash, TransactionPlan.CommitMetadata metadata) {
    this.transaction = transaction;
    this.state = state;
    this.hash = hash;
    this.metadata = metadata;
  }

  TransactionPlan transaction() {
    return transaction;
  }

  DatabaseState state() {
    return state;
  }

  /** The hash {@code awaitMirrored} returned for it, or {@code null} when not known. */
  String hash() {
    return hash;
  }

  void hash(String value) {
    this.hash = value;
  }

  /** The author and message the application set, or {@code null} for doltsync's defaults. */
  TransactionPlan.CommitMetadata metadata() {
    return metadata;
  }
}
