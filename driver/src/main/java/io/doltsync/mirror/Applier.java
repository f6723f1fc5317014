package io.doltsync.mirror;

import io.doltsync.dolt.DoltTarget;
import io.doltsync.journal.JournalEntry;
import io.doltsync.journal.JournalTable;
import io.doltsync.journal.TableChange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves journal entries from the primary into Dolt, one Dolt commit per entry, in journal order: the one
 * background thread of a mirror. Only one applier per Dolt branch runs at a time, across JVMs: it holds
 * a named lock on its Dolt connection ({@code GET_LOCK}), released when the JVM or Dolt goes away.
 *
 * <p>Exactly once: an entry is deleted from the journal after its Dolt commit exists, and every commit
 * names its transaction in a trailer ({@link CommitTrailer}); after any failure the applier re-reads the
 * recent trailers and skips (and deletes) entries Dolt already has. Failures (Dolt down, a killed
 * server, a lost connection) are retried with back-off for as long as it takes; the primary keeps working.
 */
final class Applier implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  private static final int BATCH_ROWS = 200;
  private static final long IDLE_WAIT_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final int TRAILERS_TO_SCAN = 2_000;
  private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Mirror mirror;
  private final DoltTarget target;
  private final JournalTable journal;
  private final DoltWriter writer;
  private final Bootstrap bootstrap;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final CountDownLatch firstCycle = new CountDownLatch(1);
  private volatile boolean running;
  private volatile boolean active;
  private boolean signalled;
  private Thread thread;
  private Connection dolt;
  private Connection primary;
  /** Transactions Dolt already has, each with the hash of the commit that contains it. */
  private Map<String, String> applied;
  private Instant lastCommitDate = Instant.EPOCH;
  private long appliedSinceReport;
  private long lastReport = System.nanoTime();

  Applier(Mirror mirror, DoltTarget target, JournalTable journal, DoltWriter writer, Bootstrap bootstrap) {
    this.mirror = mirror;
    this.target = target;
    this.journal = journal;
    this.writer = writer;
    this.bootstrap = bootstrap;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this, "doltsync-applier-" + target.database() + "-" + target.branch());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops after the entry being applied, and waits for the thread. */
  synchronized void stop() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    closeConnections();
  }

  /** Tells the applier there is new work (a local commit). */
  void wake() {
    lock.lock();
    try {
      signalled = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the applier has been through its first cycle (connected, bootstrapped a new Dolt database,
   * applied what was pending) or failed at it, at most {@code timeout}.
   */
  void awaitFirstCycle(Duration timeout) {
    try {
      firstCycle.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True while this JVM's applier holds the branch lock and applies entries. */
  boolean isActive() {
    return active;
  }

  @Override
  public void run() {
    long backoff = 100;
    while (running) {
      try {
        if (!connect()) {
          firstCycle.countDown();
          sleep(2_000);
          continue;
        }
        boolean didWork = applyPending();
        firstCycle.countDown();
        backoff = 100;
        if (!didWork) {
          if (mirror.primary().isPooled()) {
            closePrimary();
          }
          awaitWork();
        }
      } catch (SQLException | IOException | RuntimeException e) {
        firstCycle.countDown();
        mirror.metrics().failed();
        LOG.warn("doltsync applier for {} failed; retrying in {} ms: {}", target.describe(), backoff, e.toString());
        LOG.debug("applier failure", e);
        closeConnections();
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  /**
   * Opens the Dolt connection (taking the branch lock) and the primary connection, unless open; false
   * when another applier holds the lock.
   */
  private boolean connect() throws SQLException {
    if (dolt == null) {
      closeConnections();
      dolt = target.connect();
      if (!takeBranchLock(dolt)) {
        closeConnections();
        return false;
      }
      dolt.setAutoCommit(false);
      writer.reset();
      applied = null;
      active = true;
    }
    if (primary == null) {
      primary = mirror.primary().open();
      primary.setAutoCommit(true);
    }
    return true;
  }

  private boolean takeBranchLock(Connection connection) throws SQLException {
    try (PreparedStatement lockStatement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      lockStatement.setString(1, "doltsync:" + target.database() + "/" + target.branch());
      try (ResultSet rs = lockStatement.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  /** Applies what the journal holds; returns false when it was empty. */
  private boolean applyPending() throws SQLException, IOException {
    if (applied == null) {
      applied = new HashMap<>();
      boolean bootstrapped = loadAppliedTransactions();
      if (!bootstrapped) {
        Bootstrap.Result result = bootstrap.run(primary, dolt);
        result.includedTransactions().forEach(id -> applied.put(id, result.commitHash()));
      }
    }
    if (!mirror.isJournalReady()) {
      if (!journal.exists(primary)) {
        return false;
      }
      mirror.journalFound();
    }
    List<JournalTable.PendingEntry> pending = journal.readPending(primary, BATCH_ROWS);
    mirror.metrics().queueDepth(pending.size());
    if (pending.isEmpty()) {
      return false;
    }
    List<JournalTable.PendingEntry> done = new ArrayList<>(pending.size());
    for (JournalTable.PendingEntry entry : pending) {
      if (!running) {
        break;
      }
      String known = applied.get(entry.transactionId());
      if (known != null) {
        mirror.waiters().applied(entry.transactionId(), known);
        mirror.metrics().applied(System.currentTimeMillis() - entry.committedAt().toEpochMilli());
      } else {
        String hash = apply(entry);
        applied.put(entry.transactionId(), hash == null ? "" : hash);
        mirror.waiters().applied(entry.transactionId(), hash);
        mirror.metrics().applied(System.currentTimeMillis() - entry.committedAt().toEpochMilli());
      }
      done.add(entry);
    }
    journal.delete(primary, done);
    for (JournalTable.PendingEntry entry : done) {
      applied.remove(entry.transactionId());
    }
    reportProgress(done.size(), pending.size());
    return true;
  }

  /** Logs, at most once a minute while it works, how far the applier has come. */
  private void reportProgress(int appliedNow, int queued) {
    appliedSinceReport += appliedNow;
    long now = System.nanoTime();
    if (now - lastReport >= REPORT_INTERVAL_NANOS) {
      MirrorMetrics metrics = mirror.metrics();
      LOG.info("doltsync applied {} transactions to {} in the last {} s; lag {} ms, {} waiting", appliedSinceReport,
          target.describe(), TimeUnit.NANOSECONDS.toSeconds(now - lastReport), metrics.getLagMillis(), queued);
      appliedSinceReport = 0;
      lastReport = now;
    }
  }

  private String apply(JournalTable.PendingEntry pending) throws SQLException, IOException {
    JournalEntry entry = pending.decode();
    try {
      for (TableChange change : entry.changes()) {
        writer.apply(dolt, change);
      }
      Instant date = pending.committedAt().isBefore(lastCommitDate) ? lastCommitDate : pending.committedAt();
      String message = CommitTrailer.forTransaction(entry.message(), entry.transactionId(), pending.id(),
          entry.instance(), pending.committedAt());
      String hash = writer.commit(dolt, message, entry.authorName(), entry.authorEmail(), date, entry.allowEmpty());
      lastCommitDate = date;
      return hash;
    } catch (SQLException | RuntimeException e) {
      writer.reset();
      dolt.rollback();
      throw e;
    }
  }

  /** Reads the transactions the branch's recent commits contain; returns whether it was bootstrapped. */
  private boolean loadAppliedTransactions() throws SQLException {
    boolean bootstrapped = false;
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT message, date, commit_hash FROM dolt_log LIMIT " + TRAILERS_TO_SCAN)) {
      boolean first = true;
      while (rs.next()) {
        String message = rs.getString(1);
        if (first && rs.getTimestamp(2) != null) {
          lastCommitDate = rs.getTimestamp(2).toInstant();
          first = false;
        }
        String hash = rs.getString(3);
        CommitTrailer.transactionsOf(message).forEach(id -> applied.putIfAbsent(id, hash));
        bootstrapped |= message != null && message.contains("\n" + CommitTrailer.TRANSACTION + ": ")
            || CommitTrailer.isBootstrap(message);
      }
    }
    if (!bootstrapped) {
      try (Statement statement = dolt.createStatement();
          ResultSet rs = statement.executeQuery(
              "SELECT COUNT(*) FROM dolt_log WHERE message LIKE '%" + CommitTrailer.BOOTSTRAP + ": true%'")) {
        bootstrapped = rs.next() && rs.getLong(1) > 0;
      }
    }
    dolt.commit();
    return bootstrapped;
  }

  private void awaitWork() {
    lock.lock();
    try {
      if (!signalled) {
        work.await(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      }
      signalled = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  private void closeConnections() {
    active = false;
    closeQuietly(dolt);
    dolt = null;
    closePrimary();
  }

  /** Gives the primary connection back (to the application's pool, when it came from one). */
  private void closePrimary() {
    closeQuietly(primary);
    primary = null;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing applier connection", e);
      }
    }
  }

  private void sleep(long millis) {
    lock.lock();
    try {
      work.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }
}
