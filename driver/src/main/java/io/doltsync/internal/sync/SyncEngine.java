package io.doltsync.internal.sync;

import io.doltsync.internal.capture.CaptureContext;
import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.WrappedUrl;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.DoltLoadData;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.dialect.UnreadableValue;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.sync.TableSelection.SelectedTable;
import io.doltsync.internal.verify.ChunkedDiff;
import io.doltsync.internal.verify.SchemaComparison;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * One sync of a source database into a Dolt branch per {@link #run} call: reads every selected table from one
 * consistent snapshot of the source, applies schema changes to Dolt first, then each table's rows by its mode,
 * and makes one Dolt commit (dated at the snapshot) when anything changed. The Dolt side runs in one SQL
 * transaction that starts from the branch's head ({@code dolt_reset --hard}: the branch is the sync's alone),
 * so a run that dies leaves Dolt as the last committed run left it.
 */
public final class SyncEngine {

  private static final Logger LOG = DoltSyncLoggers.get(SyncEngine.class);
  private static final int FETCH_SIZE = 1_000;
  private static final DateTimeFormatter COMMIT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Receives progress. */
  public interface Listener {
    /** {@code total} is -1 when unknown. */
    default void rows(String table, long done, long total) {}
  }

  private final SyncOptions options;
  private final SourceDialect dialect;
  private final DoltTarget target;
  private final TableSelection selection;
  /** Key scans done by this process, by Dolt table (a scan that changed nothing is not committed). */
  private final Map<String, Instant> keyScans = new ConcurrentHashMap<>();

  public SyncEngine(SyncOptions options) throws SQLException {
    this.options = options;
    this.dialect = SourceDialects.forUrl(options.sourceUrl());
    this.target = target(options);
    this.selection = new TableSelection(options);
  }

  /** The Dolt target the options name. */
  public static DoltTarget target(SyncOptions options) throws SQLException {
    return target(options.target(), options.targetUser(), options.targetPassword(), options.branch(),
        databaseOf(options.sourceUrl()));
  }

