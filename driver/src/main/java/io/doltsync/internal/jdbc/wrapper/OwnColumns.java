package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The application's view of a pgjdbc result set whose statement returned doltsync's columns after the
 * application's own ({@link io.doltsync.internal.capture.ExtendedReturning}): only the first {@code visible}
 * columns exist, by position, by label ({@code findColumn} and every getter or updater by label) and in the
 * metadata, with pgjdbc's own messages and SQLStates for a column that does not (the driver refuses updaters on this
 * read-only result set); and a result set the application asked for as forward-only refuses to scroll as pgjdbc's
 * does (the driver's is scroll-insensitive, so that the capture can read its rows first and rewind it). Everything
 * else is the driver's result set itself.
 */
final class OwnColumns extends ColumnMappedResultSet {

  private final int visible;
  private final int type;

  private OwnColumns(ResultSet rows, int visible, int type) {
    super(rows);
    this.visible = visible;
    this.type = type;
  }

  /**
   * The first {@code visible} columns of {@code rows}, reported as of result set type {@code type} (the one the
   * application asked for).
   */
  static ResultSet of(ResultSet rows, int visible, int type) {
    return new OwnColumns(rows, visible, type);
  }

  /** The first {@code visible} columns of a result set's (or a prepared statement's) metadata. */
  static ResultSetMetaData of(ResultSetMetaData metaData, int visible) {
    return metaData == null ? null : new VisibleColumnsMetaData(metaData, visible);
  }

  @Override
  protected int column(int index) throws SQLException {
    if ((index < 1 || index > visible) && delegate.getRow() == 0) { // the driver checks closed, then the row
      throw new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
    }
    checkIndex(index, visible);
    return index;
  }

  /** The driver's index of a label among the visible columns (the driver finds the first column of a label). */
  @Override
  protected int column(String label) throws SQLException {
    int index = delegate.findColumn(label);
    if (index > visible) {
      throw new SQLException("The column name " + label + " was not found in this ResultSet.", "42703");
    }
    return index;
  }

  @Override
  protected void scroll() throws SQLException {
    if (type == ResultSet.TYPE_FORWARD_ONLY && !delegate.isClosed()) {
      throw notScrollable();
    }
  }

  @Override
  protected void fetchDirection(int direction) throws SQLException {
    if (type == ResultSet.TYPE_FORWARD_ONLY && !delegate.isClosed()
        && (direction == ResultSet.FETCH_REVERSE || direction == ResultSet.FETCH_UNKNOWN)) {
      throw notScrollable();
    }
  }

  @Override
  protected ResultSetMetaData metaData() throws SQLException {
    return of(delegate.getMetaData(), visible);
  }

  @Override
  protected int type() throws SQLException {
    delegate.getType(); // a closed result set throws as the driver's does
    return type;
  }

  static void checkIndex(int index, int visible) throws SQLException {
    if (index < 1 || index > visible) {
      throw new SQLException("The column index is out of range: " + index + ", number of columns: " + visible + ".",
          "22023");
    }
  }

  private static SQLException notScrollable() {
    return new SQLException("Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.",
        "24000");
  }
}
