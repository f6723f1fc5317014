package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The capture's columns of the rows a statement returned to the application
 * ({@link io.doltsync.internal.capture.ExtendedReturning}): the last {@code appended} columns of the driver's
 * scroll-insensitive result set, read once over every row before the application reads any, then rewound to
 * before the first row, so that the application reads the rows from the start as the raw driver gives them.
 */
final class AppendedRows implements WriteRequest.ReturnedRows {

  private final ResultSet rows;
  private final int appended;
  private boolean read;

  /**
   * @param rows     the driver's result set of the execution (scroll-insensitive), or {@code null} when it
   *                 returned none
   * @param appended how many of its last columns are the capture's
   */
  AppendedRows(ResultSet rows, int appended) {
    this.rows = rows;
    this.appended = appended;
  }

  /** The number of rows the statement returned, its update count (the result set is left before its first row). */
  long count() throws SQLException {
    if (rows == null) {
      return -2;
    }
    long count = rows.last() ? rows.getRow() : 0;
    rows.beforeFirst();
    return count;
  }

  @Override
  public List<Object[]> next(long count, WriteRequest.RowReader reader) throws SQLException {
    if (rows == null || read) {
      return count == 0 ? List.of() : null;
    }
    read = true;
    int offset = rows.getMetaData().getColumnCount() - appended;
    ResultSet shifted = shifted(rows, offset);
    List<Object[]> taken = new ArrayList<>((int) Math.min(count, 1024));
    try {
      for (long i = 0; i < count; i++) {
        if (!rows.next()) {
          return null;
        }
        taken.add(reader.read(shifted));
      }
    } finally {
      rows.beforeFirst();
    }
    return taken;
  }

  /** A view of {@code rows} whose column {@code i} is its column {@code offset + i}, for the capture's reads. */
  private static ResultSet shifted(ResultSet rows, int offset) {
    return new ColumnMappedResultSet(rows) {
      @Override
      protected int column(int index) {
        return index + offset;
      }

      @Override
      protected int column(String label) throws SQLException {
        return delegate.findColumn(label);
      }
    };
  }
}
