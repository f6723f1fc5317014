package io.doltsync.internal.dialect;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Dolt's bulk path for canonical rows: the {@code LOAD DATA LOCAL INFILE} statement that reads rows from
 * the client, and the text each row becomes in it (tab-separated fields, newline-terminated lines, backslash
 * escapes, {@code \N} for NULL, UTF-8). Binary values travel as their raw bytes (escaped), numbers in a form
 * that parses back to the same value, dates and times with microseconds. A few values cannot travel this
 * way ({@link #needsInsert}, {@link #isExact}); the caller inserts those.
 */
public final class DoltLoadData {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final byte[] NULL = {'\\', 'N'};

  private DoltLoadData() {}

  /** The statement that loads the client's stream into these columns of the Dolt table. */
  public static String statement(String doltTable, List<String> doltColumns) {
    StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'doltsync-rows' INTO TABLE ")
        .append(DoltDdl.quote(doltTable))
        .append(" CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (");
    for (int i = 0; i < doltColumns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(DoltDdl.quote(doltColumns.get(i)));
    }
    return sql.append(')').toString();
  }

  /**
   * Whether LOAD DATA stores every value of a Dolt column of this {@code DATA_TYPE} exactly. Not for
   * {@code bit} (Dolt stores the field's bytes, and a NULL read through a variable comes back as 0),
   * {@code set} and {@code enum} (Dolt 1.86 stores an empty field as NULL): tables with such columns are
   * copied with INSERTs.
   */
  public static boolean isExact(String doltDataType) {
    String type = doltDataType.toLowerCase(Locale.ROOT);
    return !type.equals("bit") && !type.equals("set") && !type.equals("enum");
  }

  /**
   * True when the row has a value LOAD DATA cannot carry: Dolt reads a field whose text is {@code NULL} in
   * any letter case (even escaped) as SQL NULL, so a text or binary value spelling it goes in with an INSERT.
   */
  public static boolean needsInsert(Object[] row) {
    for (Object value : row) {
      if (value instanceof String text && text.equalsIgnoreCase("null")
          || value instanceof byte[] bytes && bytes.length == 4 && new String(bytes, StandardCharsets.ISO_8859_1)
              .equalsIgnoreCase("null")) {
        return true;
      }
    }
    return false;
  }

  /** Appends one row (canonical values, in the statement's column order) as one line. */
  public static void writeRow(Object[] row, ByteArrayOutputStream out) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.write('\t');
      }
      writeValue(row[i], out);
    }
    out.write('\n');
  }

  private static void writeValue(Object value, ByteArrayOutputStream out) {
    if (value == null) {
      out.writeBytes(NULL);
    } else if (value instanceof byte[] bytes) {
      writeEscaped(bytes, out);
    } else if (value instanceof Boolean b) {
      out.write(b ? '1' : '0');
    } else if (value instanceof BigDecimal decimal) {
      writeAscii(decimal.toPlainString(), out);
    } else if (value instanceof Float f) {
      // the float's exact value as a double: parsing it and rounding to float gives the same float back
      writeAscii(Double.toString(f.doubleValue()), out);
    } else if (value instanceof Number number) {
      writeAscii(number.toString(), out);
    } else if (value instanceof LocalDateTime dateTime) {
      writeAscii(DATE_TIME.format(dateTime), out);
    } else if (value instanceof LocalTime time) {
      writeAscii(TIME.format(time), out);
    } else if (value instanceof LocalDate date) {
      writeAscii(date.toString(), out);
    } else if (value instanceof String text) {
      writeEscaped(text.getBytes(StandardCharsets.UTF_8), out);
    } else {
      throw new IllegalArgumentException("no LOAD DATA form for a " + value.getClass().getName());
    }
  }

  /** True when every value of this class has a {@link #writeRow} form. */
  public static boolean canWrite(Object value) {
    return value == null || value instanceof byte[] || value instanceof Boolean || value instanceof Number
        || value instanceof LocalDateTime || value instanceof LocalTime || value instanceof LocalDate
        || value instanceof String;
  }

  private static void writeAscii(String text, ByteArrayOutputStream out) {
    for (int i = 0; i < text.length(); i++) {
      out.write(text.charAt(i));
    }
  }

  private static void writeEscaped(byte[] bytes, ByteArrayOutputStream out) {
    for (byte b : bytes) {
      switch (b) {
        case '\\' -> { out.write('\\'); out.write('\\'); }
        case '\t' -> { out.write('\\'); out.write('t'); }
        case '\n' -> { out.write('\\'); out.write('n'); }
        case 0 -> { out.write('\\'); out.write('0'); }
        default -> out.write(b);
      }
    }
  }
}
