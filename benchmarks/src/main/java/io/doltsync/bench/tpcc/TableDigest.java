package io.doltsync.bench.tpcc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order-independent fingerprint of a table's rows: the row count and the sum (mod 2^64) of a SHA-256
 * based hash of each row's normalized values, so that a keyless table compares as a multiset and two
 * databases with different types for the same column (PostgreSQL's {@code char(n)} padding, MariaDB's
 * {@code float} against Dolt's) still agree when the values agree. Rows are streamed, never held.
 *
 * @param rows the number of rows
 * @param sum  the sum of the row hashes
 */
record TableDigest(long rows, long sum) {

  /** Reads {@code columns} of every row of {@code table} over {@code connection}. */
  static TableDigest of(Connection connection, String table, List<String> columns) throws SQLException {
    MessageDigest sha = sha256();
    long rows = 0;
    long sum = 0;
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(5_000);
      try (ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table)) {
        StringBuilder row = new StringBuilder();
        while (rs.next()) {
          row.setLength(0);
          for (int i = 1; i <= columns.size(); i++) {
            row.append(normalize(rs.getObject(i))).append('\u0001');
          }
          sum += hash(sha, row);
          rows++;
        }
      }
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return new TableDigest(rows, sum);
  }

  /**
   * The text a value is compared by: decimals without trailing zeros, floating-point numbers at float
   * precision (the narrowest type any side stores {@code c_ytd_payment} in), integers as longs, date-times
   * as local date-times, text without trailing blanks (fixed-length {@code char} padding).
   */
  static String normalize(Object value) {
    if (value == null) {
      return "\u0000NULL";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Float || value instanceof Double) {
      return Float.toString(((Number) value).floatValue());
    }
    if (value instanceof Number number) {
      return Long.toString(number.longValue());
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toString();
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.toString();
    }
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime.toLocalDateTime().toString();
    }
    if (value instanceof String text) {
      return text.stripTrailing();
    }
    return value.toString();
  }

  private static long hash(MessageDigest sha, CharSequence row) {
    byte[] digest = sha.digest(row.toString().getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (digest[i] & 0xff);
    }
    return h;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