  /**
   * A Dolt target: {@code target} is a Dolt server's JDBC URL or {@code embedded:<dir>}; the database is the URL's,
   * else {@code fallbackDatabase}; the branch is created when missing.
   */
  public static DoltTarget target(String target, String user, String password, String branch, String fallbackDatabase)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("doltsync.target", target);
    properties.setProperty("doltsync.targetUser", user);
    properties.setProperty("doltsync.targetPassword", password == null ? "" : password);
    properties.setProperty("doltsync.branch", branch);
    DoltSyncConfig config = DoltSyncConfig.resolve(properties, Map.of(), key -> null, key -> null);
    return DoltTarget.from(config, fallbackDatabase);
  }

  /** The database a JDBC URL names (the last path segment), or null. */
  static String databaseOf(String url) {
    int authority = url.indexOf("//");
    int path = authority < 0 ? -1 : url.indexOf('/', authority + 2);
    if (path < 0) {
      return null;
    }
    String rest = url.substring(path + 1);
    for (char end : new char[] {'?', ';'}) {
      int at = rest.indexOf(end);
      if (at >= 0) {
        rest = rest.substring(0, at);
      }
    }
    return rest.isBlank() ? null : rest;
  }

  public DoltTarget target() {
    return target;
  }

  /** Runs one sync. */
  public SyncReport run(Listener listener) throws SQLException {
    Instant started = Instant.now();
    Connection source;
    try {
      source = openSource();
    } catch (SQLException e) {
      throw new SyncFailure(SyncFailure.Side.SOURCE, "cannot reach the source " + WrappedUrl.redact(options.sourceUrl()), e);
    }
    try (source) {
      Connection dolt;
      try {
        dolt = target.connectForWriting();
      } catch (SQLException e) {
        throw new SyncFailure(SyncFailure.Side.DOLT, "cannot reach Dolt (" + target.describe() + ")", e);
      }
      try (dolt; SyncLock lock = lock(dolt)) {
        try {
          return runOn(source, dolt, listener, started);
        } catch (SyncFailure e) {
          rollbackQuietly(dolt);
          discardQuietly(dolt);
          throw e;
        } catch (SQLException e) {
          rollbackQuietly(dolt);
          discardQuietly(dolt);
          throw classify(e, source, dolt);
        } catch (RuntimeException | Error e) {
          rollbackQuietly(dolt);
          discardQuietly(dolt);
          throw e;
        }
      } finally {
        rollbackQuietly(source);
      }
    }
  }

  /** Takes the branch's sync lock on the run's Dolt session (held until the run ends). */
  private SyncLock lock(Connection dolt) throws SQLException {
    try {
      return SyncLock.acquire(dolt, target.database(), target.branch(), options.lockWait());
    } catch (SyncFailure e) {
      throw e;
    } catch (SQLException e) {
      throw new SyncFailure(SyncFailure.Side.DOLT, "cannot take the sync lock on Dolt (" + target.describe() + ")", e);
    }
  }

  private SyncReport runOn(Connection source, Connection dolt, Listener listener, Instant started) throws SQLException {
    int extraReaders = options.effectiveReaders() - 1;
    if (extraReaders > 0 && SharedSnapshot.takesGlobalLock(dialect, options.readerLock())
        && !mayCopyInParallel(source, dolt)) {
      LOG.debug("doltsync sync: no table of this run is copied through several readers; no global read lock");
      extraReaders = 0;
    }
    try (SharedSnapshot shared = SharedSnapshot.begin(dialect, source, extraReaders, options.readerLock(),
        this::openSource)) {
      return runOn(source, shared, dolt, listener, started);
    }
  }

  /**
   * Read before the snapshot, to decide whether the run needs readers that share it (on MariaDB/MySQL they cost a
   * global read lock): true when a selected table keyed by one integer column may be copied whole (it is new in
   * Dolt, refreshed fully, or takes the copy route; an incremental table with a cursor is not) and has, counted
   * now, rows for at least two readers. A table that has grown past that inside the snapshot is read through one
   * connection; the forecast only ever costs speed, never exactness.
   */
  private boolean mayCopyInParallel(Connection source, Connection dolt) throws SQLException {
    List<SelectedTable> tables;
    try {
      tables = selection.select(dialect.listTables(source));
    } catch (IllegalArgumentException e) {
      return false; // the run itself reports the wrong table options
    }
    CursorStore cursors = new CursorStore(dolt);
    try {
      for (SelectedTable table : tables) {
        TableSchema schema = withKeys(dialect.readTable(source, table.source()), table);
        if (RangeReaders.integerKey(schema) == null) {
          continue;
        }
        boolean copies = table.fullRefresh() || SchemaComparison.actualShape(dolt, table.dolt()).isEmpty()
            || options.snapshotRoute() != SnapshotRoute.DIFF
            && !(table.mode() == SyncMode.INCREMENTAL && hasCursor(cursors, table));
        if (copies && rows(source, schema) >= 2 * RangeReaders.ROWS_PER_READER) {
          return true;
        }
      }
      return false;
    } finally {
      if (!source.getAutoCommit()) {
        source.rollback();
      }
    }
  }

  private static boolean hasCursor(CursorStore cursors, SelectedTable table) {
    try {
      return cursors.read(table.dolt()).isPresent();
    } catch (SQLException noCursorTable) {
      return false;
    }
  }

  private long rows(Connection source, TableSchema schema) throws SQLException {
    try (Statement statement = source.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + dialect.quoteIdentifier(schema.name()))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private SyncReport runOn(Connection source, SharedSnapshot shared, Connection dolt, Listener listener, Instant started)
      throws SQLException {
    List<String> sourceTables = dialect.listTables(source);
    Instant snapshot = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<SelectedTable> tables;
    try {
      selection.requireKnown(sourceTables);
      tables = selection.select(sourceTables);
    } catch (IllegalArgumentException e) {
      throw new SyncFailure(SyncFailure.Side.SYNC, "the table options are wrong", new SQLSyntaxErrorException(e.getMessage(), "42000"));
    }
    discardUncommitted(dolt);
    dolt.setAutoCommit(false);

    Map<SelectedTable, TableSchema> schemas = new LinkedHashMap<>();
    Map<SelectedTable, SchemaEvolution.Plan> plans = new HashMap<>();
    for (SelectedTable table : tables) {
      TableSchema schema = withKeys(dialect.readTable(source, table.source()), table);
      if (table.mode() == SyncMode.INCREMENTAL && !table.fullRefresh()) {
        requireIncremental(table, schema);
      }
      schemas.put(table, schema);
      Map<String, String> actual = table.fullRefresh() ? Map.of() : SchemaComparison.actualShape(dolt, table.dolt());
      plans.put(table, SchemaEvolution.plan(table.dolt(), schema, dialect, actual));
    }
    boolean anyIncremental = tables.stream().anyMatch(t -> t.mode() == SyncMode.INCREMENTAL || t.cursor() != null);
    CursorStore cursors = new CursorStore(dolt);
    if (anyIncremental) {
      cursors.ensureTable();
    }
    for (SelectedTable table : tables) {
      if (table.fullRefresh()) {
        execute(dolt, "DROP TABLE IF EXISTS " + DoltDdl.quote(table.dolt()));
      }
      for (String ddl : plans.get(table).statements()) {
        LOG.info("doltsync sync: {}", ddl);
        execute(dolt, ddl);
      }
    }
    List<SyncReport.TableResult> results = new ArrayList<>();
    Map<String, Long> readPerTable = new HashMap<>();
    Map<String, Long> missingPerTable = new HashMap<>();
    Map<String, Integer> readersPerTable = new HashMap<>();
    for (SelectedTable table : tables) {
      TableRun run = new TableRun(source, shared, dolt, table, schemas.get(table), plans.get(table), cursors, snapshot, listener);
      readPerTable.put(table.dolt(), run.run());
      missingPerTable.put(table.dolt(), run.missingCopied);
      readersPerTable.put(table.dolt(), run.readers);
    }
    Map<String, long[]> stats = diffStats(dolt);
    for (SelectedTable table : tables) {
      long[] s = stats.getOrDefault(table.dolt().toLowerCase(Locale.ROOT), new long[3]);
      results.add(new SyncReport.TableResult(table.source(), table.dolt(), table.fullRefresh() ? SyncMode.FULL_REFRESH
          : table.mode(), readPerTable.get(table.dolt()), s[0], s[1], s[2], plans.get(table).statements().size(),
          missingPerTable.get(table.dolt()), readersPerTable.getOrDefault(table.dolt(), 1)));
    }
    String hash = null;
    if (hasChanges(dolt)) {
      hash = commit(dolt, results, snapshot);
    } else {
      dolt.rollback();
    }
    source.commit();
    SyncReport report = new SyncReport(snapshot, hash, results, Duration.between(started, Instant.now()));
    LOG.info("doltsync sync: {} tables, {} rows read in {} ms, {}", results.size(), report.rowsRead(),
        report.took().toMillis(), hash == null ? "no change, no commit" : "commit " + hash);
    return report;
  }

  /** One table's rows, by its mode. */
  private final class TableRun {
    private final Connection source;
    private final SharedSnapshot shared;
    private final Connection dolt;
    private final SelectedTable table;
    private final TableSchema schema;
    private final SchemaEvolution.Plan plan;
    private final CursorStore cursors;
    private final Instant snapshot;
    private final Listener listener;
    private final List<String> doltColumns;
    private final List<Integer> key;
    /** Rows the key scan found missing in Dolt and copied. */
    long missingCopied;
    /** Source connections that read the table's rows. */
    int readers = 1;

    TableRun(Connection source, SharedSnapshot shared, Connection dolt, SelectedTable table, TableSchema schema, SchemaEvolution.Plan plan,
        CursorStore cursors, Instant snapshot, Listener listener) {
      this.source = source;
      this.shared = shared;
      this.dolt = dolt;
      this.table = table;
      this.schema = schema;
      this.plan = plan;
      this.cursors = cursors;
      this.snapshot = snapshot;
      this.listener = listener;
      this.doltColumns = schema.columns().stream().map(c -> DoltDdl.doltName(c.name())).toList();
      List<Integer> positions = new ArrayList<>();
      for (String column : schema.primaryKey()) {
        for (int i = 0; i < schema.columns().size(); i++) {
          if (schema.columns().get(i).name().equalsIgnoreCase(column)) {
            positions.add(i);
          }
        }
      }
      this.key = positions;
    }

    /** Returns the source rows read. */
    long run() throws SQLException {
      String cursorColumn = table.cursor();
      boolean incremental = table.mode() == SyncMode.INCREMENTAL;
      if (plan.created()) {
        long read = load();
        if (cursorColumn != null) {
          cursors.write(table.dolt(), table.source(), new CursorStore.Cursor(cursorColumn, maxCursor(), snapshot));
        }
        return read;
      }
      if (!incremental) {
        return snapshotDiff();
      }
      Optional<CursorStore.Cursor> cursor = cursors.read(table.dolt());
      if (cursor.isEmpty() || !cursor.get().column().equalsIgnoreCase(cursorColumn) || plan.addedColumns()) {
        long read = snapshotDiff();
        cursors.write(table.dolt(), table.source(), new CursorStore.Cursor(cursorColumn, maxCursor(), snapshot));
        return read;
      }
      return incremental(cursor.get());
    }

    private long load() throws SQLException {
      long total = count();
      long read = 0;
      boolean bulk = bulkAllowed();
      LOG.info("doltsync sync: copying {} ({} rows) into Dolt with {}", table.source(), total,
          bulk ? "LOAD DATA" : "batched INSERTs (LOAD DATA needs local_infile on the Dolt server and exact column types)");
      readers = RangeReaders.readersFor(schema, total, 1 + shared.readers().size());
      try (DoltRowWriter writer = new DoltRowWriter(dolt, table.dolt(), doltColumns, key, bulk)) {
        if (readers > 1) {
          List<Connection> connections = new ArrayList<>();
          connections.add(source);
          connections.addAll(shared.readers().subList(0, readers - 1));
          LOG.info("doltsync sync: reading {} through {} source connections on one snapshot", table.source(), readers);
          read = RangeReaders.read(dialect, schema, connections, writer::load,
              done -> listener.rows(table.source(), done, total));
        } else {
          read = scan("", List.of(), row -> writer.load(row), total);
        }
      }
      return read;
    }

    /** Brings a table Dolt has to the source's state, by the route the options choose for it. */
    private long snapshotDiff() throws SQLException {
      long total = count();
      SnapshotRoute route = options.snapshotRoute();
      if (route == SnapshotRoute.AUTO) {
        route = total >= SnapshotRoute.COPY_FROM_ROWS && bulkAllowed() ? SnapshotRoute.COPY : SnapshotRoute.DIFF;
      }
      if (route == SnapshotRoute.COPY) {
        LOG.info("doltsync sync: {} ({} rows) is emptied and copied again (Dolt keeps only the rows that changed)",
            table.source(), total);
        // DELETE, not TRUNCATE: Dolt commits a TRUNCATE at once, and a run that dies must leave the table as it was
        execute(dolt, "DELETE FROM " + DoltDdl.quote(table.dolt()));
        return load();
      }
      try (DoltRowWriter writer = new DoltRowWriter(dolt, table.dolt(), doltColumns, key, false)) {
        ChunkedDiff.Result result = ChunkedDiff.compare(source, dolt, dialect, schema, table.dolt(), options.chunkRows(),
            (sourceRow, doltRow) -> {
              if (sourceRow == null) {
                writer.delete(doltRow);
              } else {
                writer.upsert(sourceRow);
              }
            }, done -> listener.rows(table.source(), done, total));
        return result.compared();
      }
    }

    private long incremental(CursorStore.Cursor cursor) throws SQLException {
      ColumnSchema column = schema.column(cursor.column()).orElseThrow();
      int position = schema.columns().indexOf(column);
      Object lower = CursorStore.lookBack(cursor.value(), options.lookBack());
      String quoted = dialect.quoteIdentifier(column.name());
      String condition = lower == null ? "" : quoted + " > ? OR " + quoted + " IS NULL";
      Object[] max = {cursor.value()};
      long read;
      try (DoltRowWriter writer = new DoltRowWriter(dolt, table.dolt(), doltColumns, key, false)) {
        List<Object[]> parameters = new ArrayList<>();
        if (lower != null) {
          parameters.add(new Object[] {lower, column});
        }
        read = scan(condition, parameters, row -> {
          max[0] = CursorStore.max(max[0], row[position]);
          writer.upsert(row);
        }, -1);
      }
      Instant lastScan = keyScans.getOrDefault(table.dolt(), cursor.lastKeyScan());
      boolean scan = keyScanDue(lastScan);
      long deleted = 0;
      if (scan) {
        deleted = keyScan();
        lastScan = snapshot;
        keyScans.put(table.dolt(), snapshot);
      }
      boolean moved = !java.util.Objects.equals(max[0], cursor.value());
      if (moved || deleted > 0 || missingCopied > 0) {
        cursors.write(table.dolt(), table.source(), new CursorStore.Cursor(cursor.column(), max[0], lastScan));
      }
      return read;
    }

    private boolean keyScanDue(Instant last) {
      Duration every = options.keyScanEvery();
      if (every.isNegative()) {
        return false;
      }
      return last == null || every.isZero() || !last.plus(every).isAfter(snapshot);
    }

    /**
     * Compares the keys alone: deletes from Dolt the rows the source no longer has, and copies the rows the source
     * has and Dolt lacks (rows the cursor never passed: written with a cursor older than the last one less the
     * look-back window). Returns the rows deleted; {@link #missingCopied} counts the rows copied.
     */
    private long keyScan() throws SQLException {
      List<ColumnSchema> keyColumns = key.stream().map(i -> schema.columns().get(i)).toList();
      TableSchema keysOnly = new TableSchema(schema.name(), keyColumns, schema.primaryKey(), List.of(), List.of(), List.of());
      List<Integer> keyPositions = new ArrayList<>();
      for (int i = 0; i < keyColumns.size(); i++) {
        keyPositions.add(i);
      }
      try (DoltRowWriter deletes = new DoltRowWriter(dolt, table.dolt(),
          keyColumns.stream().map(c -> DoltDdl.doltName(c.name())).toList(), keyPositions, false);
          DoltRowWriter copies = new DoltRowWriter(dolt, table.dolt(), doltColumns, key, false)) {
        MissingRows missing = new MissingRows(source, dialect, schema, keyColumns, copies::upsert);
        ChunkedDiff.compare(source, dolt, dialect, keysOnly, table.dolt(), options.chunkRows(), (sourceRow, doltRow) -> {
          if (sourceRow == null) {
            deletes.delete(doltRow);
          } else {
            missing.add(sourceRow);
          }
        }, done -> {});
        missing.flush();
        deletes.flush();
        copies.flush();
        missingCopied = missing.copied();
        if (missingCopied > 0) {
          LOG.info("doltsync sync: the key scan of {} found {} source rows Dolt lacked (their cursor {} was behind the"
              + " last one less the look-back window): copied", table.source(), missingCopied, table.cursor());
        }
        return deletes.deleted();
      }
    }

    private Object maxCursor() throws SQLException {
      String column = dialect.quoteIdentifier(schema.column(table.cursor()).orElseThrow().name());
      ColumnSchema cursorColumn = schema.column(table.cursor()).orElseThrow();
      try (Statement statement = source.createStatement();
          ResultSet rs = statement.executeQuery("SELECT MAX(" + column + ") FROM " + dialect.quoteIdentifier(schema.name()))) {
        rs.next();
        return dialect.readValue(rs, 1, cursorColumn);
      }
    }

    private long count() throws SQLException {
      try (Statement statement = source.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + dialect.quoteIdentifier(schema.name()))) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** Streams the table's rows matching {@code condition} (parameters as value/column pairs). */
    private long scan(String condition, List<Object[]> parameters, RowHandler handler, long total) throws SQLException {
      List<ColumnSchema> columns = schema.columns();
      StringBuilder sql = new StringBuilder("SELECT ").append(dialect.selectColumns(columns));
      sql.append(" FROM ").append(dialect.quoteIdentifier(schema.name()));
      if (!condition.isEmpty()) {
        sql.append(" WHERE ").append(condition);
      }
      long read = 0;
      try (PreparedStatement select = source.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        for (int i = 0; i < parameters.size(); i++) {
          CaptureContext.bind(select, i + 1, parameters.get(i)[0], (ColumnSchema) parameters.get(i)[1]);
        }
        select.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
              row[i] = UnreadableValue.read(dialect, rs, i + 1, columns.get(i));
            }
            handler.accept(row);
            if (++read % 10_000 == 0) {
              listener.rows(table.source(), read, total);
            }
          }
        }
      }
      listener.rows(table.source(), read, total);
      return read;
    }

    /** LOAD DATA when the connection can stream it, the server allows it and every column loads exactly. */
    private boolean bulkAllowed() throws SQLException {
      try (Statement statement = dolt.createStatement()) {
        statement.getClass().getMethod("setLocalInfileInputStream", java.io.InputStream.class);
        try (ResultSet rs = statement.executeQuery("SELECT @@local_infile")) {
          if (!rs.next() || rs.getInt(1) != 1) {
            return false;
          }
        }
      } catch (NoSuchMethodException e) {
        return false;
      }
      try (PreparedStatement select = dolt.prepareStatement("SELECT DATA_TYPE FROM information_schema.COLUMNS"
          + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
        select.setString(1, table.dolt());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            if (!DoltLoadData.isExact(rs.getString(1))) {
              return false;
            }
          }
        }
      }
      return true;
    }
  }

  @FunctionalInterface
  private interface RowHandler {
    void accept(Object[] row) throws SQLException;
  }

  private TableSchema withKeys(TableSchema schema, SelectedTable table) throws SQLException {
    if (table.keys().isEmpty()) {
      return schema;
    }
    List<String> keys = new ArrayList<>();
    for (String key : table.keys()) {
      keys.add(schema.column(key).orElseThrow(() -> new SyncFailure(SyncFailure.Side.SYNC, "--key for " + table.source(),
          new SQLSyntaxErrorException("table " + table.source() + " has no column " + key, "42000"))).name());
    }
    return new TableSchema(schema.name(), schema.columns(), keys, schema.indexes(), List.of(), List.of());
  }

  private static void requireIncremental(SelectedTable table, TableSchema schema) throws SQLException {
    if (table.cursor() == null) {
      throw new SyncFailure(SyncFailure.Side.SYNC, "table " + table.source(), new SQLSyntaxErrorException(
          "incremental mode needs a cursor column: --cursor " + table.source() + "=<column>", "42000"));
    }
    if (schema.column(table.cursor()).isEmpty()) {
      throw new SyncFailure(SyncFailure.Side.SYNC, "table " + table.source(), new SQLSyntaxErrorException(
          "cursor column " + table.cursor() + " does not exist", "42000"));
    }
    if (!schema.hasPrimaryKey()) {
      throw new SyncFailure(SyncFailure.Side.SYNC, "table " + table.source(), new SQLSyntaxErrorException(
          "incremental mode merges on a key and this table has none: give one with --key " + table.source()
              + "=<column>[+<column>...]", "42000"));
    }
  }

  /** Per Dolt table (lower case): rows added, modified, deleted in the session's working set. */
  private static Map<String, long[]> diffStats(Connection dolt) throws SQLException {
    Map<String, long[]> stats = new HashMap<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT table_name, rows_added, rows_modified, rows_deleted FROM dolt_diff_stat('HEAD', 'WORKING')")) {
      while (rs.next()) {
        stats.put(rs.getString(1).toLowerCase(Locale.ROOT), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
      }
    }
    return stats;
  }

  private static boolean hasChanges(Connection dolt) throws SQLException {
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM dolt_status")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private String commit(Connection dolt, List<SyncReport.TableResult> results, Instant snapshot) throws SQLException {
    StringBuilder message = new StringBuilder(options.message() == null || options.message().isBlank()
        ? "doltsync sync" : options.message().strip()).append("\n\n");
    for (SyncReport.TableResult result : results) {
      if (result.changed()) {
        message.append(result.source().equalsIgnoreCase(result.dolt()) ? result.dolt()
            : result.source() + " -> " + result.dolt())
            .append(" (").append(result.mode().label()).append("): ").append(result.added()).append(" added, ")
            .append(result.modified()).append(" modified, ").append(result.deleted()).append(" deleted")
            .append(result.schemaChanges() > 0 ? ", " + result.schemaChanges() + " schema changes" : "")
            .append(result.missingCopied() > 0 ? "; " + result.missingCopied()
                + " rows the key scan found missing copied (cursor behind the last one)" : "").append('\n');
      }
    }
    message.append("\nDoltsync-Sync-Snapshot: ").append(snapshot).append('\n');
    String hash;
    try (PreparedStatement call = dolt.prepareStatement("CALL dolt_commit('-A', '-m', ?, '--author', ?, '--date', ?)")) {
      call.setString(1, message.toString());
      call.setString(2, options.author());
      call.setString(3, COMMIT_DATE.format(snapshot));
      try (ResultSet rs = call.executeQuery()) {
        rs.next();
        hash = rs.getString(1);
      }
    }
    dolt.commit();
    return hash;
  }

  private Connection openSource() throws SQLException {
    Properties properties = new Properties();
    if (options.sourceUser() != null) {
      properties.setProperty("user", options.sourceUser());
    }
    if (options.sourcePassword() != null) {
      properties.setProperty("password", options.sourcePassword());
    }
    return DriverManager.getConnection(options.sourceUrl(), properties);
  }

  private static SyncFailure classify(SQLException e, Connection source, Connection dolt) {
    if (!valid(source)) {
      return new SyncFailure(SyncFailure.Side.SOURCE, "the source failed during the run", e);
    }
    if (!valid(dolt)) {
      return new SyncFailure(SyncFailure.Side.DOLT, "Dolt failed during the run", e);
    }
    return new SyncFailure(SyncFailure.Side.SYNC, "the run failed", e);
  }

  private static boolean valid(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Puts the branch's working set back to its head. Dolt 1.86.4 applies {@code CREATE TABLE}, {@code DROP TABLE} and
   * {@code ALTER TABLE} to the working set at once (an implicit commit of the SQL transaction, which a rollback does
   * not undo), so a run that died after its DDL leaves them there; {@code dolt_reset --hard} restores modified and
   * dropped tables but keeps new ones, which {@code dolt_clean} removes. Without the clean, the next run's
   * {@code dolt_commit -A} would commit a leftover table the sync no longer selects, and would compare a leftover
   * table's shape (never committed) with the source's.
   */
  static void discardUncommitted(Connection dolt) throws SQLException {
    dolt.setAutoCommit(true);
    execute(dolt, "CALL dolt_reset('--hard')");
    execute(dolt, "CALL dolt_clean()");
  }

  /** {@link #discardUncommitted} after a failed run, while the run still holds the lock; a failure is only logged. */
  private static void discardQuietly(Connection dolt) {
    try {
      if (!dolt.isClosed() && dolt.isValid(2)) {
        discardUncommitted(dolt);
      }
    } catch (SQLException e) {
      LOG.debug("could not discard the failed run's working set changes (the next run does)", e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
