package io.doltsync.internal.mirror;

import io.doltsync.internal.capture.wal.PgOutput;
import io.doltsync.internal.capture.wal.TextRows;
import io.doltsync.internal.capture.wal.WalMessages;
import io.doltsync.internal.capture.wal.WalSlot;
import io.doltsync.internal.capture.wal.WalTransaction;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.jdbc.QuietClose;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;

/**
 * The applier of wal capture ({@code doltsync.capture=wal}, PostgreSQL): reads the mirror's logical replication
 * slot through {@code pgoutput} instead of the journal table, and applies each committed transaction that changed
 * a mirrored table as one Dolt commit, in commit-LSN order, with the same {@link EntryWriter}, commit policy and
 * trailers as {@link Applier}. The journal id in the trailer is the transaction's commit LSN.
 *
 * <p>Group commit ({@code doltsync.groupCommit} above 1, see {@link GroupCommit}): while the slot has more
 * waiting (the stream returns the next message at once), up to that many consecutive transactions go into one Dolt
 * commit, in commit-LSN order, each in the trailer ({@link CommitTrailer#forGroup}); a transaction that arrives alone,
 * a sync marker, or a failure ends the group, and the transactions of a group that failed are applied one by one.
 *
 * <p>Exactly once: the slot is confirmed up to a transaction only after its Dolt commit exists; after a restart
 * the slot sends again what was not confirmed, and transactions at or below the highest commit LSN in the
 * branch's trailers are skipped. A new Dolt database is bootstrapped from the snapshot the new slot exports, so
 * the slot holds exactly the transactions the copy lacks.
 */
final class WalApplier implements Runnable {

  private static final Logger LOG = DoltSyncLoggers.get(WalApplier.class);
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final int TRAILERS_TO_SCAN = 2_000;
  /** Failed attempts at one transaction after which the applier reports it refused (and waiters fail at once). */
  private static final int REFUSE_AFTER_ATTEMPTS = 5;
  /**
   * Appliers that hold their Dolt branch in this JVM, by branch: a connection of another mirror of the same primary
   * and branch (another URL text, a second instance) awaits its sync marker from the one reading the slot.
   */
  private static final Map<String, WalApplier> ACTIVE = new ConcurrentHashMap<>();

  /** Resolves a transaction's commit metadata (the mirror's resolver, user and host). */
  @FunctionalInterface
  interface Metadata {
    CommitMetadata resolve(CommitMetadata announced, List<TableChange> changes);
  }

  private final DoltTarget target;
  private final PrimaryConnector primaryConnector;
  private final SourceDialect dialect;
  private final TableFilter filter;
  private final DoltWriter writer;
  private final CommitPolicy policy;
  private final Bootstrap bootstrap;
  private final ValueCheck values;
  private final MirrorMetrics metrics;
  private final Metadata metadata;
  private final String journalName;
  private final String instance;
  private final CountDownLatch firstCycle = new CountDownLatch(1);
  private final Map<String, CompletableFuture<String>> markers = new ConcurrentHashMap<>();
  /** Idle primary connections that write sync markers: one per concurrent waiter at most, kept until stop. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Connection> markerConnections =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Map<Integer, PgOutput.Relation> relations = new HashMap<>();
  /** Mirrored tables by lower-case primary name: their schema as last reshaped or read. */
  private final Map<String, TableSchema> schemas = new HashMap<>();
  private volatile boolean running;
  /** The slot's transaction being read or applied ({@code pg-xid-lsn}), for the failure report; {@code null}: none. */
  private volatile String current;
  /** The transaction the last failures were at, and how many in a row. */
  private String failingAt;
  private int failedAttempts;
  /**
   * Why the applier cannot go on: the transaction it failed at {@link #REFUSE_AFTER_ATTEMPTS} times; {@code null}
   * while it applies. The slot keeps the transaction (wal capture cannot skip one without Dolt diverging), so the
   * applier still retries it, slowly; waiters fail at once with this.
   */
  private volatile String refusal;
  private volatile boolean active;
  private Thread thread;
  private volatile Connection dolt;
  private volatile Connection primary;
  private volatile Connection replication;
  private volatile PGReplicationStream stream;
  private volatile WalSlot slot;
  /** The prefix of this mirror's announcements ({@link WalMessages#announcementPrefix}). */
  private volatile String announcements;
  private TextRows text;
  /** The highest commit LSN Dolt's branch holds. */
  private long appliedLsn;
  private volatile String lastHash;
  /** The wait before the next attempt after a failure: doubles while failures repeat, reset by an applied transaction. */
  private long backoff = MIN_BACKOFF_MILLIS;
  /** The transactions written into Dolt's open transaction and not committed yet (group commit); empty: none. */
  private final Group group = new Group();
  /**
   * Transactions whose commit LSN is at or below this are applied one per Dolt commit: a group holding them failed,
   * so each counts its own attempts (and one Dolt refuses is reported alone).
   */
  private long aloneThroughLsn;
  /** The highest commit LSN read from the slot since the applier connected. */
  private long readLsn;
  /** Crash tests: the applier fails this many times between a Dolt commit and the slot's confirmation. */
  final java.util.concurrent.atomic.AtomicInteger crashesBeforeConfirm = new java.util.concurrent.atomic.AtomicInteger();

