package io.doltsync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.VerifyReport;
import io.doltsync.VerifyReport.TableReport;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.internal.mirror.MirrorSession;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One random column of one random row is changed over a plain connection, by a near miss of its type (a
 * case-only or trailing-space change of text, NULL against the empty string, 0.0 against -0.0, one
 * microsecond, one byte, one JSON value, another enum member, a flipped bit, ...), and the comparison must
 * report exactly the changed rows, under three key shapes: an integer key and a composite integer key (the
 * ordered merge) and a text key whose values the primary and Dolt collate differently (the digests). Each
 * comparison runs with a random small chunk so that the changed row falls on chunk boundaries (first and last
 * rows are chosen often), then verify runs once end to end. Trials per table: {@code -Ddoltsync.mutationTrials}
 * (default 6); seed: {@code -Ddoltsync.driftSeed}.
 */
class SingleColumnMutationTest {

  private static final int ROWS = 24;
  private static final int TRIALS = Integer.getInteger("doltsync.mutationTrials", 6);

  /** A column and the pairs of values (mirrored value, out-of-band value) that must count as different. */
  private record Column(String name, String type, String placeholder, List<Object[]> pairs) {

    Column(String name, String type, List<Object[]> pairs) {
      this(name, type, "?", pairs);
    }
  }

  /** How the table is keyed. */
  enum KeyShape {
    INTEGER("k BIGINT NOT NULL PRIMARY KEY", 1),
    COMPOSITE("k1 INT NOT NULL, k2 SMALLINT NOT NULL, PRIMARY KEY (k1, k2)", 2),
    TEXT("k VARCHAR(20) NOT NULL PRIMARY KEY", 1);

    final String definition;
    final int keyColumns;

    KeyShape(String definition, int keyColumns) {
      this.definition = definition;
      this.keyColumns = keyColumns;
    }

    /** The key of row {@code i}: integers with gaps and negatives, or text of mixed case, accents and symbols. */
    Object[] key(int i) {
      return switch (this) {
        case INTEGER -> new Object[] {(long) (i - ROWS / 2) * 7919L};
        case COMPOSITE -> new Object[] {i / 5 - 2, (short) (i % 5 * 3 - 4)};
        case TEXT -> new Object[] {TEXT_KEYS.get(i)};
      };
    }
  }

  private static final List<String> TEXT_KEYS = List.of("a", "B", "c", "D", "é", "z", "_x", "Zed", "ab", "Ab1", "q",
      "0", "9z", "-m", " lead", "ß", "Ω", "中", "y ", "Y1", "émile", "Emma", "zz", "~t");

