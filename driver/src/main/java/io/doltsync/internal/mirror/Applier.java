package io.doltsync.internal.mirror;

import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.jdbc.QuietClose;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * Moves journal entries from the primary into Dolt, one Dolt commit per entry (or, when the commit policy
 * allows it and entries are waiting, per run of consecutive entries: group commit), in journal order: the one
 * background thread of a mirror. Only one applier per Dolt branch runs at a time, across JVMs: it holds
 * a named lock on its Dolt connection ({@code GET_LOCK}), released when the JVM or Dolt goes away.
 *
 * <p>It is assembled from parts it is given: where the journal is read ({@link JournalReader}), how an
 * entry is written into Dolt ({@link EntryWriter}), how entries become commits ({@link CommitPolicy}), how
 * a new Dolt database is filled ({@link Bootstrap}), and where outcomes are reported ({@link MirrorMetrics},
 * {@link CommitWaiters}).
 *
 * <p>Exactly once: an entry is deleted from the journal after its Dolt commit exists, and every commit
 * names its transaction in a trailer ({@link CommitTrailer}); after any failure the applier re-reads the
 * recent trailers and skips (and deletes) entries Dolt already has.
 *
 * <p>Failures are sorted by {@link ApplyFailures}: transient ones (Dolt down, a lost connection, a deadlock)
 * are retried with back-off for as long as it takes; an entry that Dolt refuses, or that cannot be decoded,
 * is tried {@link Settings#quarantineAfterAttempts} times and then moved to the quarantine table, its tables
 * marked diverged, and the applier goes on with later entries. Any other {@link Throwable} (an
 * {@link OutOfMemoryError}, a bug) restarts the applier after a back-off; it counts as an attempt of the
 * entry being applied, so an entry that keeps killing the applier ends in quarantine too.
 */
final class Applier implements Runnable {

  private static final Logger LOG = DoltSyncLoggers.get(Applier.class);
  private static final int BATCH_ROWS = 200;
  /** The most bytes of encoded entries one group commit carries. */
  private static final long GROUP_BYTES = 16L * 1024 * 1024;
  private static final long IDLE_WAIT_MILLIS = 250;
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final long REFUSED_RETRY_MILLIS = 200;
  private static final int TRAILERS_TO_SCAN = 2_000;
  private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long RECOUNT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

  /**
   * Tunables of an applier.
   *
   * @param quarantineAfterAttempts how many times an entry Dolt refuses is tried before it is quarantined
   */
  record Settings(int quarantineAfterAttempts) {
    static final Settings DEFAULT = new Settings(3);
  }

  private final DoltTarget target;
  private final PrimaryConnector primaryConnector;
  private final JournalReader journal;
  private final EntryWriter writer;
  private final CommitPolicy policy;
  private final Bootstrap bootstrap;
  private final MirrorMetrics metrics;
  private final CommitWaiters waiters;
  private final Settings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final CountDownLatch firstCycle = new CountDownLatch(1);
  /** Failed attempts of entries that Dolt refused (or that broke the applier), by transaction; kept across restarts. */
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> tablesOf = new ConcurrentHashMap<>();
  /** Transactions that failed inside a group commit: they are applied one at a time from then on. */
  private final Set<String> applyAlone = ConcurrentHashMap.newKeySet();
  /** Applied entries whose journal delete is put off, to share one primary commit (only this thread uses it). */
  private final DeferredDeletes deferred = new DeferredDeletes();
  private volatile boolean running;
  private volatile boolean active;
  private volatile long emptySeenAt;
  /** Another JVM's applier holds the branch: this one waits. */
  private volatile boolean lostBranch;
  private boolean signalled;
  private Thread thread;
  /** Read and closed across threads ({@link #stop} closes them under a running apply). */
  private volatile Connection dolt;
  private volatile Connection primary;
  /** Transactions Dolt already has, each with the hash of the commit that contains it. */
  private Map<String, String> applied;
  private long appliedSinceReport;
  private long lastReport = System.nanoTime();
  private long lastRecount;

  Applier(DoltTarget target, PrimaryConnector primaryConnector, JournalReader journal, EntryWriter writer,
      CommitPolicy policy, Bootstrap bootstrap, MirrorMetrics metrics, CommitWaiters waiters, Settings settings) {
    this.target = target;
    this.primaryConnector = primaryConnector;
    this.journal = journal;
    this.writer = writer;
    this.policy = policy;
    this.bootstrap = bootstrap;
    this.metrics = metrics;
    this.waiters = waiters;
    this.settings = settings;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    startThread();
  }

  private synchronized void startThread() {
    thread = new Thread(this, "doltsync-applier-" + target.database() + "-" + target.branch());
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((dead, failure) -> supervise(failure));
    thread.start();
    metrics.applierState(true, true);
  }

  /** The last line of defence: the thread died of something {@link #run} could not even catch; start another. */
  private void supervise(Throwable failure) {
    try {
      LOG.error("doltsync applier thread for {} died; starting another", target.describe(), failure);
      metrics.restarted(ApplyFailures.describe(failure));
      sleep(MAX_BACKOFF_MILLIS);
    } catch (Throwable again) {
      // the dying thread failed once more (another Error while it waits): the restart below must still happen
    } finally {
      synchronized (this) {
        if (running) {
          startThread();
        } else {
          metrics.applierState(true, false);
        }
      }
    }
  }

  /** Stops after the entry being applied, and waits for the thread. */
  void stop() {
    stop(Duration.ZERO);
  }

  /**
   * Stops the applier; first, when {@code drain} is positive and this JVM's applier holds the branch, lets it
   * apply what the journal holds for at most that long (what is left is applied by the next applier).
   */
  void stop(Duration drain) {
    boolean timedOut = !drain.isZero() && !drain.isNegative() && drain(drain) == DrainOutcome.TIMED_OUT;
    Thread stopping;
    synchronized (this) {
      running = false;
      stopping = thread;
      thread = null;
    }
    wake();
    if (stopping != null) {
      try {
        stopping.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    metrics.applierState(true, false);
    closeConnections();
    if (timedOut) {
      LOG.warn("doltsync applier for {} did not drain the journal within {} ms; {} entries wait for the next applier",
          target.describe(), drain.toMillis(), backlog());
    }
  }

  /** How a drain before stopping ended. */
  private enum DrainOutcome {
    /** The applier saw an empty journal. */
    DRAINED,
    /** The time ran out with entries left. */
    TIMED_OUT,
    /** This JVM's applier cannot drain: another holds the branch, it is down, or the wait was interrupted. */
    NOT_DRAINING
  }

  /**
   * The entries the journal holds, counted once (the applier's own figure is one read batch at most), or words
   * saying it could not be counted. Called once the applier thread has stopped, so its put-off deletes are done.
   */
  private String backlog() {
    try (Connection connection = primaryConnector.open()) {
      connection.setAutoCommit(true);
      return Long.toString(journal.pendingCount(connection));
    } catch (SQLException | RuntimeException e) {
      LOG.debug("doltsync applier for {}: counting the journal's backlog failed", target.describe(), e);
      return "uncounted (" + ApplyFailures.describe(e) + ")";
    }
  }

  /** Waits until the applier has seen an empty journal after this call, at most {@code timeout}. */
  private DrainOutcome drain(Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    wake();
    while (running && System.nanoTime() < deadline) {
      if (emptySeenAt - started > 0) {
        LOG.info("doltsync applier for {} drained the journal in {} ms", target.describe(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return DrainOutcome.DRAINED;
      }
      if (lostBranch || !active && metrics.getHealth() == io.doltsync.MirrorHealth.DOWN) {
        // another JVM's applier has the branch, or this one cannot reach Dolt or the primary: nothing to wait for
        LOG.info("doltsync applier for {} does not drain the journal: {}", target.describe(),
            lostBranch ? "another applier holds the branch" : metrics.getLastError());
        return DrainOutcome.NOT_DRAINING;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return DrainOutcome.NOT_DRAINING;
      }
    }
    return emptySeenAt - started > 0 ? DrainOutcome.DRAINED : DrainOutcome.TIMED_OUT;
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
    long backoff = MIN_BACKOFF_MILLIS;
    while (running) {
      try {
        if (!connect()) {
          firstCycle.countDown();
          sleep(2_000);
          continue;
        }
        long cycleStarted = System.nanoTime();
        boolean didWork = applyPending();
        firstCycle.countDown();
        metrics.succeeded();
        backoff = MIN_BACKOFF_MILLIS;
        if (!didWork) {
          emptySeenAt = cycleStarted;
          if (primaryConnector.isPooled() && deferred.isEmpty()) {
            closePrimary();
          }
          awaitWork();
        }
      } catch (Throwable failure) {
        firstCycle.countDown();
        String error = ApplyFailures.describe(failure);
        if (failure instanceof Error || failure instanceof RuntimeException) {
          LOG.error("doltsync applier for {} failed unexpectedly; restarting it in {} ms", target.describe(), backoff,
              failure);
          metrics.restarted(error);
        } else if (failure instanceof EntryRefusedException refused) {
          // the entry's own failure: the connections are fine (Dolt's transaction was rolled back); try it again soon
          metrics.failed(refused.getMessage(), false);
          LOG.warn("doltsync applier for {}: {}; trying again in {} ms", target.describe(), refused.getMessage(),
              REFUSED_RETRY_MILLIS);
          if (!doltIsUsable()) {
            closeConnections();
          }
          sleep(REFUSED_RETRY_MILLIS);
          continue;
        } else {
          metrics.failed(error, true);
          LOG.warn("doltsync applier for {} failed; retrying in {} ms: {}", target.describe(), backoff, error);
          LOG.debug("applier failure", failure);
        }
        closeConnections();
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
    deleteDeferred();
  }

  /** On the way out: deletes the applied entries whose delete was put off (else the next applier does). */
  private void deleteDeferred() {
    if (deferred.isEmpty() || primary == null) {
      return;
    }
    try {
      forgetDone(deferred.take());
    } catch (SQLException | RuntimeException e) {
      LOG.debug("doltsync applier for {}: the journal delete of applied entries is left to the next applier",
          target.describe(), e);
    }
  }

  /**
   * Opens the Dolt connection (taking the branch lock) and the primary connection, unless open; false
   * when another applier holds the lock.
   */
  private boolean connect() throws SQLException {
    if (dolt == null) {
      closeConnections();
      dolt = target.connectForWriting();
      if (!takeBranchLock(dolt)) {
        closeConnections();
        lostBranch = true;
        return false;
      }
      lostBranch = false;
      dolt.setAutoCommit(false);
      writer.reset();
      applied = null;
      active = true;
    }
    if (primary == null) {
      primary = primaryConnector.open();
      primary.setAutoCommit(true);
      readCommitted(primary);
      if (!primaryConnector.isPooled()) {
        asynchronousCommit(primary);
      }
      lastRecount = 0;
    }
    return true;
  }

  /**
   * The applier's deletes and quarantine moves lock only the journal rows they name: under read committed,
   * InnoDB takes no gap locks, so they never wait for, or deadlock with, writers appending entries. Not on a
   * MySQL/MariaDB whose binlog_format is STATEMENT: InnoDB refuses DML at read committed there (error 1665).
   */
  private static void readCommitted(Connection connection) {
    try {
      if (statementBinlog(connection)) {
        LOG.debug("binlog_format is STATEMENT: the applier's primary connection keeps its isolation level");
        return;
      }
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    } catch (SQLException e) {
      LOG.debug("cannot set read committed on the applier's primary connection", e);
    }
  }

  /**
   * On PostgreSQL, the applier's own commits (journal deletes, quarantine moves) do not wait for their WAL
   * flush ({@code synchronous_commit = off}): one fewer fsync waited for per delete. Exact: if the server
   * crashes before the flush, the deleted entries come back and are skipped as applied (their transactions
   * are in Dolt's trailers), a quarantine move comes back as the entry, quarantined again. Only on the
   * applier's own connection, never on one borrowed from the application's pool.
   */
  private static void asynchronousCommit(Connection connection) {
    try {
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgresql")) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET synchronous_commit = off");
      }
    } catch (SQLException e) {
      LOG.debug("cannot turn synchronous_commit off on the applier's primary connection", e);
    }
  }

  private static boolean statementBinlog(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    if (!product.contains("mysql") && !product.contains("mariadb")) {
      return false;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@SESSION.binlog_format")) {
      return rs.next() && "STATEMENT".equalsIgnoreCase(rs.getString(1));
    }
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
  private boolean applyPending() throws Exception {
    if (applied == null) {
      applied = new HashMap<>();
      boolean bootstrapped = loadAppliedTransactions();
      boolean adopting = bootstrap.adopting(dolt);
      if (!bootstrapped || adopting) {
        Bootstrap.Result result = bootstrap.run(primary, dolt, adopting);
        result.includedTransactions().forEach(id -> applied.put(id, result.commitHash()));
      }
    }
    if (!journal.exists(primary)) {
      return false;
    }
    recountQuarantine(false);
    long readStarted = System.nanoTime();
    List<JournalTable.PendingEntry> pending = journal.readPending(primary, BATCH_ROWS, deferred.rowIds());
    metrics.profile().record(ApplyProfile.Step.READ_PENDING, readStarted, 1);
    metrics.queueDepth(pending.size(), pending.isEmpty() ? 0 : pending.get(0).committedAt().toEpochMilli());
    if (pending.isEmpty()) {
      if (deferred.due(System.nanoTime())) {
        forgetDone(deferred.take());
      }
      return false;
    }
    List<JournalTable.PendingEntry> done = new ArrayList<>(pending.size());
    try {
      applyInOrder(pending, done);
    } catch (Throwable failure) {
      try {
        deferred.add(done, System.nanoTime());
        forgetDone(deferred.take());
      } catch (SQLException | RuntimeException e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
    deferred.add(done, System.nanoTime());
    if (deferred.due(System.nanoTime())) {
      forgetDone(deferred.take());
    }
    reportProgress(done.size(), pending.size());
    return true;
  }

  /** Deletes the applied entries from the journal (Dolt has them). */
  private void forgetDone(List<JournalTable.PendingEntry> done) throws SQLException {
    long started = System.nanoTime();
    int trips = journal.delete(primary, done);
    metrics.profile().record(ApplyProfile.Step.JOURNAL_DELETE, started, trips);
    for (JournalTable.PendingEntry entry : done) {
      applied.remove(entry.transactionId());
      forget(entry.transactionId());
    }
  }

  /** Applies (or skips, or quarantines) the entries in journal order; those Dolt now has go to {@code done}. */
  private void applyInOrder(List<JournalTable.PendingEntry> pending, List<JournalTable.PendingEntry> done)
      throws Exception {
    for (int i = 0; i < pending.size() && running; ) {
      JournalTable.PendingEntry entry = pending.get(i);
      String known = applied.get(entry.transactionId());
      List<JournalTable.PendingEntry> group = groupFrom(pending, i);
      if (known != null) {
        waiters.applied(entry.transactionId(), known);
        metrics.applied(System.currentTimeMillis() - entry.committedAt().toEpochMilli());
        done.add(entry);
        i++;
      } else if (attemptsOf(entry) >= settings.quarantineAfterAttempts()) {
        quarantine(entry);
        i++;
      } else if (group.size() > 1) {
        try {
          String hash = applyGroup(group);
          for (JournalTable.PendingEntry member : group) {
            applied.put(member.transactionId(), hash == null ? "" : hash);
            waiters.applied(member.transactionId(), hash);
            metrics.applied(System.currentTimeMillis() - member.committedAt().toEpochMilli());
            done.add(member);
          }
        } catch (Throwable failure) {
          boolean entries = failure instanceof Error
              || ApplyFailures.classify(failure) != ApplyFailures.Kind.TRANSIENT && doltIsUsable();
          if (!entries) {
            throw failure;
          }
          // one of them is refused (or broke the applier): from now on they go one at a time, so that one
          // alone counts its attempts and ends in quarantine
          group.forEach(member -> applyAlone.add(member.transactionId()));
          LOG.info("doltsync applier for {}: a group commit of {} transactions failed ({}); applying them one by one",
              target.describe(), group.size(), ApplyFailures.describe(failure));
          if (failure instanceof Error error) {
            throw error;
          }
          continue;
        }
        i += group.size();
      } else {
        String hash = applyCounting(entry);
        applied.put(entry.transactionId(), hash == null ? "" : hash);
        waiters.applied(entry.transactionId(), hash);
        metrics.applied(System.currentTimeMillis() - entry.committedAt().toEpochMilli());
        done.add(entry);
        i++;
      }
    }
  }

  /**
   * The consecutive entries from {@code from} that the commit policy lets one Dolt commit carry: not yet in
   * Dolt, never failed alone or in a group (such an entry is applied alone, so its attempts are its own),
   * and together at most {@link #GROUP_BYTES} (an entry not read inline counts as all its chunks).
   */
  private List<JournalTable.PendingEntry> groupFrom(List<JournalTable.PendingEntry> pending, int from) {
    int limit = policy.maxEntriesPerCommit();
    if (limit <= 1) {
      return List.of();
    }
    List<JournalTable.PendingEntry> group = new ArrayList<>(Math.min(limit, pending.size() - from));
    long bytes = 0;
    for (int i = from; i < pending.size() && group.size() < limit; i++) {
      JournalTable.PendingEntry entry = pending.get(i);
      if (applied.containsKey(entry.transactionId()) || attemptsOf(entry) > 0
          || applyAlone.contains(entry.transactionId())) {
        break;
      }
      bytes += entry.inline() != null ? entry.inline().length : (long) entry.rowIds().size() * JournalTable.CHUNK_BYTES;
      if (bytes > GROUP_BYTES && !group.isEmpty()) {
        break;
      }
      group.add(entry);
    }
    return group;
  }

  /**
   * Applies consecutive entries as one Dolt commit whose trailer lists them all, in order; returns its hash.
   * Each member is decoded, written and dropped before the next is read: only messages and trailer records
   * stay in memory.
   */
  private String applyGroup(List<JournalTable.PendingEntry> group) throws Exception {
    List<String> messages = new ArrayList<>(group.size());
    List<CommitTrailer.Applied> trailer = new ArrayList<>(group.size());
    return rollingBackOnFailure(() -> {
      boolean allowEmpty = false;
      String authorName = null;
      String authorEmail = null;
      writer.mergeAcrossEntries(true); // the group's row changes merge per table and key (KeyedRowMerge)
      for (JournalTable.PendingEntry pending : group) {
        JournalEntry entry = decodeNoting(pending);
        for (TableChange change : entry.changes()) {
          writer.apply(dolt, change);
        }
        if (messages.isEmpty()) {
          authorName = entry.authorName();
          authorEmail = entry.authorEmail();
        }
        messages.add(entry.message());
        trailer.add(new CommitTrailer.Applied(entry.transactionId(), pending.id(), entry.instance(),
            pending.committedAt(), entry.lineage()));
        allowEmpty |= entry.allowEmpty();
      }
      Instant date = policy.date(group.get(group.size() - 1).committedAt());
      String hash = writer.commit(dolt, policy.groupMessage(messages, trailer), authorName, authorEmail, date,
          allowEmpty);
      policy.headDated(date);
      return hash;
    }, () -> writer.mergeAcrossEntries(false));
  }

  /** Reads and decodes an entry, noting the tables it changes (for failure reports and quarantine). */
  private JournalEntry decodeNoting(JournalTable.PendingEntry pending) throws Exception {
    long started = System.nanoTime();
    JournalEntry entry = journal.decode(primary, pending);
    metrics.profile().record(ApplyProfile.Step.DECODE, started, pending.inline() != null ? 0 : pending.rowIds().size());
    Set<String> tables = new LinkedHashSet<>();
    for (TableChange change : entry.changes()) {
      tables.add(change.table());
    }
    tablesOf.put(pending.transactionId(), tables);
    return entry;
  }

  /** Work on Dolt's open transaction. */
  @FunctionalInterface
  private interface DoltWork {
    String run() throws Exception;
  }

  /** Runs the work; on any failure drops what the writer queued and rolls Dolt's transaction back. */
  private String rollingBackOnFailure(DoltWork work) throws Exception {
    return rollingBackOnFailure(work, () -> {});
  }

  /** {@link #rollingBackOnFailure(DoltWork)}, then {@code after}, whatever the outcome. */
  private String rollingBackOnFailure(DoltWork work, Runnable after) throws Exception {
    try {
      return work.run();
    } catch (Throwable e) {
      writer.reset();
      Connection connection = dolt; // null when stop() closed the connections while this work ran
      try {
        if (connection != null) {
          connection.rollback();
        }
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      after.run();
    }
  }

  private int attemptsOf(JournalTable.PendingEntry entry) {
    return attempts.getOrDefault(entry.transactionId(), 0);
  }

  /**
   * Applies an entry; a failure that is the entry's own (Dolt refuses it, it cannot be decoded, it broke the
   * applier) counts as an attempt. Transient failures are thrown as they are, without counting.
   */
  private String applyCounting(JournalTable.PendingEntry entry) throws Exception {
    try {
      return apply(entry);
    } catch (Throwable failure) {
      ApplyFailures.Kind kind = failure instanceof Error ? ApplyFailures.Kind.REFUSED : ApplyFailures.classify(failure);
      if (kind == ApplyFailures.Kind.REFUSED && !(failure instanceof Error) && !doltIsUsable()) {
        kind = ApplyFailures.Kind.TRANSIENT;
      }
      if (kind == ApplyFailures.Kind.TRANSIENT) {
        throw failure;
      }
      String txn = entry.transactionId();
      int tries = attempts.merge(txn, 1, Integer::sum);
      lastFailure.put(txn, ApplyFailures.describe(failure));
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure instanceof RuntimeException && !(failure.getCause() instanceof SQLException)) {
        LOG.debug("entry {} failed with an unexpected exception", txn, failure);
      }
      throw new EntryRefusedException("transaction " + txn + " (journal " + entry.id() + ", tables "
          + describeTables(txn) + ") failed, attempt " + tries + " of " + settings.quarantineAfterAttempts() + ": "
          + lastFailure.get(txn), failure);
    }
  }

  /**
   * Whether Dolt itself still works after an entry failed: the connection is alive and the branch's log can
   * be read. When not (the database was dropped, the server is going away), the failure is not the entry's.
   */
  private boolean doltIsUsable() {
    if (dolt == null) {
      return false;
    }
    try (Statement probe = dolt.createStatement(); ResultSet rs = probe.executeQuery("SELECT 1 FROM dolt_log LIMIT 1")) {
      rs.next();
      dolt.rollback();
      return true;
    } catch (SQLException e) {
      LOG.debug("Dolt does not answer after a failed entry", e);
      return false;
    }
  }

  /** Moves an entry that failed too often to the quarantine table, reports it, and lets later entries go on. */
  private void quarantine(JournalTable.PendingEntry entry) throws SQLException {
    String txn = entry.transactionId();
    Set<String> tables = tablesOf.getOrDefault(txn, Set.of());
    String failure = lastFailure.getOrDefault(txn, entry.problem() == null ? "unknown failure" : entry.problem());
    int tries = attemptsOf(entry);
    journal.quarantine(primary, entry, tables, failure, tries);
    String summary = "transaction " + txn + " (journal " + entry.id() + ", tables " + describeTables(txn)
        + ") could not be applied to Dolt after " + tries + " attempts: " + failure;
    LOG.error("doltsync quarantined {}. It is kept in the primary's {} table, its tables are marked diverged,"
        + " later transactions are applied; reconcile heals the tables", summary, journal.quarantineName());
    metrics.quarantined(summary);
    waiters.failed(txn, new QuarantinedTransactionException("the primary committed " + summary
        + "; the entry was moved to " + journal.quarantineName() + " and its tables are marked diverged until reconcile"));
    forget(txn);
    recountQuarantine(true);
  }

  private String describeTables(String txn) {
    Set<String> tables = tablesOf.get(txn);
    return tables == null || tables.isEmpty() ? "unknown" : String.join(", ", tables);
  }

  private void forget(String txn) {
    applyAlone.remove(txn);
    attempts.remove(txn);
    lastFailure.remove(txn);
    tablesOf.remove(txn);
  }

  private void recountQuarantine(boolean now) throws SQLException {
    long nanos = System.nanoTime();
    if (now || lastRecount == 0 || nanos - lastRecount > RECOUNT_INTERVAL_NANOS) {
      metrics.quarantineCounts(journal.quarantinedCount(primary), journal.divergedCount(primary));
      lastRecount = nanos;
    }
  }

  /** Logs, at most once a minute while it works, how far the applier has come. */
  private void reportProgress(int appliedNow, int queued) {
    appliedSinceReport += appliedNow;
    long now = System.nanoTime();
    if (now - lastReport >= REPORT_INTERVAL_NANOS) {
      LOG.info("doltsync applied {} transactions to {} in the last {} s; lag {} ms, {} waiting", appliedSinceReport,
          target.describe(), TimeUnit.NANOSECONDS.toSeconds(now - lastReport), metrics.getLagMillis(), queued);
      appliedSinceReport = 0;
      lastReport = now;
    }
  }

  private String apply(JournalTable.PendingEntry pending) throws Exception {
    JournalEntry entry = decodeNoting(pending);
    return rollingBackOnFailure(() -> {
      for (TableChange change : entry.changes()) {
        writer.apply(dolt, change);
      }
      Instant date = policy.date(pending.committedAt());
      String message = policy.message(entry, pending.id(), pending.committedAt());
      String hash = writer.commit(dolt, message, entry.authorName(), entry.authorEmail(), date, entry.allowEmpty());
      policy.headDated(date);
      return hash;
    });
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
          policy.headDated(rs.getTimestamp(2).toInstant());
          first = false;
        }
        String hash = rs.getString(3);
        CommitTrailer.transactionsOf(message).forEach(id -> applied.putIfAbsent(id, hash));
        bootstrapped |= CommitTrailer.isTransaction(message) || CommitTrailer.isBootstrap(message);
      }
    }
    if (!bootstrapped) {
      try (PreparedStatement select = dolt.prepareStatement("SELECT message FROM dolt_log WHERE message LIKE ?")) {
        select.setString(1, "%" + CommitTrailer.BOOTSTRAP + ": true%");
        try (ResultSet rs = select.executeQuery()) {
          while (!bootstrapped && rs.next()) {
            bootstrapped = CommitTrailer.isBootstrap(rs.getString(1));
          }
        }
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
      interrupted();
    } finally {
      unlock();
    }
  }

  /**
   * Someone interrupted the applier's thread. Only {@link #stop} ends the applier (it clears {@code running} and
   * wakes the thread); an interrupt from elsewhere (a container, a library interrupting threads it does not own)
   * must not end mirroring for good, so it is logged and otherwise ignored (the flag stays cleared, or every
   * later wait would end at once).
   */
  private void interrupted() {
    if (running) {
      LOG.warn("doltsync applier for {} was interrupted; it goes on (stop it with DoltSync.shutdown())",
          target.describe());
    }
  }

  /**
   * Releases the wake-up lock if this thread holds it: a {@link ThreadDeath} delivered inside
   * {@link Condition#await} can leave without re-acquiring it, and an {@link IllegalMonitorStateException} here
   * would hide the real failure.
   */
  private void unlock() {
    if (lock.isHeldByCurrentThread()) {
      lock.unlock();
    }
  }

  private void closeConnections() {
    active = false;
    QuietClose.close(dolt, LOG, "the applier's dolt connection");
    dolt = null;
    closePrimary();
  }

  /** Gives the primary connection back (to the application's pool, when it came from one). */
  private void closePrimary() {
    QuietClose.close(primary, LOG, "the applier's primary connection");
    primary = null;
  }

  /**
   * Waits out a back-off; only {@link #stop} cuts it short. New work does not (it used to: while Dolt was down,
   * every commit of the application woke the applier into another connection attempt and another WARN line,
   * whatever the back-off said, as the chaos run's log showed); the work stays signalled for after the wait.
   */
  private void sleep(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    lock.lock();
    try {
      for (long left = millis; running && left > 0;
          left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
        try {
          work.await(left, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          interrupted();
        }
      }
    } finally {
      unlock();
    }
  }

  /** An entry failed in a way that is its own (Dolt refused it, it cannot be decoded); it is tried again. */
  static final class EntryRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    EntryRefusedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
