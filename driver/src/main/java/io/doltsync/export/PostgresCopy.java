package io.doltsync.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows into a PostgreSQL table through {@code COPY ... FROM STDIN} in text format (pgjdbc's {@code CopyManager},
 * reached through {@code unwrap}): each value is written as the exact text of what {@link ValueTransfer} read (a
 * number's plain digits, {@code t}/{@code f}, {@code \x} hex for bytes, ISO dates and times), escaped for the text
 * format; a batch of rows is buffered and sent at a time. A failure before {@link #finish} cancels the copy.
 */
final class PostgresCopy implements AutoCloseable {

  private static final HexFormat HEX = HexFormat.of();

  private final CopyIn copy;
  private final StringBuilder text = new StringBuilder(1 << 16);
  private boolean finished;

  private PostgresCopy(CopyIn copy) {
    this.copy = copy;
  }

  /** Whether the target is a pgjdbc connection (so COPY can be used); false also when pgjdbc is absent. */
  static boolean available(Connection target) {
    try {
      return target.isWrapperFor(PGConnection.class);
    } catch (SQLException | LinkageError e) {
      return false;
    }
  }

  static PostgresCopy open(Connection target, String table, List<String> columns) throws SQLException {
    String sql = "COPY " + TargetKind.POSTGRESQL.quote(table) + " (" + columns.stream().map(TargetKind.POSTGRESQL::quote)
        .collect(Collectors.joining(", ")) + ") FROM STDIN";
    return new PostgresCopy(target.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
  }

  void row(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append('\t');
      }
      append(values[i]);
    }
    text.append('\n');
  }

  /** Sends the buffered rows. */
  void flush() throws SQLException {
    if (text.length() == 0) {
      return;
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    text.setLength(0);
    copy.writeToCopy(bytes, 0, bytes.length);
  }

  /** Ends the copy; the server must report as many rows as were sent. */
  void finish(long rows) throws SQLException {
    flush();
    long copied = copy.endCopy();
    finished = true;
    if (copied != rows) {
      throw new SQLException("COPY reported " + copied + " rows, " + rows + " were sent", "XX000");
    }
  }

  @Override
  public void close() throws SQLException {
    if (!finished && copy.isActive()) {
      copy.cancelCopy();
    }
  }

  private void append(Object value) {
    if (value == null) {
      text.append("\\N");
    } else if (value instanceof byte[] bytes) {
      text.append("\\\\x").append(HEX.formatHex(bytes));
    } else if (value instanceof Boolean b) {
      text.append(b ? 't' : 'f');
    } else if (value instanceof BigDecimal decimal) {
      text.append(decimal.toPlainString());
    } else if (value instanceof Number || value instanceof TemporalAccessor) {
      text.append(value);
    } else {
      escape(value.toString());
    }
  }

  /** The text format's escapes: backslash, and the tab, newline and carriage return that would end a field or row. */
  private void escape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
  }
}
