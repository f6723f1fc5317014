package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.DoltDdl;
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
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB {@code FLOAT} values that doltsync reads from the primary (bootstrap of existing rows, row images after an
 * UPDATE by expression, a keyless table's whole-table copy after {@code INSERT ... SELECT}, a FLOAT key) must reach
 * Dolt bit for bit, for both MySQL-protocol drivers with {@code useServerPrepStmts} off and on. The text protocol
 * sends a FLOAT with 6 significant digits ({@code 0.1234567} as {@code 0.123457}), so the primary is read here exactly,
 * as {@code CAST(f AS DOUBLE)}, and compared with Dolt as float bits.
 */
class FloatExactReadTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.floatReadTransactions", 12);
  private static final List<String> TABLES = List.of("kf", "lf", "pf");

  static Stream<Arguments> clients() {
    return Stream.of(MySqlClient.values()).flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
  }

  @ParameterizedTest
  @MethodSource("clients")
  void floatsReadFromThePrimaryReachDoltBitForBit(MySqlClient client, boolean serverPrepares) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("floatread");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("floatread")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kf (id INT PRIMARY KEY, f FLOAT NULL, f20 FLOAT(20) NULL, f73 FLOAT(7,3) NULL)");
        s.execute("CREATE TABLE lf (src INT NOT NULL, f FLOAT NULL)");
        s.execute("CREATE TABLE pf (f FLOAT NOT NULL PRIMARY KEY, n INT NOT NULL)");
        try (PreparedStatement kf = c.prepareStatement("INSERT INTO kf VALUES (?, ?, ?, ?)");
            PreparedStatement lf = c.prepareStatement("INSERT INTO lf VALUES (?, ?)");
            PreparedStatement pf = c.prepareStatement("INSERT IGNORE INTO pf VALUES (?, ?)")) {
          for (int id = 1; id <= 20; id++) { // existing rows: bootstrap reads them
            kf.setInt(1, id);
            kf.setFloat(2, aFloat(random));
            kf.setFloat(3, aFloat(random));
            kf.setFloat(4, (float) (random.nextInt(2_000_000) - 1_000_000) / 1000f);
            kf.executeUpdate();
            lf.setInt(1, id);
            lf.setFloat(2, aFloat(random));
            lf.executeUpdate();
            pf.setFloat(1, aFloat(random));
            pf.setInt(2, id);
            pf.executeUpdate();
          }
        }
      }
      String url = DoltSyncUrls.withParameter(client.url(space.url()), "useServerPrepStmts",
          Boolean.toString(serverPrepares));
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(url, doltDb),
              PrimaryKind.MARIADB.credentials());
          Connection reader = DriverManager.getConnection(url, PrimaryKind.MARIADB.credentials())) {
        app.setAutoCommit(false);
        for (int t = 0; t < TRANSACTIONS; t++) {
          int statements = 1 + random.nextInt(3);
          for (int st = 0; st < statements; st++) {
            switch (random.nextInt(4)) {
              case 0 -> run(app, "UPDATE kf SET f = ? * 1, f20 = f20 * 1 WHERE id = ?", aFloat(random),
                  1 + random.nextInt(20));
              case 1 -> run(app, "UPDATE kf SET f = f * 1, f20 = ? + 0, f73 = f73 * 1 WHERE id = ?", aFloat(random),
                  1 + random.nextInt(20));
              case 2 -> run(app, "INSERT INTO lf (src, f) SELECT ?, ? * 1 FROM DUAL", random.nextInt(100),
                  aFloat(random));
              default -> run(app, "INSERT IGNORE INTO pf (f, n) SELECT ? * 1, ? FROM DUAL", aFloat(random),
                  random.nextInt(100));
            }
          }
          app.commit();
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          for (String table : TABLES) {
            assertThat(doltFloats(doltDb, table)).as("%s in Dolt, float bits (%s, server prepares %s, seed %d)",
                table, client, serverPrepares, SEED).isEqualTo(primaryFloats(reader, table));
          }
        }
        assertThat(DoltSync.verify(app).inSync()).as("verify after the transactions (seed %d)", SEED).isTrue();
        // one float in Dolt one unit in the last place off (the same six significant digits): verify must see it
        float exact;
        try (Statement s = reader.createStatement();
            ResultSet rs = s.executeQuery("SELECT CAST(f AS DOUBLE) FROM kf WHERE id = 1")) {
          rs.next();
          exact = (float) rs.getDouble(1);
        }
        float off = Math.abs(exact) >= LARGEST ? Math.nextDown(exact) : Math.nextUp(exact);
        try (Connection dolt = TestServers.dolt(doltDb); Statement s = dolt.createStatement()) {
          s.execute("UPDATE `" + DoltDdl.doltName("kf") + "` SET f = CAST(" + (double) off + " AS FLOAT) WHERE id = 1");
          s.execute("CALL DOLT_COMMIT('-am', 'floatread: one float one ulp off')");
        }
        assertThat(DoltSync.verify(app).inSync()).as("verify with kf.f of id 1 %s in Dolt, %s in MariaDB (seed %d)",
            off, exact, SEED).isFalse();
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

  /** The table's rows, every FLOAT read exactly ({@code CAST(... AS DOUBLE)}) and shown as float bits, sorted. */
  private static TreeMap<String, Integer> primaryFloats(Connection primary, String table) throws SQLException {
    return rows(primary, switch (table) {
      case "kf" -> "SELECT id, CAST(f AS DOUBLE), CAST(f20 AS DOUBLE), CAST(f73 AS DOUBLE) FROM kf";
      case "lf" -> "SELECT src, CAST(f AS DOUBLE) FROM lf";
      default -> "SELECT n, CAST(f AS DOUBLE) FROM pf";
    }, true);
  }

  private static TreeMap<String, Integer> doltFloats(String doltDb, String table) throws SQLException {
    try (Connection dolt = TestServers.dolt(doltDb)) {
      String quoted = "`" + DoltDdl.doltName(table) + "`";
      return rows(dolt, switch (table) {
        case "kf" -> "SELECT id, f, f20, f73 FROM " + quoted;
        case "lf" -> "SELECT src, f FROM " + quoted;
        default -> "SELECT n, f FROM " + quoted;
      }, false);
    }
  }

  /** Row text ({@code first | bits | bits ...}) to its count. */
  private static TreeMap<String, Integer> rows(Connection connection, String sql, boolean asDouble)
      throws SQLException {
    TreeMap<String, Integer> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder(rs.getString(1));
        for (int i = 2; i <= columns; i++) {
          float value = asDouble ? (float) rs.getDouble(i) : rs.getFloat(i);
          row.append(" | ").append(rs.wasNull() ? "null"
              : Integer.toHexString(Float.floatToRawIntBits(value)) + " (" + value + ")");
        }
        rows.merge(row.toString(), 1, Integer::sum);
      }
    }
    return rows;
  }

  /**
   * A finite float: random bits, 7–9 significant digits, subnormals, the largest and smallest, short decimals. The
   * largest is the float below {@link Float#MAX_VALUE}: MariaDB reads a float sent as text ({@code 3.4028235E38}) as a
   * double, and that one is above FLT_MAX and refused as out of range.
   */
  private static float aFloat(Random random) {
    float value = anyFloat(random);
    return Math.abs(value) > LARGEST ? Math.copySign(LARGEST, value) : value;
  }

  private static final float LARGEST = Math.nextDown(Float.MAX_VALUE);

  private static float anyFloat(Random random) {
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
