package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.ResultSetRow;
import io.doltsync.sql.StatementKind;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The row changes of one result set ({@code updateRow}, {@code insertRow}, {@code deleteRow}), sent
 * through the session so that they are captured like statements: which table the result set's rows belong
 * to is read once from the driver's result-set metadata, and the row's values from the driver's result set.
 */
final class UpdatableRows implements ResultSetRow {

  private final ResultSet delegate;
  private final Session session;
  /** Resolved on the first row change. */
  private RowTable table;
  /** The values the application gave columns (by 1-based index) since it last moved to or from the insert row. */
  private final Map<Integer, Object> given = new HashMap<>();

  UpdatableRows(ResultSet delegate, Session session) {
    this.delegate = delegate;
    this.session = session;
  }

  /** Runs the driver's row change through the session. */
  void change(StatementKind kind, Session.Execution<Void> change) throws SQLException {
    RowTable resolved = table();
    session.executeResultSetRowChange(new Session.ResultSetTable(resolved.name, resolved.catalog, resolved.schema),
        kind, this, change);
    if (kind == StatementKind.INSERT) {
      given.clear();
    }
  }

  /** The application gave a column a value ({@link ParameterValues#UNKNOWN} for streams and the like). */
  void given(int columnIndex, Object value) {
    given.put(columnIndex, value);
  }

  /** The application moved to or from the insert row: the values it gives start afresh. */
  void forgetGiven() {
    given.clear();
  }

  @Override
  public Object[] givenValues(List<String> columns) throws SQLException {
    Map<String, Integer> indexes = table().columnIndexes;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      Integer index = indexes.get(columns.get(i).toLowerCase(Locale.ROOT));
      if (index == null || !given.containsKey(index)) {
        return null;
      }
      values[i] = given.get(index);
    }
    return values;
  }

  @Override
  public Object[] values(List<String> columns) throws SQLException {
    Map<String, Integer> indexes = table().columnIndexes;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      Integer index = indexes.get(columns.get(i).toLowerCase(Locale.ROOT));
      if (index == null) {
        return null;
      }
      values[i] = delegate.getObject(index);
    }
    return values;
  }

  private RowTable table() throws SQLException {
    if (table == null) {
      table = RowTable.of(delegate.getMetaData());
    }
    return table;
  }

  /**
   * The one table every column of the result set comes from ({@code name} null when the columns name no
   * table or several), and the columns' indexes by lower-case column name.
   */
  private record RowTable(String name, String catalog, String schema, Map<String, Integer> columnIndexes) {

    static RowTable of(ResultSetMetaData meta) throws SQLException {
      String name = null;
      String catalog = null;
      String schema = null;
      boolean attributable = meta.getColumnCount() > 0;
      Map<String, Integer> indexes = new HashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String table = meta.getTableName(i);
        if (table == null || table.isEmpty() || name != null && !name.equals(table)
            || catalog != null && !catalog.equals(nonNull(meta.getCatalogName(i)))
            || schema != null && !schema.equals(nonNull(meta.getSchemaName(i)))) {
          attributable = false;
        }
        if (name == null) {
          name = table;
          catalog = nonNull(meta.getCatalogName(i));
          schema = nonNull(meta.getSchemaName(i));
        }
        indexes.putIfAbsent(meta.getColumnName(i).toLowerCase(Locale.ROOT), i);
      }
      return new RowTable(attributable ? name : null, catalog, schema, Map.copyOf(indexes));
    }

    private static String nonNull(String value) {
      return value == null ? "" : value;
    }
  }
}
