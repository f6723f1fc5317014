package io.doltsync;

import io.doltsync.internal.dolt.EmbeddedDoltServer;
import io.doltsync.internal.verify.QuarantineTables;
import io.doltsync.internal.verify.Reconciler;
import io.doltsync.internal.verify.StatusReader;
import io.doltsync.internal.verify.Verifier;
import io.doltsync.internal.writeback.WritebackOperations;
import io.doltsync.jdbc.DoltSyncDriver;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.internal.mirror.CommitMetadataResolver;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.internal.mirror.MirrorRegistry;
import io.doltsync.internal.mirror.MirrorSession;
import io.doltsync.spi.CommitMetadataProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Programmatic entry points of doltsync that are not tied to one connection.
 *
 * <p>Commit-metadata providers are usually found through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.doltsync.spi.CommitMetadataProvider} file). Frameworks that create their
 * provider themselves, such as a Spring bean, register it here instead:
 *
 * <pre>{@code
 * CommitMetadataProvider provider = tx -> CommitMetadata.author(currentUser(), currentUser() + "@example.com");
 * DoltSync.registerCommitMetadataProvider(provider);
 * // ... and on shutdown:
 * DoltSync.unregisterCommitMetadataProvider(provider);
 * }</pre>
 *
 * <p>Drift: {@link #verify} compares the primary's mirrored tables with the mirrored Dolt branch,
 * {@link #reconcile} heals what differs as one Dolt commit, {@link #status} reads the journal and the
 * quarantine. Each takes a connection opened through doltsync (also from behind a pool) and uses the
 * mirror it belongs to; {@code bin/doltsync} runs the same operations from the command line.
 *
 * <p>Write-back: {@link #revert}, {@link #restore} and {@link #publish} apply Dolt's history to the primary,
 * each as one primary transaction on the given connection (so one Dolt commit), conflict-checked under row
 * locks; a conflict is a {@link WritebackConflictException} with nothing applied.
 */
public final class DoltSync {

  private DoltSync() {}

  /**
   * Adds a provider asked for the author and message of every mirrored transaction of this JVM, next to
   * those found through {@code ServiceLoader}. Registering the same instance twice asks it twice.
   */
  public static void registerCommitMetadataProvider(CommitMetadataProvider provider) {
    CommitMetadataResolver.register(Objects.requireNonNull(provider, "provider"));
  }

  /** Removes a provider added with {@link #registerCommitMetadataProvider}; does nothing if it is not registered. */
  public static void unregisterCommitMetadataProvider(CommitMetadataProvider provider) {
    CommitMetadataResolver.unregister(provider);
  }

  /** Rows per compared key range (keyless tables: per hash bucket) in {@link #verify}. */
  public static final int VERIFY_CHUNK_ROWS = 1000;
  /** Differing rows {@link #verify} lists per table (all are counted); reconcile copies a table with more whole. */
  public static final int VERIFY_REPORT_LIMIT = 100_000;

  /**
   * Compares every mirrored table of the connection's primary with the head of the mirrored Dolt branch.
   * Hashes are computed inside each database, key range by key range; memory holds one range at a time.
   *
   * @param connection a connection opened through doltsync
   */
  public static VerifyReport verify(Connection connection) throws SQLException {
    return verify(connection, List.of(), VerifyProgress.NONE);
  }

  /**
   * Compares the named tables (all mirrored tables when {@code tables} is empty), telling
   * {@code progress} how far it has come. Like the rest of this API (a {@link WritebackOptions}' progress,
   * {@code DoltExport.progress}), no argument may be null: pass {@link VerifyProgress#NONE} for no progress and
   * an empty list for every table.
   *
   * @param connection a connection opened through doltsync
   * @param tables     the tables to compare (case-insensitive), empty for every mirrored table; no null element
   * @param progress   told how far each table has come; {@link VerifyProgress#NONE} for nothing
   * @throws NullPointerException naming the argument, before anything is read, when an argument or a table name
   *                              is null
   */
  public static VerifyReport verify(Connection connection, List<String> tables, VerifyProgress progress)
      throws SQLException {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(tables, "tables (pass an empty list for every mirrored table)");
    for (String table : tables) {
      Objects.requireNonNull(table, "a table name in tables");
    }
    Objects.requireNonNull(progress, "progress (pass VerifyProgress.NONE for no progress)");
    Mirror mirror = mirrorOf(connection);
    VerifyReport report = new Verifier(mirror, VERIFY_CHUNK_ROWS, VERIFY_REPORT_LIMIT, mirror.syncTimeout())
        .verify(tables, progress);
    mirror.metrics().verified(report.differingTables().size(),
        report.tables().stream().mapToLong(VerifyReport.TableReport::differingRows).sum());
    return report;
  }

  /**
   * Makes the mirrored branch equal to the primary for the tables {@code report} found different, as one
   * Dolt commit ({@code Reconcile: <table> (+inserted ~updated -deleted), ...}) ordered with transactions
   * in flight through the journal, and clears the quarantine's marks of those tables. Returns when the
   * commit exists (at most {@code doltsync.syncTimeout}; an applier must run in some JVM).
   */
  public static ReconcileReport reconcile(Connection connection, VerifyReport report) throws SQLException {
    Mirror mirror = mirrorOf(connection);
    return new Reconciler(mirror, quarantineOf(mirror), mirror.syncTimeout()).reconcile(report);
  }

  /** Verifies every mirrored table, then reconciles what differs. */
  public static ReconcileReport reconcile(Connection connection) throws SQLException {
    return reconcile(connection, verify(connection));
  }

  /** The mirror's queue depth, lag, quarantined entries, diverged tables and last error. */
  public static StatusReport status(Connection connection) throws SQLException {
    Mirror mirror = mirrorOf(connection);
    return new StatusReader(mirror, quarantineOf(mirror)).read();
  }

  /**
   * Waits until the journal is empty (applied by this JVM's applier, or another instance's), at most
   * {@code timeout}; returns the entries still waiting. When this JVM runs the applier, it first waits for the
   * applier's first cycle, so a bootstrap of a new Dolt database still copying counts as work left. In wal capture
   * ({@code doltsync.capture=wal}) it waits until this JVM's applier of the branch has applied every transaction
   * the primary committed before the call (a sync marker through the slot) and returns 0, or 1 when the time ran out.
   */
  public static long awaitJournalDrained(Connection connection, Duration timeout) throws SQLException {
    Mirror mirror = mirrorOf(connection);
    long deadline = System.nanoTime() + timeout.toNanos();
    mirror.awaitFirstApplierCycle(timeout);
    if (mirror.walCapture()) {
      try {
        mirror.awaitWalApplied(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        return 0;
      } catch (java.sql.SQLTimeoutException timedOut) {
        return 1;
      }
    }
    try (Connection primary = mirror.primary().open()) {
      primary.setAutoCommit(true);
      if (!mirror.journal().exists(primary)) {
        return 0;
      }
      while (true) {
        long waiting = mirror.journal().pendingCount(primary);
        if (waiting == 0 || System.nanoTime() > deadline) {
          return waiting;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the journal to drain", "HY008", e);
        }
      }
    }
  }

  /**
   * Reverts one mirrored Dolt commit ({@code revision}: a hash, {@code main~2}, a tag) or a range
   * {@code A..B} (the changes from A to B) on the primary, as one primary transaction through
   * {@code connection} that the mirror records as one Dolt commit {@code Revert <hash>: ...}. A row that
   * changed again since is a conflict: by default nothing is applied and a {@link WritebackConflictException}
   * lists the conflicts; {@link WritebackOptions#skipConflicts} reverts the cells that do not conflict.
   * Inside an open transaction it joins it (and the caller commits).
   *
   * @param connection a connection opened through doltsync (the write-back runs on it)
   */
  public static WritebackReport revert(Connection connection, String revision, WritebackOptions options)
      throws SQLException {
    return new WritebackOperations(mirrorOf(connection), connection).revert(revision, options);
  }

  /**
   * Restores the primary's tables ({@link WritebackOptions#tables}, or every mirrored one) to their rows at
   * a Dolt revision (hash, branch, tag, {@code main~3}, or a date-time {@code 2026-12-01 10:00:00} in UTC),
   * writing only the rows that differ, as one transaction ({@code Restore ... to <revision>}).
   */
  public static WritebackReport restore(Connection connection, String revision, WritebackOptions options)
      throws SQLException {
    return new WritebackOperations(mirrorOf(connection), connection).restore(revision, options);
  }

  /**
   * Applies the changes of a Dolt branch since its merge base with the mirrored branch to the primary,
   * merged cell-wise with what the primary changed since, as one transaction ({@code Publish <branch>}).
   * The branch is left unchanged.
   */
  public static WritebackReport publish(Connection connection, String branch, WritebackOptions options)
      throws SQLException {
    return new WritebackOperations(mirrorOf(connection), connection).publish(branch, options);
  }

  /**
   * Opens a lineage scope on a doltsync connection: until the scope closes, every table the connection reads
   * and every transaction it commits is recorded with its Dolt commit (see the README's Lineage section).
   *
   * <pre>{@code
   * try (LineageScope step = DoltSync.lineage(connection, "nightly-etl", runId, "aggregate")) {
   *   // ... the step's reads and writes through `connection` ...
   * }
   * }</pre>
   *
   * @throws SQLException SQLState 22023 for a pinned commit Dolt does not have, 23000 for a flow/run/step that
   *                      was already recorded, 25000 for one already open in this JVM
   */
  public static io.doltsync.lineage.LineageScope lineage(Connection connection, io.doltsync.lineage.LineageUnit unit)
      throws SQLException {
    Objects.requireNonNull(unit, "unit");
    return mirrorSessionOf(connection).beginLineage(unit);
  }

  /** {@link #lineage(Connection, io.doltsync.lineage.LineageUnit)} of a flow's run's step, without tags or pinning. */
  public static io.doltsync.lineage.LineageScope lineage(Connection connection, String flow, String runId, String step)
      throws SQLException {
    io.doltsync.lineage.LineageUnit unit;
    try {
      unit = io.doltsync.lineage.LineageUnit.of(flow, runId, step);
    } catch (IllegalArgumentException e) {
      throw new java.sql.SQLDataException(e.getMessage(), "22023", e);
    }
    return lineage(connection, unit);
  }

  /** The lineage recorded through a doltsync connection's mirror: queries and replays (see {@link io.doltsync.lineage.Lineage}). */
  public static io.doltsync.lineage.Lineage lineageOf(Connection connection) throws SQLException {
    return new io.doltsync.lineage.Lineage(mirrorOf(connection).target()::connect);
  }

  private static MirrorSession mirrorSessionOf(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    if (connection.isWrapperFor(ConnectionWrapper.class)
        && connection.unwrap(ConnectionWrapper.class).session() instanceof MirrorSession session) {
      return session;
    }
    throw new SQLFeatureNotSupportedException("not a mirroring doltsync connection (open it through jdbc:doltsync:"
        + " with doltsync.enabled=true)", "0A000");
  }

  private static Mirror mirrorOf(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    if (connection.isWrapperFor(ConnectionWrapper.class)
        && connection.unwrap(ConnectionWrapper.class).session() instanceof MirrorSession session) {
      return session.mirror();
    }
    throw new SQLFeatureNotSupportedException("not a mirroring doltsync connection (open it through jdbc:doltsync:"
        + " with doltsync.enabled=true)", "0A000");
  }

  private static QuarantineTables quarantineOf(Mirror mirror) {
    return new QuarantineTables(mirror.dialect(), mirror.journal().name());
  }

  /**
   * The state of every mirror this JVM runs: health ({@link MirrorHealth}), last error, quarantined entries,
   * diverged tables, queue depth and lag. The same figures are in JMX under {@code io.doltsync:type=Mirror}.
   */
  public static java.util.List<MirrorStatus> mirrorStatus() {
    return MirrorRegistry.statuses();
  }

  /**
   * Stops everything doltsync runs in the background: every mirror's applier thread (after the entry it
   * is applying; what is left in the journal is applied by the next start) and the Dolt servers the driver
   * started itself, and deregisters the driver. For containers that undeploy applications (call it from a
   * {@code ServletContextListener.contextDestroyed}); a JVM that exits needs nothing, shutdown hooks do it.
   */
  public static void shutdown() throws SQLException {
    MirrorRegistry.closeAll();
    EmbeddedDoltServer.stopAll();
    DoltSyncDriver.deregister();
  }

  /**
   * Stops every mirror's applier in this JVM (after the entry it is applying), leaving the driver registered
   * and the Dolt servers it started running; the next doltsync connection starts its mirror again. For
   * tests and benchmarks that need a fresh mirror, and for jobs that leave their backlog to {@code bin/doltsync apply}.
   */
  public static void stopMirrors() {
    MirrorRegistry.closeAll();
  }
}
