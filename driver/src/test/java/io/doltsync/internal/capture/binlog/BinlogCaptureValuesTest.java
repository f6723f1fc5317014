package io.doltsync.internal.capture.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.MariaDbDialect;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binlog capture against journal capture over generated values of every MariaDB type the dialect maps: the same
 * random statements (inserts, updates of some columns, key updates, deletes, keyless writes, TRUNCATE, transactions
 * committed and rolled back) run through a binlog-capture connection and through a journal-capture one, each on its
 * own database mirrored into its own Dolt database; after every transaction the binlog side's Dolt must equal its
 * primary ({@code binlogValues.everyTransaction}, on by default), at the end both Dolt databases must hold the same
 * canonical values, with as many commits. Some rows are there before the mirrors start (copied by the bootstrap, then
 * changed through the log). Needs a MariaDB with the binary log on ({@code scripts/mariadb.sh} starts one; point
 * the tests at it with {@code DOLTSYNC_MARIADB_PORT}).
 */
public class BinlogCaptureValuesTest {

  private static final MariaDbDialect DIALECT = new MariaDbDialect();
  private static final Duration WAIT = Duration.ofSeconds(120);
  static final String COLUMNS = "c_tiny tinyint, c_tiny_u tinyint unsigned, c_small smallint, c_small_u smallint"
      + " unsigned, c_medium mediumint, c_medium_u mediumint unsigned, c_int int, c_int_u int unsigned, c_big bigint,"
      + " c_big_u bigint unsigned, c_bool tinyint(1), c_dec decimal(12,3), c_dec_wide decimal(38,30), c_float float,"
      + " c_double double, c_bit1 bit(1), c_bit12 bit(12), c_char char(4), c_varchar varchar(50), c_latin varchar(20)"
      + " CHARACTER SET latin1, c_text text, c_bin binary(6), c_varbin varbinary(20), c_blob blob, c_date date,"
      + " c_time time(3), c_time0 time, c_dt datetime(6), c_dt0 datetime, c_ts timestamp(3) NULL DEFAULT NULL,"
      + " c_year year, c_json json, c_enum enum('sad','ok','happy'), c_set set('a','b','c'), c_char_bin char(3) BINARY";
  static final String[] NAMES = {"c_tiny", "c_tiny_u", "c_small", "c_small_u", "c_medium", "c_medium_u", "c_int",
      "c_int_u", "c_big", "c_big_u", "c_bool", "c_dec", "c_dec_wide", "c_float", "c_double", "c_bit1", "c_bit12",
      "c_char", "c_varchar", "c_latin", "c_text", "c_bin", "c_varbin", "c_blob", "c_date", "c_time", "c_time0", "c_dt",
      "c_dt0", "c_ts", "c_year", "c_json", "c_enum", "c_set", "c_char_bin"};

  private final List<String> databases = new ArrayList<>();
  private final List<String> doltDatabases = new ArrayList<>();

