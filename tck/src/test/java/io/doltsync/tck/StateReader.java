package io.doltsync.tck;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link DatabaseState}s: the primary's through plain JDBC (its tables listed by the
 * {@link Primary}'s own query, every column of {@code SELECT *}, read again in the dialect's exact select list
 * where a column needs one), and Dolt's at a commit through
 * {@code AS OF}. Values become canonical through the driver's dialect ({@code readValue} on the primary,
 * {@code readDoltValue} on Dolt), so they compare with {@link io.doltsync.internal.dialect.CanonicalValues}.
 * A table whose content did not change keeps its previous {@link TableState} instance.
 */
final class StateReader {

  private final Primary primary;
  private final SourceDialect dialect;
  private final String journalTable;

  StateReader(Primary primary, SourceDialect dialect, String journalTable) {
    this.primary = primary;
    this.dialect = dialect;
    this.journalTable = journalTable;
  }

  /** The primary's committed state (or, on a connection inside a transaction, that transaction's view). */
  DatabaseState readPrimary(Connection connection, DatabaseState previous) throws SQLException {
    Map<String, TableState> tables = new HashMap<>();
    for (String table : baseTables(connection)) {
      TableState before = previous == null ? null : previous.table(table.toLowerCase(Locale.ROOT));
      TableState now = readPrimaryTable(connection, table, before);
      tables.put(now.name(), before != null && before.sameAs(now) ? before : now);
    }
    return new DatabaseState(tables);
  }

  private List<String> baseTables(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(primary.baseTablesQuery())) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!name.equalsIgnoreCase(journalTable)
            && !name.equalsIgnoreCase(io.doltsync.internal.journal.QuarantineTable.quarantineNameFor(journalTable))
            && !name.equalsIgnoreCase(io.doltsync.internal.journal.QuarantineTable.divergedNameFor(journalTable))
            && !name.equalsIgnoreCase(io.doltsync.internal.capture.binlog.BinlogAnnouncements.tableFor(journalTable))
            && !name.equalsIgnoreCase(journalTable + "_binlog")) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private TableState readPrimaryTable(Connection connection, String table, TableState before) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
      List<String> columns = columnNames(rs.getMetaData());
      List<ColumnSchema> schemas = before != null && before.columns().equals(columns)
          ? before.schemas() : schemas(connection, table, columns);
      if (!readsExactly(schemas)) {
        rs.close();
        try (ResultSet exact = statement.executeQuery(
            "SELECT " + dialect.selectColumns(schemas) + " FROM " + table)) {
          return new TableState(table.toLowerCase(Locale.ROOT), columns, schemas, rows(exact, schemas));
        }
      }
      return new TableState(table.toLowerCase(Locale.ROOT), columns, schemas, rows(rs, schemas));
    }
  }

  /**
   * Whether {@code SELECT *} reads every column's stored value: not where the dialect selects a column in another
   * form (a MySQL/MariaDB {@code FLOAT} comes with 6 significant digits through the text protocol), as doltsync's
   * own readers do ({@link SourceDialect#selectColumn}); such a table is read again with that select list.
   */
  private boolean readsExactly(List<ColumnSchema> schemas) {
    return schemas.stream().allMatch(c -> dialect.selectColumn(c).equals(dialect.quoteIdentifier(c.name())));
  }

  private List<Object[]> rows(ResultSet rs, List<ColumnSchema> schemas) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[schemas.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = dialect.readValue(rs, i + 1, schemas.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private List<ColumnSchema> schemas(Connection connection, String table, List<String> columns) throws SQLException {
    TableSchema schema = dialect.readTable(connection, table);
    List<ColumnSchema> schemas = new ArrayList<>();
    for (String column : columns) {
      schemas.add(schema.column(column).orElseThrow(() -> new IllegalStateException(
          "the driver's dialect does not report column " + column + " of " + table + " (it reports "
              + schema.columns().stream().map(ColumnSchema::name).toList() + ")")));
    }
    return List.copyOf(schemas);
  }

  /**
   * Dolt's state at a commit. Tables the expected state also has are read with the expected columns'
   * schemas; other tables are reported by their row count only (they should not be there).
   */
  DatabaseState readDolt(Connection dolt, String commit, DatabaseState expected) throws SQLException {
    Map<String, TableState> tables = new HashMap<>();
    for (String table : doltTables(dolt, commit)) {
      TableState model = expected.table(table);
      tables.put(table, readDoltTable(dolt, commit, table, model));
    }
    return new DatabaseState(tables);
  }

  private static List<String> doltTables(Connection dolt, String commit) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW TABLES AS OF '" + commit + "'")) {
      while (rs.next()) {
        names.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private TableState readDoltTable(Connection dolt, String commit, String table, TableState model)
      throws SQLException {
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM `" + table + "` AS OF '" + commit + "'")) {
      List<String> columns = columnNames(rs.getMetaData());
      List<Object[]> rows = new ArrayList<>();
      boolean comparable = model != null && model.columns().equals(columns);
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = comparable ? dialect.readDoltValue(rs, i + 1, model.schemas().get(i)) : rs.getString(i + 1);
        }
        rows.add(row);
      }
      return new TableState(table, columns, comparable ? model.schemas() : List.of(), rows);
    }
  }

  private static List<String> columnNames(ResultSetMetaData meta) throws SQLException {
    List<String> names = new ArrayList<>(meta.getColumnCount());
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
