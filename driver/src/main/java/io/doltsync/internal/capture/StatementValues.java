package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.H2Dialect;
import io.doltsync.internal.dialect.MySqlDialect;
import io.doltsync.internal.dialect.PostgreSqlDialect;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The value a column will hold after an INSERT stored a statement value into it, when the primary's
 * conversion is certain: the canonical value {@link SourceDialect#readValue} would read back. Only
 * conversions that are exact on every setting of the primary are known here (integers within the
 * column's range, decimals that fit its precision and scale without rounding, strings within its length,
 * date-times at or below its fractional precision, or beyond it on MariaDB, which truncates; a {@code java.sql.Date}
 * as its midnight; ISO dates into a DATE; a {@code double} into an eight-byte floating-point column; an explicit
 * NULL on PostgreSQL, which never replaces it with a default; on MySQL/MariaDB a {@code float} into a {@code double}
 * once the protocol that sends it is known ({@link ParameterProtocol}), a {@code double} or {@code float} into a
 * {@code float} whose value any read gives back, bytes into a binary column, and a string into one when the session
 * is UTF-8 ({@link SessionCharset})); for anything
 * else the answer is {@link #UNKNOWN} and the caller reads the rows from the database instead.
 *
 * <p>A MySQL/MariaDB {@code TIMESTAMP} is stored as an instant: the server reads the local date-time the
 * driver sends in the session's time zone and reads it back in the same zone. That round trip is the
 * identity exactly when the zone is a fixed offset ({@link SessionTimeZone}) and the instant lies in the
 * type's range (1970-01-01 00:00:01 to 2038-01-19 03:14:07.999999 UTC); in a zone with transitions a local
 * time in a gap comes back as another time, so such zones are not predicted.
 */
final class StatementValues {

  /** The value the column will hold cannot be told without the database. */
  static final Object UNKNOWN = new Object() {
    @Override
    public String toString() {
      return "UNKNOWN";
    }
  };

  private static final Set<String> PLAIN_STRING_TYPES = Set.of("varchar", "character varying", "text",
      "tinytext", "mediumtext", "longtext", "nvarchar", "character large object", "clob");
  private static final Set<String> LOCAL_DATETIME_TYPES = Set.of("timestamp", "timestamp without time zone",
      "datetime");
  /** Fixed-length character types: a value of exactly the declared length is stored, and read back, as given. */
  private static final Set<String> FIXED_STRING_TYPES = Set.of("char", "character", "bpchar", "nchar",
      "national character");

  /** Eight-byte binary floating-point types, by name (a bare {@code float} may be four bytes). */
  private static final Set<String> DOUBLE_TYPES = Set.of("double", "double precision", "float8");

  /** MySQL/MariaDB binary column types, by name, and the most bytes each holds ({@code -1}: its declared length). */
  private static final java.util.Map<String, Long> BINARY_TYPES = java.util.Map.of("varbinary", -1L, "binary", -1L,
      "tinyblob", 255L, "blob", 65_535L, "mediumblob", 16_777_215L, "longblob", 4_294_967_295L);

  /**
   * The significant digits MySQL/MariaDB write a {@code float} column's value with in the text protocol
   * ({@code FLT_DIG}: {@code 0.1234567} is read back as {@code 0.123457}).
   */
  private static final int FLOAT_TEXT_DIGITS = 6;

  /** The first and last instants a MySQL/MariaDB {@code TIMESTAMP} holds. */
  private static final Instant TIMESTAMP_MIN = Instant.parse("1970-01-01T00:00:01Z");
  private static final Instant TIMESTAMP_MAX = Instant.parse("2038-01-19T03:14:07.999999Z");

  private final Family family;
  private final boolean timestampsAsLocalTime;
  private final boolean truncatesFractions;
  private final Supplier<Optional<ZoneOffset>> sessionOffset;
  private final Supplier<ParameterProtocol> protocol;
  private final Supplier<SessionCharset.Utf8> charset;

  private enum Family { MYSQL, POSTGRESQL, H2, OTHER }

  /**
   * @param timestampsAsLocalTime the driver sends a {@link Timestamp} as its local date-time (no time-zone
   *                              conversion configured)
   */
  StatementValues(SourceDialect dialect, boolean timestampsAsLocalTime) {
    this(dialect, timestampsAsLocalTime, false, Optional::empty);
  }

  /**
   * @param timestampsAsLocalTime the driver sends a {@link Timestamp} as its local date-time (no time-zone
   *                              conversion configured)
   * @param truncatesFractions    the server truncates fractional seconds beyond a column's precision
   *                              (MariaDB; MySQL rounds or truncates by {@code sql_mode})
   * @param sessionOffset         the MySQL/MariaDB session's fixed time-zone offset, empty when it has none
   */
  StatementValues(SourceDialect dialect, boolean timestampsAsLocalTime, boolean truncatesFractions,
      Supplier<Optional<ZoneOffset>> sessionOffset) {
    this(dialect, timestampsAsLocalTime, truncatesFractions, sessionOffset, () -> ParameterProtocol.UNKNOWN,
        () -> SessionCharset.Utf8.NONE);
  }

  /**
   * @param protocol how the current execution's values are sent (MySQL/MariaDB)
   * @param charset  what the MySQL/MariaDB session's character sets keep of a string stored into a binary column
   */
  StatementValues(SourceDialect dialect, boolean timestampsAsLocalTime, boolean truncatesFractions,
      Supplier<Optional<ZoneOffset>> sessionOffset, Supplier<ParameterProtocol> protocol,
      Supplier<SessionCharset.Utf8> charset) {
    this.protocol = protocol;
    this.charset = charset;
    this.timestampsAsLocalTime = timestampsAsLocalTime;
    this.truncatesFractions = truncatesFractions;
    this.sessionOffset = sessionOffset;
    this.family = dialect instanceof MySqlDialect ? Family.MYSQL
        : dialect instanceof PostgreSqlDialect ? Family.POSTGRESQL
        : dialect instanceof H2Dialect ? Family.H2 : Family.OTHER;
  }

  /** True when this primary has exact conversions at all. */
  boolean supported() {
    return family != Family.OTHER;
  }

  /** The canonical stored value of {@code value} in {@code column}, or {@link #UNKNOWN}. */
  Object stored(Object value, ColumnSchema column) {
    if (value == null) {
      // a NULL may become the column's default (H2's and Oracle's DEFAULT ON NULL, MySQL's first TIMESTAMP);
      // PostgreSQL has no such rule: a nullable column stores the NULL given, whatever its default
      return column.nullable() && (family == Family.POSTGRESQL || !hasDefault(column)) ? null : UNKNOWN;
    }
    if (column.autoIncrement() && family == Family.MYSQL && value instanceof Number number && number.longValue() == 0) {
      return UNKNOWN; // MySQL generates a value for 0 unless NO_AUTO_VALUE_ON_ZERO
    }
    if (family == Family.OTHER) {
      return UNKNOWN;
    }
    String type = baseType(column.typeName());
    return switch (column.jdbcType()) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> integer(value, column, type);
      case Types.DECIMAL, Types.NUMERIC -> decimal(value, column);
      case Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB ->
          PLAIN_STRING_TYPES.contains(type) ? string(value, column) : UNKNOWN;
      case Types.CHAR, Types.NCHAR -> FIXED_STRING_TYPES.contains(type) ? fullLengthString(value, column) : UNKNOWN;
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> family == Family.MYSQL && declaredScale(column) ? UNKNOWN
          : DOUBLE_TYPES.contains(type) ? doublePrecision(value)
          : family == Family.MYSQL && "float".equals(type) ? singlePrecision(value) : UNKNOWN;
      case Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY, Types.BLOB ->
          family == Family.MYSQL && BINARY_TYPES.containsKey(type) ? bytes(value, column, type) : UNKNOWN;
      case Types.TIMESTAMP -> !LOCAL_DATETIME_TYPES.contains(type) ? UNKNOWN
          : family == Family.MYSQL && "timestamp".equals(type) ? instant(value, column) : dateTime(value, column);
      case Types.DATE -> "date".equals(type) ? date(value) : UNKNOWN;
      default -> UNKNOWN;
    };
  }

  private static String baseType(String typeName) {
    return typeName == null ? "" : BASE_TYPES.computeIfAbsent(typeName, name -> {
      String lower = name.toLowerCase(Locale.ROOT).strip();
      int paren = lower.indexOf('(');
      return (paren < 0 ? lower : lower.substring(0, paren)).strip();
    });
  }

  /** {@link #baseType} by type name: a pure function of the text, over the few type names a primary has. */
  private static final java.util.Map<String, String> BASE_TYPES = new java.util.concurrent.ConcurrentHashMap<>();
  /** Whether a type name says {@code unsigned}, by type name. */
  private static final java.util.Map<String, Boolean> UNSIGNED_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

  private Object integer(Object value, ColumnSchema column, String type) {
    if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
      return UNKNOWN;
    }
    long v = ((Number) value).longValue();
    boolean unsigned = column.typeName() != null && UNSIGNED_TYPES.computeIfAbsent(column.typeName(),
        name -> name.toLowerCase(Locale.ROOT).contains("unsigned"));
    if (unsigned && column.jdbcType() == Types.BIGINT) {
      return UNKNOWN; // read as BigDecimal
    }
    long min;
    long max;
    if (type.startsWith("mediumint")) {
      min = unsigned ? 0 : -(1L << 23);
      max = unsigned ? (1L << 24) - 1 : (1L << 23) - 1;
    } else {
      switch (column.jdbcType()) {
        case Types.TINYINT -> {
          min = unsigned ? 0 : Byte.MIN_VALUE;
          max = unsigned ? 255 : Byte.MAX_VALUE;
        }
        case Types.SMALLINT -> {
          min = unsigned ? 0 : Short.MIN_VALUE;
          max = unsigned ? 65_535 : Short.MAX_VALUE;
        }
        case Types.INTEGER -> {
          min = unsigned ? 0 : Integer.MIN_VALUE;
          max = unsigned ? 4_294_967_295L : Integer.MAX_VALUE;
        }
        default -> {
          min = Long.MIN_VALUE;
          max = Long.MAX_VALUE;
        }
      }
    }
    return v < min || v > max ? UNKNOWN : (Object) v;
  }

  private static Object decimal(Object value, ColumnSchema column) {
    BigDecimal v;
    if (value instanceof BigDecimal d) {
      v = d;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      v = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger i) {
      v = new BigDecimal(i);
    } else if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        return UNKNOWN;
      }
      v = shortDecimal(d); // null: a long form, rounded below
    } else {
      return UNKNOWN;
    }
    Integer precision = column.size();
    Integer scale = column.scale();
    if (precision == null || precision <= 0 || precision > 1000 || scale == null || scale < 0 || scale > 30) {
      return UNKNOWN; // unconstrained or unusual: the stored scale is the database's choice
    }
    if (value instanceof Double d && (v == null || v.scale() > scale)) {
      v = roundedFarFromHalf(d, scale);
      if (v == null) {
        return UNKNOWN;
      }
    }
    BigDecimal exact;
    try {
      exact = v.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException rounds) {
      return UNKNOWN;
    }
    return exact.precision() - exact.scale() > precision - scale ? UNKNOWN : exact;
  }

  /**
   * The decimal a {@code double} stands for, when every primary converts it to that decimal: a finite double
   * whose shortest decimal form ({@link BigDecimal#valueOf(double)}) has at most 15 significant digits (as
   * {@code setDouble(7, 1234.56)} in BenchBase's TPC-C Payment). No other decimal of at most 15 digits is as
   * close to the double, so MySQL/MariaDB (shortest round-trip form, or the text the driver sends), PostgreSQL
   * ({@code float8} to {@code numeric} through 15 significant digits) and H2 ({@code BigDecimal.valueOf}) all
   * store it when it fits the column's scale; else {@code null} (see {@link #roundedFarFromHalf}).
   */
  private static BigDecimal shortDecimal(double d) {
    BigDecimal v = BigDecimal.valueOf(d);
    return v.stripTrailingZeros().precision() <= 15 ? v : null;
  }

  /**
   * A double with more fractional digits than the column's scale (a {@code float} widened to {@code double}:
   * BenchBase's TPC-C binds {@code 2913.05f}, that is 2913.050048828125): every primary rounds to the nearest
   * value of the scale, but from different decimal forms of the double (MySQL/MariaDB its shortest form,
   * PostgreSQL its first 15 digits). The result is certain only when no rounding boundary lies within that
   * spread of the exact value; then it is that rounding, else {@code null}.
   */
  private static BigDecimal roundedFarFromHalf(double d, int scale) {
    BigDecimal exact = new BigDecimal(d);
    BigDecimal spread = new BigDecimal(Math.ulp(d)).max(exact.abs().movePointLeft(14));
    BigDecimal low = exact.subtract(spread).setScale(scale, RoundingMode.HALF_UP);
    BigDecimal high = exact.add(spread).setScale(scale, RoundingMode.HALF_UP);
    return low.compareTo(high) == 0 ? exact.setScale(scale, RoundingMode.HALF_UP) : null;
  }

  /**
   * A {@code double} into an eight-byte floating-point column is stored as that double: pgjdbc and H2 send its
   * bits, MariaDB Connector/J its shortest decimal form, which the server parses back to the same double. Not
   * NaN or an infinity (refused by MySQL/MariaDB), not negative zero (MariaDB stores 0). A {@code float} only on
   * PostgreSQL: pgjdbc sends it as a {@code float4} (its bits, or its shortest decimal text, which parses back to
   * the same float), which the assignment to {@code float8} widens exactly (BenchBase OTMetrics' {@code setFloat}
   * into {@code observations.value}). MySQL/MariaDB drivers send a {@code float} by protocol
   * ({@link ParameterProtocol}): as text, {@link Float#toString} (mysql-connector-j with an exponent's sign added),
   * which the server parses as a decimal number to the nearest double; in the binary protocol its four bytes, which
   * the server widens exactly.
   */
  private Object doublePrecision(Object value) {
    if (value instanceof Float f && Float.isFinite(f) && Float.floatToRawIntBits(f) != Integer.MIN_VALUE) {
      if (family == Family.POSTGRESQL) {
        return (double) f;
      }
      if (family == Family.MYSQL) {
        return switch (protocol.get()) {
          case BINARY -> (double) f;
          case TEXT -> Double.parseDouble(Float.toString(f));
          default -> UNKNOWN;
        };
      }
    }
    if (!(value instanceof Double d) || !Double.isFinite(d) || Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
      return UNKNOWN;
    }
    return d;
  }

  /**
   * A MySQL/MariaDB {@code float} column's value: the server rounds the double it parsed or was sent (a
   * {@code float} sent as text is parsed as a double first) to the nearest float, or clips it to the largest
   * (with a warning, or an error in strict mode: not known). Declared as a plain {@code float} only (a
   * {@code float(m,d)} rounds to its scale), not negative zero, and only a float of at most six significant digits:
   * the text protocol writes a {@code float} with six ({@code 0.1234567} reads back as {@code 0.123457}), so only
   * such a value reads back the same through either protocol (BenchBase SEATS' {@code setDouble(1.0)} into
   * {@code config_profile.cfp_scale_factor}).
   */
  private Object singlePrecision(Object value) {
    float f;
    if (value instanceof Double d) {
      if (!Double.isFinite(d) || Math.abs(d) > Float.MAX_VALUE || Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
        return UNKNOWN;
      }
      f = (float) (double) d;
    } else if (value instanceof Float given && Float.isFinite(given)) {
      switch (protocol.get()) {
        case BINARY -> f = given;
        case TEXT -> {
          double parsed = Double.parseDouble(Float.toString(given));
          if (Math.abs(parsed) > Float.MAX_VALUE) {
            return UNKNOWN;
          }
          f = (float) parsed;
        }
        default -> {
          return UNKNOWN;
        }
      }
    } else {
      return UNKNOWN;
    }
    if (Float.floatToRawIntBits(f) == Integer.MIN_VALUE) {
      return UNKNOWN;
    }
    return new BigDecimal(Float.toString(f)).stripTrailingZeros().precision() > FLOAT_TEXT_DIGITS ? UNKNOWN : f;
  }

  /**
   * Whether a MySQL/MariaDB floating-point column was declared with digits ({@code float(7,3)},
   * {@code double(10,2)}), to which the server rounds what it stores.
   */
  private static boolean declaredScale(ColumnSchema column) {
    String name = column.typeName();
    Integer scale = column.scale();
    return name != null && name.indexOf('(') >= 0 || scale != null && scale > 0 && scale < 31;
  }

  /**
   * A MySQL/MariaDB binary column's value ({@code varbinary}, {@code binary} of exactly its length, which it would
   * pad, the {@code blob} types), when the session's client and connection character sets are the same UTF-8 set
   * ({@link SessionCharset}; mysql-connector-j sends bytes in the binary protocol as a string, which a {@code ucs2}
   * connection set converts): bytes are stored as given; a string as its UTF-8 bytes (BenchBase Wikipedia's
   * {@code setString} into {@code watchlist.wl_title}): the
   * string's UTF-8 bytes, when it is well-formed (no lone surrogate, which the drivers replace) and fits the set
   * ({@code utf8mb3}: no character beyond the Basic Multilingual Plane). Within the column's length only.
   */
  private Object bytes(Object value, ColumnSchema column, String type) {
    byte[] bytes;
    SessionCharset.Utf8 session = charset.get();
    if (session == SessionCharset.Utf8.NONE) {
      return UNKNOWN; // mysql-connector-j sends bytes as a string in the binary protocol: a session set may convert them
    }
    if (value instanceof byte[] given) {
      bytes = given.clone(); // the application may reuse its array
    } else if (value instanceof String s) {
      if (!wellFormed(s, session == SessionCharset.Utf8.FULL)) {
        return UNKNOWN;
      }
      bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else {
      return UNKNOWN;
    }
    long most = BINARY_TYPES.get(type);
    if (most < 0) {
      Integer size = column.size();
      if (size == null || size <= 0) {
        return UNKNOWN;
      }
      most = size;
    }
    if (bytes.length > most || "binary".equals(type) && bytes.length != most) {
      return UNKNOWN;
    }
    return bytes;
  }

  /** Whether a string has no lone surrogate, and no supplementary character unless {@code supplementary}. */
  private static boolean wellFormed(String s, boolean supplementary) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (!supplementary) {
          return false;
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private Object string(Object value, ColumnSchema column) {
    if (!(value instanceof String s)) {
      return UNKNOWN;
    }
    Integer size = column.size();
    if (size != null && size > 0 && s.codePointCount(0, s.length()) > size) {
      return UNKNOWN;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return UNKNOWN;
      }
      // MySQL/MariaDB columns may have any character set: only ASCII is stored unchanged in all of them.
      if (family == Family.MYSQL && c > 0x7e) {
        return UNKNOWN;
      }
    }
    return s;
  }

  /**
   * A fixed-length character column's value: known only when it fills the declared length and does not end in a
   * space, so that no database pads it (H2, PostgreSQL) or strips trailing spaces when reading it (MySQL/MariaDB).
   */
  private Object fullLengthString(Object value, ColumnSchema column) {
    Object stored = string(value, column);
    Integer size = column.size();
    if (stored == UNKNOWN || size == null || size <= 0) {
      return UNKNOWN;
    }
    String s = (String) stored;
    return s.codePointCount(0, s.length()) == size && !s.endsWith(" ") ? s : UNKNOWN;
  }

  private Object dateTime(Object value, ColumnSchema column) {
    LocalDateTime v = localDateTime(value);
    if (v == null || v.getYear() < 1000 || v.getYear() > 9999) {
      return UNKNOWN;
    }
    int digits = fractionalDigits(column);
    long unit = (long) Math.pow(10, 9 - digits);
    long excess = v.getNano() % unit;
    if (excess != 0 && !truncatesFractions) {
      return UNKNOWN; // the database rounds or truncates, depending on its settings
    }
    return v.minusNanos(excess).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A {@code DATE} column's value: a {@link LocalDate}, or a string of exactly the ISO form {@code YYYY-MM-DD} naming
   * a valid date (PetClinic's {@code '2000-09-07'}), which every primary reads as year-month-day whatever its
   * settings (PostgreSQL's {@code DateStyle} affects only other forms); years 1000 to 9999 only (MySQL's range).
   * Anything else (a {@link java.sql.Date}, converted through the JVM's zone by some drivers, a date-time string,
   * another separator, an impossible date the server may store as zero) is left to the database.
   */
  private static Object date(Object value) {
    LocalDate date;
    if (value instanceof LocalDate local) {
      date = local;
    } else if (value instanceof String s && ISO_DATE.matcher(s).matches()) {
      try {
        date = LocalDate.parse(s); // strict: 2001-02-29 is refused
      } catch (DateTimeParseException impossible) {
        return UNKNOWN;
      }
    } else {
      return UNKNOWN;
    }
    return date.getYear() < 1000 || date.getYear() > 9999 ? UNKNOWN : date;
  }

  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /**
   * A MySQL/MariaDB {@code TIMESTAMP}: the local date-time sent, as the session reads it back, when the
   * session's zone is a fixed offset and the instant is in the type's range.
   */
  private Object instant(Object value, ColumnSchema column) {
    Object stored = dateTime(value, column);
    if (stored == UNKNOWN) {
      return UNKNOWN;
    }
    Optional<ZoneOffset> offset = sessionOffset.get();
    if (offset.isEmpty()) {
      return UNKNOWN;
    }
    Instant first = ((LocalDateTime) stored).toInstant(offset.get());
    Instant last = localDateTime(value).toInstant(offset.get());
    return first.isBefore(TIMESTAMP_MIN) || last.isAfter(TIMESTAMP_MAX) ? UNKNOWN : stored;
  }

  /**
   * The local date-time the driver sends for a value, or {@code null} when it converts it first. A
   * {@link java.sql.Date} is sent as its date in the JVM's default zone (the drivers' default calendar, as
   * {@link java.sql.Date#toLocalDate()}), which a date-time column stores as that day's midnight.
   */
  private LocalDateTime localDateTime(Object value) {
    if (value instanceof LocalDateTime local) {
      return local;
    }
    if (value instanceof java.sql.Date date && timestampsAsLocalTime) {
      // before the Gregorian calendar (1582-10-15, a margin kept) drivers and primaries disagree on the day:
      // java.sql.Date's fields are Julian there, H2's dates proleptic Gregorian
      LocalDate day = date.toLocalDate();
      return day.getYear() < 1583 ? null : day.atStartOfDay();
    }
    return value instanceof Timestamp timestamp && timestampsAsLocalTime ? timestamp.toLocalDateTime() : null;
  }

  /** The column's fractional-second digits: from its declared type ({@code datetime(6)}), else its scale. */
  private static int fractionalDigits(ColumnSchema column) {
    String type = column.typeName() == null ? "" : column.typeName();
    int open = type.indexOf('(');
    int close = type.indexOf(')', open + 1);
    if (open >= 0 && close > open) {
      try {
        return Math.min(9, Math.max(0, Integer.parseInt(type.substring(open + 1, close).strip())));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return column.scale() == null ? 0 : Math.min(9, Math.max(0, column.scale()));
  }

  private static boolean hasDefault(ColumnSchema column) {
    String declared = column.defaultValue();
    return declared != null && !"NULL".equalsIgnoreCase(declared.strip());
  }
}
