package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.UnreadableValue;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, inside the committing transaction, the final state of what it touched: the current row of every
 * captured key (absent rows become deletions), or every row of a table copied whole.
 *
 * <p>Every read locks what it reads ({@code FOR UPDATE}; a whole-table copy first takes a share lock on the
 * table where the database has one). A plain read could return a snapshot older than a concurrent
 * transaction that committed in between, and since that transaction's journal entry may be applied
 * first, the stale image would then overwrite it in Dolt. A locked read returns the latest committed
 * version and holds it until this transaction's entry is written, which orders the two entries the way
 * the rows were written.
 */
public final class RowImageReader {

  static final int KEYS_PER_QUERY = 500;
  /** The most key values (keys times key columns) one query binds. */
  static final int MAX_KEY_VALUES = 2000;

  private final SourceDialect dialect;

  public RowImageReader(SourceDialect dialect) {
    this.dialect = dialect;
  }

  /** The rows with the given keys, and the keys that no longer have a row. */
  public TableChange keyedRows(Connection connection, TableSchema table, Iterable<RowKey> learned) throws SQLException {
    List<ColumnSchema> keyTypes = keyTypes(table);
    List<RowKey> keys = asStored(keyTypes, learned);
    List<Object[]> rows = new ArrayList<>();
    int perQuery = keysPerQuery(table);
    List<RowKey> batch = new ArrayList<>(perQuery);
    for (RowKey key : keys) {
      batch.add(key);
      if (batch.size() == perQuery) {
        readBatch(connection, table, keyTypes, batch, rows);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      readBatch(connection, table, keyTypes, batch, rows);
    }
    return keyedChange(table, keys, rows);
  }

  /** The change of a table whose keys' current rows are {@code rows}: those rows, and deletions for keys without one. */
  TableChange keyedChange(TableSchema table, Iterable<RowKey> keys, List<Object[]> rows) {
    List<String> keyColumns = table.primaryKey();
    int[] keyPositions = keyColumns.stream().mapToInt(c -> indexOf(table, c)).toArray();
    Map<RowKey, RowKey> missing = new LinkedHashMap<>();
    for (RowKey key : keys) {
      missing.put(key, key);
    }
    for (Object[] row : rows) {
      Object[] key = new Object[keyPositions.length];
      for (int i = 0; i < key.length; i++) {
        key[i] = row[keyPositions[i]];
      }
      missing.remove(new RowKey(key));
    }
    List<Object[]> deleted = missing.keySet().stream().map(RowKey::values).toList();
    return new TableChange(DoltDdl.doltName(table.name()), TableChange.Kind.ROWS, table, columnNames(table),
        keyColumns, rows, deleted);
  }

  /** Every row of the table: its whole content ({@code reshape}: with its new schema). */
  public TableChange wholeTable(Connection connection, TableSchema table, boolean reshape) throws SQLException {
    lockTable(connection, table);
    return wholeTable(connection, table, reshape, selectColumns(table) + dialect.lockingClause());
  }

  /**
   * Every row of the table as the statement's snapshot sees it, read without a lock: exact only when no writer of
   * the table can commit between this read and the transaction's commit ({@link WholeTableCopies}).
   */
  TableChange wholeTableUnlocked(Connection connection, TableSchema table) throws SQLException {
    return wholeTable(connection, table, false, selectColumns(table));
  }

  private TableChange wholeTable(Connection connection, TableSchema table, boolean reshape, String query)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(query);
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows.add(readRow(rs, table));
      }
    }
    return new TableChange(DoltDdl.doltName(table.name()),
        reshape ? TableChange.Kind.RESHAPE : TableChange.Kind.REPLACE_ALL, table, columnNames(table),
        table.primaryKey(), rows, List.of());
  }

  private void readBatch(Connection connection, TableSchema table, List<ColumnSchema> keyTypes, List<RowKey> keys,
      List<Object[]> into) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(keyQuery(table, keys.size()))) {
      bindKeys(select, 1, keyTypes, keys);
      try (ResultSet rs = select.executeQuery()) {
        readRows(rs, table, into);
      }
    }
  }

  /**
   * The keys as the primary stores them: an integer the application bound to a character key column (BenchBase
   * AuctionMark's {@code setLong} into a {@code varchar} id) is stored as its decimal text by MySQL/MariaDB and by
   * PostgreSQL's assignment cast, so it is looked up and compared as that text (PostgreSQL has no
   * {@code varchar = bigint}, and a row read back keyed {@code "5"} is not the key {@code 5}); duplicates that meet
   * so are one key. Other values are kept as learned.
   */
  static List<RowKey> asStored(List<ColumnSchema> keyTypes, Iterable<RowKey> keys) {
    java.util.LinkedHashSet<RowKey> stored = new java.util.LinkedHashSet<>();
    for (RowKey key : keys) {
      Object[] values = key.values();
      boolean changed = false;
      for (int c = 0; c < values.length && c < keyTypes.size(); c++) {
        if (isCharacter(keyTypes.get(c)) && (values[c] instanceof Long || values[c] instanceof Integer
            || values[c] instanceof Short || values[c] instanceof Byte || values[c] instanceof java.math.BigInteger)) {
          values[c] = values[c].toString();
          changed = true;
        }
      }
      stored.add(changed ? new RowKey(values) : key);
    }
    return List.copyOf(stored);
  }

  private static boolean isCharacter(ColumnSchema column) {
    return switch (column.jdbcType()) {
      case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.LONGVARCHAR, java.sql.Types.NCHAR,
          java.sql.Types.NVARCHAR, java.sql.Types.LONGNVARCHAR -> true;
      default -> false;
    };
  }

  /** The key columns' schemas, in key order. */
  static List<ColumnSchema> keyTypes(TableSchema table) {
    return table.primaryKey().stream().map(c -> table.column(c).orElseThrow()).toList();
  }

  /** Binds the keys' values from parameter {@code index} on; returns the next parameter's index. */
  static int bindKeys(PreparedStatement select, int index, List<ColumnSchema> keyTypes, List<RowKey> keys)
      throws SQLException {
    for (RowKey key : keys) {
      Object[] values = key.values();
      for (int c = 0; c < values.length; c++) {
        CaptureContext.bind(select, index++, values[c], keyTypes.get(c));
      }
    }
    return index;
  }

  /** Reads every row of {@code rs}, whose columns are the table's in order, into {@code into}. */
  void readRows(ResultSet rs, TableSchema table, List<Object[]> into) throws SQLException {
    while (rs.next()) {
      into.add(readRow(rs, table));
    }
  }

  /** {@code SELECT <every column> FROM t WHERE <one of keyCount keys>} with the dialect's locking clause. */
  String keyQuery(TableSchema table, int keyCount) {
    KeyQuery key = new KeyQuery(table, keyCount);
    String known = keyQueries.get(key);
    if (known == null) {
      if (keyQueries.size() >= MAX_KEY_QUERIES) {
        keyQueries.clear();
      }
      known = keyQuery(table, keyCount, KeyForm.of(dialect, keyTypes(table)));
      keyQueries.put(key, known);
    }
    return known;
  }

  /** Key queries made, by schema instance (the catalog hands out the same one until it reloads) and key count. */
  private final Map<KeyQuery, String> keyQueries = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_KEY_QUERIES = 1024;

  /** A key query's schema, compared by identity (a schema's equality compares every column), and key count. */
  private static final class KeyQuery {
    private final TableSchema table;
    private final int keyCount;

    KeyQuery(TableSchema table, int keyCount) {
      this.table = table;
      this.keyCount = keyCount;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof KeyQuery that && that.table == table && that.keyCount == keyCount;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(table) * 31 + keyCount;
    }
  }

  /** {@link #keyQuery(TableSchema, int)} written in the given form. */
  String keyQuery(TableSchema table, int keyCount, KeyForm form) {
    StringBuilder sql = new StringBuilder(selectColumns(table));
    if (dialect instanceof io.doltsync.internal.dialect.MySqlDialect) {
      // MySQL/MariaDB may plan a long key list over a small table (or one with stale statistics, as during a
      // load) as a full scan, and FOR UPDATE then locks every row, other transactions' too: deadlocks and lock
      // waits the application's own statements never had. The primary key's index reads only these keys.
      sql.append(" FORCE INDEX (PRIMARY)");
    }
    sql.append(" WHERE ");
    List<String> quoted = table.primaryKey().stream().map(dialect::quoteIdentifier).toList();
    form.appendCondition(sql, quoted, keyCount);
    return sql.append(dialect.lockingClause()).toString();
  }

  /** The most keys one query reads: 500, and no more than {@link #MAX_KEY_VALUES} bound values. */
  static int keysPerQuery(TableSchema table) {
    return Math.max(1, Math.min(KEYS_PER_QUERY, MAX_KEY_VALUES / Math.max(1, table.primaryKey().size())));
  }

  /**
   * Takes a share lock on the whole table where the database offers one inside a transaction
   * (PostgreSQL, Oracle): it waits for concurrent writers and keeps new ones out until this transaction
   * ends, so the copy is the table's latest state. MySQL and MariaDB get the same effect from the
   * {@code FOR UPDATE} scan's next-key locks under their default REPEATABLE READ isolation.
   */
  private void lockTable(Connection connection, TableSchema table) throws SQLException {
    String lock = dialect.shareLockTable(dialect.quoteIdentifier(table.name()));
    if (lock != null) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(lock);
      }
    }
  }

  private Object[] readRow(ResultSet rs, TableSchema table) throws SQLException {
    List<ColumnSchema> columns = table.columns();
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = UnreadableValue.read(dialect, rs, i + 1, columns.get(i));
    }
    return row;
  }

  private String selectColumns(TableSchema table) {
    StringBuilder sql = new StringBuilder("SELECT ").append(dialect.selectColumns(table.columns()));
    return sql.append(" FROM ").append(dialect.quoteIdentifier(table.name())).toString();
  }

  private static List<String> columnNames(TableSchema table) {
    return table.columns().stream().map(ColumnSchema::name).toList();
  }

  private static int indexOf(TableSchema table, String column) {
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new IllegalStateException("key column " + column + " not in " + table.name());
  }
}
