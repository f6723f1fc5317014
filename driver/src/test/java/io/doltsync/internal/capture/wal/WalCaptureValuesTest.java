package io.doltsync.internal.capture.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.PostgreSqlDialect;
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
 * Wal capture against journal capture over generated values of every PostgreSQL type the dialect maps: the same
 * random statements (inserts, updates of some columns, key updates, deletes, keyless writes, TRUNCATE, transactions
 * committed and rolled back, TOASTed text left unchanged by updates) run raw through a wal-capture connection and
 * through a journal-capture one, each on its own schema mirrored into its own Dolt database; the two Dolt tables
 * must then hold the same canonical values, the wal one equal the primary, with as many commits. Some rows are
 * there before the mirrors start (copied by the bootstrap, then changed through the WAL).
 */
public class WalCaptureValuesTest {

  private static final PostgreSqlDialect DIALECT = new PostgreSqlDialect();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String COLUMNS = "c_small smallint, c_int integer, c_bigint bigint, c_numeric numeric(12,3),"
      + " c_numeric_free numeric, c_real real, c_double double precision, c_bool boolean, c_char char(4),"
      + " c_varchar varchar(50), c_text text, c_bytea bytea, c_date date, c_time time(3), c_timetz timetz,"
      + " c_timestamp timestamp, c_timestamptz timestamptz, c_json json, c_jsonb jsonb, c_uuid uuid, c_inet inet,"
      + " c_macaddr macaddr, c_int_array integer[], c_text_array text[], c_interval interval, c_bit1 bit(1),"
      + " c_bit8 bit(8), c_varbit varbit(16), c_xml xml, c_mood mood";
  private static final int VALUE_COLUMNS = 30;

  private final List<String> schemas = new ArrayList<>();
  private final List<String> doltDatabases = new ArrayList<>();

