package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL and H2 {@code REAL} (float32) values that doltsync reads from the primary (bootstrap, row images after an
 * UPDATE by expression, a keyless table's copy after {@code INSERT ... SELECT}) reach Dolt bit for bit. pgjdbc asks
 * for {@code extra_float_digits=3}, which makes PostgreSQL 12+ send a real's shortest exact text; the PostgreSQL case
 * also runs with the application's own {@code SET extra_float_digits} in the session doltsync reads through
 * ({@code 0}, 6 significant digits, still loses digits in pgjdbc's {@code RETURNING} rows: not covered). The primary is read exactly here ({@code CAST(f AS DOUBLE PRECISION)} on a separate
 * connection) and compared with Dolt as float bits.
 */
class RealExactReadTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.floatReadTransactions", 12);

  static Stream<Arguments> primaries() {
    // not with extra_float_digits = 0 yet: pgjdbc's RETURNING rows (an UPDATE by key, a keyless INSERT ... SELECT)
    // then come with 6 digits, and pgjdbc names the returned columns itself (no CAST)
    return Stream.of(Arguments.of(PrimaryKind.POSTGRES, null), Arguments.of(PrimaryKind.POSTGRES, "3"),
        Arguments.of(PrimaryKind.H2, null));
  }

  @ParameterizedTest
  @MethodSource("primaries")
  void realsReadFromThePrimaryReachDoltBitForBit(PrimaryKind kind, String extraFloatDigits) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("floatreadr");
    try (PrimaryKind.Space space = kind.createSpace("floatreadr")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kf (id INT PRIMARY KEY, f REAL NULL)");
        s.execute("CREATE TABLE lf (src INT NOT NULL, f REAL NULL)");
        try (PreparedStatement kf = c.prepareStatement("INSERT INTO kf VALUES (?, ?)");
            PreparedStatement lf = c.prepareStatement("INSERT INTO lf VALUES (?, ?)")) {
          for (int id = 1; id <= 20; id++) { // existing rows: bootstrap reads them
            kf.setInt(1, id);
            kf.setFloat(2, aFloat(random));
            kf.executeUpdate();
            lf.setInt(1, id);
            lf.setFloat(2, aFloat(random));
            lf.executeUpdate();
          }
        }
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
              kind.credentials());
          Connection reader = DriverManager.getConnection(space.url(), kind.credentials())) {
        if (extraFloatDigits != null) {
          try (Statement s = app.createStatement()) {
            s.execute("SET extra_float_digits = " + extraFloatDigits);
          }
        }
        app.setAutoCommit(false);
        for (int t = 0; t < TRANSACTIONS; t++) {
          int statements = 1 + random.nextInt(3);
          for (int st = 0; st < statements; st++) {
            switch (random.nextInt(3)) {
              case 0 -> run(app, "UPDATE kf SET f = CAST(? AS REAL) * CAST(1 AS REAL) WHERE id = ?", aFloat(random),
                  1 + random.nextInt(20));
              case 1 -> run(app, "UPDATE kf SET f = f * CAST(1 AS REAL) WHERE id = ?", 1 + random.nextInt(20));
              default -> run(app, "INSERT INTO lf (src, f) SELECT ?, CAST(? AS REAL) * CAST(1 AS REAL)",
                  random.nextInt(100), aFloat(random));
            }
          }
          app.commit();
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          for (String table : List.of("kf", "lf")) {
            String first = table.equals("kf") ? "id" : "src";
            TreeMap<String, Integer> primary = rows(reader,
                "SELECT " + first + ", CAST(f AS DOUBLE PRECISION) FROM " + table, true);
            try (Connection dolt = TestServers.dolt(doltDb)) {
              assertThat(rows(dolt, "SELECT " + first + ", f FROM `" + DoltDdl.doltName(table) + "`", false))
                  .as("%s in Dolt, float bits (%s, extra_float_digits %s, seed %d)", table, kind, extraFloatDigits,
                      SEED)
                  .isEqualTo(primary);
            }
          }
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void run(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Float f) {
          statement.setFloat(i + 1, f);
        } else {
          statement.setInt(i + 1, (Integer) parameters[i]);
        }
      }
      statement.executeUpdate();
    }
  }

  /** Row text ({@code first | bits}) to its count. */
  private static TreeMap<String, Integer> rows(Connection connection, String sql, boolean asDouble)
      throws SQLException {
    TreeMap<String, Integer> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        float value = asDouble ? (float) rs.getDouble(2) : rs.getFloat(2);
        String shown = rs.wasNull() ? "null" : Integer.toHexString(Float.floatToRawIntBits(value)) + " (" + value + ")";
        rows.merge(rs.getString(1) + " | " + shown, 1, Integer::sum);
      }
    }
    return rows;
  }

  /** A finite float: random bits, 7–9 significant digits, subnormals, the largest and smallest, short decimals. */
  private static float aFloat(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> {
        float bits = Float.intBitsToFloat(random.nextInt());
        yield Float.isFinite(bits) ? bits : random.nextFloat();
      }
      case 1 -> random.nextFloat() * (float) Math.pow(10, random.nextInt(20) - 10);
      case 2 -> List.of(Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1234567f, 1.0000001f,
          Math.nextDown(Float.MIN_NORMAL), 16_777_217f, 123456.79f, 9.999999e-20f).get(random.nextInt(10));
      case 3 -> Float.intBitsToFloat(1 + random.nextInt(0x007fffff)); // subnormal
      case 4 -> (float) (random.nextInt(2_000_001) - 1_000_000) / (float) Math.pow(10, random.nextInt(7));
      default -> random.nextFloat();
    };
  }
}
