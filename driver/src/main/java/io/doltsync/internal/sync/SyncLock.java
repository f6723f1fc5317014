package io.doltsync.internal.sync;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The lock that keeps two syncs of one Dolt database and branch from interleaving: a named lock of the Dolt
 * server ({@code GET_LOCK}), held by the run's Dolt session. Every process that syncs into the database meets
 * the same server (an {@code embedded:} directory's server is shared by the JVMs that use it), and Dolt drops
 * a session's named locks when its connection goes away, so a run that crashed (or whose host died) releases
 * the lock without a lease to expire.
 */
final class SyncLock implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(SyncLock.class);

  private final Connection connection;
  private final String name;

  private SyncLock(Connection connection, String name) {
    this.connection = connection;
    this.name = name;
  }

  /** The lock's name for a database and branch. */
  static String name(String database, String branch) {
    return "doltsync.sync:" + database + "/" + branch;
  }

  /**
   * Takes the lock on {@code connection}, waiting up to {@code wait} (rounded up to whole seconds, as
   * {@code GET_LOCK} counts them).
   *
   * @throws SyncFailure of side {@link SyncFailure.Side#BUSY} (SQLState HYT00) when another session held it all that time
   */
  static SyncLock acquire(Connection connection, String database, String branch, Duration wait) throws SQLException {
    String name = name(database, branch);
    long seconds = Math.max(0, (wait.toMillis() + 999) / 1000);
    long started = System.nanoTime();
    boolean acquired;
    try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      lock.setString(1, name);
      lock.setLong(2, seconds);
      try (ResultSet rs = lock.executeQuery()) {
        acquired = rs.next() && rs.getInt(1) == 1;
      }
    }
    if (!acquired) {
      throw new SyncFailure(SyncFailure.Side.BUSY, "another sync is running into branch '" + branch + "' of Dolt database "
          + database, new SQLTimeoutException("its lock (" + name + ", session " + holder(connection, name)
          + ") was held for all of --lock-wait " + seconds + "s", "HYT00"));
    }
    long waited = (System.nanoTime() - started) / 1_000_000;
    if (waited >= 1_000) {
      LOG.info("doltsync sync: waited {} ms for the lock {}", waited, name);
    }
    return new SyncLock(connection, name);
  }

  private static String holder(Connection connection, String name) {
    try (PreparedStatement used = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
      used.setString(1, name);
      try (ResultSet rs = used.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? rs.getString(1) : "gone since";
      }
    } catch (SQLException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      release.setString(1, name);
      release.executeQuery().close();
    } catch (SQLException e) {
      LOG.debug("doltsync sync: cannot release {} (its session's end releases it)", name, e);
    }
  }
}
