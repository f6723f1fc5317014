package io.doltsync.internal.mirror;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.doltsync.internal.capture.binlog.BinlogAnnouncements;
import io.doltsync.internal.capture.binlog.BinlogCells;
import io.doltsync.internal.capture.binlog.BinlogSource;
import io.doltsync.internal.capture.binlog.BinlogTransaction;
import io.doltsync.internal.dialect.BinlogValues;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The applier of binlog capture ({@code doltsync.capture=binlog}, MariaDB): reads the primary's binary log (ROW
 * format, full images and metadata) as a replica does instead of the journal table, and applies each committed
 * transaction that changed a mirrored table as one Dolt commit, in log order, with the same {@link DoltWriter},
 * commit policy, trailers and refusal behaviour as {@link WalApplier}. The journal id in the trailer is the log
 * position after the transaction's commit event ({@link BinlogSource.Position#asLong()}); the transaction id is
 * {@code mdb-<GTID>}.
 *
 * <p>Exactly once: after a restart the applier reads from the highest position in the branch's trailers (a new
 * Dolt database: from the position its bootstrap snapshot read at, kept in the primary's position table until a
 * transaction's trailer carries one), and skips transactions that end at or before it.
 */
final class BinlogApplier implements Runnable {

  private static final Logger LOG = DoltSyncLoggers.get(BinlogApplier.class);
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final int TRAILERS_TO_SCAN = 2_000;
  private static final int REFUSE_AFTER_ATTEMPTS = 5;
  private static final Map<String, BinlogApplier> ACTIVE = new ConcurrentHashMap<>();

  private final DoltTarget target;
  private final PrimaryConnector primaryConnector;
  private final SourceDialect dialect;
  private final TableFilter filter;
  private final DoltWriter writer;
  private final CommitPolicy policy;
  private final Bootstrap bootstrap;
  private final ValueCheck values;
  private final MirrorMetrics metrics;
  private final WalApplier.Metadata metadata;
  private final String saidTable;
  private final String positionTable;
  private final String instance;
  private final CountDownLatch firstCycle = new CountDownLatch(1);
  private final ConcurrentLinkedQueue<Connection> markerConnections = new ConcurrentLinkedQueue<>();
  private final Map<String, TableSchema> schemas = new HashMap<>();
  private final Map<String, Charset[]> charsets = new HashMap<>();
  private final Object progress = new Object();
  private BinlogCascades cascades;
  private volatile boolean running;
  private volatile String current;
  private String failingAt;
  private int failedAttempts;
  private volatile String refusal;
  private volatile boolean active;
  private Thread thread;
  private volatile Connection dolt;
  private volatile Connection primary;
  private volatile BinaryLogClient client;
  private BlockingQueue<Event> events;
  private String database;
  private ZoneId zone;
  /** The highest log position Dolt's branch holds (0: none yet). */
  private long appliedPosition;
  /** The log position the applier has read and applied up to: waiters wait for theirs. */
  private volatile long readPosition;
  private volatile String lastHash;
  private long backoff = MIN_BACKOFF_MILLIS;
  /** Crash tests: the applier fails this many times right after a Dolt commit. */
  final AtomicInteger crashesAfterCommit = new AtomicInteger();

  BinlogApplier(DoltTarget target, PrimaryConnector primaryConnector, SourceDialect dialect, TableFilter filter,
      DoltWriter writer, CommitPolicy policy, Bootstrap bootstrap, ValueCheck values, MirrorMetrics metrics,
      WalApplier.Metadata metadata, String journalName, String instance) {
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
    this.saidTable = BinlogAnnouncements.tableFor(journalName);
    this.positionTable = journalName + "_binlog";
    this.instance = instance;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this, "doltsync-binlog-applier-" + target.database() + "-" + target.branch());
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
      stopping.interrupt();
      try {
        stopping.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    metrics.applierState(true, false);
    closeConnections();
    for (Connection idle; (idle = markerConnections.poll()) != null; ) {
      closeQuietly(idle);
    }
  }

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
   * Waits until every transaction the primary committed before this call is applied (the applier has read the log
   * past the position {@code SHOW MASTER STATUS} reports now), at most {@code timeout}; returns the hash of the last
   * Dolt commit this applier made, or {@code null}.
   */
  String sync(Duration timeout) throws SQLException {
    return sync(target, timeout, metrics.getLastError());
  }

