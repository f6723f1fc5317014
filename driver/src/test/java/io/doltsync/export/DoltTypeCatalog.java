package io.doltsync.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Every Dolt column type the source dialects map to, each with a generator of its values: the edges of its range
 * and random values (unicode with 4-byte characters, quotes and backslashes in text, every byte in binary, the
 * fractional digits the type keeps), plus NULL. The values stay inside what every target can hold (times of day,
 * booleans as 0/1, dates from year 1000, no NUL character, which PostgreSQL text cannot hold); what a target
 * refuses is tested on its own.
 */
final class DoltTypeCatalog {

  /** A Dolt column type and its value generator; {@code edges} are the first values every table gets. */
  record Type(String sql, List<Object> edges, Function<Random, Object> random, Function<Object, Object> forOracle) {
    Type(String sql, List<Object> edges, Function<Random, Object> random) {
      this(sql, edges, random, Function.identity());
    }

    /** The value as generated, or (for an Oracle target) narrowed to what Oracle holds. */
    Object value(Object generated, boolean oracle) {
      return oracle && generated != null ? forOracle.apply(generated) : generated;
    }
  }

  private static final String TEXT_PIECES = "aZ09 é中文😀'\"\\\t\n%_,;";

  private DoltTypeCatalog() {}

  static List<Type> types() {
    List<Type> types = new ArrayList<>();
    integer(types, "tinyint", -128, 127);
    integer(types, "tinyint unsigned", 0, 255);
    integer(types, "smallint", -32768, 32767);
    integer(types, "smallint unsigned", 0, 65535);
    integer(types, "mediumint", -8388608, 8388607);
    integer(types, "mediumint unsigned", 0, 16777215);
    integer(types, "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
    integer(types, "int unsigned", 0, 4294967295L);
    integer(types, "bigint", Long.MIN_VALUE, Long.MAX_VALUE);
    types.add(new Type("bigint unsigned", List.of(BigDecimal.ZERO, new BigDecimal("18446744073709551615")),
        r -> new BigDecimal(new BigInteger(64, r))));
    types.add(new Type("tinyint(1)", List.of(0L, 1L), r -> (long) r.nextInt(2)));
    types.add(new Type("decimal(10,2)", List.of(new BigDecimal("-99999999.99"), new BigDecimal("99999999.99")),
        r -> BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, 2)));
    types.add(new Type("decimal(65,30)", List.of(new BigDecimal("-" + "9".repeat(35) + "." + "9".repeat(30)),
        new BigDecimal("0." + "0".repeat(29) + "1")), r -> new BigDecimal(new BigInteger(200, r), 30),
        // Oracle's NUMBER holds 38 significant digits (more is refused, tested on its own)
        v -> ((BigDecimal) v).round(new java.math.MathContext(38, java.math.RoundingMode.DOWN)).setScale(30,
            java.math.RoundingMode.UNNECESSARY)));
    types.add(new Type("decimal(20,0)", List.of(new BigDecimal("-" + "9".repeat(20)), new BigDecimal("9".repeat(20))),
        r -> new BigDecimal(new BigInteger(60, r))));
    types.add(new Type("float", List.of(-3.4E38f, 1.17549435E-38f, 0.5f), r -> (float) (r.nextGaussian() * 1e6)));
    types.add(new Type("double", List.of(-1.7976931348623157E308, 2.2250738585072014E-308, 0.1),
        r -> r.nextGaussian() * 1e100));
    types.add(new Type("bit(1)", List.of(false, true), Random::nextBoolean));
    types.add(new Type("bit(8)", List.of(0L, 255L), r -> (long) r.nextInt(256)));
    types.add(new Type("bit(64)", List.of(0L, -1L), Random::nextLong));
    types.add(new Type("enum('a','b c','ü','it''s')", List.of("a", "it's"), r -> List.of("a", "b c", "ü", "it's").get(r.nextInt(4))));
    types.add(new Type("set('x','y','z')", List.of("", "x,y,z"), r -> List.of("x", "y", "x,z", "y,z").get(r.nextInt(4))));
    types.add(new Type("char(10)", List.of("", "0123456789"), r -> text(r, 10)));
    types.add(new Type("varchar(300)", List.of("", "😀".repeat(300)), r -> text(r, 300)));
    types.add(new Type("tinytext", List.of(""), r -> text(r, 60)));
    types.add(new Type("text", List.of("x".repeat(16_000)), r -> text(r, 2000)));
    types.add(new Type("mediumtext", List.of("ü".repeat(40_000)), r -> text(r, 100)));
    types.add(new Type("longtext", List.of("😀".repeat(20_000)), r -> text(r, 100)));
    types.add(new Type("binary(4)", List.of(new byte[4], new byte[] {-1, -1, -1, -1}), r -> bytes(r, 4, 4)));
    types.add(new Type("varbinary(100)", List.of(new byte[0], allBytes(100)), r -> bytes(r, 0, 100)));
    types.add(new Type("tinyblob", List.of(new byte[0]), r -> bytes(r, 0, 255)));
    types.add(new Type("blob", List.of(allBytes(256)), r -> bytes(r, 0, 3000)));
    types.add(new Type("mediumblob", List.of(new byte[70_000]), r -> bytes(r, 0, 100)));
    types.add(new Type("longblob", List.of(allBytes(256)), r -> bytes(r, 0, 100)));
    types.add(new Type("date", List.of(LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31)),
        r -> LocalDate.ofEpochDay(r.nextInt(3_000_000) - 700_000)));
    types.add(new Type("time(6)", List.of(LocalTime.MIN, LocalTime.of(23, 59, 59, 999_999_000)),
        r -> LocalTime.ofNanoOfDay((r.nextLong() & Long.MAX_VALUE) % 86_400_000_000L * 1000)));
    types.add(new Type("datetime", List.of(LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59)),
        r -> dateTime(r, 0)));
    types.add(new Type("datetime(3)", List.of(LocalDateTime.of(2000, 2, 29, 12, 0, 0, 1_000_000)), r -> dateTime(r, 3)));
    types.add(new Type("datetime(6)", List.of(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)), r -> dateTime(r, 6)));
    types.add(new Type("timestamp(6)", List.of(LocalDateTime.of(1970, 1, 2, 0, 0), LocalDateTime.of(2038, 1, 18, 3, 14, 7, 999_999_000)),
        r -> LocalDateTime.of(1971 + r.nextInt(66), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
            r.nextInt(60), r.nextInt(1_000_000) * 1000)));
    types.add(new Type("year", List.of(1901L, 2155L), r -> 1901L + r.nextInt(255)));
    types.add(new Type("json", List.of("{}", "[1, \"😀\", null, {\"k\": [true, 1.5]}]"),
        r -> "{\"n\": " + r.nextInt(1000) + ", \"s\": \"" + text(r, 8).replace("\\", "\\\\").replace("\"", "\\\"")
            .replace("\t", "\\t").replace("\n", "\\n") + "\", \"a\": [1, 2.5, false]}"));
    return types;
  }

  private static void integer(List<Type> types, String sql, long min, long max) {
    types.add(new Type(sql, List.of(min, max, 0L), r -> min + (long) (r.nextDouble() * ((double) max - min))));
  }

  private static String text(Random r, int maxChars) {
    StringBuilder text = new StringBuilder();
    int[] points = TEXT_PIECES.codePoints().toArray();
    int length = r.nextInt(maxChars + 1);
    while (text.codePointCount(0, text.length()) < length) {
      text.appendCodePoint(points[r.nextInt(points.length)]);
    }
    // MySQL-family CHAR and VARCHAR drop or keep trailing spaces differently: none at the end
    return text.toString().stripTrailing();
  }

  private static byte[] bytes(Random r, int min, int max) {
    byte[] bytes = new byte[min + r.nextInt(max - min + 1)];
    r.nextBytes(bytes);
    return bytes;
  }

  private static byte[] allBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static LocalDateTime dateTime(Random r, int digits) {
    int nanos = digits == 0 ? 0 : r.nextInt(1_000_000_000) / (int) Math.pow(10, 9 - digits) * (int) Math.pow(10, 9 - digits);
    return LocalDateTime.of(1000 + r.nextInt(9000), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
        r.nextInt(60), nanos);
  }
}
