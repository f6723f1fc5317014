package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.DoltLoadData;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Writes table changes into Dolt and makes Dolt commits: creates and re-creates tables from primary
 * schemas, deletes and upserts rows in multi-row statements, and commits with author, message and date.
 * Row statements are queued ({@link DoltScript}) and sent before the commit, one multi-row statement
 * per table and kind of change. Used by one applier thread on one Dolt
 * connection (manual-commit mode, on the mirrored branch).
 */
final class DoltWriter implements EntryWriter {

  private static final Logger LOG = DoltSyncLoggers.get(DoltWriter.class);
  private static final int MAX_ROWS_PER_STATEMENT = 500;
  private static final DateTimeFormatter COMMIT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Commits every table of the working set (the bootstrap's commit: the branch becomes a copy of the primary). */
  private static final String COMMIT_ALL =
      "CALL dolt_commit('-A', '--allow-empty', '-m', ?, '--author', ?, '--date', ?)";
  /** Commits what is staged: the tables this writer wrote, staged by {@link #STAGE_KEY}'s {@code dolt_add}. */
  private static final String COMMIT_STAGED_ALLOWING_EMPTY =
      "CALL dolt_commit('--allow-empty', '-m', ?, '--author', ?, '--date', ?)";
  private static final String COMMIT_STAGED_SKIPPING_EMPTY =
      "CALL dolt_commit('--skip-empty', '-m', ?, '--author', ?, '--date', ?)";
  /** The script's key for the {@code dolt_add} queued at the commit: no table has it, so it is sent last. */
  private static final String STAGE_KEY = "\u0000dolt_add";

  private final SourceDialect dialect;
  private final boolean textFallback;
  /** The primary's schemas as the mirror knows them, for a keyless removal whose entry and writer know none. */
  private final PrimarySchemas primarySchemas;
  /** The primary schema each Dolt table was last created from, by lower-case Dolt table name. */
  private final Map<String, TableSchema> appliedSchemas = new HashMap<>();
  private final DoltScript script;
  private boolean bulkLoadRefused;
  /** The shapes of row statements ({@code INSERT INTO t (a, b) VALUES (?, ?), ...} and the like), by verb, table and columns. */
  private final Map<List<Object>, DoltScript.Shape> shapes = new HashMap<>();
  /** The texts of in-place updates ({@link TableChange.Kind#COLUMNS}), by table, columns and kinds of change. */
  private final Map<List<Object>, String> columnUpdates = new HashMap<>();

  private final ApplyProfile profile;
  /**
   * The Dolt tables written, created or dropped since the last commit, by the names Dolt has them under: the
   * commit stages only these ({@code dolt_add}), so that edits another session left uncommitted in the branch's
   * working set on other tables stay out of the mirrored commit.
   */
  private final java.util.Set<String> touched = new java.util.LinkedHashSet<>();
  /** The name Dolt has each table under, by lower-case name, where it was looked up or created here. */
  private final Map<String, String> doltNames = new HashMap<>();
  /** Tables (lower-case) created since the last commit where Dolt had none: a drop of one has nothing to stage. */
  private final java.util.Set<String> createdHere = new java.util.HashSet<>();
  /** Whether keyed tables' row changes are merged per key until sent ({@link KeyedRowMerge}): a group commit's entries. */
  private boolean mergingAcrossEntries;
  /** The open merges, by lower-case table name, each with the table's name as the changes gave it. */
  private final Map<String, Map.Entry<String, KeyedRowMerge>> merges = new java.util.LinkedHashMap<>();
  /** Per lower-case table name: whether Dolt's table has no unique index besides its primary key. */
  private final Map<String, Boolean> withoutUniqueIndex = new HashMap<>();

  DoltWriter(SourceDialect dialect, boolean textFallback) {
    this(dialect, textFallback, new ApplyProfile());
  }

  /** @param profile where the time of row statements, DDL, {@code dolt_commit} and {@code COMMIT} is recorded */
  DoltWriter(SourceDialect dialect, boolean textFallback, ApplyProfile profile) {
    this(dialect, textFallback, profile, false);
  }

  /**
   * @param profile         where the time of row statements, DDL, {@code dolt_commit} and {@code COMMIT} is recorded
   * @param multiStatements whether its Dolt connections accept several statements in one text: then a
   *                        transaction's row statements go to Dolt as one text ({@link DoltScript})
   */
  DoltWriter(SourceDialect dialect, boolean textFallback, ApplyProfile profile, boolean multiStatements) {
    this(dialect, textFallback, profile, multiStatements, PrimarySchemas.NONE);
  }

  /**
   * @param primarySchemas the primary's table schemas as the mirror knows them: a keyless removal's entry carries
   *                       its table's schema only until the mirror journaled it once, and this writer forgets what
   *                       it applied on {@link #reset} (a retry, a reconnect) or never saw it (another applier
   *                       applied that entry, a Dolt database adopted as is)
   */
  DoltWriter(SourceDialect dialect, boolean textFallback, ApplyProfile profile, boolean multiStatements,
      PrimarySchemas primarySchemas) {
    this.dialect = dialect;
    this.primarySchemas = primarySchemas;
    this.textFallback = textFallback;
    this.profile = profile;
    this.script = new DoltScript(multiStatements);
  }

  /** Forgets what it knows of Dolt's tables and drops queued statements (after a reconnect or an error). */
  @Override
  public void reset() {
    appliedSchemas.clear();
    script.reset();
    touched.clear();
    createdHere.clear();
    doltNames.clear();
    merges.clear();
    withoutUniqueIndex.clear();
    bulkLoadRefused = false;
  }

  /**
   * From now on until called with {@code false}, merges the row changes of keyed tables per key across the changes
   * applied (a group commit's entries; {@link KeyedRowMerge}) instead of queueing each change's own statements.
   */
  @Override
  public void mergeAcrossEntries(boolean merging) {
    mergingAcrossEntries = merging;
  }

  /** Applies one table change inside the connection's open transaction (queued until the commit). */
  @Override
  public void apply(Connection dolt, TableChange change) throws SQLException {
    String table = change.table();
    if (mergeable(dolt, change)) {
      merge(dolt, change);
      touched.add(doltNames.getOrDefault(table.toLowerCase(Locale.ROOT), table));
      return;
    }
    queueMerged(dolt, table); // what is merged of the table goes before this change
    switch (change.kind()) {
      case DROP -> {
        String existing = existingName(dolt, table);
        execute(dolt, "DROP TABLE IF EXISTS " + quote(table));
        appliedSchemas.remove(table.toLowerCase(Locale.ROOT));
        doltNames.remove(table.toLowerCase(Locale.ROOT));
        withoutUniqueIndex.remove(table.toLowerCase(Locale.ROOT));
        if (createdHere.remove(table.toLowerCase(Locale.ROOT))) {
          touched.remove(table); // created since the last commit: Dolt's staged root never had it, nothing to stage
        } else if (existing != null) {
          touched.add(existing);
        }
      }
      case RESHAPE -> {
        recreate(dolt, table, change.schema());
        queueRows(dolt, "INSERT INTO ", table, change.columns(), change.upserts());
      }
      case REPLACE_ALL -> {
        ensureExists(dolt, table, change.schema());
        script.add(table, "DELETE FROM " + quote(table), List.of());
        queueRows(dolt, "INSERT INTO ", table, change.columns(), change.upserts());
      }
      case ROWS -> {
        ensureExists(dolt, table, change.schema());
        queueDeletes(dolt, table, change.keyColumns(), change.deletedKeys());
        queueRows(dolt, "REPLACE INTO ", table, change.columns(), change.upserts());
      }
      case MULTISET -> {
        ensureExists(dolt, table, change.schema());
        queueCopyDeletes(dolt, table, change.schema() != null ? change.schema()
            : appliedSchemas.get(table.toLowerCase(Locale.ROOT)), change.columns(), change.deletedKeys());
        queueRows(dolt, "INSERT INTO ", table, change.columns(), change.upserts());
      }
      case COLUMNS -> queueColumnChanges(table, change);
    }
    if (change.kind() != TableChange.Kind.DROP) {
      touched.add(doltNames.getOrDefault(table.toLowerCase(Locale.ROOT), table));
    }
  }

  /** Drops and creates the table from the primary's schema; rows are written by the caller. */
  void recreate(Connection dolt, String table, TableSchema schema) throws SQLException {
    String existing = existingName(dolt, table);
    if (existing == null) {
      createdHere.add(table.toLowerCase(Locale.ROOT));
    } else if (!createdHere.contains(table.toLowerCase(Locale.ROOT))) {
      touched.add(existing); // a drop of a name in another case is staged under that name
    }
    touched.add(table);
    withoutUniqueIndex.remove(table.toLowerCase(Locale.ROOT));
    execute(dolt, "DROP TABLE IF EXISTS " + quote(table));
    execute(dolt, DoltDdl.createTable(table, schema, dialect, textFallback));
    appliedSchemas.put(table.toLowerCase(Locale.ROOT), schema);
    doltNames.put(table.toLowerCase(Locale.ROOT), table);
  }

  private void ensureExists(Connection dolt, String table, TableSchema schema) throws SQLException {
    String key = table.toLowerCase(Locale.ROOT);
    if (schema == null || schema.equals(appliedSchemas.get(key))) {
      return;
    }
    String existing = existingName(dolt, table);
    if (existing == null) {
      execute(dolt, DoltDdl.createTable(table, schema, dialect, textFallback));
      createdHere.add(key);
      withoutUniqueIndex.remove(key);
    }
    appliedSchemas.put(key, schema);
    doltNames.put(key, existing == null ? table : existing);
  }

  /**
   * Sends what is queued, commits the open transaction as a Dolt commit and ends it; returns the commit's
   * hash, or {@code null} when nothing changed.
   */
  @Override
  public String commit(Connection dolt, String message, String authorName, String authorEmail, Instant date,
      boolean allowEmpty) throws SQLException {
    queueMerged(dolt); // before the dolt_add, which must come after every row statement
    if (!touched.isEmpty()) {
      // sent with the row statements (one text where the connection allows it): no round trip of its own
      script.add(STAGE_KEY, "CALL dolt_add(" + String.join(", ", Collections.nCopies(touched.size(), "?")) + ")",
          new ArrayList<>(touched));
    }
    return commit(dolt, allowEmpty ? COMMIT_STAGED_ALLOWING_EMPTY : COMMIT_STAGED_SKIPPING_EMPTY, message, authorName,
        authorEmail, date);
  }

  /**
   * Commits every table of the branch's working set, whoever changed it ({@code dolt_commit('-A')}), even when
   * nothing changed: the bootstrap's commit, after which the branch is a copy of the primary.
   */
  String commitEverything(Connection dolt, String message, String authorName, String authorEmail, Instant date)
      throws SQLException {
    return commit(dolt, COMMIT_ALL, message, authorName, authorEmail, date);
  }

  private String commit(Connection dolt, String commitSql, String message, String authorName, String authorEmail,
      Instant date) throws SQLException {
    flushRows(dolt);
    long started = System.nanoTime();
    String hash = DoltScript.query(dolt, commitSql,
        List.of(message, DoltAuthor.argument(authorName, authorEmail), COMMIT_DATE.format(date)));
    profile.record(ApplyProfile.Step.DOLT_COMMIT, started, 1);
    started = System.nanoTime();
    dolt.commit();
    profile.record(ApplyProfile.Step.COMMIT, started, 0);
    script.committed();
    touched.clear();
    createdHere.clear();
    return hash;
  }

  /**
   * Streams rows into the table with Dolt's bulk path, {@code LOAD DATA LOCAL INFILE}; returns false, having
   * read no row, when the JDBC driver or the server does not allow it (the caller then inserts the rows).
   * Fails when Dolt loaded a different number of rows than were sent.
   */
  boolean load(Connection dolt, String table, List<String> columns, LoadDataStream rows) throws SQLException {
    if (bulkLoadRefused) {
      return false;
    }
    touched.add(table);
    queueMerged(dolt);
    script.flush(dolt);
    List<String> doltColumns = columns.stream().map(DoltDdl::doltName).toList();
    try (Statement statement = dolt.createStatement()) {
      Method setter = localInfileSetter(statement);
      if (setter == null) {
        refuseBulkLoad("the JDBC driver for Dolt (" + statement.getClass().getName()
            + ") cannot stream LOAD DATA LOCAL INFILE");
        return false;
      }
      try {
        setter.invoke(statement, rows);
      } catch (ReflectiveOperationException e) {
        refuseBulkLoad("the JDBC driver for Dolt refused a LOAD DATA stream: " + e);
        return false;
      }
      if (!allExact(dolt, table)) {
        return false;
      }
      long loaded = statement.executeLargeUpdate(DoltLoadData.statement(table, doltColumns));
      if (loaded != rows.rows()) {
        throw new SQLDataException("LOAD DATA into Dolt table " + table + " stored " + loaded + " of " + rows.rows()
            + " rows", "22000");
      }
      return true;
    } catch (SQLException e) {
      if (rows.started()) {
        throw e;
      }
      refuseBulkLoad("Dolt refused LOAD DATA LOCAL INFILE: " + e.getMessage());
      return false;
    }
  }

  /** Whether LOAD DATA stores every column of the table exactly ({@link DoltLoadData#isExact}). */
  private static boolean allExact(Connection dolt, String table) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
      select.setString(1, table);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          if (!DoltLoadData.isExact(rs.getString(2))) {
            LOG.debug("Dolt table {} is copied with INSERTs: LOAD DATA does not store its {} column {} exactly", table,
                rs.getString(2), rs.getString(1));
            return false;
          }
        }
      }
    }
    return true;
  }

  private void refuseBulkLoad(String reason) {
    bulkLoadRefused = true;
    LOG.info("{}; copying with batched INSERTs instead. For the bulk path, enable local_infile on the Dolt server"
        + " (SET GLOBAL local_infile = 1, or local_infile: 1 under system_variables in its config file) and keep"
        + " allowLocalInfile (mariadb-java-client) / allowLoadLocalInfile (mysql-connector-j) on in doltsync.target",
        reason);
  }

  private static Method localInfileSetter(Statement statement) {
    try {
      return statement.getClass().getMethod("setLocalInfileInputStream", InputStream.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Inserts rows in multi-row statements ({@code INSERT INTO} or {@code REPLACE INTO}), sent at once. */
  void insert(Connection dolt, String verb, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    touched.add(table);
    queueMerged(dolt, table);
    queueRows(dolt, verb, table, columns, rows);
    queueMerged(dolt);
    script.flush(dolt);
  }

  /**
   * Whether the change's rows go into the table's {@link KeyedRowMerge}: while merging across entries, for row
   * changes ({@link TableChange.Kind#ROWS}, {@link TableChange.Kind#COLUMNS}) of a table with a primary key and no
   * other unique index in Dolt (where changes to different keys commute).
   */
  private boolean mergeable(Connection dolt, TableChange change) throws SQLException {
    if (!mergingAcrossEntries || change.keyColumns().isEmpty()
        || change.kind() != TableChange.Kind.ROWS && change.kind() != TableChange.Kind.COLUMNS) {
      return false;
    }
    if (change.kind() == TableChange.Kind.ROWS) {
      ensureExists(dolt, change.table(), change.schema());
    }
    return withoutUniqueIndex(dolt, change.table());
  }

  /** Folds the change's rows into the table's merge; a row it refuses ends that merge (queued) and starts another. */
  private void merge(Connection dolt, TableChange change) throws SQLException {
    String table = change.table();
    String key = table.toLowerCase(Locale.ROOT);
    Map.Entry<String, KeyedRowMerge> open = merges.get(key);
    if (open != null && !open.getValue().keyColumns().equals(change.keyColumns())) {
      queueMerged(dolt, table);
      open = null;
    }
    if (open == null) {
      open = Map.entry(table, new KeyedRowMerge(change.keyColumns()));
      merges.put(key, open);
    }
    if (change.kind() == TableChange.Kind.COLUMNS) {
      List<String> kinds = change.columnKinds();
      for (Object[] row : change.upserts()) {
        if (!open.getValue().update(change.columns(), kinds, row)) {
          open = restartMerge(dolt, table, change.keyColumns());
          if (!open.getValue().update(change.columns(), kinds, row)) {
            queueColumnChanges(table, TableChange.columns(table, change.columns(), change.keyColumns(),
                List.<Object[]>of(row), kinds.toArray()));
          }
        }
      }
      return;
    }
    for (Object[] deleted : change.deletedKeys()) {
      if (!open.getValue().delete(deleted)) {
        open = restartMerge(dolt, table, change.keyColumns());
        if (!open.getValue().delete(deleted)) {
          queueDeletes(dolt, table, change.keyColumns(), List.<Object[]>of(deleted));
        }
      }
    }
    for (Object[] row : change.upserts()) {
      if (!open.getValue().upsert(change.columns(), row)) {
        open = restartMerge(dolt, table, change.keyColumns());
        if (!open.getValue().upsert(change.columns(), row)) {
          queueRows(dolt, "REPLACE INTO ", table, change.columns(), List.<Object[]>of(row));
        }
      }
    }
  }

  /** Queues the table's open merge and opens an empty one: what comes next is written after what was merged. */
  private Map.Entry<String, KeyedRowMerge> restartMerge(Connection dolt, String table, List<String> keyColumns)
      throws SQLException {
    queueMerged(dolt, table);
    Map.Entry<String, KeyedRowMerge> fresh = Map.entry(table, new KeyedRowMerge(keyColumns));
    merges.put(table.toLowerCase(Locale.ROOT), fresh);
    return fresh;
  }

  /** Queues every open merge's statements (before anything is sent). */
  private void queueMerged(Connection dolt) throws SQLException {
    for (String table : new ArrayList<>(merges.keySet())) {
      queueMerged(dolt, table);
    }
  }

  /**
   * Queues the table's open merge, if any, as statements: the {@code REPLACE}s of the rows written whole, the deletes,
   * then the in-place updates by shape ({@link #queueColumnChanges}, each row's count checked).
   */
  private void queueMerged(Connection dolt, String table) throws SQLException {
    Map.Entry<String, KeyedRowMerge> open = merges.remove(table.toLowerCase(Locale.ROOT));
    if (open == null || open.getValue().isEmpty()) {
      return;
    }
    String name = open.getKey();
    KeyedRowMerge merge = open.getValue();
    List<Object[]> upserts = merge.upserts();
    if (!upserts.isEmpty()) {
      queueRows(dolt, "REPLACE INTO ", name, merge.rowColumns(), upserts);
    }
    queueDeletes(dolt, name, merge.keyColumns(), merge.deletedKeys());
    for (Map.Entry<KeyedRowMerge.UpdateShape, List<Object[]>> shape : merge.updates().entrySet()) {
      queueColumnChanges(name, TableChange.columns(name, shape.getKey().columns(), merge.keyColumns(),
          shape.getValue(), shape.getKey().kinds().toArray()));
    }
  }

  /** Whether Dolt's table has no unique index besides its primary key ({@code SHOW INDEX}, once per table). */
  private boolean withoutUniqueIndex(Connection dolt, String table) throws SQLException {
    String key = table.toLowerCase(Locale.ROOT);
    Boolean known = withoutUniqueIndex.get(key);
    if (known != null) {
      return known;
    }
    long started = System.nanoTime();
    boolean none = true;
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW INDEX FROM " + quote(doltNames.getOrDefault(key, table)))) {
      while (rs.next()) {
        none &= !(rs.getInt("Non_unique") == 0 && !"PRIMARY".equalsIgnoreCase(rs.getString("Key_name")));
      }
    } finally {
      profile.record(ApplyProfile.Step.DDL, started, 1);
    }
    withoutUniqueIndex.put(key, none);
    return none;
  }

  private void queueRows(Connection dolt, String verb, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    DoltScript.Shape shape = shapes.computeIfAbsent(List.of(verb, table, columns), key -> {
      StringBuilder sql = new StringBuilder(verb).append(quote(table)).append(" (");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(quote(DoltDdl.doltName(columns.get(i))));
      }
      int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT,
          DoltScript.MAX_PLACEHOLDERS / Math.max(1, columns.size())));
      return new DoltScript.Shape(sql.append(") VALUES ").toString(),
          "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")", ", ", "", perStatement);
    });
    script.addRows(table, shape, rows);
  }

  private void queueDeletes(Connection dolt, String table, List<String> keyColumns, List<Object[]> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    DoltScript.Shape shape = shapes.computeIfAbsent(List.of("DELETE", table, keyColumns), key -> {
      int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, DoltScript.MAX_PLACEHOLDERS / keyColumns.size()));
      String head = "DELETE FROM " + quote(table) + " WHERE ";
      if (keyColumns.size() == 1) {
        return new DoltScript.Shape(head + quote(DoltDdl.doltName(keyColumns.get(0))) + " IN (", "?", ", ", ")",
            perStatement);
      }
      StringBuilder conjunct = new StringBuilder("(");
      for (int c = 0; c < keyColumns.size(); c++) {
        conjunct.append(c == 0 ? "" : " AND ").append(quote(DoltDdl.doltName(keyColumns.get(c)))).append(" = ?");
      }
      return new DoltScript.Shape(head, conjunct.append(')').toString(), " OR ", "", perStatement);
    });
    script.addRows(table, shape, keys);
  }

  /**
   * Queues the {@code UPDATE}s of rows changed in place, {@code SET c = ?, d = d + ?} by the whole key, each row of
   * which must match exactly one row: Dolt holds the primary's state before the transaction, in which the row existed
   * (the primary matched it). Any other count fails the entry, which is then quarantined and healed by reconciliation.
   *
   * <p>Consecutive rows go as one statement ({@link #mergeableRows}) when their keys are distinct integers and each
   * column's values are of one Java type: {@code UPDATE t SET c = CASE WHEN k = ? THEN ? ... END, d = d + CASE WHEN
   * k = ? THEN ? ... END WHERE (k = ?) OR ...}, which must match as many rows as it names. Dolt finds them by key
   * (index ranges) and writes them in one statement: a TPC-C New-Order's ten stock rows cost Dolt one statement's
   * work instead of ten. Any other row goes alone, as {@code UPDATE t SET c = ?, d = d + ? WHERE k = ?}.
   */
  private void queueColumnChanges(String table, TableChange change) {
    List<String> keyColumns = change.keyColumns();
    List<String> columns = change.columns();
    List<String> kinds = change.columnKinds();
    if (columns.size() != keyColumns.size() + kinds.size()) {
      throw new IllegalArgumentException("a change of columns in place of " + table + " names " + columns.size()
          + " columns for " + keyColumns.size() + " key columns and " + kinds.size() + " changes");
    }
    List<Object[]> rows = change.upserts();
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("a row changed in place of " + table + " has " + row.length
            + " values for " + columns.size() + " columns");
      }
    }
    for (int from = 0; from < rows.size(); ) {
      int count = mergeableRows(rows, from, keyColumns.size());
      List<Object[]> run = rows.subList(from, from + count);
      script.addExpecting(table, columnUpdate(table, columns, keyColumns.size(), kinds, count),
          columnUpdateParameters(run, keyColumns.size(), kinds.size()), count);
      from += count;
    }
  }

  /**
   * The most rows one merged in-place {@code UPDATE} names (each row's value is chosen by a {@code CASE} over all).
   * Dolt's CPU for 160 rows changed in place per commit (2-column integer key, one value set and two added; private
   * server, loaded 30-40; two runs of 3 and 5 interleaved rounds of 10 commits, medians [range]): 16 rows
   * per statement 27 and 25 ms [20-36], 32 rows 23 and 33 [18-37], 40 rows 18 [16-20], 80 rows 19 and 17 [17-27],
   * 160 rows 34 [19-37] (every row's value is a {@code CASE} over all the statement's keys, so the cost per row
   * grows again past a few dozen).
   */
  static final int MAX_MERGED_COLUMN_ROWS = 40;

  /**
   * How many rows from {@code from} one statement may change in place (at least 1): while every key value is an
   * integer ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}, compared by value), no
   * key repeats an earlier row's (a second change of a row must see the first: it goes in a later statement), and
   * each changed column's non-null values are of one Java class, so that the {@code CASE} over them has the type a
   * single row's value would have.
   */
  static int mergeableRows(List<Object[]> rows, int from, int keyCount) {
    if (!integerKey(rows.get(from), keyCount)) {
      return 1;
    }
    java.util.Set<List<Object>> keys = new java.util.HashSet<>();
    keys.add(normalizedKey(rows.get(from), keyCount));
    Class<?>[] classes = new Class<?>[rows.get(from).length];
    noteClasses(rows.get(from), keyCount, classes);
    int count = 1;
    while (from + count < rows.size() && count < MAX_MERGED_COLUMN_ROWS) {
      Object[] row = rows.get(from + count);
      if (!integerKey(row, keyCount) || !keys.add(normalizedKey(row, keyCount)) || !sameClasses(row, keyCount, classes)) {
        break;
      }
      noteClasses(row, keyCount, classes);
      count++;
    }
    return count;
  }

  private static boolean integerKey(Object[] row, int keyCount) {
    for (int k = 0; k < keyCount; k++) {
      Object value = row[k];
      if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
          || value instanceof java.math.BigInteger)) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> normalizedKey(Object[] row, int keyCount) {
    List<Object> key = new ArrayList<>(keyCount);
    for (int k = 0; k < keyCount; k++) {
      key.add(row[k] instanceof java.math.BigInteger big ? big : java.math.BigInteger.valueOf(((Number) row[k]).longValue()));
    }
    return key;
  }

  private static boolean sameClasses(Object[] row, int keyCount, Class<?>[] classes) {
    for (int c = keyCount; c < row.length; c++) {
      if (row[c] != null && classes[c] != null && row[c].getClass() != classes[c]) {
        return false;
      }
    }
    return true;
  }

  private static void noteClasses(Object[] row, int keyCount, Class<?>[] classes) {
    for (int c = keyCount; c < row.length; c++) {
      if (row[c] != null) {
        classes[c] = row[c].getClass();
      }
    }
  }

  /** The text of an in-place {@code UPDATE} of {@code rows} rows (see {@link #queueColumnChanges}), kept per shape. */
  private String columnUpdate(String table, List<String> columns, int keyCount, List<String> kinds, int rows) {
    return columnUpdates.computeIfAbsent(List.of(table, columns, kinds, rows), shape -> {
      StringBuilder keyMatch = new StringBuilder();
      for (int k = 0; k < keyCount; k++) {
        keyMatch.append(k == 0 ? "" : " AND ").append(quote(DoltDdl.doltName(columns.get(k)))).append(" = ?");
      }
      StringBuilder update = new StringBuilder("UPDATE ").append(quote(table)).append(" SET ");
      for (int c = 0; c < kinds.size(); c++) {
        String column = quote(DoltDdl.doltName(columns.get(keyCount + c)));
        update.append(c == 0 ? "" : ", ").append(column).append(" = ");
        update.append(kinds.get(c).equals("ADD") ? column + " + " : "");
        if (rows == 1) {
          update.append('?');
        } else {
          update.append("CASE");
          for (int r = 0; r < rows; r++) {
            update.append(" WHEN ").append(keyMatch).append(" THEN ?");
          }
          update.append(" END");
        }
      }
      update.append(" WHERE ");
      for (int r = 0; r < rows; r++) {
        update.append(rows == 1 ? "" : r == 0 ? "(" : " OR (").append(keyMatch).append(rows == 1 ? "" : ")");
      }
      return update.toString();
    });
  }

  /** The bound values of {@link #columnUpdate} for these rows: per changed column each row's key and value, then the keys. */
  private static List<Object> columnUpdateParameters(List<Object[]> rows, int keyCount, int changed) {
    List<Object> parameters = new ArrayList<>(rows.size() * (changed * (keyCount + 1) + keyCount));
    for (int c = 0; c < changed; c++) {
      for (Object[] row : rows) {
        if (rows.size() > 1) {
          for (int k = 0; k < keyCount; k++) {
            parameters.add(row[k]);
          }
        }
        parameters.add(row[keyCount + c]);
      }
    }
    for (Object[] row : rows) {
      for (int k = 0; k < keyCount; k++) {
        parameters.add(row[k]);
      }
    }
    return parameters;
  }

  /**
   * Queues the removal of one copy of each row from a keyless table. Equal rows are counted; each distinct row is
   * removed by {@code DELETE ... WHERE <columns equal, NULL-safe> LIMIT n}, which must remove {@code n} rows.
   *
   * <p>Dolt's {@code <=>} against a bound value is exact only for some column types ({@link #exactlyCompared}):
   * it misses a {@code FLOAT} bound as its shortest decimal, a {@code DOUBLE} at its extremes, every {@code JSON}
   * value bound as text, times and the like, and the removal then matched nothing while the added copies were
   * inserted (the table diverged silently). Where the table has such a column and its schema is known, Dolt's rows
   * that agree on the exactly compared columns are read and compared with the removed row as canonical values
   * ({@link CanonicalValues#same}); when they are all copies of it, {@code LIMIT n} of them are deleted, otherwise
   * all of them are deleted and those that are not among the {@code n} removed copies inserted again. Fewer than
   * {@code n} copies in Dolt fail the entry (it is quarantined), never silently. When neither the entry nor this
   * writer knows the schema, it is the primary's as the mirror knows it ({@link PrimarySchemas}), if its columns are
   * the entry's.
   */
  private void queueCopyDeletes(Connection dolt, String table, TableSchema schema, List<String> columns,
      List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (!namesColumns(schema, columns)) {
      schema = primarySchemas.schema(table).filter(known -> namesColumns(known, columns)).orElse(null);
    }
    List<Object[]> distinct = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (Object[] row : rows) {
      int found = -1;
      for (int i = 0; i < distinct.size() && found < 0; i++) {
        found = sameRow(distinct.get(i), row) ? i : -1;
      }
      if (found < 0) {
        distinct.add(row);
        counts.add(1);
      } else {
        counts.set(found, counts.get(found) + 1);
      }
    }
    boolean[] exact = exactColumns(schema, columns);
    boolean allExact = true;
    for (boolean e : exact) {
      allExact &= e;
    }
    for (int d = 0; d < distinct.size(); d++) {
      Object[] row = distinct.get(d);
      int copies = counts.get(d);
      StringBuilder where = new StringBuilder();
      List<Object> parameters = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        if (exact[c]) {
          where.append(where.length() == 0 ? " WHERE " : " AND ").append(quote(DoltDdl.doltName(columns.get(c))))
              .append(" <=> ?");
          parameters.add(row[c]);
        }
      }
      if (allExact) {
        script.addExpecting(table, "DELETE FROM " + quote(table) + where + " LIMIT " + copies, parameters, copies);
        continue;
      }
      List<Object[]> candidates = doltRows(dolt, table, schema, columns, where.toString(), parameters);
      List<Object[]> kept = new ArrayList<>();
      int matched = 0;
      for (Object[] candidate : candidates) {
        if (matched < copies && sameRow(row, candidate)) {
          matched++;
        } else {
          kept.add(candidate);
        }
      }
      if (matched < copies) {
        throw new SQLDataException("Dolt table " + table + " holds " + matched + " of the " + copies
            + " copies of a row the transaction removed from the keyless table", "22000");
      }
      boolean onlyCopies = kept.stream().allMatch(candidate -> sameRow(row, candidate));
      if (onlyCopies) {
        script.addExpecting(table, "DELETE FROM " + quote(table) + where + " LIMIT " + copies, parameters, copies);
      } else {
        script.addExpecting(table, "DELETE FROM " + quote(table) + where, parameters, candidates.size());
        queueRows(dolt, "INSERT INTO ", table, columns, kept);
      }
    }
  }

  /** Whether two complete rows hold the same canonical values. */
  private static boolean sameRow(Object[] a, Object[] b) {
    for (int c = 0; c < a.length; c++) {
      if (!CanonicalValues.same(a[c], b[c])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Per column, whether Dolt's {@code <=>} against the bound canonical value is exact for its Dolt type; every
   * column when the schema is unknown (the removal then still must remove as many rows as it names).
   */
  private boolean[] exactColumns(TableSchema schema, List<String> columns) throws SQLException {
    boolean[] exact = new boolean[columns.size()];
    java.util.Arrays.fill(exact, true);
    if (!namesColumns(schema, columns)) {
      return exact;
    }
    List<String> types = DoltDdl.columnTypes(schema, dialect, textFallback);
    for (int c = 0; c < exact.length; c++) {
      exact[c] = exactlyCompared(types.get(c));
    }
    return exact;
  }

  /** Whether the schema is known and has exactly these columns, in this order. */
  private static boolean namesColumns(TableSchema schema, List<String> columns) {
    return schema != null && schema.columns().stream().map(io.doltsync.spi.ColumnSchema::name).toList().equals(columns);
  }

  /**
   * Dolt column types whose {@code <=>} with a bound canonical value matches exactly the equal values: integers,
   * decimals, binary-collated strings and byte strings, dates. Not floating-point numbers, JSON, times, date-times,
   * enumerations, sets, bits or years.
   */
  static boolean exactlyCompared(String doltType) {
    String type = doltType.toLowerCase(Locale.ROOT).trim();
    int paren = type.indexOf('(');
    String base = (paren < 0 ? type.split(" ")[0] : type.substring(0, paren)).trim();
    return switch (base) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "varchar", "text",
          "tinytext", "mediumtext", "longtext", "varbinary", "blob", "tinyblob", "mediumblob", "longblob", "date" ->
          !type.contains("collate") || type.contains("_bin");
      default -> false;
    };
  }

  /** Dolt's rows of a table that satisfy {@code where}, read as canonical values, after what is queued. */
  private List<Object[]> doltRows(Connection dolt, String table, TableSchema schema, List<String> columns,
      String where, List<Object> parameters) throws SQLException {
    flushRows(dolt);
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int c = 0; c < columns.size(); c++) {
      sql.append(c == 0 ? "" : ", ").append(quote(DoltDdl.doltName(columns.get(c))));
    }
    sql.append(" FROM ").append(quote(table)).append(where);
    long started = System.nanoTime();
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement select = dolt.prepareStatement(sql.toString())) {
      for (int p = 0; p < parameters.size(); p++) {
        select.setObject(p + 1, parameters.get(p));
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = dialect.readDoltValue(rs, c + 1, schema.columns().get(c));
          }
          rows.add(row);
        }
      }
    } finally {
      profile.record(ApplyProfile.Step.ROWS, started, 1);
    }
    return rows;
  }

  /** The name Dolt has the table under (table names match without regard to case), or null when it has none. */
  private String existingName(Connection dolt, String table) throws SQLException {
    flushRows(dolt);
    long started = System.nanoTime();
    // SHOW TABLES reads this database alone: Dolt's information_schema walks every database on the server and
    // fails when another session drops one meanwhile ("could not resolve initial root for database ...")
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        if (rs.getString(1).equalsIgnoreCase(table)) {
          return rs.getString(1);
        }
      }
      return null;
    } finally {
      profile.record(ApplyProfile.Step.DDL, started, 1);
    }
  }

  /** Runs a schema statement now, after what is queued. */
  private void execute(Connection dolt, String sql) throws SQLException {
    flushRows(dolt);
    long started = System.nanoTime();
    try (Statement statement = dolt.createStatement()) {
      statement.execute(sql);
    } finally {
      profile.record(ApplyProfile.Step.DDL, started, 1);
    }
  }

  /**
   * Sends the queued row statements into the open transaction, without committing: a reader of the same connection
   * then sees them (wal capture's group commit reads Dolt's rows between its transactions; binlog capture's cascades).
   */
  void flush(Connection dolt) throws SQLException {
    flushRows(dolt);
  }

  /** A table changed by statements of another step in this transaction (binlog capture's cascades): staged too. */
  void touchedElsewhere(String doltTable) {
    touched.add(doltTable);
  }

  /** Sends the queued row statements. */
  private void flushRows(Connection dolt) throws SQLException {
    queueMerged(dolt);
    long started = System.nanoTime();
    int sent = script.flush(dolt);
    if (sent > 0) {
      profile.record(ApplyProfile.Step.ROWS, started, sent);
    }
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

}
