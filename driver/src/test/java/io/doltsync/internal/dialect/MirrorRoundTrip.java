package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.testing.LocalInfileDolt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Mirrors one primary table into a real Dolt table the way the engine does (schema through the dialect,
 * table through {@link DoltDdl}, rows through {@code readValue} and {@code setObject}) and checks that
 * every cell read back from Dolt is {@link CanonicalValues#same the same} canonical value.
 */
final class MirrorRoundTrip {

  private final SourceDialect dialect;
  private final Connection primary;
  private final Connection dolt;

  MirrorRoundTrip(SourceDialect dialect, Connection primary, Connection dolt) {
    this.dialect = dialect;
    this.primary = primary;
    this.dolt = dolt;
  }

  /**
   * Creates the Dolt table, copies every row, asserts Dolt returns the same values, and gives the
   * primary's canonical rows in primary-key order, keyed by Dolt column name.
   */
  List<Map<String, Object>> copy(String table, boolean textFallback) throws SQLException {
    TableSchema schema = dialect.readTable(primary, table);
    String doltTable = DoltDdl.doltName(schema.name());
    try (Statement statement = dolt.createStatement()) {
      statement.execute(DoltDdl.createTable(doltTable, schema, dialect, textFallback));
    }
    List<Map<String, Object>> rows = read(primary, selectAll(schema, schema.name(), dialect::quoteIdentifier, name -> name),
        schema, dialect::readValue);
    insert(doltTable, schema, rows);
    List<Map<String, Object>> mirrored = read(dolt, selectAll(schema, doltTable, DoltDdl::quote, DoltDdl::doltName), schema,
        dialect::readDoltValue);
    assertThat(mirrored).as("rows in Dolt table %s", doltTable).hasSameSizeAs(rows);
    for (int i = 0; i < rows.size(); i++) {
      for (String column : rows.get(i).keySet()) {
        Object expected = rows.get(i).get(column);
        Object actual = mirrored.get(i).get(column);
        if (!CanonicalValues.same(expected, actual)) {
          fail("%s.%s in row %d: the primary has %s but Dolt gave back %s", table, column, i + 1, describe(expected), describe(actual));
        }
      }
    }
    checkLoadData(doltTable, schema, rows, textFallback);
    return rows;
  }

  /**
   * Streams the same canonical rows into a copy of the table with Dolt's bulk path ({@link DoltLoadData}, the
   * bootstrap's), on a Dolt server that allows it, and asserts Dolt returns the same values in every column
   * whose type LOAD DATA stores exactly (the bootstrap copies tables with other columns with INSERTs).
   */
  private void checkLoadData(String doltTable, TableSchema schema, List<Map<String, Object>> rows, boolean textFallback)
      throws SQLException {
    try (Connection loading = LocalInfileDolt.newDatabase("loaddata")) {
      try (Statement statement = loading.createStatement()) {
        statement.execute(DoltDdl.createTable(doltTable, schema, dialect, textFallback));
      }
      Set<String> exact = new LinkedHashSet<>();
      try (PreparedStatement types = loading.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM"
          + " information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
        types.setString(1, doltTable);
        try (ResultSet rs = types.executeQuery()) {
          while (rs.next()) {
            if (DoltLoadData.isExact(rs.getString(2))) {
              exact.add(rs.getString(1));
            }
          }
        }
      }
      List<String> columns = schema.columns().stream().map(c -> DoltDdl.doltName(c.name())).filter(exact::contains)
          .toList();
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      for (Map<String, Object> row : rows) {
        DoltLoadData.writeRow(columns.stream().map(row::get).toArray(), text);
      }
      try (Statement statement = loading.createStatement()) {
        statement.unwrap(org.mariadb.jdbc.Statement.class)
            .setLocalInfileInputStream(new ByteArrayInputStream(text.toByteArray()));
        assertThat(statement.executeUpdate(DoltLoadData.statement(doltTable, columns))).as("rows LOAD DATA stored")
            .isEqualTo(rows.size());
      }
      List<Map<String, Object>> loaded = read(loading, selectAll(schema, doltTable, DoltDdl::quote, DoltDdl::doltName),
          schema, dialect::readDoltValue);
      assertThat(loaded).as("rows in Dolt table %s loaded with LOAD DATA", doltTable).hasSameSizeAs(rows);
      for (int i = 0; i < rows.size(); i++) {
        for (String column : columns) {
          Object expected = rows.get(i).get(column);
          Object actual = loaded.get(i).get(column);
          if (!CanonicalValues.same(expected, actual)) {
            fail("%s.%s in row %d, loaded with LOAD DATA: the primary has %s but Dolt gave back %s", doltTable, column,
                i + 1, describe(expected), describe(actual));
          }
        }
      }
    }
  }

  private void insert(String doltTable, TableSchema schema, List<Map<String, Object>> rows) throws SQLException {
    List<String> columns = schema.columns().stream().map(c -> DoltDdl.quote(DoltDdl.doltName(c.name()))).toList();
    String sql = "INSERT INTO " + DoltDdl.quote(doltTable) + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    try (PreparedStatement insert = dolt.prepareStatement(sql)) {
      for (Map<String, Object> row : rows) {
        int index = 1;
        for (Object value : row.values()) {
          insert.setObject(index++, value);
        }
        insert.executeUpdate();
      }
    }
  }

  /** All columns in primary-key order; {@code naming} turns primary column names into the table's own. */
  private static String selectAll(TableSchema schema, String table, UnaryOperator<String> quote, UnaryOperator<String> naming) {
    List<String> columns = schema.columns().stream().map(c -> quote.apply(naming.apply(c.name()))).toList();
    List<String> key = schema.primaryKey().stream().map(c -> quote.apply(naming.apply(c))).toList();
    return "SELECT " + String.join(", ", columns) + " FROM " + quote.apply(table) + " ORDER BY " + String.join(", ", key);
  }

  private static List<Map<String, Object>> read(Connection connection, String sql, TableSchema schema, CellReader reader)
      throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        int index = 1;
        for (ColumnSchema column : schema.columns()) {
          row.put(DoltDdl.doltName(column.name()), reader.read(rs, index++, column));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String describe(Object value) {
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    return value == null ? "NULL" : value + " (" + value.getClass().getSimpleName() + ")";
  }

  @FunctionalInterface
  private interface CellReader {
    Object read(ResultSet resultSet, int index, ColumnSchema column) throws SQLException;
  }
}