  private static List<Column> columns(PrimaryKind kind) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("c_int", "INT", pairs(0, 1, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, null, 0)));
    columns.add(new Column("c_big", "BIGINT", pairs(Long.MAX_VALUE, Long.MAX_VALUE - 1, 0L, null)));
    columns.add(new Column("c_dec", "DECIMAL(12,3)", pairs(new BigDecimal("1.100"), new BigDecimal("1.101"),
        BigDecimal.ZERO, new BigDecimal("-0.001"), null, BigDecimal.ZERO)));
    columns.add(new Column("c_double", "DOUBLE PRECISION", pairs(0.0d, -0.0d, 0.1d, Math.nextUp(0.1d), 1e300d, 1e299d,
        null, 0.0d)));
    columns.add(new Column("c_varchar", "VARCHAR(40)", pairs("abc", "abC", "abc", "abc ", "", null, null, "", "é", "e",
        "中文😀", "中文😁", "a b", "a  b", "x\\y", "x/y")));
    columns.add(new Column("c_char", "CHAR(5)", pairs("ab", "aB", "x", "y", null, "z")));
    columns.add(new Column("c_date", "DATE", pairs(LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 29), null,
        LocalDate.of(1970, 1, 1))));
    switch (kind) {
      case MARIADB -> {
        columns.add(new Column("c_time", "TIME(6)", pairs(LocalTime.of(10, 0), LocalTime.of(10, 0, 0, 1000))));
        columns.add(new Column("c_ubig", "BIGINT UNSIGNED", pairs(new BigInteger("18446744073709551615"),
            new BigInteger("18446744073709551614"))));
        columns.add(new Column("c_float", "FLOAT", pairs(0.5f, 0.25f, 0.0f, -0.0f)));
        columns.add(new Column("c_tiny1", "TINYINT(1)", pairs(0, 1)));
        columns.add(new Column("c_bit", "BIT(1)", pairs(false, true)));
        columns.add(new Column("c_bits", "BIT(12)", pairs(5L, 4L)));
        columns.add(new Column("c_text", "TEXT", pairs("long " + "x".repeat(300), "long " + "x".repeat(300) + " ",
            "Straße", "STRASSE")));
        columns.add(new Column("c_bin", "VARBINARY(16)", pairs(new byte[] {0}, new byte[] {0, 0}, new byte[] {1, 2},
            new byte[] {1, 3}, new byte[0], null)));
        columns.add(new Column("c_blob", "BLOB", pairs(new byte[] {9, 9, 9}, new byte[] {9, 9, 8})));
        columns.add(new Column("c_dt", "DATETIME(6)", pairs(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000),
            LocalDateTime.of(2024, 1, 1, 0, 0, 0, 2000))));
        columns.add(new Column("c_ts", "TIMESTAMP(3) NULL", pairs(LocalDateTime.of(2020, 5, 5, 5, 5, 5, 1_000_000),
            LocalDateTime.of(2020, 5, 5, 5, 5, 5, 2_000_000))));
        columns.add(new Column("c_year", "YEAR", pairs(2024, 2025)));
        columns.add(new Column("c_json", "JSON", pairs("{\"n\": 1}", "{\"n\": 2}", "[1, 2]", "[2, 1]")));
        columns.add(new Column("c_enum", "ENUM('small','medium','large')", pairs("small", "medium", null, "large")));
        columns.add(new Column("c_set", "SET('red','green','blue')", pairs("red", "red,blue", "", "green")));
      }
      case POSTGRES -> {
        columns.add(new Column("c_time", "TIME(6)", pairs(LocalTime.of(10, 0), LocalTime.of(10, 0, 0, 1000))));
        columns.add(new Column("c_small", "SMALLINT", pairs((short) 1, (short) -1)));
        columns.add(new Column("c_numfree", "NUMERIC", pairs(new BigDecimal("1.5"), new BigDecimal("1.51"))));
        columns.add(new Column("c_real", "REAL", pairs(0.5f, 0.25f, 0.0f, -0.0f)));
        columns.add(new Column("c_bool", "BOOLEAN", pairs(true, false, null, false)));
        columns.add(new Column("c_text", "TEXT", pairs("Straße", "STRASSE", "t", "t ")));
        columns.add(new Column("c_bytea", "BYTEA", pairs(new byte[] {0}, new byte[] {0, 0}, new byte[0], null)));
        columns.add(new Column("c_ts", "TIMESTAMP(6)", pairs(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000),
            LocalDateTime.of(2024, 1, 1, 0, 0, 0, 2000))));
        columns.add(new Column("c_tstz", "TIMESTAMPTZ", pairs(OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1)))));
        columns.add(new Column("c_json", "JSONB", "CAST(? AS JSONB)", pairs("{\"n\": 1}", "{\"n\": 2}")));
        columns.add(new Column("c_uuid", "UUID", pairs(new java.util.UUID(1, 1), new java.util.UUID(1, 2))));
      }
      case H2 -> {
        columns.add(new Column("c_time", "TIME(6)", pairs(LocalTime.of(10, 0), LocalTime.of(10, 0, 0, 1000))));
        columns.add(new Column("c_real", "REAL", pairs(0.5f, 0.25f)));
        columns.add(new Column("c_bool", "BOOLEAN", pairs(true, false, null, false)));
        columns.add(new Column("c_clob", "CLOB", pairs("Straße", "STRASSE", "t", "t ")));
        columns.add(new Column("c_bin", "VARBINARY(16)", pairs(new byte[] {0}, new byte[] {0, 0}, new byte[0], null)));
        columns.add(new Column("c_ts", "TIMESTAMP(6)", pairs(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000),
            LocalDateTime.of(2024, 1, 1, 0, 0, 0, 2000))));
        columns.add(new Column("c_json", "JSON", "? FORMAT JSON", pairs("{\"n\":1}", "{\"n\":2}")));
        columns.add(new Column("c_enum", "ENUM('small','medium','large')", pairs("small", "medium")));
        columns.add(new Column("c_decfloat", "DECFLOAT", pairs(new BigDecimal("1.5"), new BigDecimal("1.51"))));
      }
    }
    return columns;
  }

  private static List<Object[]> pairs(Object... values) {
    List<Object[]> pairs = new ArrayList<>();
    for (int i = 0; i < values.length; i += 2) {
      pairs.add(new Object[] {values[i], values[i + 1]});
    }
    return pairs;
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aChangeInAnyColumnOfAnyRowIsFoundExactly(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.driftSeed", new Random().nextLong());
    Random random = new Random(seed);
    String doltDb = DoltDatabases.newName("mutate");
    List<Column> columns = columns(kind);
    try (PrimaryKind.Space space = kind.createSpace("mutate")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials()); Connection plain = space.connect();
          Connection dolt = TestServers.dolt(doltDb)) {
        Map<KeyShape, int[][]> chosenPairs = new HashMap<>();
        for (KeyShape shape : KeyShape.values()) {
          chosenPairs.put(shape, create(app, table(shape), shape, columns, random));
        }
        Mirror mirror = ((MirrorSession) app.unwrap(ConnectionWrapper.class).session()).mirror();
        plain.setAutoCommit(true);
        for (KeyShape shape : KeyShape.values()) {
          String context = kind + " " + shape + " seed " + seed;
          String table = table(shape);
          TableSchema schema = schema(mirror, plain, table);
          assertThat(compare(mirror, plain, dolt, schema, 1 + random.nextInt(7))).as(context).isEmpty();
          Set<List<Object>> expected = new HashSet<>();
          Set<Integer> mutatedRows = new HashSet<>();
          for (int trial = 0; trial < TRIALS; trial++) {
            int row = pickRow(random, mutatedRows);
            int c = random.nextInt(columns.size());
            Column column = columns.get(c);
            Object after = column.pairs().get(chosenPairs.get(shape)[row][c])[1];
            String what = context + " trial " + trial + ": row " + row + " column " + column.name() + " -> " + show(after);
            update(plain, table, shape, row, column, after);
            mutatedRows.add(row);
            if (!storedAsNegativeZeroWhenAsked(plain, table, shape, row, column, after)) {
              continue;
            }
            expected.add(CanonicalKey.of(shape.key(row)));
            int chunk = 1 + random.nextInt(7);
            assertThat(compare(mirror, plain, dolt, schema, chunk)).as(what + " chunk " + chunk).isEqualTo(expected);
          }
          VerifyReport report = DoltSync.verify(app, List.of(table), io.doltsync.VerifyProgress.NONE);
          TableReport verified = report.tables().get(0);
          assertThat(verified.rowsCompared()).as(context).isEqualTo(ROWS);
          assertThat(verified.rows().stream().map(r -> CanonicalKey.of(r.key().toArray())).collect(Collectors.toSet()))
              .as(context).isEqualTo(expected);
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static String table(KeyShape shape) {
    return "mut_" + shape.name().toLowerCase(Locale.ROOT);
  }

  /** Creates and fills the table through doltsync; returns, per row and column, the index of its value pair. */
  private static int[][] create(Connection app, String table, KeyShape shape, List<Column> columns, Random random)
      throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(table).append(" (").append(shape.definition);
    StringBuilder names = new StringBuilder(shape == KeyShape.COMPOSITE ? "k1, k2" : "k");
    StringBuilder marks = new StringBuilder(shape == KeyShape.COMPOSITE ? "?, ?" : "?");
    for (Column column : columns) {
      ddl.append(", ").append(column.name()).append(' ').append(column.type());
      names.append(", ").append(column.name());
      marks.append(", ").append(column.placeholder());
    }
    try (Statement statement = app.createStatement()) {
      statement.execute(ddl.append(')').toString());
    }
    int[][] chosen = new int[ROWS][columns.size()];
    app.setAutoCommit(false);
    try (PreparedStatement insert = app.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
      for (int row = 0; row < ROWS; row++) {
        Object[] key = shape.key(row);
        for (int k = 0; k < key.length; k++) {
          insert.setObject(k + 1, key[k]);
        }
        for (int c = 0; c < columns.size(); c++) {
          chosen[row][c] = random.nextInt(columns.get(c).pairs().size());
          insert.setObject(key.length + c + 1, columns.get(c).pairs().get(chosen[row][c])[0]);
        }
        insert.executeUpdate();
      }
    }
    app.commit();
    app.setAutoCommit(true);
    return chosen;
  }

  /** The first or the last row one time in three each, otherwise any; never a row already changed. */
  private static int pickRow(Random random, Set<Integer> mutated) {
    int choice = random.nextInt(3);
    int row = choice == 0 ? 0 : choice == 1 ? ROWS - 1 : random.nextInt(ROWS);
    while (mutated.contains(row)) {
      row = random.nextInt(ROWS);
    }
    return row;
  }

  private static void update(Connection plain, String table, KeyShape shape, int row, Column column, Object value)
      throws SQLException {
    try (PreparedStatement update = plain.prepareStatement("UPDATE " + table + " SET " + column.name() + " = "
        + column.placeholder() + " WHERE " + keyCondition(shape))) {
      update.setObject(1, value);
      Object[] key = shape.key(row);
      for (int k = 0; k < key.length; k++) {
        update.setObject(k + 2, key[k]);
      }
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  /**
   * False when the change wrote -0.0 and the database stored 0.0 instead (then nothing changed); true otherwise.
   */
  private static boolean storedAsNegativeZeroWhenAsked(Connection plain, String table, KeyShape shape, int row,
      Column column, Object after) throws SQLException {
    boolean negativeZero = after instanceof Double d && Double.doubleToRawLongBits(d) == Long.MIN_VALUE
        || after instanceof Float f && Float.floatToRawIntBits(f) == Integer.MIN_VALUE;
    if (!negativeZero) {
      return true;
    }
    try (PreparedStatement select = plain.prepareStatement("SELECT " + column.name() + " FROM " + table + " WHERE "
        + keyCondition(shape))) {
      Object[] key = shape.key(row);
      for (int k = 0; k < key.length; k++) {
        select.setObject(k + 1, key[k]);
      }
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return Double.doubleToRawLongBits(rs.getDouble(1)) == Long.MIN_VALUE;
      }
    }
  }

  private static String keyCondition(KeyShape shape) {
    return shape == KeyShape.COMPOSITE ? "k1 = ? AND k2 = ?" : "k = ?";
  }

  /** The keys the chunked comparison reports as differing, with ranges (or merge chunks) of {@code chunk} rows. */
  private static Set<List<Object>> compare(Mirror mirror, Connection plain, Connection dolt, TableSchema schema,
      int chunk) throws SQLException {
    TableSide primarySide = TableSide.primary(plain, mirror.dialect(), schema);
    TableSide doltSide = TableSide.dolt(dolt, mirror.dialect(), schema);
    Set<List<Object>> keys = new HashSet<>();
    HashedColumns hashed = HashedColumns.of(mirror.dialect(), schema);
    Differences differences = new Differences((primary, doltRow) -> {
      Object[] row = primary != null ? primary : doltRow;
      Object[] key = new Object[hashed.key().size()];
      for (int i = 0; i < key.length; i++) {
        key[i] = row[hashed.key().get(i)];
      }
      keys.add(CanonicalKey.of(key));
    });
    new KeyedTableVerifier(primarySide, doltSide, hashed, chunk, chunk, differences).run(done -> { });
    return keys;
  }

  private static TableSchema schema(Mirror mirror, Connection plain, String table) throws SQLException {
    mirror.catalog().reload(plain);
    return mirror.catalog().tables().stream().filter(t -> t.name().equalsIgnoreCase(table)).findFirst().orElseThrow();
  }

  private static String show(Object value) {
    return value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value);
  }
}
