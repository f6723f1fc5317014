package io.doltsync.internal.capture;

import static io.doltsync.internal.capture.TwinPrimaries.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.capture.TwinPrimaries.Operation;
import io.doltsync.testing.DoltDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL INSERTs, UPDATEs and DELETEs with a RETURNING list of the application's own (BenchBase Wikipedia's
 * {@code INSERT ... RETURNING old_id}), whose rows doltsync reads from the same execution by appending its own
 * columns to that list. A generator over a keyed table with a serial key, a composite-key table and a keyless table:
 * random RETURNING lists (columns, quoted and upper-case names, expressions, {@code *} and {@code t.*}, aliases,
 * duplicates, labels equal to doltsync's own appended labels or to other columns), run every JDBC way
 * ({@code executeQuery}, {@code execute} with {@code getResultSet}, scroll-insensitive and forward-only result sets,
 * a partial read, {@code executeUpdate} and {@code executeLargeUpdate} (which pgjdbc runs, then refuses with 0100E
 * and an empty result set: the transaction goes on), generated keys by {@code RETURN_GENERATED_KEYS} and by name through
 * {@code executeUpdate}, {@code executeLargeUpdate}, {@code execute} and {@code executeQuery} (02000 after running),
 * also of the same statements without a RETURNING list of their own (pgjdbc appends {@code RETURNING *} or the
 * names), keys by index, a batch, a plain {@code Statement}, {@code setMaxRows}). Everything
 * the application sees must equal the raw
 * driver's on a twin schema, row by row and metadata by metadata (labels, names, types, precision, nullability,
 * {@code findColumn}, positions, out-of-range errors, scrolling, update counts, warnings); Dolt must equal the
 * primary after each transaction; and a transaction copies no more tables whole than it wrote one of the ways
 * that do not hand the rows over ({@code executeUpdate}, keys by index, a batch, a plain Statement, a row limit) with
 * a statement that copies without its rows (the copy metric): the single executions with generated keys by
 * RETURN_GENERATED_KEYS or by name copy nothing (they copied before).
 */
class OwnReturningMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.ownReturningTransactions", 40);
  private static final String[] TABLES = {"rk", "rc", "rl"};
  private static final String[] TEXTS = {"plain", "it's", "é ü ß", "日本語", "", "trailing  "};

  @Test
  void theApplicationsOwnReturningRowsAreCapturedWithoutCopies() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("ownret");
    try (TwinPrimaries twins = TwinPrimaries.open("ownret", doltDb, OwnReturningMirroringTest::createAndSeed,
        Map.of())) {
      Generator generator = new Generator(random);
      int capturedFromRows = 0;
      for (int t = 0; t < TRANSACTIONS; t++) {
        long copiesBefore = MirrorComparison.metric(doltDb, "WholeTableCopies");
        java.util.Set<String> mayCopy = new java.util.HashSet<>();
        boolean failed = false;
        List<Operation> ran = new ArrayList<>();
        int statements = 1 + random.nextInt(4);
        for (int s = 0; s < statements && !failed; s++) {
          Operation op = generator.next();
          ran.add(op);
          failed = twins.runAlike(op, SEED).startsWith("error");
          if (op.preSelects() > 0) { // here: a way that runs the statement without reading its rows
            mayCopy.add(op.sql().split("\\s+")[op.sql().startsWith("UPDATE") ? 1 : 2]);
          }
          capturedFromRows += op.returned() ? 1 : 0;
        }
        if (failed || random.nextInt(8) == 0) {
          twins.rollback();
          continue;
        }
        twins.commit();
        twins.assertMirrored(TABLES);
        for (String table : TABLES) {
          twins.assertSameOnBoth("SELECT CAST(t AS text) FROM " + table + " t ORDER BY 1", table, SEED);
        }
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesBefore)
            .as("whole-table copies of transaction %d, %s (seed %d)", t, ran, SEED)
            .isLessThanOrEqualTo(mayCopy.size());
      }
      assertThat(capturedFromRows).as("statements read from their returned rows (seed %d)", SEED).isPositive();
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void createAndSeed(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE rk (id SERIAL PRIMARY KEY, title TEXT NOT NULL, n INT, amount NUMERIC(10,2),"
          + " \"Mixed Case\" VARCHAR(20), data BYTEA)");
      s.execute("CREATE TABLE rc (a INT, b VARCHAR(10), v TEXT, q SMALLINT DEFAULT 7, PRIMARY KEY (a, b))");
      s.execute("CREATE TABLE rl (x INT, y TEXT, z NUMERIC(8,3) DEFAULT (length('abc') * 2.5))");
      s.execute("INSERT INTO rk (title, n, amount, \"Mixed Case\") SELECT 'seed ' || g, g, g * 1.5, 'M' || g"
          + " FROM generate_series(1, 12) g");
      s.execute("INSERT INTO rc (a, b, v) SELECT g % 4, 'b' || g, 'v' || g FROM generate_series(1, 12) g");
      s.execute("INSERT INTO rl (x, y) SELECT g % 5, 'y' || g FROM generate_series(1, 10) g");
    }
  }

  /** How the application runs a statement and reads what it returns. */
  enum Way {
    EXECUTE_QUERY(false, false), EXECUTE(false, false), SCROLLABLE(false, false), PARTIAL_READ(false, false),
    FORWARD_ONLY_SCROLL(false, false), EXECUTE_UPDATE(true, true), EXECUTE_LARGE_UPDATE(true, true),
    KEYS_RETURN_GENERATED(false, false), KEYS_BY_NAME(false, false), KEYS_EXECUTE(false, false),
    KEYS_EXECUTE_QUERY(false, false), KEYS_LARGE_UPDATE(false, false), KEYS_BY_INDEX(true, false),
    BATCH(true, true), PLAIN_STATEMENT(true, true), MAX_ROWS(true, true);

    /** The driver does not hand doltsync the rows this way: a statement that copies without them still copies. */
    final boolean withoutRows;
    /**
     * Nor an update count ({@code executeQuery} of the plain plan), or a batch of entries whose rows are pre-selected
     * one after the other: a statement whose rows are pre-selected is copied whole too, as before (the pre-select's
     * row count cannot be checked, or a later entry's rows were read before an earlier entry changed them).
     */
    final boolean withoutCount;

    Way(boolean withoutRows, boolean withoutCount) {
      this.withoutRows = withoutRows;
      this.withoutCount = withoutCount;
    }
  }

  /** Random statements with RETURNING lists of their own, each run one random way. */
  private static final class Generator {
    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    Operation next() {
      Way[] ways = Way.values();
      Way way = random.nextInt(5) < 2 ? ways[random.nextInt(5)] : ways[5 + random.nextInt(ways.length - 5)];
      return switch (random.nextInt(9)) {
        case 0, 1 -> keyedInsert(way);
        case 2 -> compositeInsert(way);
        case 3 -> keylessInsert(way);
        case 4 -> updateByKey(way);
        case 5 -> updateByPartialKey(way);
        case 6 -> keylessInsertSelect(way);
        case 7 -> delete(way);
        default -> keylessDelete(way);
      };
    }

    /** An INSERT whose serial key the database computes: without its rows, copied whole. */
    private Operation keyedInsert(Way way) {
      int rows = 1 + random.nextInt(2);
      StringBuilder sql = new StringBuilder("INSERT INTO rk (title, n, amount, \"Mixed Case\", data) VALUES ");
      List<Object> values = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
        values.add(TEXTS[random.nextInt(TEXTS.length)] + random.nextInt(100));
        values.add(random.nextInt(3) == 0 ? null : random.nextInt(50));
        values.add(BigDecimal.valueOf(random.nextInt(100000), 2));
        values.add("m" + random.nextInt(9));
        values.add(random.nextBoolean() ? null : new byte[] {(byte) random.nextInt(), 0, (byte) 0xff});
      }
      return operation(sql + returning("rk", KEYED), values, way, true);
    }

    /** An INSERT that leaves a column to its default: its keys would be read at commit. */
    private Operation compositeInsert(Way way) {
      List<Object> values = List.of(random.nextInt(5), "n" + random.nextInt(30), TEXTS[random.nextInt(TEXTS.length)]);
      return operation("INSERT INTO rc (a, b, v) VALUES (?, ?, ?)" + returning("rc", COMPOSITE), values, way, false);
    }

    /** An INSERT into a keyless table that leaves a column to its default: without its rows, copied whole. */
    private Operation keylessInsert(Way way) {
      List<Object> values = List.of(random.nextInt(5), TEXTS[random.nextInt(TEXTS.length)]);
      return operation("INSERT INTO rl (x, y) VALUES (?, ?), (? + 1, 'second')" + returning("rl", KEYLESS),
          List.of(values.get(0), values.get(1), values.get(0)), way, true);
    }

    private Operation keylessInsertSelect(Way way) {
      // ordered: the rows' physical order differs between the twin schemas (vacuum), and RETURNING follows it
      return operation("INSERT INTO rl (x, y) SELECT x + 10, y FROM rl WHERE x = ? ORDER BY y"
          + returning("rl", KEYLESS),
          List.of(random.nextInt(5)), way, true);
    }

    /** An UPDATE by the whole key with a computed value: its row would be read at commit. */
    private Operation updateByKey(Way way) {
      return operation("UPDATE rk SET n = coalesce(n, 0) + ?, title = title || '.' WHERE id = ?"
          + returning("rk", KEYED), List.of(random.nextInt(10), 1 + random.nextInt(16)), way, false);
    }

    /** An UPDATE by a partial key: its rows would be pre-selected. */
    private Operation updateByPartialKey(Way way) {
      return operation("UPDATE rc SET v = ? WHERE a = ?" + returning("rc", COMPOSITE),
          List.of(TEXTS[random.nextInt(TEXTS.length)], random.nextInt(5)), way, false);
    }

    private Operation delete(Way way) {
      return random.nextBoolean()
          ? operation("DELETE FROM rk WHERE id = ?" + returning("rk", KEYED), List.of(1 + random.nextInt(20)), way,
              false)
          : operation("DELETE FROM rc WHERE a = ? AND v LIKE ?" + returning("rc", COMPOSITE),
              List.of(random.nextInt(5), "%" + random.nextInt(10) + "%"), way, false);
    }

    /** A keyless DELETE: its rows would be pre-selected (in a batch, copied whole, as without a RETURNING). */
    private Operation keylessDelete(Way way) {
      return operation("DELETE FROM rl WHERE x = ?" + returning("rl", KEYLESS), List.of(random.nextInt(15)), way,
          way == Way.BATCH);
    }

    private static final String[] KEYED = {"id", "title", "n", "amount", "\"Mixed Case\"", "data", "ID", "rk.id",
        "n * 2 AS doubled", "upper(title) AS \"Title\"", "1", "id AS \"doltsync$1\"", "title AS id",
        "amount AS \"doltsync$2\"", "*", "rk.*", "length(title)", "id AS n"};
    private static final String[] COMPOSITE = {"a", "b", "v", "q", "A", "\"b\"", "a + 1 AS a1", "b AS \"doltsync$1\"",
        "v AS \"doltsync$3\"", "*", "rc.*", "q AS a", "'x' || b", "a"};
    private static final String[] KEYLESS = {"x", "y", "z", "Y", "x * 10 AS \"X\"", "*", "rl.*", "y AS \"doltsync$1\"",
        "z AS x", "coalesce(y, 'none')", "x"};

    /** A random RETURNING list of one to four items (repeats allowed). */
    private String returning(String table, String[] items) {
      int count = 1 + random.nextInt(4);
      List<String> chosen = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        chosen.add(items[random.nextInt(items.length)]);
      }
      String spacing = random.nextInt(4) == 0 ? "\n  " : " ";
      String comment = random.nextInt(5) == 0 ? " -- the application's own list" : "";
      return spacing + (random.nextBoolean() ? "RETURNING " : "returning ") + String.join(", ", chosen) + comment;
    }

    private Operation operation(String sql, List<Object> values, Way way, boolean copiesWithoutRows) {
      boolean mayCopy = way.withoutCount || (way.withoutRows && copiesWithoutRows);
      String text = sql;
      String[] keyNames = KEY_NAMES[random.nextInt(KEY_NAMES.length)];
      if (way.name().startsWith("KEYS_") && random.nextBoolean()) {
        // generated keys of the statement without a RETURNING of its own: pgjdbc appends RETURNING * or the names
        text = sql.substring(0, sql.toLowerCase(java.util.Locale.ROOT).lastIndexOf("returning")).stripTrailing();
        String table = text.split("\\s+")[text.startsWith("UPDATE") ? 1 : 2];
        keyNames = switch (table) {
          case "rk" -> random.nextBoolean() ? new String[] {"id"} : new String[] {"title", "id", "data"};
          case "rc" -> random.nextBoolean() ? new String[] {"b", "a"} : new String[] {"q"};
          default -> random.nextBoolean() ? new String[] {"x"} : new String[] {"z", "y"};
        };
      }
      String statement = text;
      String[] names = keyNames;
      return new Operation(statement + " [" + way + (way == Way.KEYS_BY_NAME ? " " + Arrays.toString(names) : "")
          + "]", mayCopy ? 1 : 0, !way.withoutRows, c -> run(c, statement, values, way, names));
    }

    /** Names of generated keys asked for a statement with a RETURNING list of its own (pgjdbc ignores them). */
    private static final String[][] KEY_NAMES = {{"id", "x"}, {"a"}, {"nothing"}};
  }

  // ---- running one way and describing what the application saw -----------------------------------

  private static String run(Connection c, String sql, List<Object> values, Way way, String[] keyNames)
      throws SQLException {
    switch (way) {
      case EXECUTE_QUERY, PARTIAL_READ, FORWARD_ONLY_SCROLL -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          String described = "metadata " + metadata(p.getMetaData());
          try (ResultSet rs = p.executeQuery()) {
            if (way == Way.PARTIAL_READ) {
              return described + " first " + rs.next() + " " + (rs.getRow() > 0 ? row(rs) : "");
            }
            if (way == Way.FORWARD_ONLY_SCROLL) {
              described += " first() " + attempt(rs::first) + " type " + rs.getType() + " fetch "
                  + attempt(() -> {
                    rs.setFetchDirection(ResultSet.FETCH_REVERSE);
                    return true;
                  });
            }
            return described + " rows " + rows(rs) + warnings(p.getWarnings());
          }
        }
      }
      case EXECUTE -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          boolean result = p.execute();
          String seen = "execute " + result + " count " + p.getUpdateCount() + " type " + p.getResultSetType();
          try (ResultSet rs = p.getResultSet()) {
            seen += " rows " + (rs == null ? "none" : rows(rs));
          }
          return seen + " more " + p.getMoreResults() + " count " + p.getUpdateCount()
              + TwinPrimaries.withKeys(p, "") + warnings(p.getWarnings());
        }
      }
      case SCROLLABLE -> {
        try (PreparedStatement p = c.prepareStatement(sql, ResultSet.TYPE_SCROLL_INSENSITIVE,
            ResultSet.CONCUR_READ_ONLY)) {
          bind(p, values);
          try (ResultSet rs = p.executeQuery()) {
            String seen = "type " + rs.getType() + " last " + rs.last() + " row " + rs.getRow();
            seen += " previous " + rs.previous() + " absolute " + rs.absolute(1) + " rows ";
            rs.beforeFirst();
            return seen + rows(rs) + " after " + rs.isAfterLast();
          }
        }
      }
      case EXECUTE_UPDATE, EXECUTE_LARGE_UPDATE -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          String seen;
          try {
            seen = "count " + (way == Way.EXECUTE_UPDATE ? p.executeUpdate() : p.executeLargeUpdate());
          } catch (SQLException e) { // pgjdbc ran the statement, then refused its rows: the transaction goes on
            seen = "refused " + e.getSQLState() + " " + e.getMessage();
          }
          seen += " update count " + p.getUpdateCount();
          try (ResultSet rs = p.getResultSet()) {
            seen += " rs " + (rs == null ? "none" : rows(rs));
          }
          return TwinPrimaries.withKeys(p, seen + " more " + p.getMoreResults()) + warnings(p.getWarnings());
        }
      }
      case KEYS_RETURN_GENERATED, KEYS_BY_NAME, KEYS_BY_INDEX, KEYS_EXECUTE, KEYS_EXECUTE_QUERY, KEYS_LARGE_UPDATE -> {
        try (PreparedStatement p = way == Way.KEYS_BY_NAME ? c.prepareStatement(sql, keyNames)
            : way == Way.KEYS_BY_INDEX ? c.prepareStatement(sql, new int[] {1})
            : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
          bind(p, values);
          String seen = switch (way) {
            case KEYS_EXECUTE -> "execute " + p.execute() + " rs " + (p.getResultSet() != null);
            case KEYS_EXECUTE_QUERY -> "query " + attempt(() -> p.executeQuery() != null);
            case KEYS_LARGE_UPDATE -> "count " + p.executeLargeUpdate();
            default -> "count " + p.executeUpdate();
          };
          seen += " update count " + p.getUpdateCount() + warnings(p.getWarnings());
          ResultSet keys = p.getGeneratedKeys();
          seen += " same keys " + (keys == p.getGeneratedKeys());
          if (keys == null) {
            return seen + " keys null";
          }
          if (way == Way.KEYS_BY_INDEX) { // keys the capture did not read reach the application as a copy
            return seen + " keys " + values(keys);
          }
          seen += " keys type " + keys.getType() + " statement " + (keys.getStatement() == p) + " first() "
              + attempt(keys::first) + " " + rows(keys);
          if (way == Way.KEYS_EXECUTE) {
            ResultSet again = p.getGeneratedKeys();
            seen += " more " + p.getMoreResults() + " count " + p.getUpdateCount() + " keys closed "
                + attempt(again::isClosed);
          }
          keys.close();
          return seen;
        }
      }
      case BATCH -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          p.addBatch();
          if (!sql.startsWith("UPDATE")) {
            // pgjdbc runs a batch's entries of a statement with RETURNING without ending each command, so a second
            // entry updating the same row does not see the first's change and skips it (42.7.14, measured): raw
            // applies one update where doltsync, which runs each entry, applies two; README Known limits
            p.addBatch();
          }
          return "counts " + Arrays.toString(p.executeBatch());
        }
      }
      case PLAIN_STATEMENT -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(literal(sql, values))) {
          return "rows " + rows(rs);
        }
      }
      default -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          bind(p, values);
          p.setMaxRows(1);
          try (ResultSet rs = p.executeQuery()) {
            return "max rows " + rows(rs);
          }
        }
      }
    }
  }

  private static void bind(PreparedStatement p, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      p.setObject(i + 1, values.get(i));
    }
  }

  /** The statement with its parameters as literals, for a plain Statement. */
  private static String literal(String sql, List<Object> values) {
    StringBuilder text = new StringBuilder();
    int next = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        Object value = values.get(next++);
        text.append(value == null ? "NULL" : value instanceof String s ? quoted(s)
            : value instanceof byte[] b ? "'\\x" + java.util.HexFormat.of().formatHex(b) + "'::bytea" : value);
      } else {
        text.append(ch);
      }
    }
    return text.toString();
  }

  /** Every column's metadata, as the application reads it. */
  private static String metadata(ResultSetMetaData md) throws SQLException {
    if (md == null) {
      return "null";
    }
    StringBuilder seen = new StringBuilder().append(md.getColumnCount()).append(" [");
    for (int i = 1; i <= md.getColumnCount(); i++) {
      seen.append(md.getColumnLabel(i)).append('/').append(md.getColumnName(i)).append('/')
          .append(md.getColumnType(i)).append('/').append(md.getColumnTypeName(i)).append('/')
          .append(md.getTableName(i)).append('/').append(md.getPrecision(i)).append('/').append(md.getScale(i))
          .append('/').append(md.isNullable(i)).append('/').append(md.isAutoIncrement(i)).append('/')
          .append(md.getColumnClassName(i)).append("; ");
    }
    int beyond = md.getColumnCount() + 1;
    return seen.append("] beyond ").append(attempt(() -> md.getColumnLabel(beyond))).toString();
  }

  /** The metadata, then every row by position and by label, then lookups of labels that must not be found. */
  private static String rows(ResultSet rs) throws SQLException {
    StringBuilder seen = new StringBuilder(metadata(rs.getMetaData())).append(" {");
    while (rs.next()) {
      seen.append(row(rs)).append(" | ");
    }
    int columns = rs.getMetaData().getColumnCount();
    for (String label : List.of("doltsync$1", "doltsync$2", "DOLTSYNC$1", "id", "a", "x", "b", "q", "z", "v")) {
      seen.append(" find ").append(label).append('=').append(attempt(() -> rs.findColumn(label)));
    }
    seen.append(" beyond ").append(attempt(() -> rs.getObject(columns + 1)));
    return seen.append('}').toString();
  }

  /**
   * Labels and values by position only: generated keys the application asked for reach it through doltsync as a
   * copy ({@code javax.sql.rowset.CachedRowSet}), whose errors and metadata are not the driver's (a known limit).
   */
  private static String values(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder seen = new StringBuilder().append(md.getColumnCount()).append(" {");
    while (rs.next()) {
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object value = rs.getObject(i);
        seen.append(md.getColumnLabel(i)).append('=').append(value instanceof byte[] b ? Arrays.toString(b) : value)
            .append(", ");
      }
      seen.append(" | ");
    }
    return seen.append('}').toString();
  }

  private static String row(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder seen = new StringBuilder();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Object value = rs.getObject(i);
      String label = md.getColumnLabel(i);
      if (value instanceof byte[] bytes) { // pgjdbc's getString of a bytea here prints the array's identity
        seen.append(Arrays.toString(bytes)).append(',').append(Arrays.toString(rs.getBytes(i))).append(',')
            .append(rs.wasNull()).append(',').append(attempt(() -> Arrays.toString(rs.getBytes(label)))).append("; ");
        continue;
      }
      seen.append(value).append(',').append(rs.getString(i)).append(',').append(rs.wasNull()).append(',');
      seen.append(attempt(() -> rs.getString(label))).append("; ");
    }
    return seen.toString();
  }

  private static String warnings(SQLWarning warning) {
    return warning == null ? "" : " warning " + warning.getSQLState() + " " + warning.getMessage();
  }

  @FunctionalInterface
  private interface Attempt {
    Object run() throws SQLException;
  }

  /** What an attempt returns, or its failure's SQLState and message. */
  private static String attempt(Attempt attempt) {
    try {
      return String.valueOf(attempt.run());
    } catch (SQLException e) {
      return "error " + e.getSQLState() + " " + e.getMessage();
    }
  }
}
