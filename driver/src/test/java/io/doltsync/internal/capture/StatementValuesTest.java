package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link StatementValues} against the real primaries: values generated around every edge of each column
 * type (range limits, excess scale and precision, over-long and non-ASCII strings, sub-precision fractions
 * of a second, values of the wrong Java type) are inserted, read back through the dialect, and wherever
 * StatementValues claims to know the stored value, it must be exactly what the primary stored.
 */
class StatementValuesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ROWS = 150;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aKnownStoredValueIsWhatThePrimaryStores(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String timestamp = kind == PrimaryKind.MARIADB ? "DATETIME(3)" : "TIMESTAMP(3)";
    try (PrimaryKind.Space space = kind.createSpace("values"); Connection connection = space.connect()) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE conv (id INT PRIMARY KEY, i INT, s SMALLINT, b BIGINT, d DECIMAL(7,2),"
            + " v VARCHAR(10), t " + timestamp + ", f CHAR(6))");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      TableSchema table = dialect.readTable(connection, dialect.listTables(connection).get(0));
      List<ColumnSchema> columns = table.columns().subList(1, table.columns().size());
      StatementValues values = new StatementValues(dialect, true);
      int known = 0;
      int unknown = 0;
      int refused = 0;
      int knownFixed = 0;
      int knownDates = 0;
      for (int id = 1; id <= ROWS; id++) {
        Object[] given = {anInt(random), aSmallint(random), aBigint(random), aDecimal(random), aString(random),
            aDateTime(random), aFixedString(random)};
        Object[] predicted = new Object[given.length];
        for (int c = 0; c < given.length; c++) {
          predicted[c] = values.stored(given[c], columns.get(c));
        }
        Object[] stored = insertAndReadBack(connection, dialect, columns, id, given);
        if (stored == null) {
          refused++;
          continue;
        }
        for (int c = 0; c < given.length; c++) {
          if (predicted[c] == StatementValues.UNKNOWN) {
            unknown++;
            continue;
          }
          known++;
          knownFixed += c == given.length - 1 ? 1 : 0;
          knownDates += given[c] instanceof java.sql.Date ? 1 : 0;
          assertThat(CanonicalValues.same(predicted[c], stored[c]))
              .as("%s given for %s: predicted %s, stored %s (seed %d)", describe(given[c]), columns.get(c).typeName(),
                  predicted[c], stored[c], SEED)
              .isTrue();
        }
      }
      assertThat(refused).as("rows the primary refused (a value out of range in strict mode)").isLessThan(ROWS / 2);
      assertThat(known).as("stored values whose form was known").isGreaterThan(ROWS);
      assertThat(unknown).as("stored values left to the database").isGreaterThan(ROWS / 4);
      // about one value in eight of the generator is of the full length and known; refused rows take some away
      assertThat(knownFixed).as("CHAR values of the full length, known (seed %d)", SEED).isGreaterThan(ROWS / 20);
      // about one value in sixteen is a java.sql.Date of a year after 1582, stored as its midnight
      assertThat(knownDates).as("java.sql.Date values into a date-time column, known (seed %d)", SEED).isPositive();
    }
  }

  /**
   * {@code DATE} columns: ISO strings as a plain statement's literals (PetClinic's data script), valid or not
   * (impossible days, other separators, a time part, years out of range, blanks around), and {@link LocalDate},
   * {@link java.sql.Date} and integers bound to a prepared statement; every predicted value is the stored one.
   */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aKnownDateIsWhatThePrimaryStores(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("dates"); Connection connection = space.connect()) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE dated (id INT PRIMARY KEY, d DATE)");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      ColumnSchema column = dialect.readTable(connection, dialect.listTables(connection).get(0)).columns().get(1);
      StatementValues values = new StatementValues(dialect, true);
      int known = 0;
      int stored = 0;
      for (int id = 1; id <= ROWS; id++) {
        Object given = aDate(random);
        Object predicted = values.stored(given, column);
        try {
          if (given instanceof String literal) {
            try (Statement s = connection.createStatement()) {
              s.executeUpdate("INSERT INTO dated VALUES (" + id + ", '" + literal + "')");
            }
          } else {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dated VALUES (?, ?)")) {
              insert.setInt(1, id);
              insert.setObject(2, given);
              insert.executeUpdate();
            }
          }
        } catch (SQLException refused) {
          continue;
        }
        stored++;
        Object read;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT d FROM dated WHERE id = " + id)) {
          rs.next();
          read = dialect.readValue(rs, 1, column);
        } catch (SQLException unreadable) { // MariaDB stores 1958-0-05 as 1958-00-05, which its driver cannot read
          assertThat(predicted).as("%s given, stored as a date the driver cannot read (seed %d)", describe(given), SEED)
              .isSameAs(StatementValues.UNKNOWN);
          continue;
        }
        if (predicted != StatementValues.UNKNOWN) {
          known++;
          assertThat(CanonicalValues.same(predicted, read))
              .as("%s given: predicted %s, stored %s (seed %d)", describe(given), predicted, read, SEED).isTrue();
        }
      }
      assertThat(stored).as("rows the primary took (seed %d)", SEED).isGreaterThan(ROWS / 3);
      assertThat(known).as("dates whose stored value was known (seed %d)", SEED).isGreaterThan(ROWS / 5);
    }
  }

  /** A date as an application may give it: mostly valid ISO strings and {@link LocalDate}s, some near misses. */
  static Object aDate(Random random) {
    LocalDate date = LocalDate.of(random.nextInt(10) == 0 ? random.nextInt(12_000) : 1900 + random.nextInt(200),
        1 + random.nextInt(12), 1 + random.nextInt(28));
    String iso = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(),
        date.getDayOfMonth());
    return switch (random.nextInt(12)) {
      case 0, 1, 2, 3 -> iso;
      case 4, 5 -> date;
      case 6 -> java.sql.Date.valueOf(LocalDate.of(1900 + random.nextInt(200), 1 + random.nextInt(12), 1 + random.nextInt(28)));
      case 7 -> String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", 1900 + random.nextInt(200), 1 + random.nextInt(13),
          28 + random.nextInt(4)); // impossible days and months among valid ones
      case 8 -> iso.replace('-', random.nextBoolean() ? '/' : '.');
      case 9 -> iso + (random.nextBoolean() ? " 12:34:56" : " ");
      case 10 -> random.nextBoolean() ? " " + iso : iso.substring(0, 5) + iso.substring(6); // one digit fewer
      default -> random.nextBoolean() ? (Object) 20_000_101 : "0000-00-00";
    };
  }

  /**
   * An explicit NULL, or MySQL's 0 for an auto-increment key, may be replaced by the primary (H2's
   * {@code DEFAULT ON NULL}, MySQL's first {@code TIMESTAMP}, auto-increment): such values are never taken as
   * the stored ones, and every value that is predicted equals what the primary stored.
   */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aValueThePrimaryMayReplaceIsNeverPredicted(PrimaryKind kind) throws Exception {
    String ddl = switch (kind) {
      case H2 -> "CREATE TABLE repl (id INT AUTO_INCREMENT PRIMARY KEY, d INT DEFAULT 7 DEFAULT ON NULL, n INT DEFAULT 5, t TIMESTAMP)";
      case MARIADB -> "CREATE TABLE repl (id INT AUTO_INCREMENT PRIMARY KEY, d TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
          + " n INT DEFAULT 5, t DATETIME)";
      default -> "CREATE TABLE repl (id SERIAL PRIMARY KEY, d INT DEFAULT 7, n INT DEFAULT 5, t TIMESTAMP)";
    };
    try (PrimaryKind.Space space = kind.createSpace("replaced"); Connection connection = space.connect()) {
      try (Statement s = connection.createStatement()) {
        s.execute(ddl);
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      TableSchema table = dialect.readTable(connection, dialect.listTables(connection).get(0));
      StatementValues values = new StatementValues(dialect, true);
      Object[] given = {0, null, null, null};
      for (int c = 0; c < given.length; c++) {
        Object predicted = values.stored(given[c], table.columns().get(c));
        if (kind == PrimaryKind.POSTGRES && c > 0) {
          assertThat(predicted).as("PostgreSQL stores an explicit NULL in %s", table.columns().get(c).name()).isNull();
        } else if (c == 1 || c == 2 || (c == 0 && kind == PrimaryKind.MARIADB)) {
          assertThat(predicted).as("%s given for %s", given[c], table.columns().get(c).name())
              .isSameAs(StatementValues.UNKNOWN);
        }
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO repl (id, d, n, t) VALUES (?, ?, ?, ?)")) {
        insert.setInt(1, kind == PrimaryKind.MARIADB ? 0 : 1);
        insert.setObject(2, null);
        insert.setObject(3, null);
        insert.setObject(4, null);
        insert.executeUpdate();
      } catch (SQLException refused) {
        return; // the primary refused the NULL outright: nothing was stored that could differ
      }
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT d, n, t FROM repl")) {
        rs.next();
        if (kind == PrimaryKind.POSTGRES) {
          assertThat(rs.getObject(1)).as("PostgreSQL: NULL given for a column with a default").isNull();
          assertThat(rs.getObject(2)).as("PostgreSQL: NULL given for a column with a default").isNull();
        }
        assertThat(values.stored(null, table.columns().get(3))).isNull();
        assertThat(rs.getObject(3)).as("a nullable column without a default keeps the NULL given").isNull();
      }
    }
  }

  /**
   * Doubles into a {@code DOUBLE} (MariaDB) / {@code DOUBLE PRECISION} column: random bit patterns (NaN, infinities,
   * subnormals, every exponent), ±0, the extremes, sums with binary noise, values with long decimal forms, and
   * floats; every value whose stored form is predicted must be the double the primary stores.
   */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aPredictedDoubleIsWhatThePrimaryStores(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String type = kind == PrimaryKind.MARIADB ? "DOUBLE" : "DOUBLE PRECISION";
    try (PrimaryKind.Space space = kind.createSpace("doubles"); Connection connection = space.connect()) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE dbl (id INT PRIMARY KEY, x " + type + ")");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      TableSchema table = dialect.readTable(connection, dialect.listTables(connection).get(0));
      ColumnSchema column = table.columns().get(1);
      StatementValues values = new StatementValues(dialect, true);
      int known = 0;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dbl VALUES (?, ?)");
          PreparedStatement select = connection.prepareStatement("SELECT x FROM dbl WHERE id = ?")) {
        for (int id = 1; id <= ROWS; id++) {
          Object given = aDoubleValue(random);
          Object predicted = values.stored(given, column);
          insert.setInt(1, id);
          insert.setObject(2, given);
          try {
            insert.executeUpdate();
          } catch (SQLException refused) {
            assertThat(predicted).as("%s refused, yet predicted (seed %d)", describe(given), SEED)
                .isSameAs(StatementValues.UNKNOWN);
            continue;
          }
          select.setInt(1, id);
          Object stored;
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            stored = dialect.readValue(rs, 1, column);
          }
          if (predicted != StatementValues.UNKNOWN) {
            known++;
            assertThat(CanonicalValues.same(predicted, stored))
                .as("%s given for %s: predicted %s, stored %s (seed %d)", describe(given), type, predicted, stored, SEED)
                .isTrue();
          }
        }
      }
      assertThat(known).as("doubles whose stored form was predicted (seed %d)", SEED).isGreaterThan(ROWS / 2);
    }
  }

  static Object aDoubleValue(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> Double.longBitsToDouble(random.nextLong()); // any exponent; NaN and infinities now and then
      case 1 -> Double.longBitsToDouble(random.nextLong() >>> 12); // subnormal
      case 2 -> switch (random.nextInt(8)) {
        case 0 -> 0.0;
        case 1 -> -0.0;
        case 2 -> Double.MIN_VALUE;
        case 3 -> Double.MAX_VALUE;
        case 4 -> -Double.MIN_NORMAL;
        case 5 -> Double.NaN;
        case 6 -> Double.POSITIVE_INFINITY;
        default -> Double.NEGATIVE_INFINITY;
      };
      case 3 -> random.nextInt(1000) * 0.1 + 0.2;
      case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      case 5 -> switch (random.nextInt(4)) { // a Float: predicted on PostgreSQL only (float4 widened exactly)
        case 0 -> (float) (random.nextGaussian() * 1000);
        case 1 -> random.nextFloat(); // BenchBase OTMetrics' setFloat(rng().nextFloat())
        case 2 -> Float.intBitsToFloat(random.nextInt()); // any exponent; NaN and infinities now and then
        default -> random.nextBoolean() ? -0.0f : Float.MIN_VALUE;
      };
      case 6 -> 1.0 / (1 + random.nextInt(1000));
      case 7 -> (double) random.nextLong();
      default -> (random.nextInt(2_000_000) - 1_000_000) / 100.0;
    };
  }

  /** The stored row, or {@code null} when the primary refused it (a value out of range in strict mode). */
  private static Object[] insertAndReadBack(Connection connection, SourceDialect dialect, List<ColumnSchema> columns,
      int id, Object[] given) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO conv VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setInt(1, id);
      for (int c = 0; c < given.length; c++) {
        insert.setObject(c + 2, given[c]);
      }
      insert.executeUpdate();
    } catch (SQLException refused) {
      return null;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT i, s, b, d, v, t, f FROM conv WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        Object[] row = new Object[given.length];
        for (int c = 0; c < row.length; c++) {
          row[c] = dialect.readValue(rs, c + 1, columns.get(c));
        }
        return row;
      }
    }
  }

  static Object anInt(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt();
      case 1 -> (long) Integer.MAX_VALUE - random.nextInt(2) + (random.nextInt(5) == 0 ? 1 : 0);
      case 2 -> (long) Integer.MIN_VALUE + random.nextInt(2) - (random.nextInt(5) == 0 ? 1 : 0);
      case 3 -> String.valueOf(random.nextInt(100)); // a string: converted by the database
      default -> null;
    };
  }

  static Object aSmallint(Random random) {
    return random.nextBoolean() ? (Object) (random.nextInt(66_000) - 33_000) : (Object) (short) random.nextInt(100);
  }

  static Object aBigint(Random random) {
    return random.nextBoolean() ? (Object) random.nextLong() : BigDecimal.valueOf(random.nextInt(1000), 1);
  }

  static Object aDecimal(Random random) {
    int scale = random.nextInt(5);
    long unscaled = (long) (random.nextDouble() * Math.pow(10, 3 + random.nextInt(4))) * (random.nextBoolean() ? 1 : -1);
    return switch (random.nextInt(8)) {
      case 0 -> random.nextInt(100_000);
      case 1, 2 -> aDouble(random, unscaled, scale);
      default -> BigDecimal.valueOf(unscaled, scale);
    };
  }

  /**
   * Doubles as applications bind them to decimal columns: cents computed as {@code n / 100.0} (BenchBase's
   * TPC-C, whose Payment binds a {@code float} widened to {@code double}), sums that pick up binary noise
   * ({@code 0.1 + 0.2}), many-digit values, values at a rounding boundary, negative zero, large integers beyond 15
   * digits, and values at and beyond the column's precision.
   */
  static Object aDouble(Random random, long unscaled, int scale) {
    return switch (random.nextInt(7)) {
      case 0 -> unscaled / Math.pow(10, scale);
      case 1 -> (random.nextInt(1_000_000) - 500_000) / 100.0;
      case 2 -> random.nextInt(1000) * 0.1 + 0.2;
      case 3 -> random.nextDouble() * 1000;
      case 4 -> switch (random.nextInt(4)) {
        case 0 -> -0.0;
        case 1 -> 99_999.99 + random.nextInt(3) * 0.01;
        case 2 -> random.nextInt(100_000) / 100.0 + 0.005; // at a rounding boundary of the scale
        default -> (double) (random.nextLong() >> random.nextInt(64)); // beyond 15 digits, or not
      };
      case 5 -> (double) (float) ((random.nextInt(1_000_000) - 500_000) / 100.0); // BenchBase: a float widened
      default -> (double) random.nextInt(100_000);
    };
  }

  static Object aString(Random random) {
    String alphabet = "abcXYZ 09-é€😀";
    int length = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    while (sb.codePointCount(0, sb.length()) < length) {
      int at = random.nextInt(alphabet.codePointCount(0, alphabet.length()));
      sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, at)));
    }
    if (random.nextInt(6) == 0) {
      sb.append("  ");
    }
    return sb.toString();
  }

  /**
   * Strings for a {@code CHAR(6)}: shorter than the column (padded by H2 and PostgreSQL), of its length, longer,
   * ending in spaces (stripped by MySQL/MariaDB when read), with non-ASCII characters, or not a string at all.
   */
  static Object aFixedString(Random random) {
    if (random.nextInt(12) == 0) {
      return random.nextBoolean() ? (Object) random.nextInt(1000) : null;
    }
    String alphabet = random.nextInt(4) == 0 ? "abcXYZ 09-é€😀" : "abcXYZ09-";
    int length = random.nextInt(10) == 0 ? 7 : 3 + random.nextInt(4);
    StringBuilder sb = new StringBuilder();
    while (sb.codePointCount(0, sb.length()) < length) {
      int at = random.nextInt(alphabet.codePointCount(0, alphabet.length()));
      sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, at)));
    }
    if (random.nextInt(5) == 0) {
      sb.setLength(sb.offsetByCodePoints(sb.length(), -1));
      sb.append(' ');
    }
    return sb.toString();
  }

  static Object aDateTime(Random random) {
    LocalDateTime base = LocalDateTime.of(1990 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60));
    int nanos = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1000;
      default -> random.nextInt(1_000_000_000);
    };
    LocalDateTime value = base.withNano(nanos);
    if (random.nextInt(4) == 0) { // a date: any year a date-time column holds, its edges, the Julian calendar's days
      java.time.LocalDate day = switch (random.nextInt(4)) {
        case 0 -> java.time.LocalDate.of(random.nextBoolean() ? 1000 : 9999, 1 + random.nextInt(12), 1 + random.nextInt(28));
        case 1 -> java.time.LocalDate.of(1000 + random.nextInt(900), 1 + random.nextInt(12), 1 + random.nextInt(28));
        default -> value.toLocalDate();
      };
      java.sql.Date date = java.sql.Date.valueOf(day);
      return random.nextBoolean() ? date : new java.sql.Date(date.getTime() + random.nextInt(86_400_000));
    }
    return random.nextBoolean() ? value : Timestamp.valueOf(value);
  }

  private static String describe(Object value) {
    return value == null ? "NULL" : value.getClass().getSimpleName() + " " + value;
  }
}
