package io.doltsync.internal.versioning;

import java.sql.SQLTransactionRollbackException;
import java.util.List;

/**
 * {@code MERGE()} found conflicts and merged nothing: the detached head is unchanged. SQLState
 * {@value #SQL_STATE} (serialization failure), the state Dolt gives the same clash of concurrent edits at
 * {@code COMMIT}; but retrying the same merge gives the same conflicts: change one side first.
 */
public final class MergeConflictException extends SQLTransactionRollbackException {

  /** The SQLState of a merge conflict. */
  public static final String SQL_STATE = "40001";

  private final String merged;
  private final transient List<MergeConflict> conflicts;

  public MergeConflictException(String merged, List<MergeConflict> conflicts) {
    super("merge of '" + merged + "' into the detached head has conflicts, nothing was merged: " + conflicts,
        SQL_STATE);
    this.merged = merged;
    this.conflicts = List.copyOf(conflicts);
  }

  /** The branch or commit whose merge conflicted. */
  public String merged() {
    return merged;
  }

  /** The conflicting tables and rows. */
  public List<MergeConflict> conflicts() {
    return conflicts;
  }
}
