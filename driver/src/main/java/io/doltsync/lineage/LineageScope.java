package io.doltsync.lineage;

import java.sql.SQLException;
import java.util.List;

/**
 * An open lineage scope on one doltsync connection (see {@code DoltSync.lineage}). While it is open, every
 * table the connection reads and every transaction it commits is recorded in memory; {@link #close()}
 * resolves the Dolt commits, writes the records to {@code _doltsync_lineage} through the journal (one Dolt
 * commit) and ends the scope as completed, or as failed after {@link #fail}. Scopes nest: an inner scope
 * records its own reads and writes, the outer one resumes when it closes. Not thread-safe, like the
 * connection it belongs to.
 */
public interface LineageScope extends AutoCloseable {

  /** The flow, run, step and tags this scope records. */
  LineageUnit unit();

  /** The Dolt commit every read is pinned to (resolved to a hash), or {@code null}. */
  String pinnedCommit();

  /** Marks the scope failed: {@link #close()} records it so (and emits OpenLineage's FAIL). */
  void fail(Throwable cause);

  /** True until {@link #close()}. */
  boolean isOpen();

  /**
   * Ends the scope: waits (at most {@code doltsync.syncTimeout}) until the Dolt commits its reads and writes
   * correspond to exist, records them, and returns. Closing a closed scope does nothing.
   *
   * @throws SQLException when the scope is not the innermost open scope of its connection (SQLState 25000),
   *                      or the records cannot be resolved or written
   */
  @Override
  void close() throws SQLException;

  /** The records written at {@link #close()} (empty before). */
  List<LineageRecord> records();
}
