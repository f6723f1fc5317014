package io.doltsync.internal.dialect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Dolt column can hold, for the canonical values {@link io.doltsync.spi.SourceDialect#readValue}
 * returns. Every limit here was checked against {@code dolt sql-server} (see {@code DoltValueLimitsTest},
 * which inserts the last value accepted and the first one refused):
 * <ul>
 *   <li>{@code double} and {@code float} hold no NaN and no infinity;</li>
 *   <li>{@code decimal(p,s)} holds at most {@code p - s} integer digits;</li>
 *   <li>{@code date} holds the years {@value #MIN_DATE_YEAR} to {@value #MAX_YEAR}, {@code datetime} the years
 *       {@value #MIN_DATETIME_YEAR} to {@value #MAX_YEAR} (a year-0 {@code datetime} written through the
 *       MySQL protocol comes back as year 1);</li>
 *   <li>{@code timestamp} holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07.999999 (UTC);</li>
 *   <li>text holds Unicode scalar values only: a string with an unpaired UTF-16 surrogate cannot be written
 *       in utf8mb4 (the client would replace it with {@code ?}).</li>
 * </ul>
 */
public final class DoltValueLimits {

  /** The first year a Dolt {@code date} holds (PostgreSQL's 1 BC, which Java calls year 0). */
  public static final int MIN_DATE_YEAR = 0;
  /** The first year a Dolt {@code datetime} holds faithfully. */
  public static final int MIN_DATETIME_YEAR = 1;
  /** The last year a Dolt {@code date} or {@code datetime} holds. */
  public static final int MAX_YEAR = 9999;

  static final LocalDateTime MIN_TIMESTAMP = LocalDateTime.of(1970, 1, 1, 0, 0, 1);
  static final LocalDateTime MAX_TIMESTAMP = LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000);

  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
  /** {@link #precisionAndScale} by type text: Dolt column types are few, so this stays small. */
  private static final java.util.Map<String, int[]> DECIMAL_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

  private DoltValueLimits() {}

  /**
   * Why Dolt cannot store a value in a column of that type.
   *
   * @param reason   a sentence fragment such as {@code "Dolt's double holds no NaN"}
   * @param sqlState the SQLState of the data exception: 22003 (numeric out of range), 22008 (datetime
   *                 overflow) or 22021 (character not in repertoire)
   */
  public record Refusal(String reason, String sqlState) {}

  /** Why a Dolt column of type {@code doltType} cannot hold {@code value}, or {@code null} when it can. */
  public static Refusal check(String doltType, Object value) {
    if (value == null) {
      return null;
    }
    String type = doltType.toLowerCase(Locale.ROOT);
    if (value instanceof Double d) {
      return Double.isFinite(d) ? null : new Refusal("Dolt's " + type + " holds no NaN or infinity", "22003");
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? null : new Refusal("Dolt's " + type + " holds no NaN or infinity", "22003");
    }
    if (value instanceof BigDecimal decimal) {
      return checkDecimal(type, decimal);
    }
    if (value instanceof LocalDate date) {
      return date.getYear() < MIN_DATE_YEAR || date.getYear() > MAX_YEAR ? yearRange(type, MIN_DATE_YEAR) : null;
    }
    if (value instanceof LocalDateTime dateTime) {
      return checkDateTime(type, dateTime);
    }
    if (value instanceof String text) {
      int bad = unpairedSurrogate(text);
      return bad < 0 ? null : new Refusal("it holds an unpaired UTF-16 surrogate (U+"
          + String.format(Locale.ROOT, "%04X", (int) text.charAt(bad)) + " at index " + bad
          + "), which utf8mb4 cannot encode", "22021");
    }
    return null;
  }

  private static Refusal checkDecimal(String type, BigDecimal value) {
    int[] precisionAndScale = DECIMAL_TYPES.computeIfAbsent(type, DoltValueLimits::precisionAndScale);
    if (precisionAndScale.length == 0) {
      return null;
    }
    int precision = precisionAndScale[0];
    int scale = precisionAndScale[1];
    BigDecimal rounded = value.scale() > scale ? value.setScale(scale, java.math.RoundingMode.HALF_UP) : value;
    int integerDigits = rounded.precision() - rounded.scale();
    if (integerDigits > precision - scale) {
      return new Refusal("Dolt's " + type + " holds at most " + (precision - scale) + " integer digits", "22003");
    }
    return null;
  }

  /** The precision and scale a {@code decimal(p,s)} type names, or none (a pure function of the type's text). */
  private static int[] precisionAndScale(String type) {
    Matcher matcher = DECIMAL.matcher(type);
    return matcher.find() ? new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))}
        : new int[0];
  }

  private static Refusal checkDateTime(String type, LocalDateTime value) {
    if (type.startsWith("timestamp")) {
      return value.isBefore(MIN_TIMESTAMP) || value.isAfter(MAX_TIMESTAMP)
          ? new Refusal("Dolt's timestamp holds " + MIN_TIMESTAMP + " to " + MAX_TIMESTAMP + " (UTC)", "22008")
          : null;
    }
    return value.getYear() < MIN_DATETIME_YEAR || value.getYear() > MAX_YEAR ? yearRange(type, MIN_DATETIME_YEAR) : null;
  }

  private static Refusal yearRange(String type, int minYear) {
    return new Refusal("Dolt's " + type + " holds the years " + minYear + " to " + MAX_YEAR, "22008");
  }

  /** The index of the first unpaired surrogate, or -1. */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A value as an error message shows it: strings quoted (at most 60 characters, surrogates and control
   * characters escaped), the dates PostgreSQL reads as infinity named so, anything else as its text.
   */
  public static String describe(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (LocalDate.MAX.equals(value) || LocalDateTime.MAX.equals(value)) {
      return "infinity";
    }
    if (LocalDate.MIN.equals(value) || LocalDateTime.MIN.equals(value)) {
      return "-infinity";
    }
    if (value instanceof BigDecimal decimal) {
      String plain = decimal.toString();
      return plain.length() <= 60 ? plain : decimal.round(new java.math.MathContext(20)).toString();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length + " bytes";
    }
    if (!(value instanceof String text)) {
      return String.valueOf(value);
    }
    StringBuilder shown = new StringBuilder("'");
    int limit = Math.min(text.length(), 60);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c) || Character.isISOControl(c)) {
        shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.append(text.length() > limit ? "...'" : "'").toString();
  }
}
