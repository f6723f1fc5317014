package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DoltValueLimits} agrees with the real Dolt server: for generated values of each class (floating-point
 * specials, decimals around each column's digit limit, dates and datetimes around the year limits, strings with
 * and without unpaired surrogates and NUL), a value the check accepts is stored and read back unchanged, and a
 * value it refuses is refused by Dolt or would come back different.
 */
class DoltValueLimitsTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", 8L);
  private static final int PER_CLASS = Integer.getInteger("doltsync.test.valueLimitCases", 40);

  private static String database;
  private static Connection dolt;

  @BeforeAll
  static void createDatabase() throws SQLException {
    database = TestServers.createDoltDatabase("limits");
    dolt = TestServers.dolt(database);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    dolt.close();
    DoltDatabases.drop(database);
  }

  @Test
  void floatingPointSpecialsAreRefusedAndFiniteNumbersStored() throws SQLException {
    Random random = new Random(SEED);
    List<Object> values = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MAX_VALUE, -Double.MIN_VALUE));
    for (int i = 0; i < PER_CLASS; i++) {
      values.add(Double.longBitsToDouble(random.nextLong()));
    }
    assertAgreesWithDolt("double", values);
    List<Object> floats = new ArrayList<>(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f));
    assertAgreesWithDolt("float", floats);
  }

  @Test
  void decimalsAroundEachColumnsIntegerDigitLimit() throws SQLException {
    Random random = new Random(SEED + 1);
    for (int round = 0; round < 4; round++) {
      int precision = round == 0 ? 65 : 1 + random.nextInt(65);
      int scale = round == 0 ? 30 : random.nextInt(Math.min(precision, 30) + 1);
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < PER_CLASS / 4; i++) {
        int integerDigits = Math.max(1, precision - scale - 2 + random.nextInt(5));
        BigInteger unscaled = new BigInteger(integerDigits * 4, random).add(BigInteger.TEN.pow(integerDigits - 1));
        String digits = unscaled.toString().substring(0, integerDigits);
        values.add(new BigDecimal((random.nextBoolean() ? "-" : "") + digits + (scale > 0 ? "." + "7".repeat(scale) : "")));
      }
      values.add(new BigDecimal("1.5E+400").setScale(0));
      assertAgreesWithDolt("decimal(" + precision + "," + scale + ")", values);
    }
  }

  @Test
  void datesAndDatetimesAroundTheYearLimits() throws SQLException {
    Random random = new Random(SEED + 2);
    int[] years = {-1, 0, 1, 2, 999, 1000, 9999, 10000, 12345, -4713};
    List<Object> dates = new ArrayList<>(List.of(LocalDate.MAX, LocalDate.MIN));
    List<Object> dateTimes = new ArrayList<>(List.of(LocalDateTime.MAX, LocalDateTime.MIN));
    for (int i = 0; i < PER_CLASS; i++) {
      int year = years[random.nextInt(years.length)];
      LocalDate date = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
      dates.add(date);
      dateTimes.add(date.atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000));
    }
    assertAgreesWithDolt("date", dates);
    assertAgreesWithDolt("datetime(6)", dateTimes);
  }

  @Test
  void stringsWithUnpairedSurrogatesAreRefusedAndOtherTextStored() throws SQLException {
    Random random = new Random(SEED + 3);
    List<Object> values = new ArrayList<>(List.of("a\u0000b", "\uD800", "x\uDC00", "\uD83D\uDE00", "\uDE00\uD83D"));
    char[] alphabet = {'a', 'é', '\u0000', '\'', '\\', '\uD83D', '\uDE00', '中', ' ', '\n'};
    for (int i = 0; i < PER_CLASS; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      values.add(text.toString());
    }
    assertAgreesWithDolt("longtext", values);
    assertAgreesWithDolt("varchar(20)", values);
  }

  /** Stores each value in a fresh row of a column of that type and compares Dolt's verdict with the check's. */
  private static void assertAgreesWithDolt(String doltType, List<Object> values) throws SQLException {
    String table = TestServers.uniqueName("v");
    try (Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v " + doltType + ") COLLATE=utf8mb4_0900_bin");
    }
    int id = 0;
    for (Object value : values) {
      id++;
      boolean storedFaithfully = storesFaithfully(table, id, value);
      DoltValueLimits.Refusal refusal = DoltValueLimits.check(doltType, value);
      assertThat(refusal == null)
          .as("%s value %s: check says %s, Dolt %s", doltType, DoltValueLimits.describe(value), refusal,
              storedFaithfully ? "stores it faithfully" : "does not")
          .isEqualTo(storedFaithfully);
    }
  }

  private static boolean storesFaithfully(String table, int id, Object value) throws SQLException {
    try (PreparedStatement insert = dolt.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
      insert.setInt(1, id);
      insert.setObject(2, value);
      insert.executeUpdate();
    } catch (SQLException refused) {
      return false;
    }
    try (PreparedStatement select = dolt.prepareStatement("SELECT v FROM " + table + " WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        Object back = value instanceof String ? rs.getString(1) : rs.getObject(1, value.getClass());
        return CanonicalValues.same(value, back);
      }
    }
  }
}
