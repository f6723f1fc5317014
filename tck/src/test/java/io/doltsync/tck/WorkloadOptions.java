package io.doltsync.tck;

/**
 * The shape of a workload.
 *
 * @param freshKeys         every insert uses a key the database never had (see {@link Keys})
 * @param schemaChanges     include DDL (ALTER TABLE ADD COLUMN, CREATE TABLE, DROP TABLE)
 * @param maxStatements     the most statements in one transaction
 * @param autoCommitPercent share of transactions run as auto-commit statements
 * @param rollbackPercent   share of transactions rolled back
 * @param savepointPercent  share of committed transactions that roll back to a savepoint on the way
 * @param metadataEvery     every n-th committed transaction sets its commit author and message (0: never)
 * @param schemaWeight      how many times their usual weight the schema statements (DDL, writes to created tables) get
 */
record WorkloadOptions(boolean freshKeys, boolean schemaChanges, int maxStatements, int autoCommitPercent,
    int rollbackPercent, int savepointPercent, int metadataEvery, int schemaWeight) {

  WorkloadOptions(boolean freshKeys, boolean schemaChanges, int maxStatements, int autoCommitPercent,
      int rollbackPercent, int savepointPercent, int metadataEvery) {
    this(freshKeys, schemaChanges, maxStatements, autoCommitPercent, rollbackPercent, savepointPercent, metadataEvery, 1);
  }

  /** The single-writer run: everything, keys overlapping freely. */
  static WorkloadOptions singleWriter() {
    return new WorkloadOptions(false, true, 5, 10, 8, 12, 5);
  }

  /** The multi-writer run: no DDL, fresh keys for inserts so each row's history is one line of versions. */
  static WorkloadOptions multiWriter() {
    return new WorkloadOptions(true, false, 4, 10, 8, 10, 0);
  }
}
