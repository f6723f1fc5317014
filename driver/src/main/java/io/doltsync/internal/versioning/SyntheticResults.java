package io.doltsync.internal.versioning;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/** In-memory result sets for the results doltsync makes up itself, such as the hash of a commit. */
final class SyntheticResults {

  /** The column of a commit hash, as Dolt's {@code CALL dolt_commit(...)} names it. */
  static final String HASH = "hash";

  private SyntheticResults() {
  }

  /** One VARCHAR column; one row holding {@code value}, or no row when {@code value} is null. */
  static ResultSet singleValue(String column, String value) throws SQLException {
    RowSetMetaDataImpl metaData = new RowSetMetaDataImpl();
    metaData.setColumnCount(1);
    metaData.setColumnName(1, column);
    metaData.setColumnLabel(1, column);
    metaData.setColumnType(1, Types.VARCHAR);
    metaData.setColumnTypeName(1, "VARCHAR");
    metaData.setNullable(1, ResultSetMetaData.columnNullable);
    CachedRowSet rows = RowSetProvider.newFactory().createCachedRowSet();
    rows.setMetaData(metaData);
    if (value != null) {
      rows.moveToInsertRow();
      rows.updateString(1, value);
      rows.insertRow();
      rows.moveToCurrentRow();
    }
    rows.beforeFirst();
    return rows;
  }
}
