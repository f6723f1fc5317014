package io.doltsync.internal.dialect;

import io.doltsync.internal.capture.binlog.BinlogCells;
import io.doltsync.spi.ColumnSchema;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A MariaDB/MySQL binary log cell ({@link BinlogCells}) in the canonical form its column's {@link ValueKind} gives
 * (the form journal capture reads from a result set): integers by the column's signedness, strings in the column's
 * charset ({@code CHAR} without trailing spaces, {@code BINARY(n)} padded back to n bytes: the log drops trailing
 * zero bytes), ENUM and SET as their text, {@code TIMESTAMP} in the zone of the primary's sessions, JSON canonical,
 * a zero date as {@code null} (as the MariaDB driver reads it).
 */
public final class BinlogValues {

  private BinlogValues() {}

  /**
   * The canonical value of one cell.
   *
   * @param charset the column's character set (strings), {@code null} for others
   * @param zone    the zone a {@code TIMESTAMP} is read in
   */
  public static Object canonical(ColumnSchema column, Serializable cell, Charset charset, ZoneId zone)
      throws SQLException {
    if (cell == null) {
      return null;
    }
    ValueKind kind = MySqlDialect.TYPES.kind(column);
    String type = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
    String base = TypeMapping.baseName(type);
    if (cell instanceof BinlogCells.Zero) {
      return null;
    }
    if (base.equals("enum") || base.equals("set")) {
      return enumOrSet(base, type, column, cell);
    }
    switch (kind) {
      case INTEGER, UNSIGNED_BIGINT, BOOLEAN -> {
        if (!(cell instanceof BinlogCells.Int integer)) {
          throw unexpected(column, cell);
        }
        boolean unsigned = type.contains("unsigned") || base.equals("bit") || base.equals("year");
        long value = integer.bits();
        if (!unsigned && integer.width() < 8) {
          int shift = 64 - 8 * integer.width();
          value = (value << shift) >> shift;
        }
        if (kind == ValueKind.BOOLEAN) {
          return value != 0;
        }
        if (kind == ValueKind.UNSIGNED_BIGINT) {
          return new BigDecimal(new BigInteger(Long.toUnsignedString(value)));
        }
        return value;
      }
      case DECIMAL -> {
        BigDecimal value = (BigDecimal) cell;
        return value.scale() > ValueKind.MAX_DECIMAL_SCALE
            ? value.setScale(ValueKind.MAX_DECIMAL_SCALE, RoundingMode.HALF_UP) : value;
      }
      case FLOAT -> {
        return ((Number) cell).floatValue();
      }
      case DOUBLE -> {
        return ((Number) cell).doubleValue();
      }
      case STRING, FIXED_CHAR, JSON -> {
        String text = cell instanceof byte[] bytes ? new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset)
            : cell.toString();
        if (kind == ValueKind.FIXED_CHAR) {
          int end = text.length();
          while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
          }
          return text.substring(0, end);
        }
        return kind == ValueKind.JSON ? CanonicalJson.normalize(text) : text;
      }
      case BYTES -> {
        byte[] bytes = (byte[]) cell;
        if (base.equals("binary") && column.size() != null && bytes.length < column.size()) {
          return java.util.Arrays.copyOf(bytes, column.size());
        }
        return bytes;
      }
      case DATE -> {
        return (LocalDate) cell;
      }
      case DURATION -> {
        String value = (String) cell;
        if (value.indexOf('.') < 0) {
          return value;
        }
        int end = value.length();
        while (value.charAt(end - 1) == '0') {
          end--;
        }
        return value.substring(0, value.charAt(end - 1) == '.' ? end - 1 : end);
      }
      case DATETIME -> {
        if (cell instanceof BinlogCells.Timestamp timestamp) {
          if (timestamp.seconds() == 0 && timestamp.micros() == 0) {
            return null; // '0000-00-00 00:00:00'
          }
          return LocalDateTime.ofInstant(Instant.ofEpochSecond(timestamp.seconds(), timestamp.micros() * 1000L), zone);
        }
        return (LocalDateTime) cell;
      }
      default -> throw unexpected(column, cell);
    }
  }

  private static Object enumOrSet(String base, String type, ColumnSchema column, Serializable cell) throws SQLException {
    List<String> values = EnumValues.parse(column.typeName());
    if (values == null || !(cell instanceof Number number)) {
      throw unexpected(column, cell);
    }
    long value = number.longValue();
    if (base.equals("enum")) {
      return value <= 0 || value > values.size() ? "" : values.get((int) value - 1);
    }
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if ((value & (1L << i)) != 0) {
        members.append(members.length() == 0 ? "" : ",").append(values.get(i));
      }
    }
    return members.toString();
  }

  private static SQLException unexpected(ColumnSchema column, Serializable cell) {
    return new SQLException("doltsync binlog capture cannot read a value of column " + column.name() + " ("
        + column.typeName() + ") from the binary log: " + cell.getClass().getSimpleName(), "XX000");
  }

  /** The Java charset of a MariaDB/MySQL character set name ({@code information_schema.COLUMNS.CHARACTER_SET_NAME}). */
  public static Charset charset(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "utf8mb4", "utf8mb3", "utf8" -> StandardCharsets.UTF_8;
      case "latin1" -> Charset.forName("windows-1252");
      case "ascii" -> StandardCharsets.US_ASCII;
      case "ucs2", "utf16" -> StandardCharsets.UTF_16BE;
      case "utf16le" -> StandardCharsets.UTF_16LE;
      case "utf32" -> Charset.forName("UTF-32BE");
      case "binary" -> StandardCharsets.ISO_8859_1;
      case "cp1250", "cp1251", "cp1256", "cp1257" -> Charset.forName("windows-" + name.substring(2));
      default -> {
        try {
          yield Charset.forName(name);
        } catch (RuntimeException e) {
          yield StandardCharsets.UTF_8;
        }
      }
    };
  }
}
