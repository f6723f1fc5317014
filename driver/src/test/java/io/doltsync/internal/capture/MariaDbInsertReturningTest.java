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
 * transaction, and DELETEs whose removed rows it read by a locking SELECT before them (a keyless table's rows, a keyed
 * table's keys by other columns, with {@code ORDER BY ... LIMIT}): a prepared statement's {@code execute()},
 * {@code executeUpdate()} and {@code executeLargeUpdate()}, and a plain {@code Statement}'s {@code execute(sql)},
 * {@code executeUpdate(sql)} and {@code executeLargeUpdate(sql)}, now run the statement with {@code RETURNING} appended
 * and journal the returned rows. A generator over those statement shapes and the JDBC ways to run them (also the ways
 * that still copy or read before: a batch, generated keys, a stream value), on both drivers with client and server
 * prepares, runs everything on a raw twin database too: what the application sees (update counts, {@code execute}
 * results, result sets, {@code LAST_INSERT_ID()}, warnings, generated keys, errors and SQLStates, and on the covered
 * ways the SELECTs the session ran during the execution: none, as raw) must be equal; the two primaries' predictable
 * columns equal; Dolt equal to the primary after every transaction; and a transaction copies no more tables whole
 * than it wrote by a way that does not run the statement with RETURNING (the copy metric): none when it used only
 * the covered ways.
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
          if (!covered(way, shape)) {
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

  /** How the application runs the INSERT or DELETE. */
  enum Way {
    EXECUTE(true), EXECUTE_UPDATE(true), EXECUTE_LARGE_UPDATE(true), BATCH(false),
    PLAIN_STATEMENT(true), PLAIN_EXECUTE(true), PLAIN_LARGE_UPDATE(true), RETURN_GENERATED_KEYS(false),
    STREAM_VALUE(false);

    /** Whether doltsync reads the inserted rows from RETURNING this way. */
    final boolean covered;

    Way(boolean covered) {
      this.covered = covered;
    }
  }

  private static final Way[] COVERED = Stream.of(Way.values()).filter(w -> w.covered).toArray(Way[]::new);
  private static final Way[] UNCOVERED = Stream.of(Way.values()).filter(w -> !w.covered).toArray(Way[]::new);

  /**
   * The statement's shape: an INSERT whose values doltsync could not predict before, or a DELETE whose removed rows
   * it read by a locking SELECT before the statement (a keyless table's rows, a keyed table's keys by other columns).
   */
  enum Shape {
    NOW("vl", true, "INSERT INTO vl (phone, state, contestant, amount, created) VALUES (?, ?, ?, ?, NOW(6))"),
    DEFAULTS("vl", true, "INSERT INTO vl (phone, state, contestant) VALUES (?, ?, ?)"),
    DEFAULT_WORD("vl", true,
        "INSERT INTO vl (phone, state, contestant, amount, created) VALUES (?, ?, ?, ?, DEFAULT)"),
    TWO_ROWS("vl", true, "INSERT INTO vl (phone, state, contestant, amount) VALUES (?, ?, ?, ?), (? + 1, 'zz', 7, 2)"),
    SELECT("vl", true, "INSERT INTO vl (phone, state, contestant, amount) SELECT phone + ?, ?, ?, amount + ? FROM vl"
        + " WHERE contestant = 2 LIMIT 2"),
    KEYED_DEFAULTS("vk", true, "INSERT INTO vk (id, note) VALUES (?, ?)"),
    KEYLESS_DELETE("vl", true, "DELETE FROM vl WHERE state = ? AND (contestant IS NULL OR contestant >= ?)"),
    KEYLESS_DELETE_LIMIT("vl", true,
        "DELETE FROM vl WHERE phone >= ? ORDER BY phone, state, contestant, amount, created LIMIT 2"),
    KEYED_DELETE("vk", true, "DELETE FROM vk WHERE note = ?"),
    KEYED_DELETE_LIMIT("vk", true, "DELETE FROM vk WHERE n >= ? AND id < ? ORDER BY id DESC LIMIT 3"),
    KEYED_DELETE_WARNING("vk", true, "DELETE FROM vk WHERE note + 0 = ? AND id > ?");

    final String table;
    final boolean covered;
    final String sql;

    Shape(String table, boolean covered, String sql) {
      this.table = table;
      this.covered = covered;
      this.sql = sql;
    }

    boolean delete() {
      return sql.startsWith("DELETE");
    }

    /** The parameter a stream value may replace (its value a String), 0 for none. */
    int streamed() {
      return switch (this) {
        case KEYED_DEFAULTS, KEYLESS_DELETE_LIMIT, KEYED_DELETE_LIMIT, KEYED_DELETE_WARNING -> 0;
        case KEYLESS_DELETE, KEYED_DELETE -> 1;
        default -> 2;
      };
    }
  }

  private static Operation operation(Random random, Shape shape, Way way) {
    List<Object> values = new ArrayList<>();
    if (shape == Shape.KEYLESS_DELETE) {
      values.add(STATES[random.nextInt(STATES.length)]);
      values.add(random.nextInt(10));
    } else if (shape == Shape.KEYLESS_DELETE_LIMIT) {
      values.add((long) random.nextInt(1100));
    } else if (shape == Shape.KEYED_DELETE) {
      values.add("note" + random.nextInt(9));
    } else if (shape == Shape.KEYED_DELETE_LIMIT) {
      values.add(random.nextInt(7));
      values.add(random.nextInt(200));
    } else if (shape == Shape.KEYED_DELETE_WARNING) {
      values.add(0);
      values.add(random.nextInt(200));
    } else if (shape == Shape.KEYED_DEFAULTS) {
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
    return new Operation(sql + " [" + way + "]", 0, covered(way, shape), c -> run(c, shape, values, way));
  }

  /** Whether doltsync reads the rows from RETURNING: a covered way, or a stream way where no value is a stream. */
  private static boolean covered(Way way, Shape shape) {
    return shape.covered && (way.covered || way == Way.STREAM_VALUE && shape.streamed() == 0);
  }

  private static String run(Connection c, Shape shape, List<Object> values, Way way) throws SQLException {
    try {
      long selects = selects(c);
      String seen = ran(c, shape, values, way);
      // a covered way sends no SELECT of its own (a DELETE's locking read of its rows before it is gone)
      seen += covered(way, shape) ? " selects " + (selects(c) - selects) : "";
      return seen + lastInsertId(c, !covered(way, shape));
    } catch (SQLException e) {
      return "error " + e.getSQLState() + " " + e.getErrorCode()
          + (e instanceof BatchUpdateException b ? " " + Arrays.toString(b.getUpdateCounts()) : "");
    }
  }

  private static String ran(Connection c, Shape shape, List<Object> values, Way way) throws SQLException {
    String sql = shape.sql;
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
          return "count " + s.executeUpdate(literal(sql, values)) + warnings(s.getWarnings()) + " keys " + keys(s);
        }
      }
      case PLAIN_EXECUTE -> {
        try (Statement s = c.createStatement()) {
          // the same statement ran a query before, whose warnings and result the execution replaces
          s.executeQuery("SELECT 'x' + 0").close();
          boolean result = s.execute(literal(sql, values));
          String seen = "execute " + result + " count " + s.getUpdateCount() + " rs " + (s.getResultSet() != null);
          seen += warnings(s.getWarnings()) + " more " + s.getMoreResults() + " count " + s.getUpdateCount();
          s.clearWarnings();
          return seen + " cleared " + warnings(s.getWarnings()) + " keys " + keys(s);
        }
      }
      case PLAIN_LARGE_UPDATE -> {
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(30);
          s.setMaxRows(1); // no limit on what an update changes (nor on the rows the capture reads)
          String first = "large " + s.executeLargeUpdate(literal(sql, values)) + warnings(s.getWarnings());
          return first + " then " + s.executeLargeUpdate(literal(sql, values)) + " " + s.getLargeUpdateCount()
              + warnings(s.getWarnings());
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
          Object text = shape.streamed() == 0 ? null : values.get(shape.streamed() - 1);
          if (text != null) {
            p.setCharacterStream(shape.streamed(), new StringReader(text.toString()));
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
      } else if (value instanceof Integer n) {
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

  /** The session's SELECT statements so far ({@code Com_select}). */
  private static long selects(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_select'")) {
      rs.next();
      return rs.getLong(2);
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
