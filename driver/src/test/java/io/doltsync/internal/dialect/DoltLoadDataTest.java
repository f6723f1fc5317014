package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.LocalInfileDolt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link DoltLoadData} against a real Dolt: rows of generated values of every canonical class (text with the
 * format's own separators and escapes, every byte, unicode beyond the BMP, extreme numbers, dates and times
 * with microseconds, JSON, NULLs) streamed with {@code LOAD DATA LOCAL INFILE} come back from Dolt equal;
 * the rows it cannot carry (a field spelling NULL) are recognised and inserted, as the bootstrap does.
 * {@code -Ddoltsync.loadDataRows=N} runs more rows (default 400).
 */
class DoltLoadDataTest {

  private static final int ROWS = Integer.getInteger("doltsync.loadDataRows", 400);
  private static final String[] PIECES = {"\t", "\n", "\r", "\\", "\\N", "\\t", "\0", "'", "\"", ",", "é", "ß", "中文",
      "😀", "\uD83D\uDC69\u200D\uD83D\uDCBB", "NULL", "null", "nUlL", " ", "a", "Z", "0"};

  @Test
  void generatedRowsOfEveryValueClassComeBackEqual() throws SQLException {
    Random random = new Random(20261206);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Object[] {(long) i, text(random), bytes(random), decimal(random), doubleValue(random),
          floatValue(random), date(random), time(random), dateTime(random), json(random), bigint(random),
          random.nextInt(4) == 0 ? null : random.nextBoolean()});
    }
    try (Connection dolt = LocalInfileDolt.newDatabase("loaddata_gen")) {
      try (Statement statement = dolt.createStatement()) {
        statement.execute("CREATE TABLE `generated` (id BIGINT PRIMARY KEY, t LONGTEXT, b LONGBLOB, d DECIMAL(65,30),"
            + " f8 DOUBLE, f4 FLOAT, dt DATE, tm TIME(6), ts DATETIME(6), j JSON, i BIGINT, bo TINYINT)");
      }
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      List<Object[]> aside = new ArrayList<>();
      for (Object[] row : rows) {
        if (DoltLoadData.needsInsert(row)) {
          aside.add(row);
        } else {
          DoltLoadData.writeRow(row, text);
        }
      }
      assertThat(aside).as("rows spelling NULL in a text or binary field").isNotEmpty();
      try (Statement statement = dolt.createStatement()) {
        statement.unwrap(org.mariadb.jdbc.Statement.class)
            .setLocalInfileInputStream(new ByteArrayInputStream(text.toByteArray()));
        assertThat(statement.executeUpdate(DoltLoadData.statement("generated",
            List.of("id", "t", "b", "d", "f8", "f4", "dt", "tm", "ts", "j", "i", "bo")))).isEqualTo(ROWS - aside.size());
      }
      try (PreparedStatement insert = dolt.prepareStatement("INSERT INTO `generated` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Object[] row : aside) {
          for (int i = 0; i < row.length; i++) {
            insert.setObject(i + 1, row[i]);
          }
          insert.executeUpdate();
        }
      }
      try (Statement statement = dolt.createStatement();
          ResultSet rs = statement.executeQuery("SELECT * FROM `generated` ORDER BY id")) {
        for (Object[] row : rows) {
          assertThat(rs.next()).isTrue();
          String where = "row " + row[0] + " ";
          assertThat(rs.getString(2)).as(where + "text").isEqualTo(row[1]);
          assertThat(rs.getBytes(3)).as(where + "bytes").isEqualTo(row[2]);
          assertThat(same(rs.getBigDecimal(4), (BigDecimal) row[3], BigDecimal::compareTo)).as(where + "decimal "
              + row[3] + " vs " + rs.getBigDecimal(4)).isTrue();
          assertThat(nullable(rs, rs.getDouble(5))).as(where + "double").isEqualTo(row[4]);
          assertThat(nullable(rs, rs.getFloat(6))).as(where + "float").isEqualTo(row[5]);
          assertThat(rs.getObject(7, LocalDate.class)).as(where + "date").isEqualTo(row[6]);
          assertThat(rs.getObject(8, LocalTime.class)).as(where + "time").isEqualTo(row[7]);
          assertThat(rs.getObject(9, LocalDateTime.class)).as(where + "datetime").isEqualTo(row[8]);
          assertThat(rs.getString(10) == null ? null : CanonicalJson.normalize(rs.getString(10))).as(where + "json")
              .isEqualTo(row[9] == null ? null : CanonicalJson.normalize((String) row[9]));
          assertThat(nullable(rs, rs.getLong(11))).as(where + "bigint").isEqualTo(row[10]);
          Object bool = nullable(rs, rs.getInt(12));
          assertThat(bool == null ? null : (Integer) bool != 0).as(where + "boolean").isEqualTo(row[11]);
        }
        assertThat(rs.next()).isFalse();
      }
    }
  }

  private static Object nullable(ResultSet rs, Object value) throws SQLException {
    return rs.wasNull() ? null : value;
  }

  private static <T> boolean same(T a, T b, java.util.Comparator<T> comparator) {
    return a == null || b == null ? Objects.equals(a, b) : comparator.compare(a, b) == 0;
  }

  private static boolean isNull(Random random) {
    return random.nextInt(8) == 0;
  }

  private static String text(Random random) {
    if (isNull(random)) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      text.append(random.nextInt(3) == 0 ? String.valueOf((char) (0x20 + random.nextInt(0x5f)))
          : PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static byte[] bytes(Random random) {
    if (isNull(random)) {
      return null;
    }
    if (random.nextInt(20) == 0) {
      return "Null".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static BigDecimal decimal(Random random) {
    if (isNull(random)) {
      return null;
    }
    int scale = random.nextInt(31);
    BigInteger unscaled = new BigInteger(1 + random.nextInt(200), random);
    BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, scale);
    return value.precision() - value.scale() > 35 ? value.movePointLeft(value.precision() - value.scale() - 35) : value;
  }

  private static Double doubleValue(Random random) {
    if (isNull(random)) {
      return null;
    }
    return switch (random.nextInt(5)) {
      case 0 -> Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1);
      case 1 -> Double.MIN_VALUE;
      case 2 -> (double) random.nextLong();
      case 3 -> random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300);
      default -> random.nextDouble();
    };
  }

  private static Float floatValue(Random random) {
    if (isNull(random)) {
      return null;
    }
    return switch (random.nextInt(4)) {
      case 0 -> 1.0e38f;
      case 1 -> Float.MIN_NORMAL;
      case 2 -> 0.1f * random.nextInt(1000);
      default -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30));
    };
  }

  private static LocalDate date(Random random) {
    return isNull(random) ? null : LocalDate.ofEpochDay(random.nextLong(LocalDate.of(1000, 1, 1).toEpochDay(),
        LocalDate.of(9999, 12, 31).toEpochDay()));
  }

  private static LocalTime time(Random random) {
    return isNull(random) ? null
        : LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000_000L)).truncatedTo(ChronoUnit.MICROS);
  }

  private static LocalDateTime dateTime(Random random) {
    LocalDate date = date(random);
    LocalTime time = time(random);
    return date == null || time == null ? null : date.atTime(time);
  }

  private static String json(Random random) {
    if (isNull(random)) {
      return null;
    }
    Function<String, String> quoted = s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
        .replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\u0000") + "\"";
    String text = text(random);
    return switch (random.nextInt(4)) {
      case 0 -> "null";
      case 1 -> "{" + quoted.apply("k") + ": " + (text == null ? "null" : quoted.apply(text)) + ", \"n\": [1, 2.5, true]}";
      case 2 -> "[" + random.nextInt() + ", " + quoted.apply(text == null ? "" : text) + "]";
      default -> quoted.apply(text == null ? "x" : text);
    };
  }

  private static Long bigint(Random random) {
    return isNull(random) ? null : random.nextLong();
  }
}
