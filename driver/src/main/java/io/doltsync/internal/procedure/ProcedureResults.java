package io.doltsync.internal.procedure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * Builds the in-memory result set a doltsync procedure answers with: declare the columns, add rows, then
 * {@link #toResultSet()}. Values are strings, whole numbers ({@code BIGINT}) or booleans.
 */
public final class ProcedureResults {

  private final List<String> names = new ArrayList<>();
  private final List<Integer> types = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();

  /** Adds a {@code VARCHAR} column. */
  public ProcedureResults text(String column) {
    return column(column, Types.VARCHAR);
  }

  /** Adds a {@code BIGINT} column. */
  public ProcedureResults number(String column) {
    return column(column, Types.BIGINT);
  }

  /** Adds a {@code BOOLEAN} column. */
  public ProcedureResults flag(String column) {
    return column(column, Types.BOOLEAN);
  }

  private ProcedureResults column(String name, int type) {
    if (!rows.isEmpty()) {
      throw new IllegalStateException("columns are declared before rows");
    }
    names.add(name);
    types.add(type);
    return this;
  }

  /** Adds a row; one value per column, in order ({@code null} allowed). */
  public ProcedureResults row(Object... values) {
    if (values.length != names.size()) {
      throw new IllegalArgumentException("a row of " + names.size() + " columns got " + values.length + " values");
    }
    rows.add(values.clone());
    return this;
  }

  /** The result set, positioned before its first row. */
  public ResultSet toResultSet() throws SQLException {
    RowSetMetaDataImpl metaData = new RowSetMetaDataImpl();
    metaData.setColumnCount(names.size());
    for (int i = 0; i < names.size(); i++) {
      metaData.setColumnName(i + 1, names.get(i));
      metaData.setColumnLabel(i + 1, names.get(i));
      metaData.setColumnType(i + 1, types.get(i));
      metaData.setColumnTypeName(i + 1, typeName(types.get(i)));
      metaData.setNullable(i + 1, ResultSetMetaData.columnNullable);
    }
    CachedRowSet result = RowSetProvider.newFactory().createCachedRowSet();
    result.setMetaData(metaData);
    for (Object[] row : rows) {
      result.moveToInsertRow();
      for (int i = 0; i < row.length; i++) {
        update(result, i + 1, types.get(i), row[i]);
      }
      result.insertRow();
      result.moveToCurrentRow();
    }
    result.beforeFirst();
    return result;
  }

  private static void update(CachedRowSet result, int column, int type, Object value) throws SQLException {
    if (value == null) {
      result.updateNull(column);
    } else if (type == Types.BIGINT) {
      result.updateLong(column, ((Number) value).longValue());
    } else if (type == Types.BOOLEAN) {
      result.updateBoolean(column, (Boolean) value);
    } else {
      result.updateString(column, value instanceof BigDecimal number ? number.toPlainString() : value.toString());
    }
  }

  private static String typeName(int type) {
    return switch (type) {
      case Types.BIGINT -> "BIGINT";
      case Types.BOOLEAN -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }
}
