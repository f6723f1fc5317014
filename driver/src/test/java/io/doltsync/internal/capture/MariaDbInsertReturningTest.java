package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.capture.TwinPrimaries.Operation;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB INSERTs whose rows doltsync cannot predict (BenchBase Voter's {@code NOW()}, columns left to their
 * defaults, {@code DEFAULT}, {@code INSERT ... SELECT}, keyless tables), which copied their table whole at every
 * transaction: a prepared statement's {@code execute()}, {@code executeUpdate()} and {@code executeLargeUpdate()} now
 * run the INSERT with {@code RETURNING} appended and journal the returned rows. A generator over those statement
 * shapes and the JDBC ways to run them (also the ways that still copy: a batch, a plain {@code Statement}, generated
 * keys, a stream value), on both drivers with client and server prepares, runs everything on a raw twin database too:
 * what the application sees (update counts, {@code execute} results, result sets, {@code LAST_INSERT_ID()}, warnings,
 * generated keys, errors and SQLStates) must be equal; the two primaries' predictable columns equal; Dolt equal to the
 * primary after every transaction; and a transaction copies no more tables whole than it wrote by a way that does not
 * run the INSERT with RETURNING (the copy metric): none when it used only the covered ways.
 */
class MariaDbInsertReturningTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.insertReturningTransactions", 25);
  private static final String[] TABLES = {"vl", "vk"};
  private static final String[] STATES = {"MA", "NY", "CA", "é", "", "TX"};

  static Stream<Arguments> drivers() {
    return Stream.of(
        Arguments.of(MySqlClient.MARIADB_JAVA_CLIENT, "false"),
        Arguments.of(MySqlClient.MARIADB_JAVA_CLIENT, "true"),
        Arguments.of(MySqlClient.CONNECTOR_J, "false"),
        Arguments.of(MySqlClient.CONNECTOR_J, "true"));
  }

  @ParameterizedTest(name = "{0}, server prepares {1}")
  @MethodSource("drivers")
  void unpredictableInsertsAreCapturedFromTheirReturnedRows(MySqlClient client, String serverPrepares)
      throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("returning2_ins");
    try (TwinPrimaries twins = TwinPrimaries.open(PrimaryKind.MARIADB, client,
        Map.of("useServerPrepStmts", serverPrepares), "returning2_ins", doltDb, MariaDbInsertReturningTest::create,
        Map.of())) {
      int covered = 0;
      int withoutCopies = 0;
      for (int t = 0; t < TRANSACTIONS; t++) {
        long copiesBefore = MirrorComparison.metric(doltDb, "WholeTableCopies");
        Set<String> mayCopy = new HashSet<>();
        List<Operation> ran = new ArrayList<>();
        boolean failed = false;
        int statements = 1 + random.nextInt(4);
        for (int s = 0; s < statements && !failed; s++) {
          Way way = random.nextInt(10) < 7 ? COVERED[random.nextInt(COVERED.length)]
              : UNCOVERED[random.nextInt(UNCOVERED.length)];
          Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
          Operation op = operation(random, shape, way);
          ran.add(op);
          failed = twins.runAlike(op, SEED).startsWith("error");
          if (!way.covered || !shape.covered) {
            mayCopy.add(shape.table);
          } else if (!failed) {
            covered++;
          }
        }
        if (failed || random.nextInt(6) == 0) {
          twins.rollback();
          continue;
        }
        twins.commit();
        twins.assertMirrored(TABLES);
        twins.assertSameOnBoth("SELECT CONCAT_WS(',', phone, state, contestant, amount) FROM vl ORDER BY 1", "vl",
            SEED);
        twins.assertSameOnBoth("SELECT CONCAT_WS(',', id, note, n) FROM vk ORDER BY 1", "vk", SEED);
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesBefore)
            .as("whole-table copies of transaction %d, %s (seed %d)", t, ran, SEED)
            .isLessThanOrEqualTo(mayCopy.size());
        withoutCopies += mayCopy.isEmpty() ? 1 : 0;
      }
      assertThat(covered).as("inserts captured from their returned rows (seed %d)", SEED).isPositive();
      assertThat(withoutCopies).as("committed transactions of covered inserts only (seed %d)", SEED).isPositive();
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // BenchBase Voter's votes, keyless, with a decimal that rounds (a note) and a CHECK that can fail
      s.execute("CREATE TABLE vl (phone BIGINT NOT NULL, state VARCHAR(2) NOT NULL, contestant INT"
          + " CHECK (contestant IS NULL OR contestant < 90), amount DECIMAL(6,2) DEFAULT 1.50,"
          + " created TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
      s.execute("CREATE TABLE vk (id INT PRIMARY KEY, note VARCHAR(10), n INT DEFAULT 5,"
          + " at DATETIME(6) DEFAULT NOW(6))");
      s.execute("INSERT INTO vl (phone, state, contestant, created) VALUES (1, 'MA', 1, '2020-01-01 00:00:00'),"
          + " (2, 'NY', 2, '2020-01-02 00:00:00'), (3, 'CA', 3, '2020-01-03 00:00:00')");
      s.execute("INSERT INTO vk (id, note, n, at) VALUES (1, 'one', 1, '2020-01-01 00:00:00')");
    }
  }

  /** How the application runs the INSERT. */
  enum Way {
    EXECUTE(true), EXECUTE_UPDATE(true), EXECUTE_LARGE_UPDATE(true), BATCH(false),
    PLAIN_STATEMENT(false), RETURN_GENERATED_KEYS(false), STREAM_VALUE(false);

    /** Whether doltsync reads the inserted rows from RETURNING this way. */
    final boolean covered;

    Way(boolean covered) {
      this.covered = covered;
    }
  }

  private static final Way[] COVERED = Stream.of(Way.values()).filter(w -> w.covered).toArray(Way[]::new);
  private static final Way[] UNCOVERED = Stream.of(Way.values()).filter(w -> !w.covered).toArray(Way[]::new);

  /** The INSERT's shape: which values doltsync could not predict before. */
  enum Shape {
    NOW("vl", true, "INSERT INTO vl (phone, state, contestant, amount, created) VALUES (?, ?, ?, ?, NOW(6))"),
    DEFAULTS("vl", true, "INSERT INTO vl (phone, state, contestant) VALUES (?, ?, ?)"),
    DEFAULT_WORD("vl", true,
        "INSERT INTO vl (phone, state, contestant, amount, created) VALUES (?, ?, ?, ?, DEFAULT)"),
    TWO_ROWS("vl", true, "INSERT INTO vl (phone, state, contestant, amount) VALUES (?, ?, ?, ?), (? + 1, 'zz', 7, 2)"),
    SELECT("vl", true, "INSERT INTO vl (phone, state, contestant, amount) SELECT phone + ?, ?, ?, amount + ? FROM vl"
        + " WHERE contestant = 2 LIMIT 2"),
    KEYED_DEFAULTS("vk", true, "INSERT INTO vk (id, note) VALUES (?, ?)");

    final String table;
    final boolean covered;
    final String sql;

    Shape(String table, boolean covered, String sql) {
      this.table = table;
      this.covered = covered;
      this.sql = sql;
    }
  }

  private static Operation operation(Random random, Shape shape, Way way) {
    List<Object> values = new ArrayList<>();
    if (shape == Shape.KEYED_DEFAULTS) {
      values.add(random.nextInt(200)); // duplicates fail with 23000
      values.add(random.nextInt(15) == 0 ? "far too long a note" : "note" + random.nextInt(9));
    } else {
      values.add(random.nextInt(20) == 0 ? null : (long) random.nextInt(1000)); // NOT NULL: 23000
      values.add(random.nextInt(20) == 0 ? "ABC" : STATES[random.nextInt(STATES.length)]); // too long: 22001
      values.add(random.nextInt(20) == 0 ? Integer.valueOf(95)
          : random.nextInt(3) == 0 ? null : Integer.valueOf(random.nextInt(10))); // CHECK
      if (shape != Shape.DEFAULTS) {
        values.add(random.nextBoolean() ? new BigDecimal("3.14") : new BigDecimal("2.005")); // rounds: a note
      }
      if (shape == Shape.TWO_ROWS) {
        values.add(values.get(0));
      }
    }
    String sql = shape.sql;
    return new Operation(sql + " [" + way + "]", 0, way.covered, c -> run(c, sql, values, way));
  }

  private static String run(Connection c, String sql, List<Object> values, Way way) throws SQLException {
    try {
      return ran(c, sql, values, way) + lastInsertId(c, !way.covered);
    } catch (SQLException e) {
      return "error " + e.getSQLState() + " " + e.getErrorCode()
          + (e instanceof BatchUpdateException b ? " " + Arrays.toString(b.getUpdateCounts()) : "");
    }
  }

  private static String ran(Connection c, String sql, List<Object> values, Way way) throws SQLException {
    switch (way) {
      case EXECUTE -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          boolean result = p.execute();
          String seen = "execute " + result + " count " + p.getUpdateCount() + " rs " + (p.getResultSet() != null);
          return seen + " more " + p.getMoreResults() + " count " + p.getUpdateCount() + warnings(p.getWarnings())
              + " keys " + keys(p);
        }
      }
      case EXECUTE_UPDATE -> {
        try (PreparedStatement p = c.prepareStatement(sql, Statement.NO_GENERATED_KEYS)) {
          bind(p, values);
          String seen = "count " + p.executeUpdate() + " again " + p.getUpdateCount() + " rs " + (p.getResultSet()
              != null) + warnings(p.getWarnings());
          p.clearWarnings();
          return seen + " cleared " + warnings(p.getWarnings()) + " keys " + keys(p);
        }
      }
      case EXECUTE_LARGE_UPDATE -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          String first = "large " + p.executeLargeUpdate() + warnings(p.getWarnings());
          bind(p, values); // the same statement run twice, as an application reusing it does
          return first + " then " + p.executeLargeUpdate() + " " + p.getLargeUpdateCount() + warnings(p.getWarnings());
        }
      }
      case BATCH -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          p.addBatch();
          p.addBatch();
          return "counts " + Arrays.toString(p.executeBatch());
        }
      }
      case PLAIN_STATEMENT -> {
        try (Statement s = c.createStatement()) {
          return "count " + s.executeUpdate(literal(sql, values)) + warnings(s.getWarnings());
        }
      }
      case RETURN_GENERATED_KEYS -> {
        try (PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
          bind(p, values);
          return "count " + p.executeUpdate() + " keys " + keys(p);
        }
      }
      default -> { // a stream value: doltsync cannot bind it again on another statement
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          Object state = values.get(1);
          if (state != null && !sql.startsWith("INSERT INTO vk")) {
            p.setCharacterStream(2, new StringReader(state.toString()));
          }
          return "count " + p.executeUpdate() + warnings(p.getWarnings());
        }
      }
    }
  }

  private static void bind(PreparedStatement p, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value == null) {
        p.setNull(i + 1, i == 0 ? java.sql.Types.BIGINT : java.sql.Types.INTEGER);
      } else if (value instanceof Integer n && i == 2) {
        p.setInt(i + 1, n);
      } else {
        p.setObject(i + 1, value);
      }
    }
  }

  /**
   * The session's {@code LAST_INSERT_ID()}, and {@code ROW_COUNT()} when asked: after an INSERT run with RETURNING,
   * MariaDB answers -1 there, as for any statement that returned rows (a documented limit of the covered ways).
   */
  private static String lastInsertId(Connection c, boolean rowCount) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID(), ROW_COUNT()")) {
      rs.next();
      return " last id " + rs.getLong(1) + (rowCount ? " row count " + rs.getLong(2) : "");
    }
  }

  private static String keys(Statement p) {
    try (ResultSet keys = p.getGeneratedKeys()) {
      StringBuilder seen = new StringBuilder("{");
      while (keys != null && keys.next()) {
        seen.append(keys.getObject(1)).append(' ');
      }
      return seen.append('}').toString();
    } catch (SQLException e) {
      return "error " + e.getSQLState();
    }
  }

  private static String literal(String sql, List<Object> values) {
    StringBuilder text = new StringBuilder();
    int next = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        Object value = values.get(next++);
        text.append(value == null ? "NULL" : value instanceof String s ? TwinPrimaries.quoted(s) : value);
      } else {
        text.append(ch);
      }
    }
    return text.toString();
  }

  private static String warnings(SQLWarning warning) {
    StringBuilder seen = new StringBuilder();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      seen.append(" warning ").append(w.getSQLState()).append(' ').append(w.getErrorCode()).append(' ')
          .append(w.getMessage());
    }
    return seen.toString();
  }
}
