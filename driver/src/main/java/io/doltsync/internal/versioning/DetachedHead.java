package io.doltsync.internal.versioning;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The connection's detached head ({@code SET @@<db>_head = <commit>}). Today's Dolt has no detached head,
 * so the head is a hidden branch {@code doltsync/detached/<uuid>} of the session's own: created at the
 * commit and checked out on the session's Dolt connection, it holds the working set the session's writes
 * go to, and moves when {@code COMMIT()}/{@code MERGE()} make commits. No user-visible branch moves. The
 * hidden branch is deleted when the head is cleared or the session is closed.
 *
 * <p>As in Git, switching the session to a branch or another database ({@code CALL dolt_checkout('b')},
 * {@code USE}, {@code SET @@<db>_head_ref}) leaves the detached head; see {@link #followSession}.
 */
final class DetachedHead {

  static final String BRANCH_PREFIX = "doltsync/detached/";

  private static final Logger LOG = DoltSyncLoggers.get(DetachedHead.class);

  private final String database;
  private final String mirroredBranch;
  private final BranchRefs refs;
  private String branch;

  /** @param refs deletes the hidden branch when the session's connection is elsewhere */
  DetachedHead(String database, String mirroredBranch, BranchRefs refs) {
    this.database = database;
    this.mirroredBranch = mirroredBranch;
    this.refs = refs;
  }

  boolean isDetached() {
    return branch != null;
  }

  /** The hidden branch, or null when the session is not detached. */
  String branch() {
    return branch;
  }

  /** Puts the head at a commit (anything Dolt resolves to one); a working set of earlier writes is dropped. */
  void moveTo(Connection connection, String commit) throws SQLException {
    requireArgument(commit);
    if (branch != null) {
      SqlRunner.run(connection, "CALL dolt_reset('--hard', ?)", commit);
      LOG.debug("detached head of {} moved to {}", database, commit);
      return;
    }
    String hidden = BRANCH_PREFIX + UUID.randomUUID().toString().replace("-", "");
    useDatabase(connection);
    SqlRunner.run(connection, "CALL dolt_branch(?, ?)", hidden, commit);
    try {
      SqlRunner.run(connection, "CALL dolt_checkout(?)", hidden);
    } catch (SQLException e) {
      deleteQuietly(hidden, e);
      throw e;
    }
    branch = hidden;
    LOG.debug("detached head of {} at {} (hidden branch {})", database, commit, hidden);
  }

  /** Commits the working set as a child of the head, which then points to the new commit; returns its hash. */
  String commit(Connection connection, CommitOptions options) throws SQLException {
    requireDetached("COMMIT()");
    List<String> arguments = options.doltArguments();
    String hash = SqlRunner.value(connection, SqlRunner.call("dolt_commit", arguments.size()), arguments.toArray());
    LOG.debug("committed the detached working set of {} as {}", database, hash);
    return hash;
  }

  /**
   * Merges a branch or commit into the head ({@code dolt_merge} arguments) and returns the resulting head:
   * the merge commit, the commit fast-forwarded to, or the unchanged head when there was nothing to merge.
   *
   * @throws MergeConflictException when the merge conflicts; nothing is merged then (the connection's open
   *                                Dolt transaction is rolled back)
   */
  String merge(Connection connection, List<String> arguments) throws SQLException {
    requireDetached("MERGE()");
    if (arguments.isEmpty()) {
      throw new SQLException("MERGE() needs the branch or commit to merge", "42000");
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      List<String> result = SqlRunner.firstRow(connection, SqlRunner.call("dolt_merge", arguments.size()), arguments);
      if (result != null && "1".equals(result.get(2))) {
        List<MergeConflict> conflicts = MergeConflicts.read(connection);
        connection.rollback();
        throw new MergeConflictException(arguments.get(0), conflicts);
      }
      connection.commit();
      String hash = result == null ? null : result.get(0);
      return hash == null || hash.isEmpty() ? SqlRunner.value(connection, "SELECT HASHOF(?)", branch) : hash;
    } catch (MergeConflictException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Leaves the detached head: the session goes back to the mirrored branch, the hidden branch is deleted. */
  void clear(Connection connection) throws SQLException {
    if (branch == null) {
      return;
    }
    String hidden = branch;
    useDatabase(connection);
    SqlRunner.run(connection, "CALL dolt_checkout(?)", mirroredBranch);
    branch = null;
    SqlRunner.run(connection, "CALL dolt_branch('-D', ?)", hidden);
    LOG.debug("left the detached head of {}; deleted {}", database, hidden);
  }

  /**
   * Puts a new Dolt connection of the session back on the head (after a reconnect).
   *
   * @throws SQLException when the hidden branch is gone; the session is then no longer detached
   */
  void reenter(Connection connection) throws SQLException {
    if (branch == null) {
      return;
    }
    try {
      useDatabase(connection);
      SqlRunner.run(connection, "CALL dolt_checkout(?)", branch);
    } catch (SQLException e) {
      String lost = branch;
      branch = null;
      throw new SQLException("the detached head of " + database + " is lost: its hidden branch " + lost
          + " could not be checked out again after a reconnect; the connection is back on " + mirroredBranch,
          e.getSQLState(), e);
    }
  }

  /**
   * After a statement that may have switched the session's branch or database: when the session is no
   * longer on the hidden branch, the detached head is left, as Git leaves one on {@code git checkout
   * <branch>}, and the hidden branch with its uncommitted changes is deleted.
   */
  void followSession(Connection connection) throws SQLException {
    if (branch == null) {
      return;
    }
    List<String> position = SqlRunner.firstRow(connection, "SELECT DATABASE(), ACTIVE_BRANCH()", List.of());
    if (position != null && database.equalsIgnoreCase(position.get(0)) && branch.equals(position.get(1))) {
      return;
    }
    LOG.info("the session switched to {} on branch {}; leaving the detached head of {}",
        position == null ? null : position.get(0), position == null ? null : position.get(1), database);
    abandon();
  }

  /** Forgets the head and deletes its hidden branch, which the session's connection must no longer be on. */
  void abandon() throws SQLException {
    if (branch == null) {
      return;
    }
    String hidden = branch;
    branch = null;
    refs.delete(hidden, null);
    LOG.debug("deleted {}, the hidden branch of a detached head of {}", hidden, database);
  }

  private void useDatabase(Connection connection) throws SQLException {
    SqlRunner.run(connection, "USE " + SqlText.quoteIdentifier(database));
  }

  private String requireDetached(String what) throws SQLException {
    if (branch == null) {
      throw new SQLException(what + " needs a detached head: SET @@" + database + "_head = <commit> first", "HY000");
    }
    return branch;
  }

  private static void requireArgument(String commit) throws SQLException {
    if (commit.startsWith("-")) {
      throw new SQLException("'" + commit + "' is not a commit", "22023");
    }
  }

  private void deleteQuietly(String hidden, SQLException cause) {
    try {
      refs.delete(hidden, null);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
