package io.doltsync.internal.capture;

import io.doltsync.internal.jdbc.wrapper.ParameterValues;
import io.doltsync.internal.jdbc.wrapper.WriteRequest;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import io.doltsync.sql.ValueSource;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How one statement's effect on one mirrored table is captured: which rows it touched, learned in the
 * cheapest way the statement allows. Planned once per SQL text; run for every execution (and every batch
 * entry): {@link #before} while the rows are still as they were, {@link #after} once the statement ran.
 */
public sealed interface TableEffect {

  /** The table's key in the schema catalog. */
  String tableKey();

  /** Runs before the statement; returns what {@link #after} needs, or {@code null}. */
  default Object before(CaptureContext context, Object[] parameters) throws SQLException {
    return null;
  }

  /** Records what the statement touched. */
  void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) throws SQLException;

  /** The index of a column of the table (case-insensitively). */
  private static int columnIndexOf(TableSchema table, String column) {
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new IllegalStateException("key column " + column + " not in " + table.name());
  }

  /**
   * What the driver reported for one execution.
   *
   * @param updateCount the rows the statement matched, {@code -2} when unknown
   * @param keys        the generated keys, or {@code null} when the statement could not return them
   * @param failed      the execution may have failed (an entry of a batch that failed part-way): whether
   *                    and how it ran is unknown
   * @param returned    the rows the statement returned for the capture ({@link Returned}), or {@code null}
   * @param noWarnings  the execution is known to have raised no warning (a value clipped to a column's range,
   *                    for one, is a warning on MySQL/MariaDB outside strict mode)
   */
  record Outcome(long updateCount, WriteRequest.GeneratedKeys keys, boolean failed, WriteRequest.ReturnedRows returned,
      boolean noWarnings) {

    public Outcome(long updateCount, WriteRequest.GeneratedKeys keys) {
      this(updateCount, keys, false, null);
    }

    public Outcome(long updateCount, WriteRequest.GeneratedKeys keys, boolean failed) {
      this(updateCount, keys, failed, null);
    }

    public Outcome(long updateCount, WriteRequest.GeneratedKeys keys, boolean failed,
        WriteRequest.ReturnedRows returned) {
      this(updateCount, keys, failed, returned, false);
    }
  }

  /** Whether the effect's outcome must say whether the execution raised warnings ({@link Outcome#noWarnings}). */
  default boolean needsWarnings() {
    return false;
  }

  /**
   * Keys are unknown: the table's whole content is copied at commit.
   *
   * @param reason why, for the log
   */
  record WholeTable(String tableKey, String reason) implements TableEffect {

    public WholeTable(String tableKey) {
      this(tableKey, "the rows it changes cannot be learned");
    }

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      context.capture().table(tableKey).markWholeTable();
    }
  }

  /**
   * DDL: the table's schema and content are copied at commit (or its removal recorded). With {@code createsEmpty},
   * a {@code CREATE TABLE} that can only make a new, empty table (column definitions, no {@code IF NOT EXISTS}, no
   * rows from a query, no {@code LIKE}/{@code INHERITS}/{@code PARTITION OF}, see {@code WritePlanner}): its schema
   * is read at commit as for any DDL, its rows are known to be none while nothing else in the transaction wrote
   * ({@link TransactionCapture.TableTouch#isCreatedEmpty()}).
   */
  record SchemaChange(String tableKey, boolean createsEmpty, boolean drops) implements TableEffect {

    public SchemaChange(String tableKey) {
      this(tableKey, false, false);
    }

    /** A {@code DROP TABLE}: the table is expected gone at commit (its removal, no read). */
    static SchemaChange drop(String tableKey) {
      return new SchemaChange(tableKey, false, true);
    }

    /** A {@code CREATE TABLE}; {@code createsEmpty}: of a new, empty table. */
    static SchemaChange create(String tableKey, boolean createsEmpty) {
      return new SchemaChange(tableKey, createsEmpty, false);
    }

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (createsEmpty) {
        touch.markCreatedEmpty();
      } else if (drops) {
        touch.markDropped();
      } else {
        touch.markSchemaChanged();
      }
    }
  }

  /**
   * The keys are in the statement: {@code INSERT ... VALUES} with the key columns given, or an UPDATE or
   * DELETE whose WHERE pins every key column. Each row lists the key's sources in key order.
   */
  record KnownKeys(String tableKey, List<List<ValueSource>> keyRows) implements TableEffect {
    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      for (List<ValueSource> row : keyRows) {
        Object[] key = new Object[row.size()];
        for (int i = 0; i < key.length; i++) {
          key[i] = CaptureContext.valueOf(row.get(i), parameters);
          if (key[i] == ParameterValues.UNKNOWN) {
            touch.markWholeTable();
            return;
          }
        }
        touch.addKey(new RowKey(key));
      }
    }
  }

  /**
   * A row changed through an updatable result set ({@code updateRow}, {@code deleteRow}, {@code insertRow}):
   * the key of the row it was on is read before an update or delete, and the row's key after an update or
   * insert: for an update the driver's current row, for an insert the driver's insert row where the driver
   * reports the inserted row there ({@code insertReported}), else the key values the application gave, when
   * the primary is certain to store them unchanged ({@link StatementValues}). Both rows' images are read at
   * commit, as for any key. A key that cannot be known copies the table whole (logged with the reason).
   *
   * @param table  the table, keyed
   * @param kind   {@code INSERT}, {@code UPDATE} or {@code DELETE}
   */
  record ResultSetRowKeys(String tableKey, TableSchema table, io.doltsync.sql.StatementKind kind, ResultSetRow row,
      boolean insertReported) implements TableEffect {

    @Override
    public Object before(CaptureContext context, Object[] parameters) throws SQLException {
      return kind == io.doltsync.sql.StatementKind.INSERT ? null : row.values(table.primaryKey());
    }

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome)
        throws SQLException {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (kind != io.doltsync.sql.StatementKind.INSERT) {
        if (before == null) {
          copyWhole(touch, "the result set does not hold every key column");
          return;
        }
        touch.addKey(new RowKey((Object[]) before));
        if (kind == io.doltsync.sql.StatementKind.UPDATE) {
          touch.addKey(new RowKey(row.values(table.primaryKey())));
        }
        return;
      }
      Object[] key = insertReported ? row.values(table.primaryKey()) : storedKey(context);
      if (key == null) {
        copyWhole(touch, "the driver does not report the key of a row inserted through an updatable result set,"
            + " and the key values given are not certain to be stored unchanged (or were not given)");
        return;
      }
      touch.addKey(new RowKey(key));
    }

    /** The key the application gave the insert row, as the primary stores it, or {@code null} when not certain. */
    private Object[] storedKey(CaptureContext context) throws SQLException {
      List<String> keyColumns = table.primaryKey();
      Object[] given = row.givenValues(keyColumns);
      if (given == null) {
        return null;
      }
      StatementValues values = context.statementValues();
      Object[] key = new Object[given.length];
      for (int k = 0; k < key.length; k++) {
        // a float's stored value depends on how the driver sends it, unknown for its own insert statement
        Object stored = given[k] == ParameterValues.UNKNOWN || given[k] == null || given[k] instanceof Float
            ? StatementValues.UNKNOWN
            : values.stored(given[k], table.columns().get(columnIndexOf(table, keyColumns.get(k))));
        if (stored == StatementValues.UNKNOWN) {
          return null;
        }
        key[k] = stored;
      }
      return key;
    }

    private void copyWhole(TransactionCapture.TableTouch touch, String reason) {
      CopyLog.note("updatable result set " + kind.name().toLowerCase(java.util.Locale.ROOT) + "Row", tableKey, reason);
      touch.markWholeTable();
    }
  }

  /** The database generates the single key column: the keys come from the driver's generated keys. */
  record GeneratedKeys(String tableKey, String keyColumn) implements TableEffect {
    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome)
        throws SQLException {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      ResultSet keys = outcome.keys() == null ? null : outcome.keys().read();
      if (keys == null) {
        touch.markWholeTable();
        return;
      }
      int column = keyColumnIndex(keys.getMetaData());
      int read = 0;
      while (keys.next()) {
        touch.addKey(new RowKey(new Object[] {keys.getObject(column)}));
        read++;
      }
      keys.beforeFirst();
      // Drivers return no (or too few) keys for some inserts, e.g. MariaDB's INSERT ... RETURNING.
      if (outcome.updateCount() < 0 ? read == 0 : read < outcome.updateCount()) {
        touch.markWholeTable();
      }
    }

    private int keyColumnIndex(ResultSetMetaData meta) throws SQLException {
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        if (meta.getColumnLabel(i).equalsIgnoreCase(keyColumn) || meta.getColumnName(i).equalsIgnoreCase(keyColumn)) {
          return i;
        }
      }
      return 1;
    }
  }

  /**
   * A one-row {@code INSERT ... VALUES} that leaves out the table's one key column, which the database generates
   * (AUTO_INCREMENT, serial, identity), and gives every other column a value whose stored form is certain (the
   * rules of {@link InsertedImages}; no trigger, no generated column): the row's image is the statement's values and
   * the key the driver reports for it (MySQL/MariaDB's OK packet, pgjdbc's and H2's returned key), kept instead of
   * being read at commit. The driver's key is that row's: one row, the key column left out of the text. Any other
   * outcome (a failed or unknown execution, no key or several, a key or value whose stored form is not certain) is
   * captured as {@code keys} does (the key read back, the image read at commit).
   *
   * @param keyIndex the key column's index among the table's columns
   */
  record GeneratedKeyImages(String tableKey, TableSchema table, List<List<ValueSource>> rows, List<Integer> positions,
      int keyIndex, GeneratedKeys keys) implements TableEffect {

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome)
        throws SQLException {
      Object key = outcome.failed() || outcome.updateCount() != 1 ? null : reportedKey(context, outcome);
      if (key == null || !addImage(context, parameters, key)) {
        keys.after(context, parameters, before, outcome);
      }
    }

    /** The one generated key the driver reported, as the column stores it, or {@code null}. */
    private Object reportedKey(CaptureContext context, Outcome outcome) throws SQLException {
      ResultSet reported = outcome.keys() == null ? null : outcome.keys().read();
      if (reported == null) {
        return null;
      }
      try {
        int column = keyColumnIndex(reported.getMetaData(), keys.keyColumn());
        if (!reported.next()) {
          return null;
        }
        Object value = integral(reported.getObject(column));
        if (reported.next() || value == null) {
          return null;
        }
        Object stored = context.statementValues().stored(value, table.columns().get(keyIndex));
        return stored == StatementValues.UNKNOWN ? null : stored;
      } finally {
        reported.beforeFirst();
      }
    }

    /**
     * A reported key as a {@code Long} when it is an integer within a long's range (MariaDB Connector/J and
     * mysql-connector-j report a {@code BigInteger}, the server's unsigned insert id), else as it is.
     */
    private static Object integral(Object value) {
      if (value instanceof java.math.BigInteger big && big.bitLength() < 64) {
        return big.longValue();
      }
      if (value instanceof java.math.BigDecimal decimal) {
        try {
          return decimal.longValueExact();
        } catch (ArithmeticException e) {
          return value;
        }
      }
      return value;
    }

    /**
     * Records the row's image, the statement's values with {@code key} (canonical) as its key; {@code false} when a
     * value's stored form is not certain (nothing recorded).
     */
    public boolean addImage(CaptureContext context, Object[] parameters, Object key) {
      StatedImages images = StatedImages.of(context, parameters, table, rows, positions);
      if (images.whyNot() != null || images.rows().size() != 1) {
        return false;
      }
      Object[] image = images.rows().get(0);
      image[keyIndex] = key;
      context.capture().table(tableKey).addKnownImage(new RowKey(new Object[] {key}), image, table);
      return true;
    }

    /** Whether {@code key} is a value this table's key column holds as {@link #addImage} records it. */
    public boolean storesAsLong(CaptureContext context) {
      return context.statementValues().stored(1L, table.columns().get(keyIndex)) instanceof Long;
    }
  }

  /** The column of {@code meta} named {@code keyColumn} (its label or name), else the first. */
  private static int keyColumnIndex(ResultSetMetaData meta, String keyColumn) throws SQLException {
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (meta.getColumnLabel(i).equalsIgnoreCase(keyColumn) || meta.getColumnName(i).equalsIgnoreCase(keyColumn)) {
        return i;
      }
    }
    return 1;
  }

  /**
   * The rows are found by a locking SELECT with the statement's own FROM and WHERE, run just before it.
   * The statement's update count must then equal the number of rows found (the lock keeps them; a
   * difference means a concurrent insert slipped in), else the whole table is copied.
   *
   * @param keySql       {@code SELECT <key columns> FROM ... WHERE ... FOR UPDATE}
   * @param binds        the statement's parameters that {@code keySql} needs, in order
   * @param verifyCount  whether the update count measures exactly this table's rows
   * @param newKeyValues for an UPDATE that assigns key columns: key column → new value source
   */
  record PreSelected(String tableKey, TableSchema table, String keySql, List<ValueSource> binds, boolean verifyCount,
      Map<String, ValueSource> newKeyValues) implements TableEffect {

    @Override
    public Object before(CaptureContext context, Object[] parameters) throws SQLException {
      List<Object> values = CaptureContext.valuesOf(binds, parameters);
      return values == null ? null : context.selectKeys(keySql, values, null, table);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      List<RowKey> found = (List<RowKey>) before;
      if (found == null || (verifyCount && outcome.updateCount() != found.size())) {
        touch.markWholeTable();
        return;
      }
      for (RowKey key : found) {
        touch.addKey(key);
        if (!newKeyValues.isEmpty() && !addMovedKey(touch, key, parameters)) {
          touch.markWholeTable();
          return;
        }
      }
    }

    private boolean addMovedKey(TransactionCapture.TableTouch touch, RowKey oldKey, Object[] parameters) {
      Object[] moved = oldKey.values();
      List<String> keyColumns = table.primaryKey();
      for (int i = 0; i < keyColumns.size(); i++) {
        for (Map.Entry<String, ValueSource> assigned : newKeyValues.entrySet()) {
          if (assigned.getKey().equalsIgnoreCase(keyColumns.get(i))) {
            Object value = CaptureContext.valueOf(assigned.getValue(), parameters);
            if (value == ParameterValues.UNKNOWN) {
              return false;
            }
            moved[i] = value;
          }
        }
      }
      touch.addKey(new RowKey(moved));
      return true;
    }
  }

  /**
   * A single-table UPDATE or DELETE that returns, for the capture, the rows it changed (PostgreSQL through
   * pgjdbc: the statement is prepared or executed with column names, and the driver appends
   * {@code RETURNING <columns>} and still reports the update count; the application's generated keys stay
   * empty, as without them). Its returned rows replace both the locking pre-select of its rows and their
   * image read at commit:
   * <ul>
   *   <li>{@link Kind#UPDATED_IMAGES}: an UPDATE of a keyed table that assigns no key column returns every
   *       column, the rows' images after it (by a partial key, or by the full key with values the statement
   *       does not determine: {@code fallback} is then its {@link KnownKeys}, which also captures an execution
   *       whose returned rows cannot be told apart, its key read at commit as without them);</li>
   *   <li>{@link Kind#DELETED_KEYS}: a DELETE of a keyed table returns the deleted rows' keys;</li>
   *   <li>{@link Kind#DELETED_ROWS}: a DELETE of a keyless table returns the deleted rows whole, journaled as
   *       copies removed from the multiset;</li>
   *   <li>{@link Kind#INSERTED_ROWS}: an INSERT into a keyless table whose values the database computes returns
   *       the inserted rows whole, journaled as copies added to the multiset (into a keyed table such an
   *       INSERT returns its rows' images, as {@link Kind#UPDATED_IMAGES}).</li>
   * </ul>
   * The statement's own row locks keep its rows so until the transaction ends. An execution takes as many
   * returned rows as its update count, in order (a batch's entries return theirs one after the other);
   * where that cannot be done (an unknown count, fewer rows, a batch that failed part-way) the table is
   * copied whole. An execution that did not ask for the rows runs {@code fallback} instead (the planner
   * hands such executions the plan without this effect; see {@link WritePlan#returningVariant()}).
   *
   * A statement with a RETURNING list of its own returns the capture's columns after the application's
   * ({@code extended}): the application reads its own columns of the same rows, the capture the appended ones.
   *
   * @param sql      the statement, for the log
   * @param columns  the columns the statement returns, in order: every column of the table, or its key
   * @param fallback the effect of the same statement without returned rows
   * @param extended the statement's own RETURNING list extended with {@code columns}, or {@code null} when the
   *                 driver appends them (the application's statement has no RETURNING)
   */
  record Returned(String tableKey, TableSchema table, String sql, Kind kind, List<String> columns,
      TableEffect fallback, ExtendedReturning extended) implements TableEffect {

    /** What the returned rows are. */
    public enum Kind { UPDATED_IMAGES, DELETED_KEYS, DELETED_ROWS, INSERTED_ROWS }

    public Returned {
      columns = List.copyOf(columns);
    }

    /** Rows the driver returns as generated keys asked for by column names. */
    public Returned(String tableKey, TableSchema table, String sql, Kind kind, List<String> columns,
        TableEffect fallback) {
      this(tableKey, table, sql, kind, columns, fallback, null);
    }

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome)
        throws SQLException {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (touch.isWholeTable()) {
        return;
      }
      if (outcome.returned() == null || outcome.failed() || outcome.updateCount() < 0) {
        if (fallback instanceof KnownKeys keys) {
          keys.after(context, parameters, before, outcome); // its key is in the statement: read at commit
          return;
        }
        copyWhole(touch, outcome.returned() == null && fallback instanceof WholeTable whole ? whole.reason()
            : "its returned rows cannot be told apart (a batch that failed part-way, or an unknown update count)");
        return;
      }
      List<Object[]> rows = outcome.returned().next(outcome.updateCount(), rs -> read(rs, context.dialect()));
      if (rows == null) {
        if (fallback instanceof KnownKeys keys) {
          keys.after(context, parameters, before, outcome);
          return;
        }
        copyWhole(touch, "it returned fewer rows than its update count");
        return;
      }
      switch (kind) {
        case DELETED_ROWS -> touch.addRemovedRows(rows);
        case INSERTED_ROWS -> touch.addInsertedRows(rows);
        case UPDATED_IMAGES -> {
          int[] keyPositions = keyPositions();
          for (Object[] image : rows) {
            Object[] key = new Object[keyPositions.length];
            for (int k = 0; k < key.length; k++) {
              key[k] = image[keyPositions[k]];
            }
            touch.addReturnedRow(new RowKey(key), image, table);
          }
        }
        case DELETED_KEYS -> {
          for (Object[] key : rows) {
            touch.addReturnedRow(new RowKey(key), null, table);
          }
        }
      }
    }

    /** One returned row, read as a commit-time image read reads its columns. */
    private Object[] read(ResultSet rs, io.doltsync.spi.SourceDialect dialect) throws SQLException {
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = io.doltsync.internal.dialect.UnreadableValue.read(dialect, rs, c + 1,
            table.column(columns.get(c)).orElseThrow());
      }
      return row;
    }

    private int[] keyPositions() {
      List<String> keyColumns = table.primaryKey();
      int[] positions = new int[keyColumns.size()];
      for (int k = 0; k < positions.length; k++) {
        positions[k] = columnIndexOf(table, keyColumns.get(k));
      }
      return positions;
    }

    private void copyWhole(TransactionCapture.TableTouch touch, String reason) {
      CopyLog.note(sql, table.name(), reason);
      touch.markWholeTable();
    }
  }

  /**
   * An upsert (ON DUPLICATE KEY UPDATE, ON CONFLICT, REPLACE, MERGE with values): the rows it may
   * overwrite or delete are those matching the new rows on any unique key, found by a locking SELECT run
   * before it; the rows it inserts are learned by {@code inserted}.
   *
   * @param lookupSql   {@code SELECT <key columns> FROM t WHERE (u1 = ? AND ...) OR ... FOR UPDATE}
   * @param binds       the value sources to bind, in order
   * @param bindTypes   the column of each bind, for typing
   */
  record Upsert(String tableKey, TableSchema table, String lookupSql, List<ValueSource> binds,
      List<ColumnSchema> bindTypes, TableEffect inserted) implements TableEffect {

    @Override
    public Object before(CaptureContext context, Object[] parameters) throws SQLException {
      List<Object> values = CaptureContext.valuesOf(binds, parameters);
      return values == null ? null : context.selectKeys(lookupSql, values, bindTypes, table);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome)
        throws SQLException {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (before == null) {
        touch.markWholeTable();
        return;
      }
      for (RowKey key : (List<RowKey>) before) {
        touch.addKey(key);
      }
      inserted.after(context, parameters, null, outcome);
    }
  }

  /**
   * A plain {@code INSERT ... VALUES} into a keyless table that gives every column a value: the rows are
   * the statement's own values, as the primary stores them ({@link StatementValues}), so nothing is read.
   * Dolt keeps a keyless table as a multiset, and the rows are journaled as copies to add. Where a stored
   * value is not certain, or the execution's outcome is unknown, the table is copied whole instead.
   *
   * @param sql       the statement, for the log
   * @param rows      the statement's rows of value sources
   * @param positions for each column of the table, in order, its position in the statement's rows ({@code -1}: left
   *                  out by the statement, stored as NULL)
   */
  record InsertedRows(String tableKey, TableSchema table, String sql, List<List<ValueSource>> rows,
      List<Integer> positions) implements TableEffect {

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (touch.isWholeTable()) {
        return;
      }
      if (outcome.failed() || (outcome.updateCount() >= 0 && outcome.updateCount() != rows.size())) {
        copyWhole(touch, "its batch failed part-way, or it did not insert every row it names");
        return;
      }
      StatedImages images = StatedImages.of(context, parameters, table, rows, positions);
      if (images.whyNot() != null) {
        copyWhole(touch, images.whyNot());
        return;
      }
      touch.addInsertedRows(images.rows());
    }

    private void copyWhole(TransactionCapture.TableTouch touch, String reason) {
      CopyLog.note(sql, table.name(), reason);
      touch.markWholeTable();
    }
  }

  /**
   * A single-table UPDATE or DELETE of a keyless table: the complete rows it matches are read by a locking
   * SELECT with the statement's own FROM and WHERE just before it (the rows the statement would lock
   * anyway), and journaled as copies removed; an UPDATE adds them back with its assignments applied, each
   * assigned value as the primary stores it ({@link StatementValues}). Where the update count differs from
   * the rows found (a concurrent insert slipped in), the lookup failed, or an assigned value's stored form
   * is not certain, the table is copied whole instead, and the reason logged once per SQL text.
   *
   * @param sql         the statement, for the log
   * @param imageSql    {@code SELECT <every column, in order> FROM ... WHERE ... FOR UPDATE}
   * @param binds       the statement's parameters that {@code imageSql} needs, in order
   * @param assignments for an UPDATE, the column index in the table → the value source assigned; empty
   *                    for a DELETE
   */
  record KeylessRows(String tableKey, TableSchema table, String sql, String imageSql, List<ValueSource> binds,
      Map<Integer, ValueSource> assignments) implements TableEffect {

    @Override
    public Object before(CaptureContext context, Object[] parameters) throws SQLException {
      context.lookedUpBeforeExecution(tableKey);
      if (context.capture().table(tableKey).isWholeTable()) {
        return null;
      }
      List<Object> values = CaptureContext.valuesOf(binds, parameters);
      return values == null ? null : context.selectImages(imageSql, values, table);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (touch.isWholeTable()) {
        return;
      }
      List<Object[]> found = (List<Object[]>) before;
      if (found == null) {
        copyWhole(touch, "its rows could not be read before it ran");
        return;
      }
      if (context.lookupsBeforeExecution(tableKey) > 1) {
        copyWhole(touch, "a batch entry's rows were read before earlier entries changed the table");
        return;
      }
      if (outcome.failed() || outcome.updateCount() != found.size()) {
        copyWhole(touch, "its update count differs from the rows it matched a moment before, or it failed part-way");
        return;
      }
      List<Object[]> updated = new java.util.ArrayList<>(found.size());
      if (!assignments.isEmpty()) {
        StatementValues values = context.statementValues();
        Object[] assigned = new Object[table.columns().size()];
        for (Map.Entry<Integer, ValueSource> assignment : assignments.entrySet()) {
          ColumnSchema column = table.columns().get(assignment.getKey());
          Object value = CaptureContext.unconvertedValueOf(assignment.getValue(), parameters);
          Object stored = value == ParameterValues.UNKNOWN ? StatementValues.UNKNOWN : values.stored(value, column);
          if (stored == StatementValues.UNKNOWN) {
            copyWhole(touch, "the value it assigns to column " + column.name() + " is not certain to be stored"
                + " unchanged in a " + column.typeName());
            return;
          }
          assigned[assignment.getKey()] = stored;
        }
        for (Object[] image : found) {
          Object[] after = image.clone();
          for (Integer index : assignments.keySet()) {
            after[index] = assigned[index];
          }
          updated.add(after);
        }
      }
      touch.addRemovedRows(found);
      touch.addInsertedRows(updated);
    }

    private void copyWhole(TransactionCapture.TableTouch touch, String reason) {
      CopyLog.note(sql, table.name(), reason);
      touch.markWholeTable();
    }
  }

  /**
   * A plain {@code INSERT ... VALUES} into a keyed table that gives every column a value the primary stores
   * unchanged ({@link StatementValues}): the statement determines the rows' images, which are kept instead
   * of being read at commit. Where a value's stored form is not certain, or the outcome is unknown, the
   * rows' keys are captured instead ({@code keys}) and read at commit.
   *
   * @param rows      the statement's rows of value sources
   * @param positions for each column of the table, in order, its position in the statement's rows ({@code -1}: left
   *                  out by the statement, stored as NULL)
   */
  record InsertedImages(String tableKey, TableSchema table, List<List<ValueSource>> rows, List<Integer> positions,
      KnownKeys keys) implements TableEffect {

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      if (outcome.failed() || (outcome.updateCount() >= 0 && outcome.updateCount() != rows.size())) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      StatedImages images = StatedImages.of(context, parameters, table, rows, positions);
      if (images.whyNot() != null) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      List<String> keyColumns = table.primaryKey();
      for (Object[] image : images.rows()) {
        Object[] key = new Object[keyColumns.size()];
        for (int k = 0; k < key.length; k++) {
          key[k] = image[columnIndex(keyColumns.get(k))];
        }
        touch.addKnownImage(new RowKey(key), image, table);
      }
    }

    private int columnIndex(String column) {
      for (int i = 0; i < table.columns().size(); i++) {
        if (table.columns().get(i).name().equalsIgnoreCase(column)) {
          return i;
        }
      }
      throw new IllegalStateException("key column " + column + " not in " + table.name());
    }
  }

  /**
   * An {@code INSERT IGNORE} (or PostgreSQL's {@code ON CONFLICT DO NOTHING}) whose VALUES give every row whole:
   * captured as its keys ({@code images.keys()}, read at commit), since a row may be ignored and IGNORE turns a
   * conversion error into a warning. Only a form that proves the outcome may take the statement's images instead:
   * MariaDB's one-trip block ({@code io.doltsync.internal.mirror.OneTripWrite}) journals them when the statement
   * inserted every row and raised no condition, and commits nothing to journal when it inserted none.
   */
  record IgnoringInsert(String tableKey, InsertedImages images) implements TableEffect {
    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      images.keys().after(context, parameters, before, outcome);
    }
  }

  /**
   * An UPDATE by key that gives every other column a literal or parameter, of a table whose stored row the
   * statement alone then determines (no trigger, no generated or {@code ON UPDATE} column: see the planner):
   * when it matched its row (an update count of one), the row's image is the key from its WHERE and the
   * assigned values as the primary stores them ({@link StatementValues}), kept instead of being read at commit.
   * The statement's own exclusive lock keeps the row so until the transaction commits. Any other outcome (no
   * row matched, a batch entry whose count is unknown, a value whose stored form is not certain) captures the
   * key instead ({@code keys}), read at commit as before.
   *
   * @param sources for each column of the table, in order, the value source that sets it: the WHERE's key
   *                equality for key columns, the assignment for the others
   */
  record UpdatedImages(String tableKey, TableSchema table, List<ValueSource> sources, KnownKeys keys)
      implements TableEffect {

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      if (outcome.failed() || outcome.updateCount() != 1) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      StatementValues values = context.statementValues();
      List<ColumnSchema> columns = table.columns();
      Object[] image = new Object[columns.size()];
      for (int c = 0; c < image.length; c++) {
        Object value = CaptureContext.unconvertedValueOf(sources.get(c), parameters);
        Object stored = value == ParameterValues.UNKNOWN ? StatementValues.UNKNOWN : values.stored(value, columns.get(c));
        if (stored == StatementValues.UNKNOWN) {
          keys.after(context, parameters, before, outcome);
          return;
        }
        image[c] = stored;
      }
      List<String> keyColumns = table.primaryKey();
      Object[] key = new Object[keyColumns.size()];
      for (int k = 0; k < key.length; k++) {
        key[k] = image[columnIndexOf(table, keyColumns.get(k))];
      }
      context.capture().table(tableKey).addKnownImage(new RowKey(key), image, table);
    }
  }

  /**
   * An UPDATE by key, of a table whose stored row changes only where the statement assigns it (see the planner), that
   * assigns each of some columns a literal or parameter or an exact amount added to the column itself
   * ({@code c = c + ?}, {@code c = c - 1}): when it matched its row (an update count of one), the row is journaled as
   * its key and those column changes ({@link ColumnChange}), applied in Dolt as an UPDATE of the row, instead of its
   * image being read at commit. Dolt holds the primary's state before the transaction (entries apply in commit order,
   * and the statement's exclusive lock keeps the row so until the transaction commits), so the same changes give the
   * same row. A set value must be one the primary stores unchanged ({@link StatementValues}); an amount must be exact
   * in the column's type ({@link ColumnChange#amount}) and the sum certain not to have been clipped to the column's
   * range: the session is in strict mode, where that is an error ({@link SessionSqlMode}; the planner leaves out
   * {@code UPDATE IGNORE} and texts naming {@code sql_mode}), or the execution raised no warning. Any other outcome captures the key instead ({@code keys}), read at commit as before.
   *
   * @param keySources for each key column, in key order, the value source its WHERE equality gives
   * @param columns    the index in the table of each assigned column
   * @param sources    the value source of each assigned column: a literal or parameter, or an expression with its
   *                   {@link ValueSource#delta()} on the same column
   */
  record ChangedColumns(String tableKey, TableSchema table, List<ValueSource> keySources, List<Integer> columns,
      List<ValueSource> sources, KnownKeys keys) implements TableEffect {

    public ChangedColumns {
      keySources = List.copyOf(keySources);
      columns = List.copyOf(columns);
      sources = List.copyOf(sources);
    }

    @Override
    public boolean needsWarnings() {
      return sources.stream().anyMatch(source -> source.delta() != null);
    }

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      if (outcome.failed() || outcome.updateCount() != 1) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      RowKey key = statedKey(context, table, keySources, parameters);
      List<ColumnChange> changes = key == null ? null : columnChanges(context, table, columns, sources, parameters, outcome);
      if (changes == null) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      context.capture().table(tableKey).addColumnChanges(key, changes, table);
    }

    /**
     * The changes of the assigned columns, or {@code null} when one is not certain: a set value must be one the
     * primary stores unchanged, an amount exact and its sum certainly not clipped (see the record).
     */
    static List<ColumnChange> columnChanges(CaptureContext context, TableSchema table, List<Integer> columns,
        List<ValueSource> sources, Object[] parameters, Outcome outcome) {
      StatementValues values = context.statementValues();
      List<ColumnChange> changes = new java.util.ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        ColumnSchema column = table.columns().get(columns.get(i));
        ValueSource source = sources.get(i);
        ValueSource.Delta delta = source.delta();
        Object value = CaptureContext.unconvertedValueOf(delta == null ? source : delta.operand(), parameters);
        Object change = value == ParameterValues.UNKNOWN ? StatementValues.UNKNOWN
            : delta == null ? values.stored(value, column)
            : outcome.noWarnings() || context.strictSession() ? ColumnChange.amount(value, column, delta.subtract())
            : null;
        if (change == StatementValues.UNKNOWN || change == null && delta != null) {
          return null;
        }
        changes.add(new ColumnChange(columns.get(i), delta != null, change));
      }
      return changes;
    }
  }

  /**
   * An UPDATE whose rows a locking SELECT finds just before it ({@code keys}, by a partial key) and whose assignments
   * are column changes as {@link ChangedColumns}' are, of a table whose stored rows change only where the statement
   * assigns them (see the planner): when its update count equals the number of rows found (the lock keeps them;
   * the count proves no other row matched), each row is journaled as its key and those changes, not read at commit.
   * Any other outcome, a change not certain, or an entry of a batch (whose later entries' rows were found before the
   * earlier ones ran) is captured as {@code keys} captures it (the keys read at commit, or the table copied).
   *
   * @param columns the index in the table of each assigned column
   * @param sources the value source of each assigned column
   */
  record PreSelectedColumnChanges(String tableKey, TableSchema table, List<Integer> columns, List<ValueSource> sources,
      PreSelected keys) implements TableEffect {

    public PreSelectedColumnChanges {
      columns = List.copyOf(columns);
      sources = List.copyOf(sources);
    }

    @Override
    public boolean needsWarnings() {
      return sources.stream().anyMatch(source -> source.delta() != null);
    }

    @Override
    public Object before(CaptureContext context, Object[] parameters) throws SQLException {
      context.lookedUpBeforeExecution(tableKey);
      return keys.before(context, parameters);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      List<RowKey> found = (List<RowKey>) before;
      // a batch's later entries were looked up before the earlier ones changed the table: their keys only
      List<ColumnChange> changes = found == null || outcome.failed() || outcome.updateCount() != found.size()
          || context.lookupsBeforeExecution(tableKey) > 1 ? null
          : ChangedColumns.columnChanges(context, table, columns, sources, parameters, outcome);
      if (changes == null) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      TransactionCapture.TableTouch touch = context.capture().table(tableKey);
      for (RowKey key : found) {
        touch.addColumnChanges(key, changes, table);
      }
    }
  }

  /**
   * A DELETE by the whole key (all integers) from a table without triggers, in a single-table statement, on
   * MySQL/MariaDB: when it deleted a row (an update count of one), that row is the key's, gone once the transaction
   * commits (the statement's exclusive lock keeps any other transaction from inserting the key until then), and is
   * journaled as a deleted key ({@link TransactionCapture.TableTouch#addKnownDeletion}), the same change a read at
   * commit would find, without the read. Any other outcome (no row deleted, a batch entry whose count is unknown, a
   * key value whose stored form is not certain) captures the key instead ({@code keys}), read at commit as before.
   *
   * @param keySources for each key column, in key order, the value source its WHERE equality gives
   */
  record DeletedKey(String tableKey, TableSchema table, List<ValueSource> keySources, KnownKeys keys)
      implements TableEffect {

    public DeletedKey {
      keySources = List.copyOf(keySources);
    }

    @Override
    public void after(CaptureContext context, Object[] parameters, Object before, Outcome outcome) {
      RowKey key = outcome.failed() || outcome.updateCount() != 1 ? null
          : statedKey(context, table, keySources, parameters);
      if (key == null) {
        keys.after(context, parameters, before, outcome);
        return;
      }
      context.capture().table(tableKey).addKnownDeletion(key, table);
    }
  }

  /**
   * The key a statement's WHERE equalities give, as the primary stores it, or {@code null} when a value's stored
   * form is not certain ({@link StatementValues}).
   */
  private static RowKey statedKey(CaptureContext context, TableSchema table, List<ValueSource> keySources,
      Object[] parameters) {
    StatementValues values = context.statementValues();
    List<String> keyColumns = table.primaryKey();
    Object[] key = new Object[keyColumns.size()];
    for (int k = 0; k < key.length; k++) {
      Object value = CaptureContext.unconvertedValueOf(keySources.get(k), parameters);
      key[k] = value == ParameterValues.UNKNOWN ? StatementValues.UNKNOWN
          : values.stored(value, table.columns().get(columnIndexOf(table, keyColumns.get(k))));
      if (key[k] == StatementValues.UNKNOWN) {
        return null;
      }
    }
    return new RowKey(key);
  }

  /**
   * The rows an INSERT's own values determine, as the primary stores them, or why not: the first value whose
   * stored form is not certain ({@link StatementValues}).
   */
  record StatedImages(List<Object[]> rows, String whyNot) {

    static StatedImages of(CaptureContext context, Object[] parameters, TableSchema table,
        List<List<ValueSource>> statementRows, List<Integer> positions) {
      StatementValues values = context.statementValues();
      List<ColumnSchema> columns = table.columns();
      List<Object[]> images = new java.util.ArrayList<>(statementRows.size());
      for (List<ValueSource> row : statementRows) {
        Object[] image = new Object[columns.size()];
        for (int c = 0; c < image.length; c++) {
          int position = positions.get(c);
          if (position < 0) {
            image[c] = null; // left out by the statement: the planner made sure the primary stores NULL
            continue;
          }
          Object value = CaptureContext.unconvertedValueOf(row.get(position), parameters);
          Object stored = value == ParameterValues.UNKNOWN ? StatementValues.UNKNOWN
              : values.stored(value, columns.get(c));
          if (stored == StatementValues.UNKNOWN) {
            return new StatedImages(List.of(), "the value given for column " + columns.get(c).name() + " ("
                + describe(value) + ") is not certain to be stored unchanged in a " + columns.get(c).typeName());
          }
          image[c] = stored;
        }
        images.add(image);
      }
      return new StatedImages(images, null);
    }

    private static String describe(Object value) {
      return value == null ? "NULL" : value == ParameterValues.UNKNOWN ? "not known"
          : value.getClass().getSimpleName();
    }
  }
}