  @AfterEach
  void drop() throws SQLException {
    io.doltsync.internal.mirror.MirrorRegistry.closeAll();
    try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
      for (String schema : schemas) {
        dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    for (String database : doltDatabases) {
      DoltDatabases.drop(database);
    }
  }

  /** Drops the wal capture publication and slot of a schema. */
  public static void dropSlots(Connection server, String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    try (var select = server.prepareStatement("SELECT p.pubname FROM pg_publication p JOIN pg_publication_namespace pn"
        + " ON pn.pnpubid = p.oid JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE n.nspname = ?")) {
      select.setString(1, schema);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    try (Statement statement = server.createStatement()) {
      for (String name : names) {
        statement.execute("DROP PUBLICATION IF EXISTS \"" + name + "\"");
        for (int attempt = 0; attempt < 50; attempt++) { // the stopped applier's walsender ends a moment later
          try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
              + name + "' AND active")) {
            rs.next();
            if (rs.getInt(1) == 0) {
              break;
            }
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
            + name + "' AND NOT active");
      }
    }
  }

  @Test
  void walCaptureMirrorsEveryMappedTypeAsJournalCaptureDoes() throws Exception {
    long seed = Long.getLong("walValues.seed", System.nanoTime());
    int transactions = Integer.getInteger("walValues.transactions", 120);
    System.out.println("[walValues] seed " + seed + ", " + transactions + " transactions");
    Random random = new Random(seed);
    List<Long> keys = new ArrayList<>();
    long nextKey = 1;
    // rows there before the mirror starts: the bootstrap copies them, the WAL later updates and removes them
    // (drawn from a random of their own, so that a seed's transactions stay those it had before these rows)
    List<String> initial = new ArrayList<>();
    Random before = new Random(~seed);
    for (int r = before.nextInt(6); r > 0; r--) {
      long key = -r; // keys the transactions never insert
      keys.add(key);
      initial.add("INSERT INTO typed VALUES (" + key + ", " + values(before) + ")");
      String row = "INSERT INTO keyless VALUES (" + values(before) + ")";
      initial.add(row);
      if (before.nextBoolean()) {
        initial.add(row); // a second copy
      }
    }
    Side journal = side("journal", initial);
    Side wal = side("wal", initial);
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
          statements.add("UPDATE keyless SET " + assignments(random) + " WHERE c_bool IS NOT DISTINCT FROM "
              + (random.nextBoolean() ? "true" : "NULL"));
        } else if (random.nextInt(4) == 0) {
          statements.add("TRUNCATE keyless");
        } else {
          statements.add("DELETE FROM keyless WHERE c_bool = false");
        }
      }
      boolean rollback = count > 1 && random.nextInt(8) == 0;
      journal.run(statements, rollback);
      wal.run(statements, rollback); // keys a rolled-back transaction inserted or moved just match no row later
      if (Boolean.getBoolean("walValues.trace")) {
        journal.await();
        wal.await();
        System.out.println("[walValues] t" + t + " rollback=" + rollback + " journal=" + journal.commits() + " wal="
            + wal.commits() + " " + statements.stream().map(x -> x.length() > 120 ? x.substring(0, 120) : x).toList());
      }
    }
    journal.await();
    wal.await();
    for (String table : List.of("typed", "keyless")) {
      List<Object[]> fromJournal = journal.doltRows(table);
      List<Object[]> fromWal = wal.doltRows(table);
      List<Object[]> primary = wal.primaryRows(table);
      List<Object[]> journalPrimary = journal.primaryRows(table);
      String counts = " (rows: primary " + primary.size() + ", journal capture's Dolt " + fromJournal.size()
          + ", wal capture's Dolt " + fromWal.size() + ")";
      assertSame("seed " + seed + ": the two primaries ran the same statements, table " + table, journalPrimary, primary);
      assertSame("seed " + seed + ": primary against Dolt (wal capture), table " + table + counts, primary, fromWal);
      if (table.equals("keyless") && !sameRows(journalPrimary, fromJournal)) {
        // journal capture's own divergence (its whole-table copies of the keyless table), not wal capture's: reported
        System.out.println("[walValues] seed " + seed + ": journal capture's Dolt differs from its primary in table "
            + table + counts);
        continue;
      }
      assertSame("seed " + seed + ": Dolt (journal capture) against Dolt (wal capture), table " + table + counts,
          fromJournal, fromWal);
    }
    if (wal.commits() != journal.commits()) {
      System.out.println("[walValues] seed " + seed + ": commits of journal capture:\n" + journal.commitLog()
          + "[walValues] commits of wal capture:\n" + wal.commitLog());
    }
    assertThat(wal.commits()).as("seed %d: Dolt commits of wal capture and of journal capture", seed)
        .isEqualTo(journal.commits());
  }

  private static boolean sameRows(List<Object[]> expected, List<Object[]> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).length; c++) {
        if (!CanonicalValues.same(expected.get(r)[c], actual.get(r)[c])) {
          return false;
        }
      }
    }
    return true;
  }

  private static void assertSame(String what, List<Object[]> expected, List<Object[]> actual) {
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
    String schema = TestServers.createPostgresSchema("pgwal_vals_" + capture);
    schemas.add(schema);
    String dolt = DoltDatabases.newName("pgwal_vals_" + capture);
    doltDatabases.add(dolt);
    try (Connection raw = TestServers.postgres(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
      statement.execute("CREATE TABLE typed (id bigint PRIMARY KEY, " + COLUMNS + ")");
      statement.execute("CREATE TABLE keyless (" + COLUMNS + ")");
      for (String sql : initial) {
        statement.execute(sql);
      }
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", capture);
    Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
    // the bootstrap first (journal capture's start waits 10 s for it, wal capture's 120 s for its slot): a transaction
    // committed before it ends is part of the bootstrap copy, one Dolt commit fewer on that side only
    io.doltsync.DoltSync.awaitJournalDrained(connection, WAIT);
    return new Side(schema, dolt, connection);
  }

  /** One schema, its doltsync connection and its Dolt database. */
  private record Side(String schema, String dolt, Connection connection) {

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
      try (Connection primary = TestServers.postgres(schema); Connection doltConnection = TestServers.dolt(dolt)) {
        TableSchema schemaOf = DIALECT.readTable(primary, table);
        return rows(doltConnection, schemaOf, "`" + table + "`", DIALECT::readDoltValue);
      }
    }

    List<Object[]> primaryRows(String table) throws SQLException {
      try (Connection primary = TestServers.postgres(schema)) {
        TableSchema schemaOf = DIALECT.readTable(primary, table);
        return rows(primary, schemaOf, table, DIALECT::readValue);
      }
    }

    long commits() throws SQLException {
      return DoltDatabases.commitCount(dolt);
    }

    /** Each commit, oldest first, with the rows it added, deleted and modified per table: to find a count's difference. */
    String commitLog() throws SQLException {
      StringBuilder log = new StringBuilder();
      try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement()) {
        List<String> hashes = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT commit_hash FROM dolt_log ORDER BY commit_order")) {
          while (rs.next()) {
            hashes.add(rs.getString(1));
          }
        }
        for (int i = 1; i < hashes.size(); i++) {
          log.append("  ").append(i).append(':');
          try (ResultSet rs = statement.executeQuery("SELECT table_name, rows_added, rows_deleted, rows_modified FROM"
              + " dolt_diff_stat('" + hashes.get(i - 1) + "', '" + hashes.get(i) + "')")) {
            while (rs.next()) {
              log.append(' ').append(rs.getString(1)).append(" +").append(rs.getLong(2)).append(" -")
                  .append(rs.getLong(3)).append(" ~").append(rs.getLong(4));
            }
          }
          log.append('\n');
        }
      }
      return log.toString();
    }
  }

  @FunctionalInterface
  private interface Reader {
    Object read(ResultSet rs, int index, ColumnSchema column) throws SQLException;
  }

  /** Every row, canonical, in one order both sides share: sorted by their printed form. */
  private static List<Object[]> rows(Connection connection, TableSchema schema, String table, Reader reader)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT " + String.join(", ", schema.columns().stream().map(ColumnSchema::name).toList()) + " FROM " + table)) {
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

  private static String values(Random random) {
    List<String> values = new ArrayList<>(VALUE_COLUMNS);
    for (int c = 0; c < VALUE_COLUMNS; c++) {
      values.add(value(random, c));
    }
    return String.join(", ", values);
  }

  private static final String[] NAMES = {"c_small", "c_int", "c_bigint", "c_numeric", "c_numeric_free", "c_real",
      "c_double", "c_bool", "c_char", "c_varchar", "c_text", "c_bytea", "c_date", "c_time", "c_timetz", "c_timestamp",
      "c_timestamptz", "c_json", "c_jsonb", "c_uuid", "c_inet", "c_macaddr", "c_int_array", "c_text_array",
      "c_interval", "c_bit1", "c_bit8", "c_varbit", "c_xml", "c_mood"};

  /** Some columns (never {@code c_text} in half the updates: its TOASTed value then stays unchanged). */
  private static String assignments(Random random) {
    List<String> set = new ArrayList<>();
    boolean keepText = random.nextBoolean();
    for (int c = 0; c < VALUE_COLUMNS; c++) {
      if (random.nextInt(4) == 0 && !(keepText && NAMES[c].equals("c_text"))) {
        set.add(NAMES[c] + " = " + value(random, c));
      }
    }
    if (set.isEmpty()) {
      set.add("c_int = " + value(random, 1));
    }
    return String.join(", ", set);
  }

  private static String value(Random r, int column) {
    if (r.nextInt(10) == 0) {
      return "NULL";
    }
    return switch (column) {
      case 0 -> String.valueOf((short) r.nextInt());
      case 1 -> pick(r, "2147483647", "-2147483648", String.valueOf(r.nextInt()));
      case 2 -> pick(r, "9223372036854775807", "-9223372036854775808", String.valueOf(r.nextLong()));
      case 3 -> (r.nextBoolean() ? "-" : "") + r.nextInt(999_999_999) + "." + String.format("%03d", r.nextInt(1000));
      case 4 -> "'" + (r.nextBoolean() ? "-" : "") + Math.abs(r.nextLong()) + "." + Math.abs(r.nextLong()) + "'";
      case 5 -> "'" + pick(r, "3.4e38", "-1.5e-38", String.valueOf(r.nextFloat() * 1e6f), "0") + "'";
      // not -0: Dolt stores it as 0 whatever the capture (journal capture's Dolt holds 0 as well)
      case 6 -> "'" + pick(r, "1.7976931348623157e308", "-4.9e-324", String.valueOf(r.nextDouble() * 1e12), "-1.5") + "'";
      case 7 -> pick(r, "true", "false");
      case 8 -> quote(text(r, r.nextInt(5), false));
      case 9 -> quote(text(r, r.nextInt(50), true));
      case 10 -> quote(r.nextInt(3) == 0 ? text(r, 3000 + r.nextInt(6000), false) : text(r, r.nextInt(100), true));
      case 11 -> "'\\x" + HexFormat.of().formatHex(bytes(r, r.nextInt(40))) + "'";
      case 12 -> "'" + (1000 + r.nextInt(8999)) + "-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + "'";
      case 13 -> "'" + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60)) + "." + r.nextInt(1000) + "'";
      case 14 -> "'" + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60)) + "." + r.nextInt(1_000_000)
          + pick(r, "+02", "-14", "+00", "+05:30") + "'";
      case 15 -> "'" + timestamp(r) + "'";
      case 16 -> "'" + timestamp(r) + pick(r, "+02", "-07", "+00", "+05:45") + "'";
      case 17, 18 -> quote(pick(r, "{\"b\": [1, 2.50], \"a\": \"x\"}", "[]", "{}", "{\"k\": " + r.nextInt() + ", \"s\": "
          + "\"" + text(r, 8, false) + "\", \"n\": null, \"t\": true}", String.valueOf(r.nextInt()), "\"str\""));
      case 19 -> quote(java.util.UUID.nameUUIDFromBytes(bytes(r, 8)).toString());
      case 20 -> quote(pick(r, r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256),
          "10.0.0.0/8", "2001:db8::" + Integer.toHexString(r.nextInt(65536)) + "/64", "::1"));
      case 21 -> quote(HexFormat.ofDelimiter(":").formatHex(bytes(r, 6)));
      case 22 -> quote("{" + r.nextInt() + ",NULL," + r.nextInt(100) + "}");
      case 23 -> quote(pick(r, "{}", "{\"a b\",NULL,\"c,d\",\"\"}", "{x,y}"));
      case 24 -> quote(pick(r, "1 year 2 mons 3 days 04:05:06.5", "-178000000 years", r.nextInt(1000) + " days",
          "00:00:0" + r.nextInt(10) + ".25"));
      case 25 -> pick(r, "B'1'", "B'0'");
      case 26 -> "B'" + bits(r, 8) + "'";
      case 27 -> "B'" + bits(r, r.nextInt(17)) + "'";
      case 28 -> quote(pick(r, "<a>x</a>", "", "<r n=\"" + r.nextInt(100) + "\">t &amp; u</r>"));
      default -> quote(pick(r, "sad", "ok", "happy"));
    };
  }

  private static String timestamp(Random r) {
    return (1000 + r.nextInt(8999)) + "-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + " " + two(r.nextInt(24))
        + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60)) + "." + String.format("%06d", r.nextInt(1_000_000));
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
    return "'" + text.replace("'", "''") + "'";
  }
}
