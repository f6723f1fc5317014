package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * A server-wide named lock ({@code GET_LOCK}) on one branch, held while doltsync checks and moves the
 * branch: Dolt has no row locks, so this is what makes a compare-and-swap of a branch atomic among
 * doltsync connections. The lock goes with its connection's session.
 */
final class BranchLock implements AutoCloseable {

  static final int TIMEOUT_SECONDS = 30;

  private final Connection connection;
  private final String name;

  private BranchLock(Connection connection, String name) {
    this.connection = connection;
    this.name = name;
  }

  /**
   * Waits up to {@value #TIMEOUT_SECONDS} s for the lock.
   *
   * @throws SQLTimeoutException (SQLState HYT00) when another session held it all that time
   */
  static BranchLock acquire(Connection connection, String database, String branch) throws SQLException {
    String name = "doltsync.branch:" + database + "/" + branch;
    String acquired = SqlRunner.value(connection, "SELECT GET_LOCK(?, ?)", name, TIMEOUT_SECONDS);
    if (!"1".equals(acquired)) {
      throw new SQLTimeoutException("timed out after " + TIMEOUT_SECONDS + " s waiting for the lock on branch '"
          + branch + "' of " + database, "HYT00");
    }
    return new BranchLock(connection, name);
  }

  @Override
  public void close() throws SQLException {
    SqlRunner.value(connection, "SELECT RELEASE_LOCK(?)", name);
  }
}