  WalApplier(DoltTarget target, PrimaryConnector primaryConnector, SourceDialect dialect, TableFilter filter,
      DoltWriter writer, CommitPolicy policy, Bootstrap bootstrap, ValueCheck values, MirrorMetrics metrics,
      Metadata metadata, String journalName, String instance) {
    this.target = target;
    this.primaryConnector = primaryConnector;
    this.dialect = dialect;
    this.filter = filter;
    this.writer = writer;
    this.policy = policy;
    this.bootstrap = bootstrap;
    this.values = values;
    this.metrics = metrics;
    this.metadata = metadata;
    this.journalName = journalName;
    this.instance = instance;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this, "doltsync-wal-applier-" + target.database() + "-" + target.branch());
    thread.setDaemon(true);
    thread.start();
    metrics.applierState(true, true);
  }

  void stop() {
    Thread stopping;
    synchronized (this) {
      running = false;
      stopping = thread;
      thread = null;
    }
    if (stopping != null) {
      try {
        stopping.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    metrics.applierState(true, false);
    closeConnections();
    closeMarkerConnections();
  }

  /**
   * Waits until the applier connected for the first time (a new Dolt database bootstrapped from its new slot's
   * snapshot) or failed at it, at most {@code timeout}; returns whether it did.
   */
  boolean awaitFirstCycle(Duration timeout) {
    try {
      return firstCycle.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean isActive() {
    return active;
  }

  /**
   * Waits until every transaction the primary committed before this call is applied (a sync marker written now
   * has come through the slot), at most {@code timeout}; returns the hash of the last Dolt commit this applier
   * made, or {@code null}.
   */
  String sync(Duration timeout) throws SQLException {
    return sync(target, timeout, metrics.getLastError());
  }

  /**
   * {@link #sync(Duration)} from a mirror of the branch that runs no applier of its own ({@code doltsync.applier=false},
   * another instance in this JVM): the JVM's applier that reads the branch's slot answers.
   */
  static String sync(DoltTarget target, Duration timeout, String lastError) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String key = target.database() + "/" + target.branch();
    WalApplier reader = ACTIVE.get(key);
    while (reader == null && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the mirror", "HY008", e);
      }
      reader = ACTIVE.get(key);
    }
    if (reader == null) {
      throw new SQLTimeoutException("doltsync wal capture: no applier of this JVM reads the slot of " + target.describe()
          + " (another JVM's holds the branch, or it is connecting" + (lastError == null ? "" : ": " + lastError) + ")",
          "HYT00");
    }
    return reader.awaitMarker(deadline, timeout);
  }

  private String branchKey() {
    return target.database() + "/" + target.branch();
  }

  /** Writes a sync marker and waits until this applier has read it. */
  private String awaitMarker(long deadline, Duration timeout) throws SQLException {
    if (refusal != null) {
      throw new QuarantinedTransactionException(refusal);
    }
    String marker = UUID.randomUUID().toString();
    CompletableFuture<String> done = new CompletableFuture<>();
    markers.put(marker, done);
    try {
      emitMarker(marker);
      return done.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new SQLTimeoutException("the mirror did not apply this connection's transactions within "
          + timeout.toMillis() + " ms (doltsync.syncTimeout): " + metrics.getLastError(), "HYT00");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the mirror", "HY008", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof QuarantinedTransactionException refused) {
        throw new QuarantinedTransactionException(refused.getMessage());
      }
      throw new SQLException("waiting for the mirror failed: " + e.getCause(), "HY000", e.getCause());
    } finally {
      markers.remove(marker);
    }
  }

  /** Writes the marker on an idle connection of {@link #markerConnections} (opening one when none is idle). */
  private void emitMarker(String marker) throws SQLException {
    Connection connection = markerConnections.poll();
    if (connection == null) {
      connection = primaryConnector.open();
      connection.setAutoCommit(true);
    }
    try {
      WalMessages.sync(connection, marker);
    } catch (SQLException | RuntimeException e) {
      QuietClose.close(connection, LOG, "a marker connection");
      throw e;
    }
    markerConnections.offer(connection);
    if (!running) {
      closeMarkerConnections();
    }
  }

  private void closeMarkerConnections() {
    for (Connection idle; (idle = markerConnections.poll()) != null; ) {
      QuietClose.close(idle, LOG, "a marker connection");
    }
  }

  @Override
  public void run() {
    while (running) {
      try {
        if (!connect()) {
          firstCycle.countDown();
          sleep(2_000);
          continue;
        }
        firstCycle.countDown();
        metrics.succeeded();
        readStream();
      } catch (Throwable failure) {
        firstCycle.countDown();
        String error = ApplyFailures.describe(failure);
        metrics.failed(error, true);
        noteFailure(current, error);
        current = null;
        LOG.warn("doltsync wal applier for {} failed; retrying in {} ms: {}", target.describe(), backoff, error);
        LOG.debug("wal applier failure", failure);
        closeConnections();
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
    closeConnections();
  }

  /**
   * Counts failures at one transaction of the slot; at {@link #REFUSE_AFTER_ATTEMPTS} in a row the applier refuses
   * it: an error log naming it, the failure counted as a quarantine, every waiter failing at once.
   */
  private void noteFailure(String transaction, String error) {
    if (transaction == null) {
      return; // connecting or reading between transactions: a server unreachable, retried as such
    }
    if (transaction.equals(failingAt)) {
      failedAttempts++;
    } else {
      failingAt = transaction;
      failedAttempts = 1;
    }
    if (failedAttempts == REFUSE_AFTER_ATTEMPTS) {
      refusal = "doltsync wal capture cannot apply transaction " + transaction + " of the slot to " + target.describe()
          + " (" + failedAttempts + " attempts): " + error + "; Dolt stays at the transaction before it and the slot"
          + " keeps it and everything after (it is retried every " + MAX_BACKOFF_MILLIS / 1000 + " s). Repair the"
          + " Dolt branch, or drop the Dolt database to bootstrap it again";
      metrics.quarantined(transaction + ": " + error);
      LOG.error(refusal);
      for (CompletableFuture<String> waiting : markers.values()) {
        waiting.completeExceptionally(new QuarantinedTransactionException(refusal));
      }
    }
  }

  /** Connects to Dolt (taking the branch lock), the primary and the slot, bootstrapping a new Dolt database. */
  private boolean connect() throws SQLException {
    if (stream != null) {
      return true;
    }
    closeConnections();
    dolt = target.connectForWriting();
    if (!takeBranchLock(dolt)) {
      closeConnections();
      return false;
    }
    dolt.setAutoCommit(false);
    writer.reset();
    primary = primaryConnector.open();
    primary.setAutoCommit(true);
    slot = WalSlot.of(primary, journalName, target.database(), target.branch());
    announcements = WalMessages.announcementPrefix(slot.name());
    slot.ensurePublication(primary);
    slot.ensureFullIdentity(primary, filter::isMirrored);
    // the driver's own connection: TextRows reads through pgjdbc's statement (an XA DataSource's work connection is
    // a doltsync wrapper, whose unwrapping warns the application)
    text = new TextRows(dialect, primary instanceof io.doltsync.internal.jdbc.wrapper.ConnectionWrapper wrapper
        ? wrapper.delegate() : primary);
    boolean bootstrapped = loadAppliedLsn();
    boolean adopting = bootstrap.adopting(dolt);
    if (!bootstrapped || adopting) {
      slot.dropSlot(primary);
      replication = primaryConnector.openReplication();
      long creating = System.nanoTime();
      ReplicationSlotInfo created = replication.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot()
          .logical().withSlotName(slot.name()).withOutputPlugin("pgoutput").make();
      // the server waits for every transaction then running, in any database, to end: seconds under load
      LOG.info("doltsync created replication slot {} at {} in {} ms; bootstrapping from its snapshot", slot.name(),
          created.getConsistentPoint(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - creating));
      try (Connection copying = primaryConnector.open()) {
        bootstrap.run(copying, dolt, adopting, connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET TRANSACTION SNAPSHOT '" + created.getSnapshotName().replace("'", "''") + "'");
          }
        });
      }
      QuietClose.close(replication, LOG, "the replication connection");
      replication = null;
      appliedLsn = 0;
    } else if (!slot.slotExists(primary)) {
      throw new SQLException("the replication slot " + slot.name() + " that Dolt branch " + target.describe()
          + " was mirrored from is gone, so the transactions since its last commit are lost to it; drop the Dolt"
          + " database to bootstrap it again", "55000");
    }
    replication = primaryConnector.openReplication();
    stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
        .withSlotName(slot.name())
        .withSlotOption("proto_version", "1")
        .withSlotOption("publication_names", slot.name())
        .withSlotOption("messages", "true")
        .withStatusInterval(1, TimeUnit.SECONDS)
        .start();
    relations.clear();
    schemas.clear();
    active = true;
    ACTIVE.put(branchKey(), this);
    return true;
  }

  /** Reads the branch's recent trailers: the highest commit LSN applied; returns whether it was bootstrapped. */
  private boolean loadAppliedLsn() throws SQLException {
    boolean bootstrapped = false;
    appliedLsn = 0;
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT message, date FROM dolt_log LIMIT " + TRAILERS_TO_SCAN)) {
      boolean first = true;
      while (rs.next()) {
        String message = rs.getString(1);
        if (first && rs.getTimestamp(2) != null) {
          policy.headDated(rs.getTimestamp(2).toInstant());
          first = false;
        }
        if (CommitTrailer.transactionsOf(message).stream().anyMatch(id -> id.startsWith("pg-"))) {
          for (long lsn : CommitTrailer.journalIdsOf(message)) {
            appliedLsn = Math.max(appliedLsn, lsn);
          }
        }
        bootstrapped |= CommitTrailer.isTransaction(message) || CommitTrailer.isBootstrap(message);
      }
    }
    dolt.commit();
    return bootstrapped;
  }

  /** Reads and applies the slot until stopped or a failure. */
  private void readStream() throws Exception {
    WalTransaction transaction = null;
    boolean skipping = false;
    WalTransaction.Tables tables = new SchemaSource();
    WalTransaction.StoredRows storedRows = new DoltRows();
    group.clear();
    while (running) {
      ByteBuffer buffer = stream.readPending();
      if (buffer == null) {
        if (!group.isEmpty()) {
          commitGroup(); // nothing more waits in the slot: the group ends here
          continue;
        }
        sleep(5);
        continue;
      }
      PgOutput.Message message = PgOutput.decode(buffer);
      if (message instanceof PgOutput.Begin begin) {
        skipping = begin.finalLsn() <= appliedLsn;
        transaction = skipping ? null : new WalTransaction(begin, relations, tables, text, storedRows);
        current = transaction == null ? null : transaction.transactionId();
      } else if (message instanceof PgOutput.Relation relation) {
        if (transaction != null) {
          transaction.accept(relation);
        } else {
          relations.put(relation.oid(), relation);
        }
      } else if (message instanceof PgOutput.Commit commit) {
        if (transaction != null) {
          readLsn = Math.max(readLsn, transaction.commitLsn());
          write(transaction);
        }
        transaction = null;
        skipping = false;
        current = null;
        group.endLsn = commit.endLsn();
        if (group.isEmpty()) {
          confirm(commit.endLsn());
        } else if (group.size() >= groupLimit()) {
          commitGroup();
        }
      } else if (message instanceof PgOutput.Logical logical && WalMessages.SYNC_PREFIX.equals(logical.prefix())) {
        if (!group.isEmpty()) {
          commitGroup(); // the marker's waiter needs every transaction before it in Dolt
        }
        // a marker's transaction commits after every transaction applied so far (their Dolt commits exist)
        CompletableFuture<String> waiting = markers.get(new String(logical.content(),
            java.nio.charset.StandardCharsets.UTF_8));
        if (waiting != null) {
          waiting.complete(lastHash);
        }
      } else if (message instanceof PgOutput.Logical logical && !logical.transactional()) {
        continue; // another decoder's non-transactional message
      } else if (message instanceof PgOutput.Logical logical && WalMessages.isAnnouncement(logical.prefix())
          && !logical.prefix().equals(announcements)) {
        continue; // another mirror's announcement: a transaction of another schema (or branch) of the database
      } else if (transaction != null) {
        transaction.accept(message);
      }
    }
  }

  /** Most transactions one Dolt commit carries: the commit policy's group limit ({@code doltsync.groupCommit}). */
  private int groupLimit() {
    return Math.max(1, policy.maxEntriesPerCommit());
  }

  /**
   * Writes a transaction that changed mirrored tables (or asked for a commit) into Dolt's open transaction, as a
   * member of the group; none otherwise. The group is committed when it is full, when the slot has nothing more
   * waiting, or at once when this transaction must be applied alone (a group holding it failed) or the limit is 1.
   */
  private void write(WalTransaction transaction) throws Exception {
    List<TableChange> changes = transaction.changes();
    if (changes.isEmpty() && !transaction.allowEmpty()) {
      return;
    }
    boolean alone = transaction.commitLsn() <= aloneThroughLsn;
    if (alone && !group.isEmpty()) {
      commitGroup();
    }
    changes = values.check(changes);
    CommitMetadata resolved = metadata.resolve(transaction.announcedMetadata(), changes);
    try {
      for (TableChange change : changes) {
        writer.apply(dolt, change);
      }
    } catch (Throwable e) {
      failGroup(e);
      throw e;
    }
    String writing = transaction.writingInstance();
    group.add(new CommitTrailer.Applied(transaction.transactionId(), transaction.commitLsn(),
        writing != null ? writing : instance, transaction.committedAt(), transaction.lineage()), resolved,
        transaction.allowEmpty());
    if (alone || groupLimit() == 1) {
      commitGroup();
    }
  }

  /**
   * Commits the group's transactions as one Dolt commit (a single transaction's trailer as without group commit,
   * several listed in order), then confirms the slot up to the last commit read.
   */
  private void commitGroup() throws Exception {
    List<CommitTrailer.Applied> members = List.copyOf(group.members);
    CommitTrailer.Applied last = members.get(members.size() - 1);
    current = members.size() == 1 ? last.transactionId() : null; // a group's failure counts for none of them
    try {
      CommitMetadata first = group.metadata.get(0);
      String message;
      if (members.size() == 1) {
        message = CommitTrailer.forTransaction(first.message(), last.transactionId(), last.journalId(), last.instance(),
            last.primaryCommit(), last.lineage());
      } else {
        message = policy.groupMessage(group.metadata.stream().map(CommitMetadata::message).toList(), members);
      }
      Instant date = policy.date(last.primaryCommit());
      String hash = writer.commit(dolt, message, first.authorName(), first.authorEmail(), date, group.allowEmpty);
      policy.headDated(date);
      if (hash != null) {
        lastHash = hash;
      }
    } catch (Throwable e) {
      failGroup(e);
      throw e;
    }
    appliedLsn = last.journalId();
    backoff = MIN_BACKOFF_MILLIS;
    metrics.succeeded();
    long now = System.currentTimeMillis();
    for (CommitTrailer.Applied member : members) {
      metrics.applied(now - member.primaryCommit().toEpochMilli());
      if (member.transactionId().equals(failingAt)) {
        LOG.info("doltsync wal applier applied transaction {} after {} failed attempts", failingAt, failedAttempts);
        failingAt = null;
        failedAttempts = 0;
        refusal = null;
      }
    }
    long end = group.endLsn;
    group.clear();
    current = null;
    if (crashesBeforeConfirm.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("crash test: stopped between the Dolt commit and the slot's confirmation");
    }
    confirm(end);
  }

  /**
   * Drops what the group wrote into Dolt's open transaction; its transactions, and every one read so far, are
   * applied one by one when the slot sends them again.
   */
  private void failGroup(Throwable e) {
    if (group.size() > 0 || groupLimit() > 1) {
      aloneThroughLsn = Math.max(aloneThroughLsn, readLsn);
      if (group.size() > 1) {
        LOG.info("doltsync wal applier for {}: a group commit of {} transactions failed ({}); applying them one by one",
            target.describe(), group.size(), ApplyFailures.describe(e));
      }
    }
    group.clear();
    writer.reset();
    try {
      if (dolt != null) {
        dolt.rollback();
      }
    } catch (SQLException rollback) {
      e.addSuppressed(rollback);
    }
  }

  /** Confirms the slot up to {@code lsn}: every transaction that ends there is in Dolt (or needs no commit). */
  private void confirm(long lsn) {
    LogSequenceNumber end = LogSequenceNumber.valueOf(lsn);
    stream.setAppliedLSN(end);
    stream.setFlushedLSN(end);
  }

  /** The transactions in Dolt's open transaction, not committed yet, with what their commit needs. */
  private static final class Group {
    final List<CommitTrailer.Applied> members = new ArrayList<>();
    final List<CommitMetadata> metadata = new ArrayList<>();
    boolean allowEmpty;
    /** The end LSN of the last transaction read: the slot is confirmed up to it once the group is committed. */
    long endLsn;

    void add(CommitTrailer.Applied member, CommitMetadata resolved, boolean allowsEmpty) {
      members.add(member);
      metadata.add(resolved);
      allowEmpty |= allowsEmpty;
    }

    int size() {
      return members.size();
    }

    boolean isEmpty() {
      return members.isEmpty();
    }

    void clear() {
      members.clear();
      metadata.clear();
      allowEmpty = false;
    }
  }

  /** Dolt's rows of a table (the state before the transaction being read): by key, or all of them. */
  private final class DoltRows implements WalTransaction.StoredRows {

    @Override
    public Object[] row(String doltTable, TableSchema schema, Object[] key) throws SQLException {
      StringBuilder where = new StringBuilder(" WHERE ");
      for (int k = 0; k < schema.primaryKey().size(); k++) {
        where.append(k == 0 ? "" : " AND ").append(DoltDdl.quote(DoltDdl.doltName(schema.primaryKey().get(k))))
            .append(" = ?");
      }
      List<Object[]> rows = select(doltTable, schema, where.toString(), key);
      return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public List<Object[]> all(String doltTable, TableSchema schema) throws SQLException {
      return select(doltTable, schema, "", new Object[0]);
    }

    @Override
    public Object[] asStored(TableSchema schema, Object[] row) throws SQLException {
      return values.storedForm(schema, row);
    }

    private List<Object[]> select(String doltTable, TableSchema schema, String where, Object[] parameters)
        throws SQLException {
      StringBuilder sql = new StringBuilder("SELECT ");
      List<ColumnSchema> columns = schema.columns();
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(DoltDdl.quote(DoltDdl.doltName(columns.get(i).name())));
      }
      sql.append(" FROM ").append(DoltDdl.quote(doltTable)).append(where);
      if (!group.isEmpty()) {
        writer.flush(dolt); // the group's earlier transactions are part of the state before this one
      }
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement select = dolt.prepareStatement(sql.toString())) {
        for (int k = 0; k < parameters.length; k++) {
          select.setObject(k + 1, parameters[k]);
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
              row[i] = dialect.readDoltValue(rs, i + 1, columns.get(i));
            }
            rows.add(row);
          }
        }
      }
      return rows;
    }
  }

  /** The mirrored tables of the slot's schema, their schemas kept as DDL messages reshape them. */
  private final class SchemaSource implements WalTransaction.Tables {

    @Override
    public WalTransaction.MirroredTable of(PgOutput.Relation relation) throws SQLException {
      if (!relation.namespace().equals(slot.schema()) || !filter.isMirrored(relation.name())) {
        return null;
      }
      String key = relation.name().toLowerCase(Locale.ROOT);
      TableSchema known = schemas.get(key);
      if (known == null || !sameColumns(known, relation)) {
        TableSchema read = dialect.readListedTable(primary, relation.name());
        if (known == null || sameColumns(read, relation)) {
          known = read;
          schemas.put(key, read);
        }
      }
      List<ColumnSchema> columns = new ArrayList<>(relation.columns().size());
      for (PgOutput.Column column : relation.columns()) {
        // a column neither describes (dropped since, by DDL later in the WAL) is read as text: the rows of such a
        // relation are superseded by the DDL's announced content; otherwise Dolt refuses them, naming the column
        ColumnSchema found = known.columns().stream().filter(c -> c.name().equals(column.name())).findFirst()
            .orElse(new ColumnSchema(column.name(), java.sql.Types.VARCHAR, "text", null, null, true, false, null));
        columns.add(found);
      }
      TableSchema ordered = new TableSchema(known.name(), columns, known.primaryKey(), known.indexes(),
          known.foreignKeys(), known.triggerSources());
      return new WalTransaction.MirroredTable(ordered, sameColumns(known, relation) ? known : null);
    }

    @Override
    public void reshaped(TableSchema schema) {
      schemas.put(schema.name().toLowerCase(Locale.ROOT), schema);
    }

    @Override
    public void dropped(String table) {
      schemas.keySet().removeIf(name -> DoltDdl.doltName(name).equalsIgnoreCase(table));
    }

    private boolean sameColumns(TableSchema schema, PgOutput.Relation relation) {
      List<ColumnSchema> columns = schema.columns();
      if (columns.size() != relation.columns().size()) {
        return false;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (!columns.get(i).name().equals(relation.columns().get(i).name())) {
          return false;
        }
      }
      return true;
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

  private void closeConnections() {
    active = false;
    ACTIVE.remove(branchKey(), this);
    PGReplicationStream open = stream;
    stream = null;
    QuietClose.close(open, LOG, "the replication stream");
    QuietClose.close(replication, LOG, "the replication connection");
    replication = null;
    QuietClose.close(text, LOG, "the text rows");
    text = null;
    QuietClose.close(primary, LOG, "the wal applier's primary connection");
    primary = null;
    QuietClose.close(dolt, LOG, "the wal applier's dolt connection");
    dolt = null;
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      if (running) {
        LOG.warn("doltsync wal applier for {} was interrupted; it goes on", target.describe());
      }
    }
  }
}