  @AfterEach
  void drop() throws SQLException {
    io.doltsync.internal.mirror.MirrorRegistry.closeAll();
    try (Connection server = TestServers.mariadb(); Statement statement = server.createStatement()) {
      for (String database : databases) {
        statement.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
    for (String database : doltDatabases) {
      DoltDatabases.drop(database);
    }
  }

  @Test
  void binlogCaptureMirrorsEveryMappedTypeAsJournalCaptureDoes() throws Exception {
    long seed = Long.getLong("binlogValues.seed", System.nanoTime());
    int transactions = Integer.getInteger("binlogValues.transactions", 80);
    boolean everyTransaction = Boolean.parseBoolean(System.getProperty("binlogValues.everyTransaction", "true"));
    System.out.println("[binlogValues] seed " + seed + ", " + transactions + " transactions");
    Random random = new Random(seed);
    List<Long> keys = new ArrayList<>();
    long nextKey = 1;
    List<String> initial = new ArrayList<>();
    Random before = new Random(~seed);
    for (int r = before.nextInt(6); r > 0; r--) {
      long key = -r;
      keys.add(key);
      initial.add("INSERT INTO typed VALUES (" + key + ", " + values(before) + ")");
      String row = "INSERT INTO keyless VALUES (" + values(before) + ")";
      initial.add(row);
      if (before.nextBoolean()) {
        initial.add(row);
      }
    }
    Side journal = side("journal", initial);
    Side binlog = side("binlog", initial);
    for (int t = 0; t < transactions; t++) {
      List<String> statements = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int s = 0; s < count; s++) {
        int kind = random.nextInt(20);
        if (kind < 6 || keys.isEmpty()) {
          long key = nextKey++;
          keys.add(key);
          statements.add("INSERT INTO typed VALUES (" + key + ", " + values(random) + ")");
        } else if (kind < 11) {
          statements.add("UPDATE typed SET " + assignments(random) + " WHERE id = " + keys.get(random.nextInt(keys.size())));
        } else if (kind < 12) {
          int index = random.nextInt(keys.size());
          long key = nextKey++;
          statements.add("UPDATE typed SET id = " + key + " WHERE id = " + keys.get(index));
          keys.set(index, key);
        } else if (kind < 14) {
          statements.add("DELETE FROM typed WHERE id = " + keys.remove(random.nextInt(keys.size())));
        } else if (kind < 17) {
          statements.add("INSERT INTO keyless VALUES (" + values(random) + ")");
        } else if (kind < 19) {
          statements.add("UPDATE keyless SET " + assignments(random) + " WHERE c_bool <=> "
              + (random.nextBoolean() ? "1" : "NULL"));
        } else if (random.nextInt(4) == 0 && count == 1) {
          statements.add("TRUNCATE keyless"); // DDL on MariaDB: it commits, so only as a transaction of its own
        } else {
          statements.add("DELETE FROM keyless WHERE c_bool = 0");
        }
      }
      boolean rollback = count > 1 && random.nextInt(8) == 0;
      journal.run(statements, rollback);
      binlog.run(statements, rollback);
      if (everyTransaction) {
        binlog.await();
        for (String table : List.of("typed", "keyless")) {
          assertSame("seed " + seed + ", transaction " + t + " " + statements + ": primary against Dolt (binlog"
              + " capture), table " + table, binlog.primaryRows(table), binlog.doltRows(table));
        }
      }
    }
    journal.await();
    binlog.await();
    for (String table : List.of("typed", "keyless")) {
      List<Object[]> fromJournal = journal.doltRows(table);
      List<Object[]> fromBinlog = binlog.doltRows(table);
      List<Object[]> primary = binlog.primaryRows(table);
      List<Object[]> journalPrimary = journal.primaryRows(table);
      String counts = " (rows: primary " + primary.size() + ", journal capture's Dolt " + fromJournal.size()
          + ", binlog capture's Dolt " + fromBinlog.size() + ")";
      assertSame("seed " + seed + ": the two primaries ran the same statements, table " + table, journalPrimary, primary);
      assertSame("seed " + seed + ": primary against Dolt (binlog capture), table " + table + counts, primary,
          fromBinlog);
      assertSame("seed " + seed + ": Dolt (journal capture) against Dolt (binlog capture), table " + table + counts,
          fromJournal, fromBinlog);
    }
    assertThat(binlog.commits()).as("seed %d: Dolt commits of binlog capture and of journal capture", seed)
        .isEqualTo(journal.commits());
  }

  static void assertSame(String what, List<Object[]> expected, List<Object[]> actual) {
    assertThat(actual).as(what + ": row count").hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).length; c++) {
        Object e = expected.get(r)[c];
        Object a = actual.get(r)[c];
        assertThat(CanonicalValues.same(e, a)).as("%s: row %d column %d: expected %s, got %s", what, r, c,
            describe(e), describe(a)).isTrue();
      }
    }
  }

  private static String describe(Object value) {
    return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
        : value == null ? "NULL" : value + " (" + value.getClass().getSimpleName() + ")";
  }

  private Side side(String capture, List<String> initial) throws SQLException {
    String database = TestServers.createMariadbDatabase("binlog_vals_" + capture);
    databases.add(database);
    String dolt = DoltDatabases.newName("binlog_vals_" + capture);
    doltDatabases.add(dolt);
    try (Connection raw = TestServers.mariadb(database); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE typed (id bigint PRIMARY KEY, " + COLUMNS + ")");
      statement.execute("CREATE TABLE keyless (" + COLUMNS + ")");
      for (String sql : initial) {
        statement.execute(sql);
      }
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), dolt),
        "doltsync.capture", capture);
    Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
    return new Side(database, dolt, connection);
  }

  /** One database, its doltsync connection and its Dolt database. */
  record Side(String database, String dolt, Connection connection) {

    void run(List<String> statements, boolean rollback) throws SQLException {
      boolean transaction = statements.size() > 1;
      connection.setAutoCommit(!transaction);
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
      if (transaction) {
        if (rollback) {
          connection.rollback();
        } else {
          connection.commit();
        }
        connection.setAutoCommit(true);
      }
    }

    void await() throws SQLException {
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    }

    List<Object[]> doltRows(String table) throws SQLException {
      try (Connection primary = TestServers.mariadb(database); Connection doltConnection = TestServers.dolt(dolt)) {
        TableSchema schemaOf = DIALECT.readTable(primary, table);
        return rows(doltConnection, schemaOf, "`" + table + "`", DIALECT::readDoltValue, false);
      }
    }

    List<Object[]> primaryRows(String table) throws SQLException {
      try (Connection primary = TestServers.mariadb(database)) {
        TableSchema schemaOf = DIALECT.readTable(primary, table);
        return rows(primary, schemaOf, table, DIALECT::readValue, true);
      }
    }

    long commits() throws SQLException {
      return DoltDatabases.commitCount(dolt);
    }
  }

  @FunctionalInterface
  interface Reader {
    Object read(ResultSet rs, int index, ColumnSchema column) throws SQLException;
  }

  /** Every row, canonical, in one order both sides share: sorted by their printed form. */
  static List<Object[]> rows(Connection connection, TableSchema schema, String table, Reader reader, boolean primary)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    for (ColumnSchema column : schema.columns()) {
      selected.add(primary ? DIALECT.selectColumn(null, column) : "`" + column.name() + "`");
    }
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT " + String.join(", ", selected) + " FROM " + table)) {
      while (rs.next()) {
        Object[] row = new Object[schema.columns().size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = reader.read(rs, i + 1, schema.columns().get(i));
        }
        rows.add(row);
      }
    }
    Function<Object[], String> printed = row -> Arrays.deepToString(Arrays.stream(row)
        .map(v -> v instanceof byte[] b ? HexFormat.of().formatHex(b) : v instanceof java.math.BigDecimal d
            ? d.stripTrailingZeros().toPlainString() : v instanceof Number n ? String.valueOf(n.doubleValue()) : v)
        .toArray());
    rows.sort((a, b) -> printed.apply(a).compareTo(printed.apply(b)));
    return rows;
  }

  // ---- value generators: SQL literals of each column, NULL one time in ten ----------------------------

  static String values(Random random) {
    List<String> values = new ArrayList<>(NAMES.length);
    for (int c = 0; c < NAMES.length; c++) {
      values.add(value(random, c));
    }
    return String.join(", ", values);
  }

  static String assignments(Random random) {
    List<String> set = new ArrayList<>();
    for (int c = 0; c < NAMES.length; c++) {
      if (random.nextInt(4) == 0) {
        set.add(NAMES[c] + " = " + value(random, c));
      }
    }
    if (set.isEmpty()) {
      set.add("c_int = " + value(random, 6));
    }
    return String.join(", ", set);
  }

  static String value(Random r, int column) {
    if (r.nextInt(10) == 0) {
      return "NULL";
    }
    return switch (column) {
      case 0 -> pick(r, "127", "-128", String.valueOf((byte) r.nextInt()));
      case 1 -> pick(r, "255", "0", String.valueOf(r.nextInt(256)));
      case 2 -> pick(r, "32767", "-32768", String.valueOf((short) r.nextInt()));
      case 3 -> pick(r, "65535", String.valueOf(r.nextInt(65536)));
      case 4 -> pick(r, "8388607", "-8388608", String.valueOf(r.nextInt(16777216) - 8388608));
      case 5 -> pick(r, "16777215", String.valueOf(r.nextInt(16777216)));
      case 6 -> pick(r, "2147483647", "-2147483648", String.valueOf(r.nextInt()));
      case 7 -> pick(r, "4294967295", "2147483648", String.valueOf(Integer.toUnsignedLong(r.nextInt())));
      case 8 -> pick(r, "9223372036854775807", "-9223372036854775808", String.valueOf(r.nextLong()));
      case 9 -> pick(r, "18446744073709551615", "9223372036854775808", Long.toUnsignedString(r.nextLong()));
      case 10 -> pick(r, "0", "1", "-1", "127");
      case 11 -> (r.nextBoolean() ? "-" : "") + r.nextInt(999_999_999) + "." + String.format("%03d", r.nextInt(1000));
      case 12 -> (r.nextBoolean() ? "-" : "") + r.nextInt(99_999_999) + "." + String.format("%018d",
          Math.abs(r.nextLong() % 1_000_000_000_000_000_000L)) + String.format("%012d", Math.abs(r.nextLong() % 1_000_000_000_000L));
      case 13 -> pick(r, "3.4e38", "-1.5e-38", String.valueOf(r.nextFloat() * 1e6f), "0", "0.1234567");
      case 14 -> pick(r, "1.7976931348623157e308", "-4.9e-324", String.valueOf(r.nextDouble() * 1e12), "-1.5", "0.1");
      case 15 -> pick(r, "b'1'", "b'0'");
      case 16 -> "b'" + bits(r, 1 + r.nextInt(12)) + "'";
      case 17 -> quote(pick(r, text(r, r.nextInt(5), false), "a  ", " b", ""));
      case 18 -> quote(text(r, r.nextInt(50), true));
      case 19 -> quote(pick(r, "café", "naïve ÿ", "€ and œ", text(r, r.nextInt(20), false)));
      case 20 -> quote(r.nextInt(3) == 0 ? text(r, 3000 + r.nextInt(6000), false) : text(r, r.nextInt(100), true));
      case 21 -> "x'" + HexFormat.of().formatHex(pickBytes(r, 6)) + "'";
      case 22 -> "x'" + HexFormat.of().formatHex(pickBytes(r, 20)) + "'";
      case 23 -> "x'" + HexFormat.of().formatHex(bytes(r, r.nextInt(400))) + "'";
      case 24 -> "'" + (1000 + r.nextInt(8999)) + "-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + "'";
      // not -838:59:59.999: MariaDB holds it, Dolt (like MySQL) stops at -838:59:59 whatever the capture
      case 25 -> "'" + pick(r, "-837:59:59.999", "838:59:59", "-00:00:01.5", "-12:30:00.010", two(r.nextInt(24)) + ":"
          + two(r.nextInt(60)) + ":" + two(r.nextInt(60)) + "." + r.nextInt(1000), (r.nextInt(800)) + ":00:00") + "'";
      case 26 -> "'" + pick(r, "-838:59:59", "100:00:00", "-00:00:01", two(r.nextInt(24)) + ":" + two(r.nextInt(60))
          + ":" + two(r.nextInt(60))) + "'";
      case 27 -> "'" + dateTime(r, 1000, 8999) + "." + String.format("%06d", r.nextInt(1_000_000)) + "'";
      case 28 -> "'" + dateTime(r, 1000, 8999) + "'";
      case 29 -> "'" + dateTime(r, 1971, 66) + "." + String.format("%03d", r.nextInt(1000)) + "'";
      case 30 -> pick(r, "1901", "2155", "0", String.valueOf(1901 + r.nextInt(255)));
      case 31 -> quote(pick(r, "{\"b\": [1, 2.50], \"a\": \"x\"}", "[]", "{}", "{\"k\": " + r.nextInt() + ", \"s\": "
          + "\"" + text(r, 8, false) + "\", \"n\": null, \"t\": true}", String.valueOf(r.nextInt()), "\"str\""));
      case 32 -> quote(pick(r, "sad", "ok", "happy"));
      case 33 -> quote(pick(r, "", "a", "b,c", "a,b,c", "c,a"));
      default -> quote(pick(r, "Ab", "ab ", text(r, r.nextInt(4), false)));
    };
  }

  private static String dateTime(Random r, int fromYear, int years) {
    return (fromYear + r.nextInt(years)) + "-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + " "
        + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60));
  }

  private static byte[] pickBytes(Random r, int max) {
    byte[] bytes = bytes(r, r.nextInt(max + 1));
    if (bytes.length > 0 && r.nextBoolean()) {
      bytes[bytes.length - 1] = 0; // trailing zero bytes: the log drops those of a BINARY(n)
    }
    return bytes;
  }

  private static String pick(Random r, String... choices) {
    return choices[r.nextInt(choices.length)];
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : String.valueOf(value);
  }

  private static String bits(Random r, int length) {
    StringBuilder bits = new StringBuilder();
    for (int i = 0; i < length; i++) {
      bits.append(r.nextBoolean() ? '1' : '0');
    }
    return bits.toString();
  }

  private static byte[] bytes(Random r, int length) {
    byte[] bytes = new byte[length];
    r.nextBytes(bytes);
    return bytes;
  }

  private static final String ALPHABET = "abcXYZ019 'é☃日本語😀\\\"%_\t";

  private static String text(Random r, int length, boolean unicode) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      if (unicode) {
        int cp = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()))));
        text.appendCodePoint(cp);
      } else {
        text.append((char) ('a' + r.nextInt(26)));
      }
    }
    return text.length() > length && unicode ? text.substring(0, text.offsetByCodePoints(0, Math.min(length,
        text.codePointCount(0, text.length())))) : text.toString();
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
