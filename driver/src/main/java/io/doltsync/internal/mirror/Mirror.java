package io.doltsync.internal.mirror;

import io.doltsync.internal.capture.ChangeSetBuilder;
import io.doltsync.internal.capture.TransactionCapture;
import io.doltsync.internal.capture.WritePlanner;
import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.LexicalRules;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.WriteAnalyzer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * Everything the connections of one primary database share for mirroring into one Dolt branch: the
 * statement planner and schema catalog, the journal, commit metadata, the applier thread and its
 * metrics. Created on the first connection, shared by every later one in the JVM.
 */
public final class Mirror implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(Mirror.class);
  private static final Duration INITIAL_BOOTSTRAP_WAIT = Duration.ofSeconds(10);
  /** Wal capture: how long start waits for a new slot and its bootstrap (the slot holds nothing before it exists). */
  private static final Duration WAL_BOOTSTRAP_WAIT = Duration.ofSeconds(120);

  private final DoltSyncConfig config;
  /** {@code doltsync.mode=sync}, read once (every commit asks). */
  private final boolean syncMode;
  private final SourceDialect dialect;
  private final PrimaryConnector primary;
  private final DoltTarget target;
  private final SchemaCatalog catalog;
  /** Plans by the primary's lexical rules; replaced once in {@link #start} by one knowing the server's version. */
  private volatile WritePlanner planner;
  private final JournalTable journal;
  private final ChangeSetBuilder changeSets;
  /** Which primary server and driver this mirror's connections reach: probed once, shared. */
  private final io.doltsync.internal.dialect.PrimaryFlavour flavour;
  private final CommitMetadataResolver metadata;
  private final CommitWaiters waiters = new CommitWaiters();
  private final MirrorMetrics metrics = new MirrorMetrics();
  private final String instance;
  /**
   * Wal capture: the logical message prefix of this mirror's announcements ({@code doltsync:<slot>}), set at
   * {@link #start()}. Every slot of the database decodes every message written in it, so a mirror of another schema
   * must not take them for its own.
   */
  private volatile String walAnnouncements;
  private final String primaryHost;
  private final Applier applier;
  /** Wal capture ({@code doltsync.capture=wal}): its applier, which reads the slot; else {@code null}. */
  private final boolean walCapture;
  private final WalApplier walApplier;
  /** Binlog capture ({@code doltsync.capture=binlog}, MariaDB): its applier, which reads the binary log; else {@code null}. */
  private final boolean binlogCapture;
  private final BinlogApplier binlogApplier;
  /** The user of doltsync's own primary connections: the author of a wal-captured transaction nobody named. */
  private volatile String connectorUser;
  private final Duration syncTimeout;
  private final Duration drainOnShutdown;
  private final MappingCheck mappings;
  private final TableFilter filter;
  private final boolean textFallback;
  private final PrimaryIdentity identity;
  private final ValueCheck values;
  private volatile boolean journalReady;
  private final Duration verifyInterval;
  private io.doltsync.internal.verify.BackgroundVerifier backgroundVerifier;
  private io.doltsync.internal.sync.MirrorPusher pusher;
  /** Schemas that committed journal entries already carry: later entries leave them out. */
  private final SchemaMemo<Boolean> journaledSchemas = new SchemaMemo<>();
  private final java.util.concurrent.atomic.AtomicLong commitEpoch = new java.util.concurrent.atomic.AtomicLong();
  private io.doltsync.internal.lineage.LineageEvents lineageEvents;

  Mirror(DoltSyncConfig config, SourceDialect dialect, PrimaryConnector primary, DoltTarget target,
      String primaryHost, String primaryIdentity) {
    this.identity = new PrimaryIdentity(primaryIdentity, config.getBoolean(DoltSyncOption.ADOPT), target);
    this.config = config;
    this.syncMode = config.isSyncMode();
    this.dialect = dialect;
    this.primary = primary;
    this.target = target;
    this.primaryHost = primaryHost;
    String journalName = config.get(DoltSyncOption.JOURNAL_TABLE);
    TableFilter filter = new TableFilter(config.getList(DoltSyncOption.INCLUDE), config.getList(DoltSyncOption.EXCLUDE),
        journalName);
    this.catalog = new SchemaCatalog(dialect, filter);
    SqlDialect lexical = io.doltsync.internal.dialect.SourceDialects.sqlDialect(dialect);
    this.planner = new WritePlanner(new StatementClassifier(lexical), new WriteAnalyzer(lexical), catalog, dialect);
    this.flavour = new io.doltsync.internal.dialect.PrimaryFlavour(dialect);
    this.journal = new JournalTable(dialect, journalName, config.get(DoltSyncOption.JOURNAL_SECRET), flavour);
    // wal capture: writers take no journal order lock, so a whole-table copy (of a table DDL changed, also when a
    // rollback to a savepoint undid the DDL and released its lock) locks its table instead
    this.changeSets = new ChangeSetBuilder(dialect, catalog, flavour,
        "wal".equalsIgnoreCase(config.get(DoltSyncOption.CAPTURE)) ? null : journal.orderLock());
    this.metadata = new CommitMetadataResolver(config.get(DoltSyncOption.AUTHOR));
    this.instance = instanceName(config.get(DoltSyncOption.INSTANCE));
    this.syncTimeout = config.getDuration(DoltSyncOption.SYNC_TIMEOUT);
    this.verifyInterval = config.getDuration(DoltSyncOption.VERIFY_INTERVAL);
    this.filter = filter;
    this.textFallback = "text".equalsIgnoreCase(config.get(DoltSyncOption.UNMAPPED_TYPES));
    this.mappings = new MappingCheck(dialect, filter, textFallback);
    this.values = new ValueCheck(dialect, textFallback, ValueCheck.Policy.of(config.get(DoltSyncOption.UNMAPPABLE_VALUES)));
    this.drainOnShutdown = config.getDuration(DoltSyncOption.DRAIN_ON_SHUTDOWN);
    this.walCapture = "wal".equalsIgnoreCase(config.get(DoltSyncOption.CAPTURE));
    this.binlogCapture = "binlog".equalsIgnoreCase(config.get(DoltSyncOption.CAPTURE));
    boolean applies = config.getBoolean(DoltSyncOption.APPLIER);
    this.applier = applies && !walCapture && !binlogCapture ? assembleApplier(filter, textFallback) : null;
    this.walApplier = applies && walCapture ? assembleWalApplier(filter, textFallback) : null;
    this.binlogApplier = applies && binlogCapture ? assembleBinlogApplier(filter, textFallback) : null;
  }

  /** The binlog capture applier: the same Dolt writer, commit policy and bootstrap, fed from the binary log. */
  private BinlogApplier assembleBinlogApplier(TableFilter filter, boolean textFallback) {
    DoltWriter writer = new DoltWriter(dialect, textFallback, metrics.profile(), target.writerAllowsMultiStatements());
    return new BinlogApplier(target, primary, dialect, filter, writer, CommitPolicy.onePerTransaction(),
        new Bootstrap(dialect, filter, journal, writer, values, instance, identity), values, metrics,
        (announced, changes) -> metadata.resolve(announced, changes, connectorUser, primaryHost), journal.name(),
        instance);
  }

  /** True in binlog capture ({@code doltsync.capture=binlog}): sessions capture nothing, the applier reads the log. */
  public boolean binlogCapture() {
    return binlogCapture;
  }

  /**
   * True when statements pass through and the applier reads the database's own change stream (wal or binlog
   * capture); the connection announces only what that stream cannot say.
   */
  public boolean streamCapture() {
    return walCapture || binlogCapture;
  }

  /** Writes an announcement into the connection's open transaction: a WAL message or an announcement row. */
  void announce(Connection connection, io.doltsync.internal.journal.JournalEntry said) throws SQLException {
    if (binlogCapture) {
      io.doltsync.internal.capture.binlog.BinlogAnnouncements.announce(connection,
          io.doltsync.internal.capture.binlog.BinlogAnnouncements.tableFor(journal.name()), said);
    } else {
      io.doltsync.internal.capture.wal.WalMessages.announce(connection, walAnnouncements, said);
    }
  }

  /** The wal capture applier: the same Dolt writer, commit policy and bootstrap, fed from the replication slot. */
  private WalApplier assembleWalApplier(TableFilter filter, boolean textFallback) {
    DoltWriter writer = new DoltWriter(dialect, textFallback, metrics.profile(), target.writerAllowsMultiStatements());
    return new WalApplier(target, primary, dialect, filter, writer,
        CommitPolicy.grouping(config.getInt(DoltSyncOption.GROUP_COMMIT)),
        new Bootstrap(dialect, filter, journal, writer, values, instance, identity), values, metrics,
        (announced, changes) -> metadata.resolve(announced, changes, connectorUser, primaryHost), journal.name(),
        instance);
  }

  /** True in wal capture ({@code doltsync.capture=wal}): sessions capture nothing, the applier reads the slot. */
  public boolean walCapture() {
    return walCapture;
  }

  /** The user doltsync's own primary connections log in as (the default author in wal capture). */
  String connectorUser() {
    return connectorUser;
  }

  /**
   * Wal capture: waits until every transaction committed before this call is in Dolt; returns the hash of the
   * last Dolt commit the applier made (or {@code null}).
   */
  String walSync(Duration timeout) throws SQLException {
    if (binlogCapture) {
      return binlogApplier != null ? binlogApplier.sync(timeout)
          : BinlogApplier.sync(target, timeout, metrics.getLastError());
    }
    return walApplier != null ? walApplier.sync(timeout) : WalApplier.sync(target, timeout, metrics.getLastError());
  }

  /** {@link #walSync}, for {@code DoltSync.awaitJournalDrained} in wal capture. */
  public void awaitWalApplied(Duration timeout) throws SQLException {
    walSync(timeout);
  }

  /** The wal capture applier, for crash tests. */
  WalApplier walApplier() {
    return walApplier;
  }

  /** The binlog capture applier, for crash tests. */
  BinlogApplier binlogApplier() {
    return binlogApplier;
  }

  /** The applier, from its parts: journal reader, Dolt writer, commit policy, bootstrap, and where it reports. */
  private Applier assembleApplier(TableFilter filter, boolean textFallback) {
    DoltWriter writer = new DoltWriter(dialect, textFallback, metrics.profile(), target.writerAllowsMultiStatements(),
        PrimarySchemas.of(catalog, primary));
    JournalReader reader = new JournalReader(journal, new QuarantineTable(dialect, journal.name()));
    return new Applier(target, primary, reader, writer, CommitPolicy.grouping(config.getInt(DoltSyncOption.GROUP_COMMIT)),
        new Bootstrap(dialect, filter, journal, writer, values, instance, identity), metrics, waiters, Applier.Settings.DEFAULT);
  }

  /**
   * Checks that every mirrored table can be stored in Dolt and that the target is a Dolt server mirroring this
   * primary (or none yet), then starts the applier and gives it a moment
   * to bootstrap a new Dolt database, so the application's first transactions become commits of their own
   * rather than part of the bootstrap copy. Called once, before the first session.
   */
  void start() throws SQLException {
    try (Connection connection = primary.open()) {
      LexicalRules rules = ServerLexicalRules.of(connection, dialect, planner.classifier().dialect().rules());
      if (!rules.equals(planner.classifier().dialect().rules())) {
        SqlDialect lexical = planner.classifier().dialect().withRules(rules);
        planner = new WritePlanner(new StatementClassifier(lexical), new WriteAnalyzer(lexical), catalog, dialect);
      }
      if (walCapture) {
        if (!(dialect instanceof io.doltsync.internal.dialect.PostgreSqlDialect)) {
          throw new SQLException("doltsync.capture=wal works with PostgreSQL primaries only, not " + dialect.name(),
              "0A000");
        }
        io.doltsync.internal.capture.wal.WalSlot.requirePrerequisites(connection);
        // the slot the applier reads (computed the same way, from a primary connection of the connector)
        walAnnouncements = io.doltsync.internal.capture.wal.WalMessages.announcementPrefix(
            io.doltsync.internal.capture.wal.WalSlot.of(connection, journal.name(), target.database(), target.branch())
                .name());
      }
      if (binlogCapture) {
        if (!(dialect instanceof io.doltsync.internal.dialect.MySqlDialect)) {
          throw new SQLException("doltsync.capture=binlog works with MariaDB primaries only, not " + dialect.name(),
              "0A000");
        }
        io.doltsync.internal.capture.binlog.BinlogSource.requirePrerequisites(connection);
        io.doltsync.internal.capture.binlog.BinlogAnnouncements.ensureExists(connection,
            io.doltsync.internal.capture.binlog.BinlogAnnouncements.tableFor(journal.name()));
      }
      connectorUser = connection.getMetaData().getUserName();
      planner.learnIdentifierCase(connection.getMetaData());
      mappings.checkAll(connection);
    }
    try (Connection dolt = target.connect()) {
      identity.check(dolt);
    } catch (SQLTransientConnectionException unreachable) {
      LOG.warn("doltsync cannot reach Dolt at start ({}); the applier checks which primary it mirrors when it connects",
          unreachable.getMessage());
    }
    registerMBean();
    if (applier != null) {
      applier.start();
      applier.awaitFirstCycle(INITIAL_BOOTSTRAP_WAIT);
    }
    if (walApplier != null) {
      walApplier.start();
      // a transaction committed before the new slot's consistent point is part of the bootstrap copy, not a commit
      // of its own; creating the slot waits for every transaction then running on the server, seconds under load
      if (!walApplier.awaitFirstCycle(WAL_BOOTSTRAP_WAIT)) {
        LOG.warn("doltsync's wal applier for {} has not started reading its slot after {} s: transactions committed"
            + " before the slot exists become part of the bootstrap commit instead of commits of their own",
            target.describe(), WAL_BOOTSTRAP_WAIT.toSeconds());
      }
    }
    if (binlogApplier != null) {
      binlogApplier.start();
      if (!binlogApplier.awaitFirstCycle(WAL_BOOTSTRAP_WAIT)) {
        LOG.warn("doltsync's binlog applier for {} has not started reading the binary log after {} s: transactions"
            + " committed before its bootstrap snapshot become part of the bootstrap commit", target.describe(),
            WAL_BOOTSTRAP_WAIT.toSeconds());
      }
    }
    if (!verifyInterval.isZero() && !verifyInterval.isNegative()) {
      backgroundVerifier = new io.doltsync.internal.verify.BackgroundVerifier(this, verifyInterval, syncTimeout);
    }
    String remote = config.get(DoltSyncOption.PUSH);
    if (remote != null && !remote.isBlank() && applier != null) {
      pusher = new io.doltsync.internal.sync.MirrorPusher(target, metrics::getTransactionsApplied, remote,
          config.get(DoltSyncOption.PUSH_USER), config.getInt(DoltSyncOption.PUSH_EVERY),
          config.getDuration(DoltSyncOption.PUSH_INTERVAL));
    }
    LOG.info("doltsync mirrors {} into {} ({} mode, {} capture, instance {})", dialect.name(), target.describe(),
        isSyncMode() ? "sync" : "async", walCapture ? "wal" : binlogCapture ? "binlog" : "journal", instance);
  }

  /**
   * Creates the journal table unless this JVM knows it exists. Done on first use rather than at start, so
   * that a schema migration tool (Flyway, Liquibase) still finds an empty schema on a fresh database. Runs
   * on a connection of its own: on MySQL, MariaDB, H2 and Oracle DDL commits.
   */
  void ensureJournal() throws SQLException {
    if (journalReady) {
      return;
    }
    synchronized (this) {
      if (!journalReady) {
        try (Connection connection = primary.open()) {
          connection.setAutoCommit(true);
          journal.ensureExists(connection);
        }
        journalReady = true;
      }
    }
  }

  /** A session for a new connection of the primary. */
  public MirrorSession openSession(Connection delegate) throws SQLException {
    String user = delegate.getMetaData().getUserName();
    return new MirrorSession(this, delegate, user);
  }

  // ---- used by sessions --------------------------------------------------------------------------

  public SourceDialect dialect() {
    return dialect;
  }

  public SchemaCatalog catalog() {
    return catalog;
  }

  WritePlanner planner() {
    return planner;
  }

  /** The lexical rules of the primary's server, before any session setting changes them. */
  public LexicalRules lexicalRules() {
    return planner.classifier().dialect().rules();
  }

  /** Which primary server and driver this mirror's connections reach. */
  public io.doltsync.internal.dialect.PrimaryFlavour flavour() {
    return flavour;
  }

  public JournalTable journal() {
    return journal;
  }

  public DoltTarget target() {
    return target;
  }

  /** Which primary tables this mirror mirrors. */
  public TableFilter filter() {
    return filter;
  }

  /** True when columns of unmappable types are stored as text ({@code doltsync.unmappedTypes=text}). */
  public boolean textFallback() {
    return textFallback;
  }

  /** True while this JVM's applier holds the branch lock and applies entries. */
  public boolean isApplierActive() {
    return applier != null ? applier.isActive() : walApplier != null ? walApplier.isActive()
        : binlogApplier != null && binlogApplier.isActive();
  }

  /** This JVM's applier, or {@code null} ({@code doltsync.applier=false}); for fault tests that stop and start it. */
  Applier applier() {
    return applier;
  }

  /** True when this JVM runs an applier for the mirror ({@code doltsync.applier}). */
  public boolean hasApplier() {
    return applier != null || walApplier != null || binlogApplier != null;
  }

  /**
   * Waits, at most {@code timeout}, until this JVM's applier (if it runs one) has been through its first cycle:
   * connected, bootstrapped a new Dolt database (however long the copy takes), applied what was pending, or
   * failed at it. Connecting waits only {@code 10 s} for that; a large bootstrap goes on after it.
   */
  public void awaitFirstApplierCycle(Duration timeout) {
    if (applier != null) {
      applier.awaitFirstCycle(timeout);
    }
    if (walApplier != null) {
      walApplier.awaitFirstCycle(timeout);
    }
    if (binlogApplier != null) {
      binlogApplier.awaitFirstCycle(timeout);
    }
  }

  /**
   * Journals corrections as a transaction of their own and waits for their Dolt commit: the current
   * primary image of every row and table the capture names is read under the primary's locks (as at any
   * commit) and written to the journal in the same primary transaction, so the applier applies it in
   * journal order with every other transaction, as one Dolt commit with {@code metadata}'s message.
   *
   * @return the Dolt commit's hash, empty when Dolt already held that content
   */
  public String journalCorrections(TransactionCapture capture, CommitMetadata metadata, Duration wait)
      throws SQLException {
    ensureJournal();
    JournalEntry entry;
    try (Connection connection = primary.open()) {
      connection.setAutoCommit(false);
      try {
        catalog.reload(connection);
        entry = journalEntry(connection, capture, metadata, connection.getMetaData().getUserName(), true, true);
        journal.append(connection, entry);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    committed(entry);
    return awaitApplied(entry.transactionId(), wait);
  }

  /** Fails unless the Dolt connection's branch mirrors this primary (its bootstrap's {@code Doltsync-Primary}). */
  public void requireMirrorsThisPrimary(Connection dolt) throws SQLException {
    identity.requireSame(dolt);
  }

  /**
   * Journals doltsync's own rows (the lineage tables: see {@link io.doltsync.internal.lineage.LineageTables}) as
   * a primary transaction of their own, so the applier commits them to Dolt in journal order with everything
   * else. The tables exist only in Dolt; the applier creates them from the changes' schemas.
   *
   * @return the transaction id of the entry (see {@link #awaitTransaction})
   */
  public String journalInternal(List<TableChange> changes, String message, JournalEntry.Lineage lineage)
      throws SQLException {
    ensureJournal();
    JournalEntry entry;
    try (Connection connection = primary.open()) {
      connection.setAutoCommit(false);
      try {
        CommitMetadata resolved = metadata.resolve(CommitMetadata.message(message), changes,
            connection.getMetaData().getUserName(), primaryHost);
        entry = new JournalEntry(TransactionIds.next(), instance, resolved.authorName(),
            resolved.authorEmail(), resolved.message(), changes, false, lineage);
        journal.append(connection, entry);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    committed(entry);
    return entry.transactionId();
  }

  /**
   * Waits until a transaction journaled through this mirror is in Dolt and returns its commit hash (empty
   * when it changed nothing Dolt did not have).
   */
  public String awaitTransaction(String transactionId, Duration timeout) throws SQLException {
    return awaitApplied(transactionId, timeout);
  }

  /**
   * A counter of the transactions this JVM journaled through this mirror: two reads with the same epoch had
   * no commit of this JVM between them.
   */
  public long commitEpoch() {
    return commitEpoch.get();
  }

  /**
   * Where lineage scopes are announced ({@code doltsync.lineage.openLineage}; none by default), made on first
   * use so that an OpenLineage client is only loaded by applications that record lineage.
   *
   * @throws SQLException (08001) when the option is malformed or openlineage-java is missing
   */
  public synchronized io.doltsync.internal.lineage.LineageEvents lineageEvents() throws SQLException {
    if (lineageEvents == null) {
      try {
        lineageEvents = io.doltsync.internal.lineage.LineageEventsFactory.of(
            config.get(DoltSyncOption.LINEAGE_OPEN_LINEAGE));
      } catch (IllegalArgumentException e) {
        throw new SQLException(e.getMessage(), "08001", e);
      }
    }
    return lineageEvents;
  }

  /** The statement classifier of the primary's dialect (its results are cached per text). */
  public StatementClassifier classifier() {
    return planner.classifier();
  }

  /** This application instance's name, as commit trailers give it. */
  public String instance() {
    return instance;
  }

  boolean isSyncMode() {
    return syncMode;
  }

  /** How long a sync-mode commit may wait ({@code doltsync.syncTimeout}). */
  public Duration syncTimeout() {
    return syncTimeout;
  }

  public MirrorMetrics metrics() {
    return metrics;
  }

  CommitWaiters waiters() {
    return waiters;
  }

  public PrimaryConnector primary() {
    return primary;
  }

  /** The journal entry of a committing transaction, or {@code null} when it changed nothing mirrored. */
  JournalEntry journalEntry(Connection connection, TransactionCapture capture, CommitMetadata override,
      String primaryUser, boolean allowEmpty) throws SQLException {
    return journalEntry(connection, capture, override, primaryUser, allowEmpty, false);
  }

  /**
   * The journal entry of a DDL statement that committed on its own, built without a transaction or a locking read
   * ({@link ChangeSetBuilder#build(SchemaReads, TransactionCapture, boolean)}): {@code null} when a table needs a
   * read (the caller then builds the entry in a transaction as usual).
   */
  JournalEntry unlockedSchemaEntry(Connection connection, TransactionCapture capture, String primaryUser)
      throws SQLException {
    return journalEntry(connection, capture, null, primaryUser, false, false, true);
  }

  private JournalEntry journalEntry(Connection connection, TransactionCapture capture, CommitMetadata override,
      String primaryUser, boolean allowEmpty, boolean keepSchemas) throws SQLException {
    return journalEntry(connection, capture, override, primaryUser, allowEmpty, keepSchemas, false);
  }

  private JournalEntry journalEntry(Connection connection, TransactionCapture capture, CommitMetadata override,
      String primaryUser, boolean allowEmpty, boolean keepSchemas, boolean unlocked) throws SQLException {
    SchemaReads reads = new SchemaReads(dialect, connection);
    catalog.ensureLoaded(reads);
    List<TableChange> changes = changeSets.build(reads, capture, unlocked);
    if (changes == null) {
      return null;
    }
    if (changes.isEmpty() && !allowEmpty) {
      return null;
    }
    mappings.check(changes, reads);
    changes = values.check(changes);
    if (!keepSchemas) {
      List<TableChange> journaled = new java.util.ArrayList<>(changes.size());
      for (TableChange change : changes) {
        journaled.add(change.schema() != null && journaledSchemas.get(change.schema()) != null
            ? change.withoutSchema() : change);
      }
      changes = journaled;
    }
    changes = List.copyOf(changes);
    CommitMetadata resolved = metadata.resolve(override, changes, primaryUser, primaryHost);
    return new JournalEntry(TransactionIds.next(), instance, resolved.authorName(), resolved.authorEmail(),
        resolved.message(), changes, allowEmpty);
  }

  /** A session committed a transaction with that journal entry. */
  void committed(JournalEntry entry) {
    commitEpoch.incrementAndGet();
    metrics.journaled();
    for (TableChange change : entry.changes()) {
      if (change.kind() == TableChange.Kind.REPLACE_ALL) {
        metrics.wholeTableCopied();
      }
      if (change.schema() != null) {
        journaledSchemas.put(change.schema(), Boolean.TRUE);
      }
    }
    if (applier != null) {
      applier.wake();
    }
  }

  /** A transaction that ran DDL on {@code connection} committed ({@link SchemaCatalog#committedSchemaChange}). */
  void schemaChangeCommitted(Connection connection, java.util.Collection<String> tableKeys) {
    catalog.committedSchemaChange(connection, tableKeys);
    planner.invalidate();
  }

  /** A transaction that ran DDL on {@code connection} rolled back ({@link SchemaCatalog#rolledBackSchemaChange}). */
  void schemaChangeRolledBack(Connection connection) {
    catalog.rolledBackSchemaChange(connection);
    planner.invalidate();
  }

  /**
   * After DDL that named the tables it changes (keys of {@link io.doltsync.internal.capture.WritePlan}'s
   * schema-change effects): only those are read again; with none, everything is.
   */
  void schemaChanged(java.util.Collection<String> tableKeys) {
    catalog.invalidate(tableKeys);
    planner.invalidate();
  }

  /**
   * Waits until the transaction's entry is applied to Dolt; returns its Dolt commit hash (empty when the
   * transaction changed nothing Dolt did not have).
   */
  String awaitApplied(String transactionId, Duration timeout) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<String> future = waiters.futureOf(transactionId);
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTimeoutException("the Dolt commit of transaction " + transactionId + " did not appear within "
              + timeout.toMillis() + " ms (doltsync.syncTimeout; the primary committed it, it stays in the journal): "
              + whyNotApplied(),
              "HYT00");
        }
        try {
          return future.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 250), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (!isPending(transactionId)) {
            return appliedOrRefused(transactionId);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the Dolt commit of " + transactionId, "HY008", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof QuarantinedTransactionException refused) {
        QuarantinedTransactionException thrown = new QuarantinedTransactionException(refused.getMessage());
        thrown.initCause(refused);
        throw thrown;
      }
      if (e.getCause() instanceof SQLException refused) {
        throw new SQLException(refused.getMessage(), refused.getSQLState(), refused.getErrorCode(), refused);
      }
      throw new SQLException("waiting for the Dolt commit of " + transactionId + " failed: " + e.getCause(), "HY000",
          e.getCause());
    } finally {
      waiters.forget(transactionId);
    }
  }

  /** Why entries are not reaching Dolt, as far as this JVM knows, for an error message. */
  private String whyNotApplied() {
    if (applier == null) {
      return "this JVM runs no applier (doltsync.applier=false); another instance or `doltsync apply` must run one";
    }
    String error = metrics.getLastError();
    if (!applier.isActive() && error == null) {
      return "another JVM's applier holds the branch, or this one is still connecting to " + target.describe();
    }
    return "the mirror is " + metrics.getHealth() + (error == null
        ? ", " + metrics.getQueueDepth() + " entries ahead of it; raise doltsync.syncTimeout to wait longer"
        : "; the applier's last error: " + error);
  }

  /** This mirror's state, for {@link io.doltsync.DoltSync#mirrorStatus()}. */
  public io.doltsync.MirrorStatus status() {
    return new io.doltsync.MirrorStatus(target.database(), target.branch(), metrics.getHealth(),
        metrics.getLastError(), metrics.getQuarantinedEntries(), metrics.getDivergedTables(), metrics.getQueueDepth(),
        metrics.getLagMillis(), isApplierActive());
  }

  private boolean isPending(String transactionId) throws SQLException {
    try (Connection connection = primary.open()) {
      return journal.isPending(connection, transactionId);
    }
  }

  /**
   * The hash of a transaction that left the journal. It left it either applied or quarantined; the applier moves
   * an entry to the quarantine before it tells the waiters, so a waiter that polls in between must look there
   * (found by a test of Dolt-only rules: a refused sync-mode commit returned as if applied).
   */
  private String appliedOrRefused(String transactionId) throws SQLException {
    String hash = hashOf(transactionId);
    if (!hash.isEmpty()) {
      return hash;
    }
    QuarantineTable quarantine = new QuarantineTable(dialect, journal.name());
    java.util.Optional<QuarantineTable.Quarantined> quarantined;
    try (Connection connection = primary.open()) {
      quarantined = quarantine.find(connection, transactionId);
    }
    if (quarantined.isPresent()) {
      throw new QuarantinedTransactionException("the primary committed transaction " + transactionId + " (tables "
          + quarantined.get().tables() + ") but Dolt refused it: " + quarantined.get().error() + "; the entry was moved"
          + " to " + quarantine.quarantineName() + " and its tables are marked diverged until reconcile");
    }
    return hash;
  }

  /** The commit whose trailer names the transaction, as its own or as one a bootstrap snapshot contains. */
  private String hashOf(String transactionId) throws SQLException {
    try (Connection connection = target.connect();
        PreparedStatement select = connection.prepareStatement(
            "SELECT commit_hash, message FROM dolt_log WHERE message LIKE ?")) {
      select.setString(1, "%" + transactionId + "%");
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          if (CommitTrailer.transactionsOf(rs.getString(2)).contains(transactionId)) {
            return rs.getString(1);
          }
        }
        return "";
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }

  /** Stops the mirror after letting its applier drain the journal for at most {@code doltsync.drainOnShutdown}. */
  void closeDraining() {
    stop(drainOnShutdown);
  }

  /** Stops the background verifier and the applier (after a drain of at most {@code drain}), then unregisters. */
  private void stop(Duration drain) {
    if (backgroundVerifier != null) {
      backgroundVerifier.close();
    }
    if (applier != null) {
      applier.stop(drain);
    }
    if (walApplier != null) {
      walApplier.stop();
    }
    if (binlogApplier != null) {
      binlogApplier.stop();
    }
    if (pusher != null) {
      pusher.close();
    }
    unregisterMBean();
  }

  private ObjectName objectName() throws JMException {
    return new ObjectName("io.doltsync:type=Mirror,name=" + ObjectName.quote(target.database() + "/" + target.branch()));
  }

  private void registerMBean() {
    try {
      var server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = objectName();
      if (!server.isRegistered(name)) {
        server.registerMBean(metrics, name);
      }
    } catch (JMException | RuntimeException e) {
      LOG.debug("cannot register doltsync metrics with JMX", e);
    }
  }

  private void unregisterMBean() {
    try {
      var server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = objectName();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (JMException | RuntimeException e) {
      LOG.debug("cannot unregister doltsync metrics", e);
    }
  }

  private static String instanceName(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }
}