  /** {@link #sync(Duration)} from a mirror of the branch that runs no applier of its own. */
  static String sync(DoltTarget target, Duration timeout, String lastError) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String key = target.database() + "/" + target.branch();
    BinlogApplier reader = ACTIVE.get(key);
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
      throw new SQLTimeoutException("doltsync binlog capture: no applier of this JVM reads the binary log for "
          + target.describe() + " (another JVM's holds the branch, or it is connecting"
          + (lastError == null ? "" : ": " + lastError) + ")", "HYT00");
    }
    return reader.awaitPosition(deadline, timeout);
  }

  private String awaitPosition(long deadline, Duration timeout) throws SQLException {
    if (refusal != null) {
      throw new QuarantinedTransactionException(refusal);
    }
    long wanted = currentPosition().asLong();
    synchronized (progress) {
      while (readPosition < wanted) {
        if (refusal != null) {
          throw new QuarantinedTransactionException(refusal);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTimeoutException("the mirror did not apply this connection's transactions within "
              + timeout.toMillis() + " ms (doltsync.syncTimeout): " + metrics.getLastError(), "HYT00");
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the mirror", "HY008", e);
        }
      }
    }
    return lastHash;
  }

  /** The end of the log now, read on an idle connection of {@link #markerConnections}. */
  private BinlogSource.Position currentPosition() throws SQLException {
    Connection connection = markerConnections.poll();
    if (connection == null) {
      connection = primaryConnector.open();
      connection.setAutoCommit(true);
    }
    BinlogSource.Position position;
    try {
      position = BinlogSource.current(connection);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
    markerConnections.offer(connection);
    return position;
  }

  private void advance(long position) {
    synchronized (progress) {
      if (position > readPosition) {
        readPosition = position;
      }
      progress.notifyAll();
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
        readLog();
      } catch (Throwable failure) {
        firstCycle.countDown();
        if (!running) {
          break;
        }
        String error = ApplyFailures.describe(failure);
        metrics.failed(error, true);
        noteFailure(current, error);
        current = null;
        LOG.warn("doltsync binlog applier for {} failed; retrying in {} ms: {}", target.describe(), backoff, error);
        LOG.debug("binlog applier failure", failure);
        closeConnections();
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
    closeConnections();
  }

  private void noteFailure(String transaction, String error) {
    if (transaction == null) {
      return;
    }
    if (transaction.equals(failingAt)) {
      failedAttempts++;
    } else {
      failingAt = transaction;
      failedAttempts = 1;
    }
    if (failedAttempts == REFUSE_AFTER_ATTEMPTS) {
      refusal = "doltsync binlog capture cannot apply transaction " + transaction + " of the binary log to "
          + target.describe() + " (" + failedAttempts + " attempts): " + error + "; Dolt stays at the transaction"
          + " before it (it is retried every " + MAX_BACKOFF_MILLIS / 1000 + " s). Repair the Dolt branch, or drop"
          + " the Dolt database to bootstrap it again";
      metrics.quarantined(transaction + ": " + error);
      LOG.error(refusal);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /** Connects to Dolt (taking the branch lock), the primary and the log, bootstrapping a new Dolt database. */
  private boolean connect() throws SQLException {
    if (client != null) {
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
    database = primary.getCatalog();
    zone = sessionZone(primary);
    BinlogAnnouncements.ensureExists(primary, saidTable);
    try (Statement statement = primary.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS `" + positionTable.replace("`", "``") + "` (branch VARCHAR(255)"
          + " NOT NULL PRIMARY KEY, file VARCHAR(255) NOT NULL, position BIGINT NOT NULL) ENGINE=InnoDB");
    }
    String sampleFile = BinlogSource.current(primary).file();
    boolean bootstrapped = loadAppliedPosition();
    boolean adopting = bootstrap.adopting(dolt);
    BinlogSource.Position from;
    if (!bootstrapped || adopting) {
      BinlogSource.Position[] snapshot = new BinlogSource.Position[1];
      try (Connection copying = primaryConnector.open()) {
        bootstrap.run(copying, dolt, adopting, connection -> snapshot[0] = BinlogSource.beginSnapshot(connection));
      }
      from = snapshot[0];
      savePosition(from);
      LOG.info("doltsync bootstrapped {} from a snapshot at binary log position {}", target.describe(), from);
      appliedPosition = 0;
    } else if (appliedPosition > 0) {
      from = BinlogSource.Position.ofLong(appliedPosition, sampleFile);
    } else {
      from = savedPosition();
      if (from == null) {
        throw new SQLException("Dolt branch " + target.describe() + " was bootstrapped, but the binary log position"
            + " its bootstrap read at is not in " + positionTable + " on the primary; drop the Dolt database to"
            + " bootstrap it again", "55000");
      }
    }
    readPosition = Math.max(readPosition, from.asLong());
    events = new ArrayBlockingQueue<>(4_096);
    client = BinlogSource.open(login(), from, events, TimeUnit.SECONDS.toMillis(30));
    schemas.clear();
    charsets.clear();
    cascades = BinlogCascades.read(primary, dialect, filter);
    active = true;
    ACTIVE.put(branchKey(), this);
    return true;
  }

  private BinlogSource.Login login() throws SQLException {
    return primaryConnector.binlogLogin();
  }

  private void savePosition(BinlogSource.Position position) throws SQLException {
    try (PreparedStatement statement = primary.prepareStatement("REPLACE INTO `" + positionTable.replace("`", "``")
        + "` (branch, file, position) VALUES (?, ?, ?)")) {
      statement.setString(1, branchKey());
      statement.setString(2, position.file());
      statement.setLong(3, position.offset());
      statement.executeUpdate();
    }
  }

  private BinlogSource.Position savedPosition() throws SQLException {
    try (PreparedStatement statement = primary.prepareStatement("SELECT file, position FROM `"
        + positionTable.replace("`", "``") + "` WHERE branch = ?")) {
      statement.setString(1, branchKey());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? new BinlogSource.Position(rs.getString(1), rs.getLong(2)) : null;
      }
    }
  }

  /** Reads the branch's recent trailers: the highest log position applied; returns whether it was bootstrapped. */
  private boolean loadAppliedPosition() throws SQLException {
    boolean bootstrapped = false;
    appliedPosition = 0;
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT message, date FROM dolt_log LIMIT " + TRAILERS_TO_SCAN)) {
      boolean first = true;
      while (rs.next()) {
        String message = rs.getString(1);
        if (first && rs.getTimestamp(2) != null) {
          policy.headDated(rs.getTimestamp(2).toInstant());
          first = false;
        }
        if (CommitTrailer.transactionsOf(message).stream().anyMatch(id -> id.startsWith("mdb-"))) {
          for (long position : CommitTrailer.journalIdsOf(message)) {
            appliedPosition = Math.max(appliedPosition, position);
          }
        }
        bootstrapped |= CommitTrailer.isTransaction(message) || CommitTrailer.isBootstrap(message);
      }
    }
    dolt.commit();
    return bootstrapped;
  }

  /** Reads and applies the log until stopped or a failure. */
  private void readLog() throws Exception {
    BinlogTransaction transaction = null;
    String file = null;
    Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    BinlogTransaction.StoredRows storedRows = this::doltRows;
    BinlogTransaction.Schemas reshapes = new BinlogTransaction.Schemas() {
      @Override
      public void reshaped(TableSchema schema) {
        cascades.reshaped(schema);
        schemas.put(schema.name().toLowerCase(Locale.ROOT), schema);
        charsets.remove(schema.name().toLowerCase(Locale.ROOT));
      }

      @Override
      public void dropped(String table) {
        cascades.dropped(table);
        schemas.keySet().removeIf(name -> DoltDdl.doltName(name).equalsIgnoreCase(table));
      }
    };
    boolean inGroup = false;
    boolean standalone = false;
    while (running) {
      Event event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event == null) {
        if (client == null || !client.isConnected()) {
          throw new SQLException("the binary log connection closed", "08006");
        }
        continue;
      }
      EventHeaderV4 header = event.getHeader();
      EventType type = header.getEventType();
      if (type == EventType.ROTATE) {
        file = ((RotateEventData) event.getData()).getBinlogFilename();
        continue;
      }
      if (type == EventType.MARIADB_GTID) {
        MariadbGtidEventData gtid = event.getData();
        inGroup = true;
        standalone = (gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0;
        transaction = new BinlogTransaction(gtid.getDomainId() + "-" + gtid.getServerId() + "-" + gtid.getSequence(),
            Instant.ofEpochMilli(header.getTimestamp()), storedRows, reshapes);
        current = transaction.transactionId();
        continue;
      }
      if (type == EventType.TABLE_MAP) {
        TableMapEventData map = event.getData();
        tableMaps.put(map.getTableId(), map);
        continue;
      }
      boolean ends = false;
      if (type == EventType.XID) {
        ends = true;
      } else if (type == EventType.QUERY) {
        String sql = ((QueryEventData) event.getData()).getSql();
        ends = standalone || "COMMIT".equalsIgnoreCase(sql.strip());
      } else if (transaction != null && EventType.isRowMutation(type)) {
        rows(transaction, event, tableMaps);
      }
      if (ends) {
        long end = new BinlogSource.Position(file, header.getNextPosition()).asLong();
        if (transaction != null && end > appliedPosition) {
          transaction.ended(end);
          apply(transaction);
        }
        if (transaction != null && current != null && current.equals(failingAt)) {
          LOG.info("doltsync binlog applier applied transaction {} after {} failed attempts", current, failedAttempts);
          failingAt = null;
          failedAttempts = 0;
          refusal = null;
        }
        transaction = null;
        current = null;
        inGroup = false;
        advance(end);
      } else if (!inGroup && file != null && header.getNextPosition() > 0) {
        advance(new BinlogSource.Position(file, header.getNextPosition()).asLong());
      }
    }
  }

  /** Takes in a row event of a mirrored table (or of the announcement table). */
  private void rows(BinlogTransaction transaction, Event event, Map<Long, TableMapEventData> tableMaps)
      throws Exception {
    Object data = event.getData();
    long tableId = data instanceof WriteRowsEventData w ? w.getTableId()
        : data instanceof UpdateRowsEventData u ? u.getTableId() : ((DeleteRowsEventData) data).getTableId();
    TableMapEventData map = tableMaps.get(tableId);
    if (map == null || !map.getDatabase().equals(database)) {
      return;
    }
    if (map.getTable().equalsIgnoreCase(saidTable)) {
      if (data instanceof WriteRowsEventData written) {
        for (Serializable[] row : written.getRows()) {
          transaction.announced(((BinlogCells.Int) row[0]).bits(), JournalCodec.decode((byte[]) row[1]));
        }
      }
      return;
    }
    if (!filter.isMirrored(map.getTable())) {
      return;
    }
    TableSchema schema = schemaOf(map);
    String doltTable = DoltDdl.doltName(schema.name());
    Charset[] columnCharsets = charsets.get(schema.name().toLowerCase(Locale.ROOT));
    if (data instanceof WriteRowsEventData written) {
      List<Object[]> rows = new ArrayList<>(written.getRows().size());
      for (Serializable[] row : written.getRows()) {
        rows.add(canonical(schema, columnCharsets, row));
      }
      transaction.inserted(doltTable, schema, rows);
    } else if (data instanceof UpdateRowsEventData updated) {
      List<Object[][]> pairs = new ArrayList<>(updated.getRows().size());
      for (Map.Entry<Serializable[], Serializable[]> pair : updated.getRows()) {
        pairs.add(new Object[][] {canonical(schema, columnCharsets, pair.getKey()),
            canonical(schema, columnCharsets, pair.getValue())});
      }
      transaction.updated(doltTable, schema, pairs);
    } else {
      List<Object[]> rows = new ArrayList<>();
      for (Serializable[] row : ((DeleteRowsEventData) data).getRows()) {
        rows.add(canonical(schema, columnCharsets, row));
      }
      transaction.deleted(doltTable, schema, rows);
    }
  }

  private Object[] canonical(TableSchema schema, Charset[] columnCharsets, Serializable[] cells) throws SQLException {
    List<ColumnSchema> columns = schema.columns();
    if (cells.length != columns.size()) {
      throw new SQLException("a row of " + schema.name() + " in the binary log has " + cells.length + " columns, the"
          + " table " + columns.size() + " (binlog_row_image=FULL is needed)", "XX000");
    }
    Object[] row = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = BinlogValues.canonical(columns.get(i), cells[i], columnCharsets[i], zone);
    }
    return row;
  }

  /** The table's schema with its columns in the log's order: as last reshaped or read, if the names agree. */
  private TableSchema schemaOf(TableMapEventData map) throws SQLException {
    List<String> names = map.getEventMetadata() == null ? null : map.getEventMetadata().getColumnNames();
    if (names == null) {
      throw new SQLException("the binary log has no column names for " + map.getTable() + ": binlog capture needs"
          + " binlog_row_metadata=FULL", "55000");
    }
    String key = map.getTable().toLowerCase(Locale.ROOT);
    TableSchema known = schemas.get(key);
    if (known == null || !sameColumns(known, names)) {
      TableSchema read = dialect.readListedTable(primary, map.getTable());
      if (!sameColumns(read, names)) {
        // rows logged before a DDL statement the applier has not read yet (it restarted with a backlog): Dolt's
        // table has the schema of the last transaction applied, which is theirs
        TableSchema inDolt = doltSchema(map.getTable());
        if (inDolt != null && sameColumns(inDolt, names)) {
          read = inDolt;
        }
      }
      if (!sameColumns(read, names)) {
        throw new SQLException("the columns of " + map.getTable() + " in the binary log " + names + " are not the"
            + " table's now nor as doltsync's connections last announced it (DDL that no doltsync connection ran,"
            + " or rows written between a DDL statement and its announcement)", "XX000");
      }
      known = read;
      schemas.put(key, read);
      charsets.remove(key);
    }
    if (!charsets.containsKey(key)) {
      charsets.put(key, readCharsets(known));
    }
    return known;
  }

  /** The table as Dolt's branch holds it now, or {@code null}. */
  private TableSchema doltSchema(String table) {
    try {
      return dialect.readListedTable(dolt, DoltDdl.doltName(table));
    } catch (SQLException | RuntimeException e) {
      LOG.debug("reading Dolt's schema of {}", table, e);
      return null;
    }
  }

  private Charset[] readCharsets(TableSchema schema) throws SQLException {
    Map<String, String> byColumn = new HashMap<>();
    try (PreparedStatement statement = primary.prepareStatement("SELECT COLUMN_NAME, CHARACTER_SET_NAME FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
      statement.setString(1, schema.name());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          byColumn.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    Charset[] result = new Charset[schema.columns().size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = BinlogValues.charset(byColumn.get(schema.columns().get(i).name().toLowerCase(Locale.ROOT)));
    }
    return result;
  }

  private static boolean sameColumns(TableSchema schema, List<String> names) {
    List<ColumnSchema> columns = schema.columns();
    if (columns.size() != names.size()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).name().equalsIgnoreCase(names.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The zone the primary's sessions read TIMESTAMP values in by default. */
  private static ZoneId sessionZone(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@global.time_zone, @@global.system_time_zone")) {
      rs.next();
      String zone = rs.getString(1).strip();
      if ("SYSTEM".equalsIgnoreCase(zone)) {
        zone = rs.getString(2).strip();
      }
      try {
        if (zone.matches("[+-]\\d{1,2}:\\d{2}")) {
          return ZoneOffset.of(zone.length() == 5 ? zone.charAt(0) + "0" + zone.substring(1) : zone);
        }
        return ZoneId.of(zone, ZoneId.SHORT_IDS);
      } catch (RuntimeException e) {
        LOG.warn("doltsync binlog capture does not know the primary's time zone {}; TIMESTAMP values are read in {}",
            zone, ZoneId.systemDefault());
        return ZoneId.systemDefault();
      }
    }
  }

  /** One Dolt commit for a transaction that changed mirrored tables (or asked for one); none otherwise. */
  private void apply(BinlogTransaction transaction) throws Exception {
    List<TableChange> changes = transaction.changes();
    if (changes.isEmpty() && !transaction.allowEmpty()) {
      purgeAnnouncements(transaction);
      return;
    }
    changes = values.check(changes);
    CommitMetadata resolved = metadata.resolve(transaction.announcedMetadata(), changes);
    try {
      for (TableChange change : changes) {
        writer.apply(dolt, change);
      }
      cascades.apply(dolt, writer, changes, transaction);
      Instant date = policy.date(transaction.committedAt());
      String message = CommitTrailer.forTransaction(resolved.message(), transaction.transactionId(),
          transaction.endPosition(), instance, transaction.committedAt(), transaction.lineage());
      String hash = writer.commit(dolt, message, resolved.authorName(), resolved.authorEmail(), date,
          transaction.allowEmpty());
      policy.headDated(date);
      if (hash != null) {
        lastHash = hash;
      }
      appliedPosition = transaction.endPosition();
      backoff = MIN_BACKOFF_MILLIS;
      metrics.succeeded();
      metrics.applied(System.currentTimeMillis() - transaction.committedAt().toEpochMilli());
    } catch (Throwable e) {
      writer.reset();
      try {
        dolt.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    if (crashesAfterCommit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("crash test: stopped right after a Dolt commit");
    }
    purgeAnnouncements(transaction);
  }

  private void purgeAnnouncements(BinlogTransaction transaction) {
    try {
      BinlogAnnouncements.delete(primary, saidTable, transaction.announcementIds());
    } catch (SQLException e) {
      LOG.debug("deleting applied announcements", e);
    }
  }

  private List<Object[]> doltRows(String doltTable, TableSchema schema) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<ColumnSchema> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(DoltDdl.quote(DoltDdl.doltName(columns.get(i).name())));
    }
    sql.append(" FROM ").append(DoltDdl.quote(doltTable));
    List<Object[]> rows = new ArrayList<>();
    try (Statement select = dolt.createStatement(); ResultSet rs = select.executeQuery(sql.toString())) {
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = dialect.readDoltValue(rs, i + 1, columns.get(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private String branchKey() {
    return target.database() + "/" + target.branch();
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
    BinaryLogClient open = client;
    client = null;
    if (open != null) {
      try {
        open.disconnect();
      } catch (java.io.IOException | RuntimeException e) {
        LOG.debug("closing the binary log connection", e);
      }
    }
    if (events != null) {
      events.clear();
    }
    closeQuietly(primary);
    primary = null;
    closeQuietly(dolt);
    dolt = null;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("closing binlog applier connection", e);
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      if (running) {
        LOG.warn("doltsync binlog applier for {} was interrupted; it goes on", target.describe());
      }
    }
  }
}
