package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB values bound by {@code setFloat}, {@code setDouble}, {@code setString} and {@code setBytes} into
 * floating-point and binary columns, predicted by {@link StatementValues} through a connection's
 * {@link CaptureContext} (which knows the execution's {@link ParameterProtocol} and the session's
 * {@link SessionCharset}), for both MySQL-protocol drivers with {@code useServerPrepStmts} off and on.
 *
 * <p>First a generator of values of each setter's type (random ones, short decimals, NaN, ±Infinity, −0.0,
 * subnormals, the float32 boundary, long strings, strings with characters beyond ASCII and beyond the Basic
 * Multilingual Plane, lone surrogates, bytes ≥ 0x80) is bound into every compatible column ({@code double},
 * {@code float}, {@code double(12,3)}, {@code float(7,3)}, {@code varbinary}, {@code binary}, {@code tinyblob},
 * {@code blob}) under every character-set setting of the session ({@code utf8mb4}, {@code utf8mb3}, {@code latin1},
 * a {@code ucs2} or {@code binary} connection set); wherever a value is predicted it must equal the value read back
 * (through the same protocol and exact select list as the capture reads). Then the same kinds of values go through
 * doltsync beside a raw connection into a keyless table (BenchBase OTMetrics' {@code observations}) and a keyed one: Dolt must equal the
 * primary after each transaction, and the keyless table is copied whole only in transactions with a value not
 * predicted.
 */
class FloatAndBinaryStoredValuesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int VALUES = Integer.getInteger("doltsync.test.floatBinaryValues", 300);
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.floatBinaryTransactions", 20);
  /** Character-set settings; MariaDB Connector/J closes a connection whose client set becomes another than UTF-8. */
  private static final List<String> CHARSETS = List.of("SET NAMES utf8mb4", "SET NAMES utf8mb3", "SET NAMES latin1",
      "SET NAMES utf8mb4, character_set_connection = ucs2", "SET NAMES utf8mb4, character_set_connection = binary",
      "SET NAMES utf8mb4, character_set_connection = latin1", "SET NAMES utf8mb4, character_set_connection = utf8mb3");

  static Stream<Arguments> clients() {
    return Stream.of(MySqlClient.values()).flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
  }

  @ParameterizedTest
  @MethodSource("clients")
  void everyPredictedValueIsWhatMariaDbStores(MySqlClient client, boolean serverPrepares) throws Exception {
    Random random = new Random(SEED);
    Map<String, int[]> byClass = new TreeMap<>(); // "setter -> column": known, unknown, refused
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("fbvalues")) {
      try (Connection connection = space.connect(); Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE vals (id INT PRIMARY KEY, d DOUBLE NULL, f FLOAT NULL, d3 DOUBLE(12,3) NULL,"
            + " f3 FLOAT(7,3) NULL, vb VARBINARY(40) NULL, bn BINARY(4) NULL, tb TINYBLOB NULL, bl BLOB NULL)");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      String url = DoltSyncUrls.withParameter(client.url(space.url()), "useServerPrepStmts",
          Boolean.toString(serverPrepares));
      try (Connection connection = DriverManager.getConnection(url, PrimaryKind.MARIADB.credentials())) {
        TableSchema table = dialect.readTable(connection, dialect.listTables(connection).get(0));
        CaptureContext context = new CaptureContext(connection, dialect, new TransactionCapture());
        int id = 0;
        for (int v = 0; v < VALUES; v++) {
          if (v % 20 == 0) {
            String charset = CHARSETS.get(random.nextInt(CHARSETS.size()));
            if (client == MySqlClient.MARIADB_JAVA_CLIENT && charset.equals("SET NAMES latin1")) {
              charset = "SET NAMES utf8mb4, character_set_connection = latin1";
            }
            try (Statement s = connection.createStatement()) {
              s.execute(charset + ", sql_mode = '" + (random.nextBoolean() ? "STRICT_TRANS_TABLES" : "") + "'");
            }
            context.ran(charset);
          }
          Object given = aValue(random);
          for (ColumnSchema column : table.columns().subList(1, table.columns().size())) {
            if (!compatible(given, column)) {
              continue;
            }
            int[] counts = byClass.computeIfAbsent(given.getClass().getSimpleName() + " -> " + column.typeName(),
                k -> new int[3]);
            String insert = "INSERT INTO vals (id, " + column.name() + ") VALUES (?, ?)";
            Object predicted;
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
              statement.setInt(1, ++id);
              bind(statement, 2, given);
              context.executionStarts(statement, List.<Object[]>of(new Object[] {id, given}), insert, false);
              predicted = context.statementValues().stored(given, column);
              statement.executeUpdate();
            } catch (SQLException refused) {
              counts[2]++;
              continue;
            }
            Object stored = readBack(connection, dialect, column, id);
            if (predicted == StatementValues.UNKNOWN) {
              counts[1]++;
              continue;
            }
            counts[0]++;
            assertThat(CanonicalValues.same(predicted, stored))
                .as("%s %s into %s (%s, server prepares %s): predicted %s, stored %s (seed %d)",
                    given.getClass().getSimpleName(), shown(given), column.typeName(), client, serverPrepares,
                    shown(predicted), shown(stored), SEED)
                .isTrue();
          }
        }
      }
    }
    for (String predictedClass : List.of("Float -> double", "Double -> double", "Double -> float", "Float -> float",
        "String -> varbinary(40)", "byte[] -> varbinary(40)", "String -> blob", "byte[] -> blob", "byte[] -> tinyblob",
        "byte[] -> binary(4)")) {
      int[] counts = byClass.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(predictedClass))
          .map(Map.Entry::getValue).findFirst().orElse(new int[3]);
      assertThat(counts[0]).as("%s values predicted (%s, server prepares %s; by class: %s; seed %d)", predictedClass,
          client, serverPrepares, summary(byClass), SEED).isPositive();
    }
    for (String unpredicted : List.of("DOUBLE(12,3)", "FLOAT(7,3)")) {
      byClass.forEach((k, counts) -> {
        if (k.toUpperCase(java.util.Locale.ROOT).endsWith(unpredicted)) {
          assertThat(counts[0]).as("%s: a declared scale rounds, never predicted", k).isZero();
        }
      });
    }
  }

  @ParameterizedTest
  @MethodSource("clients")
  void throughDoltsyncNoCopyWhereEveryValueIsPredicted(MySqlClient client, boolean serverPrepares) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("fbmirror");
    try (PrimaryKind.Space rawSpace = PrimaryKind.MARIADB.createSpace("fbmirror_raw");
        PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("fbmirror")) {
      for (PrimaryKind.Space each : List.of(rawSpace, space)) {
        try (Connection c = each.connect(); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE obs (src INT NOT NULL, d DOUBLE NULL, f FLOAT NULL, vb VARBINARY(200) NULL,"
              + " bl BLOB NULL)");
          s.execute("CREATE TABLE kv (id INT PRIMARY KEY, d DOUBLE NULL, f FLOAT NULL, vb VARBINARY(200) NULL)");
          for (int id = 1; id <= 10; id++) {
            s.execute("INSERT INTO kv (id) VALUES (" + id + ")");
          }
        }
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      String rawUrl = DoltSyncUrls.withParameter(client.url(rawSpace.url()), "useServerPrepStmts",
          Boolean.toString(serverPrepares));
      String appUrl = DoltSyncUrls.mirroring(DoltSyncUrls.withParameter(client.url(space.url()), "useServerPrepStmts",
          Boolean.toString(serverPrepares)), doltDb);
      String readUrl = DoltSyncUrls.withParameter(client.url(space.url()), "useServerPrepStmts",
          Boolean.toString(serverPrepares));
      try (Connection raw = DriverManager.getConnection(rawUrl, PrimaryKind.MARIADB.credentials());
          Connection app = DriverManager.getConnection(appUrl, PrimaryKind.MARIADB.credentials());
          Connection reader = DriverManager.getConnection(readUrl, PrimaryKind.MARIADB.credentials())) {
        raw.setAutoCommit(false);
        app.setAutoCommit(false);
        app.commit();
        TableSchema obs = table(dialect, reader, "obs");
        TableSchema kv = table(dialect, reader, "kv");
        long copiesAtStart = MirrorComparison.metric(doltDb, "WholeTableCopies");
        long expectedCopies = 0;
        int predictedInserts = 0;
        SessionCharset.Utf8 charset = SessionCharset.Utf8.FULL;
        for (int t = 0; t < TRANSACTIONS; t++) {
          if (random.nextInt(5) == 0) {
            String names = random.nextBoolean() ? "SET NAMES utf8mb3" : "SET NAMES utf8mb4";
            for (Connection c : List.of(raw, app)) {
              try (Statement s = c.createStatement()) {
                s.execute(names);
              }
            }
            charset = names.endsWith("mb3") ? SessionCharset.Utf8.BMP : SessionCharset.Utf8.FULL;
          }
          boolean copies = false;
          boolean refused = false;
          int statements = 1 + random.nextInt(3);
          for (int st = 0; st < statements && !refused; st++) {
            Object[] row = {random.nextInt(100), aDouble(random, true), aFloat(random, true),
                random.nextBoolean() ? aString(random, 40) : aBytes(random, 40), random.nextBoolean()
                ? aString(random, 300) : aBytes(random, 300)};
            boolean update = random.nextInt(3) == 0;
            String sql = update ? "UPDATE kv SET d = ?, f = ?, vb = ? WHERE id = ?"
                : "INSERT INTO obs (src, d, f, vb, bl) VALUES (?, ?, ?, ?, ?)";
            int key = 1 + random.nextInt(10);
            for (Connection c : List.of(raw, app)) {
              try (PreparedStatement statement = c.prepareStatement(sql)) {
                if (update) {
                  bind(statement, 1, row[1]);
                  bind(statement, 2, row[2]);
                  bind(statement, 3, row[3]);
                  statement.setInt(4, key);
                } else {
                  statement.setInt(1, (Integer) row[0]);
                  for (int i = 1; i < row.length; i++) {
                    bind(statement, i + 1, row[i]);
                  }
                }
                statement.executeUpdate();
              } catch (SQLException e) {
                refused = true; // a string too long under utf8mb3: refused alike by both
              }
            }
            if (update || refused) {
              continue;
            }
            ParameterProtocol protocol = serverPrepares ? ParameterProtocol.BINARY : ParameterProtocol.TEXT;
            SessionCharset.Utf8 session = charset;
            StatementValues values = new StatementValues(dialect, true, true, Optional::empty, () -> protocol,
                () -> session);
            boolean known = true;
            for (int i = 1; i < row.length; i++) {
              known &= values.stored(row[i], obs.columns().get(i)) != StatementValues.UNKNOWN;
            }
            copies |= !known;
            predictedInserts += known ? 1 : 0;
          }
          if (refused) { // whether a failed statement copies is not this test's matter: the transaction is undone
            raw.rollback();
            app.rollback();
            continue;
          }
          raw.commit();
          app.commit();
          expectedCopies += copies ? 1 : 0;
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          assertSameRows(reader, dialect, doltDb, obs);
          assertSameRows(reader, dialect, doltDb, kv);
          for (TableSchema each : List.of(obs, kv)) {
            assertThat(rows(reader, dialect, each, false, exactSelect(dialect, each)))
                .as("%s through doltsync and raw (seed %d)", each.name(), SEED)
                .isEqualTo(rows(raw, dialect, each, false, exactSelect(dialect, each)));
          }
        }
        assertThat(predictedInserts).as("inserts whose every value was predicted (seed %d)", SEED).isPositive();
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesAtStart)
            .as("whole-table copies: only transactions with a value not predicted (seed %d)", SEED)
            .isEqualTo(expectedCopies);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static TableSchema table(SourceDialect dialect, Connection connection, String name) throws SQLException {
    return dialect.readTable(connection, dialect.listTables(connection).stream().filter(t -> t.equalsIgnoreCase(name))
        .findFirst().orElseThrow());
  }

  /**
   * Dolt's rows of the table equal the primary's, the primary read through the application's protocol in the exact
   * forms doltsync's readers use ({@link SourceDialect#selectColumns}: a FLOAT comes with 6 digits as text).
   */
  private static void assertSameRows(Connection primary, SourceDialect dialect, String doltDb, TableSchema table)
      throws SQLException {
    try (Connection dolt = TestServers.dolt(doltDb)) {
      assertThat(rows(dolt, dialect, table, true, "SELECT * FROM `" + DoltDdl.doltName(table.name()) + "`"))
          .as("rows of %s in Dolt (seed %d)", table.name(), SEED)
          .isEqualTo(rows(primary, dialect, table, false, exactSelect(dialect, table)));
    }
  }

  /** The primary's rows of the table, every column in its exact form. */
  private static String exactSelect(SourceDialect dialect, TableSchema table) {
    return "SELECT " + dialect.selectColumns(table.columns()) + " FROM " + table.name();
  }

  private static List<String> rows(Connection connection, SourceDialect dialect, TableSchema table, boolean dolt,
      String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < table.columns().size(); i++) {
          ColumnSchema column = table.columns().get(i);
          Object value = dolt ? dialect.readDoltValue(rs, i + 1, column) : dialect.readValue(rs, i + 1, column);
          row.append(i == 0 ? "" : " | ").append(shown(value));
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  private static Object readBack(Connection connection, SourceDialect dialect, ColumnSchema column, int id)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + dialect.selectColumn(column) + " FROM vals WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return dialect.readValue(rs, 1, column);
      }
    }
  }

  private static boolean compatible(Object given, ColumnSchema column) {
    String type = column.typeName().toLowerCase(java.util.Locale.ROOT);
    boolean floating = type.startsWith("double") || type.startsWith("float");
    return floating == (given instanceof Float || given instanceof Double);
  }

  private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value instanceof Float f) {
      statement.setFloat(index, f);
    } else if (value instanceof Double d) {
      statement.setDouble(index, d);
    } else if (value instanceof String s) {
      statement.setString(index, s);
    } else {
      statement.setBytes(index, (byte[]) value);
    }
  }

  private static Object aValue(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> aFloat(random, false);
      case 1 -> aDouble(random, false);
      case 2 -> aString(random, random.nextInt(8) == 0 ? 70_000 : 45);
      default -> aBytes(random, random.nextInt(8) == 0 ? 300 : 45);
    };
  }

  /** A float: random bits, a short decimal, or an edge (NaN, infinities, −0.0, subnormals, the largest). */
  private static Float aFloat(Random random, boolean finite) {
    return switch (random.nextInt(finite ? 6 : 8)) {
      case 0 -> {
        float bits = Float.intBitsToFloat(random.nextInt());
        yield finite && !Float.isFinite(bits) ? random.nextFloat() : bits;
      }
      case 1 -> (float) (random.nextInt(2_000_001) - 1_000_000) / (float) Math.pow(10, random.nextInt(7));
      case 2 -> random.nextFloat() * (float) Math.pow(10, random.nextInt(20) - 10);
      case 3 -> List.of(Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 0f, 1f, 0.1f,
          Math.nextDown(Float.MIN_NORMAL), 16_777_217f, 1e10f).get(random.nextInt(10));
      case 4, 5 -> random.nextFloat();
      case 6 -> -0.0f;
      default -> List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY).get(random.nextInt(3));
    };
  }

  /** A double: random bits, a short decimal, or an edge (around the float32 boundary, subnormals, NaN, −0.0). */
  private static Double aDouble(Random random, boolean finite) {
    return switch (random.nextInt(finite ? 6 : 8)) {
      case 0 -> finite ? random.nextGaussian() * 1e6 : Double.longBitsToDouble(random.nextLong());
      case 1 -> (double) (random.nextInt(2_000_001) - 1_000_000) / Math.pow(10, random.nextInt(7));
      case 2 -> List.of((double) Float.MAX_VALUE, Math.nextUp((double) Float.MAX_VALUE), 3.4028235677973366E38,
          (double) Float.MIN_VALUE, Double.MIN_VALUE, 1e-46, -1e-50, 0.1, 1.0, 1e300).get(random.nextInt(10));
      case 3 -> (double) aFloat(random, true);
      case 4, 5 -> random.nextDouble();
      case 6 -> -0.0;
      default -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).get(random.nextInt(3));
    };
  }

  /** A string: ASCII, Latin-1, other BMP, beyond the BMP, a lone surrogate, a NUL, up to {@code most} chars. */
  private static String aString(Random random, int most) {
    int length = random.nextInt(4) == 0 ? most : random.nextInt(Math.min(most, 30) + 1);
    StringBuilder s = new StringBuilder();
    int flavour = random.nextInt(6);
    while (s.length() < length) {
      int kind = flavour < 2 ? 0 : random.nextInt(6);
      switch (kind) {
        case 0 -> s.append((char) (0x20 + random.nextInt(0x5f)));
        case 1 -> s.append((char) (0xa0 + random.nextInt(0x60)));
        case 2 -> s.append((char) (0x400 + random.nextInt(0x2000)));
        case 3 -> s.appendCodePoint(0x1f600 + random.nextInt(0x40));
        case 4 -> s.append(random.nextInt(10) == 0 ? '\ud800' : '\'');
        default -> s.append(random.nextInt(10) == 0 ? '\0' : '\\');
      }
    }
    return s.toString();
  }

  /** Bytes, many ≥ 0x80 (invalid UTF-8 included), up to {@code most}. */
  private static byte[] aBytes(Random random, int most) {
    byte[] bytes = new byte[random.nextInt(4) == 0 ? most : random.nextInt(4) == 0 ? 4
        : random.nextInt(Math.min(most, 40) + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String shown(Object value) {
    if (value instanceof byte[] bytes) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Float f) {
      return f + "f";
    }
    return String.valueOf(value);
  }

  private static String summary(Map<String, int[]> byClass) {
    StringBuilder s = new StringBuilder();
    byClass.forEach((k, c) -> s.append(k).append('=').append(Arrays.toString(c)).append("; "));
    return s.toString();
  }
}
