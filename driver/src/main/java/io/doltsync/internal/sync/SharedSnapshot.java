package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.MySqlDialect;
import io.doltsync.internal.dialect.PostgreSqlDialect;
import io.doltsync.internal.jdbc.QuietClose;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The run's consistent source snapshot, opened on the run's connection and, where the source can share it, on
 * extra reader connections that see exactly the same state:
 * <ul>
 *   <li>PostgreSQL: the run's {@code REPEATABLE READ} transaction exports its snapshot ({@code pg_export_snapshot()})
 *       and every reader imports it ({@code SET TRANSACTION SNAPSHOT}) while the run's transaction stays open;</li>
 *   <li>MariaDB/MySQL have no exportable snapshot: only with {@link ReaderLock#FLUSH_TABLES}, a lock connection takes
 *       {@code FLUSH TABLES WITH READ LOCK}, the run's connection and every reader start
 *       {@code WITH CONSISTENT SNAPSHOT} while no write can commit, and the lock is released at once (mydumper's
 *       method); without it the run reads through one connection;</li>
 *   <li>other sources (H2, Oracle through H2) read through one connection.</li>
 * </ul>
 * Readers are opened at the start of the run, before the first table is read, and closed with this object.
 */
final class SharedSnapshot implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(SharedSnapshot.class);

  /** Opens a new source connection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final List<Connection> readers;

  private SharedSnapshot(List<Connection> readers) {
    this.readers = readers;
  }

  /** Whether the source can share one snapshot among several connections under {@code lock}. */
  static boolean canShare(SourceDialect dialect, ReaderLock lock) {
    return dialect instanceof PostgreSqlDialect || dialect instanceof MySqlDialect && lock == ReaderLock.FLUSH_TABLES;
  }

  /** Whether sharing the snapshot under {@code lock} takes the source's global read lock (MariaDB/MySQL). */
  static boolean takesGlobalLock(SourceDialect dialect, ReaderLock lock) {
    return dialect instanceof MySqlDialect && lock == ReaderLock.FLUSH_TABLES;
  }

  /**
   * Begins the snapshot on {@code main} (auto-commit off) and, when {@code extra > 0} and the source can share it,
   * opens that many more connections on the same snapshot.
   */
  static SharedSnapshot begin(SourceDialect dialect, Connection main, int extra, ReaderLock lock, Opener opener)
      throws SQLException {
    main.setAutoCommit(false);
    if (extra <= 0 || !canShare(dialect, lock)) {
      dialect.beginConsistentSnapshot(main);
      return new SharedSnapshot(List.of());
    }
    List<Connection> readers = new ArrayList<>();
    try {
      for (int i = 0; i < extra; i++) {
        Connection reader = opener.open();
        readers.add(reader);
        reader.setAutoCommit(false);
      }
      if (dialect instanceof PostgreSqlDialect) {
        exportAndImport(dialect, main, readers);
      } else {
        underGlobalReadLock(dialect, main, readers, opener);
      }
      return new SharedSnapshot(List.copyOf(readers));
    } catch (SQLException | RuntimeException e) {
      for (Connection reader : readers) {
        QuietClose.close(reader, LOG, "a reader");
      }
      throw e;
    }
  }

  private static void exportAndImport(SourceDialect dialect, Connection main, List<Connection> readers)
      throws SQLException {
    dialect.beginConsistentSnapshot(main);
    String id;
    try (Statement statement = main.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
      rs.next();
      id = rs.getString(1);
    }
    for (Connection reader : readers) {
      try (Statement statement = reader.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        statement.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "''") + "'");
      }
    }
    LOG.debug("doltsync sync: {} readers imported the snapshot {}", readers.size(), id);
  }

  private static void underGlobalReadLock(SourceDialect dialect, Connection main, List<Connection> readers, Opener opener)
      throws SQLException {
    long started = System.nanoTime();
    try (Connection locker = opener.open(); Statement lock = locker.createStatement()) {
      lock.execute("SET SESSION lock_wait_timeout = 30");
      lock.execute("FLUSH TABLES WITH READ LOCK");
      try {
        dialect.beginConsistentSnapshot(main);
        for (Connection reader : readers) {
          dialect.beginConsistentSnapshot(reader);
        }
      } finally {
        lock.execute("UNLOCK TABLES");
      }
    }
    LOG.info("doltsync sync: {} readers opened one snapshot under FLUSH TABLES WITH READ LOCK, held {} ms",
        readers.size() + 1, (System.nanoTime() - started) / 1_000_000);
  }

  /** The extra connections (empty when the run reads through one). */
  List<Connection> readers() {
    return readers;
  }

  @Override
  public void close() {
    for (Connection reader : readers) {
      try {
        reader.rollback();
      } catch (SQLException e) {
        LOG.debug("rollback of a reader failed", e);
      }
      QuietClose.close(reader, LOG, "a reader");
    }
  }

}
