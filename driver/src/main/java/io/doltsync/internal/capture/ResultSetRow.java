package io.doltsync.internal.capture;

import java.sql.SQLException;
import java.util.List;

/**
 * The row an updatable result set is on, as the capture reads it: before a row change, the row as the
 * driver last read it; after one, as the driver reports it (its current row after {@code updateRow}, its
 * insert row after {@code insertRow}).
 */
public interface ResultSetRow {

  /**
   * The values of the named columns (the table's key), in the given order, or {@code null} when one of them
   * is not a column of the result set.
   */
  Object[] values(List<String> columns) throws SQLException;

  /**
   * The values the application gave the named columns on the insert row (through the result set's
   * {@code updateXxx} methods), in the given order, {@link io.doltsync.internal.jdbc.wrapper.ParameterValues#UNKNOWN}
   * for one given as a stream or the like; {@code null} when it gave one of them none.
   */
  Object[] givenValues(List<String> columns) throws SQLException;
}
