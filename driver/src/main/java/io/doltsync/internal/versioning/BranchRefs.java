package io.doltsync.internal.versioning;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;

/**
 * Creates, moves and deletes branches of the mirrored database, each under its {@link BranchLock}. Runs on
 * a Dolt connection of its own in auto-commit mode: it reads the latest branch heads whatever transaction
 * the session has open, and leaves that transaction alone.
 */
final class BranchRefs implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(BranchRefs.class);

  private final DoltConnectionSource dolt;
  private final String database;
  private Connection connection;

  BranchRefs(DoltConnectionSource dolt, String database) {
    this.dolt = dolt;
    this.database = database;
  }

  /** Creates a branch at a commit, or moves it there when it exists (as the 2020 writable table did); 1. */
  int put(String branch, String commit) throws SQLException {
    requireNotOption(branch);
    requireNotOption(commit);
    try (BranchLock lock = BranchLock.acquire(connection(), database, branch)) {
      SqlRunner.run(connection(), "CALL dolt_branch('-f', ?, ?)", branch, commit);
    }
    LOG.debug("put branch {} of {} at {}", branch, database, commit);
    return 1;
  }

  /**
   * Moves a branch to a commit; with a guard, only when the branch is at {@code expected}.
   *
   * @param expected the hash the branch must be at, or null to move it wherever it is
   * @return 1 when the branch moved (or already was at the commit), 0 when it does not exist or was not at
   *         {@code expected}
   */
  int move(String branch, String commit, String expected) throws SQLException {
    requireNotOption(branch);
    requireNotOption(commit);
    try (BranchLock lock = BranchLock.acquire(connection(), database, branch)) {
      String head = head(branch);
      if (head == null || (expected != null && !head.equals(expected))) {
        LOG.debug("branch {} of {} not moved: at {}, expected {}", branch, database, head, expected);
        return 0;
      }
      SqlRunner.run(connection(), "CALL dolt_branch('-f', ?, ?)", branch, commit);
    }
    LOG.debug("moved branch {} of {} to {}", branch, database, commit);
    return 1;
  }

  /**
   * Deletes a branch; with a guard, only when it is at {@code expected}.
   *
   * @return 1 when it was deleted, 0 when it does not exist or was not at {@code expected}
   */
  int delete(String branch, String expected) throws SQLException {
    requireNotOption(branch);
    try (BranchLock lock = BranchLock.acquire(connection(), database, branch)) {
      String head = head(branch);
      if (head == null || (expected != null && !head.equals(expected))) {
        return 0;
      }
      SqlRunner.run(connection(), "CALL dolt_branch('-D', ?)", branch);
    }
    LOG.debug("deleted branch {} of {}", branch, database);
    return 1;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private String head(String branch) throws SQLException {
    return SqlRunner.value(connection(), "SELECT hash FROM dolt_branches WHERE name = ?", branch);
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = dolt.open();
      connection.setAutoCommit(true);
    }
    return connection;
  }

  /** Dolt's procedures would read a value starting with {@code -} as an option. */
  private static void requireNotOption(String value) throws SQLException {
    if (value.startsWith("-")) {
      throw new SQLException("'" + value + "' is not a valid branch name or commit (it starts with '-')", "22023");
    }
  }
}
