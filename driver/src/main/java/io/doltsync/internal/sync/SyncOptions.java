package io.doltsync.internal.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one sync run needs. Table names in the maps are source names, compared ignoring case.
 *
 * @param sourceUrl      the source's JDBC URL (any URL the source dialects support)
 * @param sourceUser     source user, or null
 * @param sourcePassword source password, or null (never printed)
 * @param target         {@code jdbc:mariadb://host:port/db}, {@code jdbc:mysql://...} or {@code embedded:<dir>}
 * @param targetUser     Dolt user
 * @param targetPassword Dolt password (never printed)
 * @param branch         the Dolt branch written
 * @param include        table globs to sync ({@code *} and {@code ?}, case-insensitive)
 * @param exclude        table globs left out
 * @param tableMap       source table to Dolt table (renames)
 * @param mode           the default mode
 * @param modes          per-table modes
 * @param cursors        per-table cursor columns (incremental mode)
 * @param keys           per-table key columns for tables without a primary key
 * @param fullRefresh    tables to refresh fully on this run ({@code *} for all)
 * @param lookBack       look-back window for temporal cursors (rows up to this much older than the cursor are read again)
 * @param keyScanEvery   how often an incremental table's keys are compared for hard deletes; zero: every run; negative: never
 * @param message        commit message's first line, or null for the default
 * @param author         commit author as {@code Name <email>}
 * @param chunkRows      rows per compared key range
 * @param lockWait       how long a run waits for another sync of the same Dolt database and branch to finish
 *                       before it fails as {@link SyncFailure.Side#BUSY}
 * @param snapshotRoute  how snapshot tables Dolt already has are compared: chunked hashes, a copy, or chosen per table
 * @param readers        source connections that read a large table's key ranges in parallel, all on the run's one
 *                       snapshot (0: {@link #DEFAULT_READERS}; 1: one connection); used where the source can share
 *                       its snapshot (see {@link SharedSnapshot})
 * @param readerLock     whether a MariaDB/MySQL source may be locked briefly ({@code FLUSH TABLES WITH READ LOCK}) so
 *                       that parallel readers open one snapshot; without it such a source is read through one connection
 */
public record SyncOptions(
    String sourceUrl, String sourceUser, String sourcePassword,
    String target, String targetUser, String targetPassword, String branch,
    List<String> include, List<String> exclude, Map<String, String> tableMap,
    SyncMode mode, Map<String, SyncMode> modes, Map<String, String> cursors, Map<String, List<String>> keys,
    Set<String> fullRefresh, Duration lookBack, Duration keyScanEvery,
    String message, String author, int chunkRows, Duration lockWait, SnapshotRoute snapshotRoute, int readers,
    ReaderLock readerLock) {

  /** The default {@link #lockWait}. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

  /**
   * The readers used when {@link #readers} is 0: one. Measured on a 1,000,000-row and a 200,000-row PostgreSQL table
   * into an {@code embedded:} Dolt (2 shared cores, load 17-35), 2 and 4 readers were not reliably faster than one:
   * Dolt's writing, on the same cores, is the larger cost. Parallel readers are for sources on other machines
   * ({@code --readers n}).
   */
  public static final int DEFAULT_READERS = 1;

  /** Options with the default lock wait. */
  public SyncOptions(String sourceUrl, String sourceUser, String sourcePassword,
      String target, String targetUser, String targetPassword, String branch,
      List<String> include, List<String> exclude, Map<String, String> tableMap,
      SyncMode mode, Map<String, SyncMode> modes, Map<String, String> cursors, Map<String, List<String>> keys,
      Set<String> fullRefresh, Duration lookBack, Duration keyScanEvery,
      String message, String author, int chunkRows) {
    this(sourceUrl, sourceUser, sourcePassword, target, targetUser, targetPassword, branch, include, exclude, tableMap,
        mode, modes, cursors, keys, fullRefresh, lookBack, keyScanEvery, message, author, chunkRows, DEFAULT_LOCK_WAIT,
        SnapshotRoute.AUTO, 0, ReaderLock.NONE);
  }

  public SyncOptions {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    tableMap = Map.copyOf(tableMap);
    modes = Map.copyOf(modes);
    cursors = Map.copyOf(cursors);
    keys = Map.copyOf(keys);
    fullRefresh = Set.copyOf(fullRefresh);
    if (snapshotRoute == null) {
      throw new IllegalArgumentException("a snapshot route is required");
    }
    if (lockWait == null || lockWait.isNegative()) {
      throw new IllegalArgumentException("the lock wait must be zero or more");
    }
    if (readers < 0 || readerLock == null) {
      throw new IllegalArgumentException("readers must be 0 (the default) or more, with a reader lock");
    }
  }

  /** The source connections a run may read one table through. */
  public int effectiveReaders() {
    return readers == 0 ? DEFAULT_READERS : readers;
  }

  /** These options with other parallel readers. */
  public SyncOptions withReaders(int count, ReaderLock lock) {
    return new SyncOptions(sourceUrl, sourceUser, sourcePassword, target, targetUser,
        targetPassword, branch, include, exclude, tableMap, mode, modes, cursors, keys, fullRefresh, lookBack,
        keyScanEvery, message, author, chunkRows, lockWait, snapshotRoute, count, lock);
  }

  /** These options with another lock wait. */
  public SyncOptions withLockWait(Duration wait) {
    return new SyncOptions(sourceUrl, sourceUser, sourcePassword, target, targetUser, targetPassword, branch, include,
        exclude, tableMap, mode, modes, cursors, keys, fullRefresh, lookBack, keyScanEvery, message, author, chunkRows,
        wait, snapshotRoute, readers, readerLock);
  }

  /** These options with another snapshot route. */
  public SyncOptions withSnapshotRoute(SnapshotRoute route) {
    return new SyncOptions(sourceUrl, sourceUser, sourcePassword, target, targetUser, targetPassword, branch, include,
        exclude, tableMap, mode, modes, cursors, keys, fullRefresh, lookBack, keyScanEvery, message, author, chunkRows,
        lockWait, route, readers, readerLock);
  }

  /** A description without secrets. */
  @Override
  public String toString() {
    return "SyncOptions[source=" + io.doltsync.internal.config.WrappedUrl.redact(sourceUrl) + ", target="
        + io.doltsync.internal.config.WrappedUrl.redact(target) + ", branch=" + branch + ", mode=" + mode.label() + "]";
  }
}
