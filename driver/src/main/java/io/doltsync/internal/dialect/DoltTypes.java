package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dolt column types the dialects' type tables are built from, with Dolt's limits applied: decimal
 * precision 65 and scale 30, fractional seconds up to 6 digits, and string lengths that fit Dolt's
 * 65,504-byte row (a {@code varchar(n)} costs 4n bytes of it, a {@code varbinary(n)} n bytes; text and
 * blob columns cost 20 bytes whatever their length).
 */
final class DoltTypes {

  static final int MAX_DECIMAL_PRECISION = 65;
  /** The longest {@code varchar} a column maps to; longer ones become a text type. */
  static final int MAX_VARCHAR = 16_000;
  /** The longest {@code varbinary} a column maps to; longer ones become a blob type. */
  static final int MAX_VARBINARY = 64_000;
  static final int MAX_CHAR = 255;
  static final int MAX_FRACTIONAL_DIGITS = 6;
  static final int BYTES_PER_CHAR = 4;

  static final TypeRule BOOLEAN = fixed("tinyint(1)", ValueKind.BOOLEAN);
  static final TypeRule TEXT = fixed("longtext", ValueKind.STRING);
  static final TypeRule BLOB = fixed("longblob", ValueKind.BYTES);
  static final TypeRule JSON = fixed("json", ValueKind.JSON);
  static final TypeRule ARRAY = fixed("json", ValueKind.ARRAY);
  static final TypeRule UUID = fixed("char(36)", ValueKind.STRING);
  /** Network addresses as text; 43 characters hold the longest IPv6 address with a prefix length. */
  static final TypeRule NETWORK_ADDRESS = fixed("varchar(43)", ValueKind.STRING);
  static final TypeRule INTERVAL = fixed("varchar(64)", ValueKind.STRING);
  /** A decimal for numbers declared without precision: 35 integer and 30 fractional digits. */
  static final DoltColumnType UNCONSTRAINED_DECIMAL = new DoltColumnType("decimal(65,30)", ValueKind.DECIMAL);

  private static final Pattern FIRST_NUMBER = Pattern.compile("\\((\\d+)");

  private DoltTypes() {}

  static TypeRule fixed(String sql, ValueKind kind) {
    DoltColumnType type = new DoltColumnType(sql, kind);
    return column -> type;
  }

  /** {@code decimal(p,s)}; without a precision (null or 0) {@code decimal(65,30)}; clamped to Dolt's limits. */
  static DoltColumnType decimal(Integer precision, Integer scale) {
    if (precision == null || precision <= 0) {
      return UNCONSTRAINED_DECIMAL;
    }
    int s = Math.min(Math.max(scale == null ? 0 : scale, 0), ValueKind.MAX_DECIMAL_SCALE);
    int p = Math.max(Math.min(precision, MAX_DECIMAL_PRECISION), s);
    return new DoltColumnType("decimal(" + p + "," + s + ")", ValueKind.DECIMAL);
  }

  /** The smallest integer type holding every number of {@code digits} decimal digits, or a decimal. */
  static DoltColumnType integerOfDigits(int digits) {
    String sql = digits <= 2 ? "tinyint" : digits <= 4 ? "smallint" : digits <= 9 ? "int" : digits <= 18 ? "bigint" : null;
    return sql == null ? decimal(digits, 0) : new DoltColumnType(sql, ValueKind.INTEGER);
  }

  /** {@code varchar(n)}, or the text type holding n characters when n is unknown or too long. */
  static DoltColumnType varchar(Integer length, ValueKind kind) {
    if (length == null || length <= 0 || length > MAX_VARCHAR) {
      return new DoltColumnType(textFor(length), kind);
    }
    return new DoltColumnType("varchar(" + length + ")", kind);
  }

  /** Blank-padded {@code char(n)}; longer than 255 it becomes a varchar or text type. */
  static DoltColumnType character(Integer length) {
    int n = length == null || length <= 0 ? 1 : length;
    return n <= MAX_CHAR ? new DoltColumnType("char(" + n + ")", ValueKind.FIXED_CHAR) : varchar(n, ValueKind.FIXED_CHAR);
  }

  /** {@code varbinary(n)}, or the blob type holding n bytes when n is unknown or too long. */
  static DoltColumnType varbinary(Integer length) {
    if (length == null || length <= 0 || length > MAX_VARBINARY) {
      return new DoltColumnType(blobFor(length), ValueKind.BYTES);
    }
    return new DoltColumnType("varbinary(" + length + ")", ValueKind.BYTES);
  }

  /** Zero-padded {@code binary(n)}; longer than 255 it becomes a varbinary or blob type. */
  static DoltColumnType binary(Integer length) {
    int n = length == null || length <= 0 ? 1 : length;
    return n <= MAX_CHAR ? new DoltColumnType("binary(" + n + ")", ValueKind.BYTES) : varbinary(n);
  }

  /** {@code datetime(p)} (or {@code timestamp(p)}) with the column's fractional digits, at most 6. */
  static DoltColumnType dateTime(String type, ColumnSchema column, int defaultDigits, ValueKind kind) {
    int digits = Math.min(fractionalDigits(column, defaultDigits), MAX_FRACTIONAL_DIGITS);
    return new DoltColumnType(digits == 0 ? type : type + "(" + digits + ")", kind);
  }

  /**
   * A temporal column's fractional-second digits: the number in its type name ({@code datetime(3)},
   * {@code TIMESTAMP(6) WITH TIME ZONE}), else its scale, else {@code defaultDigits}.
   */
  static int fractionalDigits(ColumnSchema column, int defaultDigits) {
    Matcher matcher = FIRST_NUMBER.matcher(column.typeName());
    if (matcher.find()) {
      return Integer.parseInt(matcher.group(1));
    }
    return column.scale() != null ? Math.max(column.scale(), 0) : defaultDigits;
  }

  /** The smallest text type holding {@code chars} characters; {@code longtext} when unknown. */
  static String textFor(Integer chars) {
    return chars == null || chars <= 0 ? "longtext" : lobFor((long) chars * BYTES_PER_CHAR, "text");
  }

  /** The smallest blob type holding {@code bytes} bytes; {@code longblob} when unknown. */
  static String blobFor(Integer bytes) {
    return bytes == null || bytes <= 0 ? "longblob" : lobFor(bytes, "blob");
  }

  private static String lobFor(long bytes, String family) {
    if (bytes <= 65_535) {
      return family;
    }
    return bytes <= 16_777_215 ? "medium" + family : "long" + family;
  }
}
