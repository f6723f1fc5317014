package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;

/**
 * The outcome of a statement that ran on Dolt: a result set, or an update count ({@code -1} when there
 * is a result set).
 */
public record DoltResult(ResultSet resultSet, long updateCount) {

  public static DoltResult of(ResultSet resultSet) {
    return new DoltResult(resultSet, -1);
  }

  public static DoltResult count(long updateCount) {
    return new DoltResult(null, updateCount);
  }
}
