package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;

/**
 * A primary value its dialect could not turn into a canonical value (PostgreSQL's {@code NaN} or
 * {@code Infinity} numeric, an infinite {@code timestamptz}): its text form and why. It stands in the row
 * so that the value check can refuse it, naming table and column; it never reaches the journal.
 *
 * @param text   the value as the primary's driver prints it
 * @param reason the reader's error message
 */
public record UnreadableValue(String text, String reason) {

  /**
   * Reads a cell with {@link SourceDialect#readValue}; a value the reader refuses (but the driver can still
   * print, so the connection is fine) becomes an {@link UnreadableValue}.
   */
  public static Object read(SourceDialect dialect, ResultSet rs, int index, ColumnSchema column) throws SQLException {
    try {
      return dialect.readValue(rs, index, column);
    } catch (SQLException | DateTimeException | ArithmeticException | NumberFormatException e) {
      String text;
      try {
        text = rs.getString(index);
      } catch (SQLException unreadable) {
        e.addSuppressed(unreadable);
        if (e instanceof SQLException sql) {
          throw sql;
        }
        throw new SQLException("cannot read column " + column.name() + ": " + e.getMessage(), "22000", e);
      }
      return new UnreadableValue(text, String.valueOf(e.getMessage()));
    }
  }
}
