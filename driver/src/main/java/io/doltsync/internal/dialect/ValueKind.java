package io.doltsync.internal.dialect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The canonical Java form of a column's values, and how to read it from the primary and back from the
 * Dolt column it is mirrored into. Every reader returns {@code null} for SQL NULL.
 */
enum ValueKind {
  /** Any integer that fits a signed 64-bit value: {@link Long}. */
  INTEGER(ValueKind::readLong),
  /** MySQL {@code bigint unsigned}: {@link BigDecimal} with scale 0, since values may exceed {@link Long}. */
  UNSIGNED_BIGINT(ValueKind::readDecimal),
  /** Exact numbers: {@link BigDecimal}, rounded half-up to Dolt's largest scale (30). */
  DECIMAL(ValueKind::readDecimal),
  FLOAT(ValueKind::readFloat),
  DOUBLE(ValueKind::readDouble),
  BOOLEAN(ValueKind::readBoolean),
  STRING(ValueKind::readString),
  /** Blank-padded {@code CHAR(n)}: a {@link String} without trailing spaces, as MySQL returns it. */
  FIXED_CHAR(ValueKind::readUnpadded),
  BYTES(ValueKind::readBytes),
  DATE(ValueKind::readDate),
  /** A time of day: {@link LocalTime}, truncated to microseconds (Dolt's finest). */
  TIME(ValueKind::readTime),
  /** A time of day with an offset: {@link LocalTime} in UTC. */
  TIME_UTC(ValueKind::readTimeUtc, ValueKind::readTime),
  /** MySQL {@code TIME}, a signed duration of up to 838 hours: {@link String} such as {@code -838:59:59.5}. */
  DURATION(ValueKind::readDuration),
  /** A date and time: {@link LocalDateTime}, truncated to microseconds. */
  DATETIME(ValueKind::readDateTime),
  /** An instant (a timestamp with time zone): {@link LocalDateTime} in UTC, truncated to microseconds. */
  DATETIME_UTC(ValueKind::readDateTimeUtc, ValueKind::readDateTime),
  /**
   * An instant read through {@link java.sql.Timestamp}, for drivers that convert only that way (Oracle's
   * {@code TIMESTAMP WITH LOCAL TIME ZONE}): {@link LocalDateTime} in UTC, truncated to microseconds.
   */
  TIMESTAMP_UTC(ValueKind::readTimestampUtc, ValueKind::readDateTime),
  /** JSON: {@link String} in the form {@link CanonicalJson#normalize} gives. */
  JSON(ValueKind::readJson),
  /** A SQL array: {@link String}, a JSON array in canonical form; stored in a Dolt {@code json} column. */
  ARRAY(ValueKind::readArray, ValueKind::readJson);

  /** The largest decimal scale Dolt (like MySQL) stores. */
  static final int MAX_DECIMAL_SCALE = 30;

  private final CellReader fromPrimary;
  private final CellReader fromDolt;

  ValueKind(CellReader reader) {
    this(reader, reader);
  }

  ValueKind(CellReader fromPrimary, CellReader fromDolt) {
    this.fromPrimary = fromPrimary;
    this.fromDolt = fromDolt;
  }

  /** Reads a value of this kind from a primary's result set. */
  Object readPrimary(ResultSet resultSet, int index) throws SQLException {
    return fromPrimary.read(resultSet, index);
  }

  /** Reads a value of this kind back from the Dolt column it was mirrored into. */
  Object readDolt(ResultSet resultSet, int index) throws SQLException {
    return fromDolt.read(resultSet, index);
  }

  @FunctionalInterface
  private interface CellReader {
    Object read(ResultSet resultSet, int index) throws SQLException;
  }

  private static Object readLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  private static Object readDecimal(ResultSet rs, int index) throws SQLException {
    BigDecimal value = rs.getBigDecimal(index);
    if (value == null) {
      return null;
    }
    if (value.scale() > MAX_DECIMAL_SCALE) {
      return value.setScale(MAX_DECIMAL_SCALE, RoundingMode.HALF_UP);
    }
    return value.scale() < 0 ? value.setScale(0, RoundingMode.UNNECESSARY) : value;
  }

  private static Object readFloat(ResultSet rs, int index) throws SQLException {
    float value = rs.getFloat(index);
    return rs.wasNull() ? null : value;
  }

  private static Object readDouble(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? null : value;
  }

  private static Object readBoolean(ResultSet rs, int index) throws SQLException {
    boolean value = rs.getBoolean(index);
    return rs.wasNull() ? null : value;
  }

  private static Object readString(ResultSet rs, int index) throws SQLException {
    return rs.getString(index);
  }

  private static Object readUnpadded(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    if (value == null) {
      return null;
    }
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == ' ') {
      end--;
    }
    return value.substring(0, end);
  }

  private static Object readBytes(ResultSet rs, int index) throws SQLException {
    return rs.getBytes(index);
  }

  private static Object readDate(ResultSet rs, int index) throws SQLException {
    return notAZeroDate(rs, index, rs.getObject(index, LocalDate.class));
  }

  /**
   * {@code value}, unless the driver read as NULL a cell that holds a value: MySQL/MariaDB's zero dates
   * ({@code 0000-00-00}, {@code 2020-00-10}: stored where {@code sql_mode} lacks {@code NO_ZERO_DATE} or
   * {@code NO_ZERO_IN_DATE}), which MariaDB Connector/J reads as NULL. Mirrored as NULL they were a silent divergence;
   * they are refused instead (a data exception the capture turns into an {@link UnreadableValue}).
   */
  private static Object notAZeroDate(ResultSet rs, int index, Object value) throws SQLException {
    if (value == null) {
      String text = rs.getString(index);
      if (text != null) {
        throw new java.sql.SQLDataException("the driver reads the date " + text + " as NULL (a zero date)", "22008");
      }
    }
    return value;
  }

  private static Object readTime(ResultSet rs, int index) throws SQLException {
    LocalTime value = rs.getObject(index, LocalTime.class);
    return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
  }

  private static Object readTimeUtc(ResultSet rs, int index) throws SQLException {
    OffsetTime value = rs.getObject(index, OffsetTime.class);
    return value == null ? null
        : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MICROS);
  }

  /** MySQL prints TIME as {@code [-]H:MM:SS[.ffffff]}; the canonical form drops trailing fraction zeros. */
  private static Object readDuration(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    if (value == null || value.indexOf('.') < 0) {
      return value;
    }
    int end = value.length();
    while (value.charAt(end - 1) == '0') {
      end--;
    }
    return value.substring(0, value.charAt(end - 1) == '.' ? end - 1 : end);
  }

  private static Object readDateTime(ResultSet rs, int index) throws SQLException {
    LocalDateTime value = rs.getObject(index, LocalDateTime.class);
    return value == null ? notAZeroDate(rs, index, null) : value.truncatedTo(ChronoUnit.MICROS);
  }

  private static Object readDateTimeUtc(ResultSet rs, int index) throws SQLException {
    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
    return value == null ? null
        : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MICROS);
  }

  private static Object readTimestampUtc(ResultSet rs, int index) throws SQLException {
    Timestamp value = rs.getTimestamp(index);
    return value == null ? null
        : LocalDateTime.ofInstant(value.toInstant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static Object readJson(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null ? null : CanonicalJson.normalize(value);
  }

  private static Object readArray(ResultSet rs, int index) throws SQLException {
    Array array = rs.getArray(index);
    if (array == null) {
      return null;
    }
    try {
      return CanonicalJson.ofArray((Object[]) array.getArray());
    } finally {
      array.free();
    }
  }
}
