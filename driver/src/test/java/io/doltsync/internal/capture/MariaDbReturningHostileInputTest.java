package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.doltsync.internal.capture.TwinPrimaries.Operation;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through MariaDB's {@code INSERT ... RETURNING} twin ({@code ReturningTwin}: the INSERT whose rows
 * doltsync cannot predict runs with {@code RETURNING <every column>} appended): generated table and column names
 * (backticks, double quotes, dots, {@code @}, backslashes, {@code %}, {@code #}, {@code --}, {@code /*}, white space,
 * non-ASCII, the twin's own {@code doltsync$} label prefix, keywords), texts ending in every kind of comment (which the
 * appended list must not land in), bound values of every rebindable type, and values Dolt refuses (a decimal with
 * more than 35 integer digits), under the default {@code sql_mode} and under {@code ANSI_QUOTES} (names then quoted
 * {@code "..."} by the application), on both drivers. Everything also runs on a raw twin database: what the
 * application sees must be equal; a transaction with a refused value must fail {@code commit()} with an
 * {@link SQLDataException} (22003) naming the column before the primary commits, and Dolt must equal the primary
 * after every transaction. {@code -Ddoltsync.test.seed} replays a run (random by default).
 */
class MariaDbReturningHostileInputTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.returningHostileTransactions", 20);
  private static final String[] PIECES = {"a", "Z", "_", "é", "中", " ", "-", "`", "\"", "'", "\\", ".", "@", "%",
      "$", "doltsync$1", "select", "returning", "1", "#", "--", "/*", "*/", ",", "(", ")", "?"};
  /** Dates MariaDB stores in its default sql_mode (no NO_ZERO_DATE, NO_ZERO_IN_DATE) that are not calendar dates. */
  private static final String[] ZERO_DATES = {"0000-00-00", "2020-00-10", "2020-02-00", "0000-01-01", "1999-00-00"};
  private static final String[] TRAILERS = {"", " ", "\n", " # a comment", " -- a comment", " /* a comment */",
      " /*!100500 */", "\t#", " -- ", " /* ) RETURNING x */"};

  static Stream<Arguments> modes() {
    return Stream.of(Arguments.of(MySqlClient.MARIADB_JAVA_CLIENT, false), Arguments.of(MySqlClient.MARIADB_JAVA_CLIENT, true),
        Arguments.of(MySqlClient.CONNECTOR_J, false), Arguments.of(MySqlClient.CONNECTOR_J, true));
  }

  /** A generated table: its name and its value columns' names (a keyless or a keyed one). */
  private record Table(String name, List<String> columns, boolean keyed) {}

  @ParameterizedTest(name = "{0}, ANSI_QUOTES {1}")
  @MethodSource("modes")
  void hostileNamesCommentsAndRefusedValuesThroughTheTwin(MySqlClient client, boolean ansiQuotes) throws Exception {
    long seed = SEED + client.ordinal() * 2 + (ansiQuotes ? 1 : 0);
    System.out.println("[returningHostile] " + client + " ANSI_QUOTES " + ansiQuotes + " seed " + seed);
    Random random = new Random(seed);
    List<Table> tables = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int t = 0; t < 4; t++) {
      String name = unique(random, "t", taken);
      Set<String> columnNames = new HashSet<>();
      List<String> columns = new ArrayList<>();
      for (int c = 0; c < 5; c++) {
        columns.add(unique(random, "c", columnNames));
      }
      tables.add(new Table(name, columns, t == 1));
    }
    String[] names = tables.stream().map(Table::name).toArray(String[]::new);
    String doltDb = DoltDatabases.newName("hostile_ret");
    try (TwinPrimaries twins = TwinPrimaries.open(PrimaryKind.MARIADB, client, Map.of(), "hostile_ret", doltDb,
        c -> create(c, tables.subList(0, 3)), Map.of())) {
      if (ansiQuotes) {
        for (Connection c : List.of(twins.raw(), twins.app())) {
          try (Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
          }
        }
      }
      // the fourth table through doltsync in auto-commit (a new empty table's CREATE, MariaDB's append-if-empty
      // block), its hostile names quoted with backticks in either sql_mode (README, Known limits: "name" quoting)
      String createFourth = createSql(tables.get(3), false);
      for (Connection c : List.of(twins.raw(), twins.app())) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.executeUpdate(createFourth);
        }
        c.setAutoCommit(false);
      }
      // names Dolt cannot store (over 64 bytes, also with a ';' the parser cannot read past; a case twin), through
      // doltsync only: refused before MariaDB runs (and commits) the DDL
      String twinName = tables.get(0).name().toUpperCase(Locale.ROOT).equals(tables.get(0).name())
          ? tables.get(0).name().toLowerCase(Locale.ROOT) : tables.get(0).name().toUpperCase(Locale.ROOT);
      for (String refusedName : List.of("t" + "é".repeat(32 + random.nextInt(10)),
          "t;" + unique(random, "-- ", taken) + "é".repeat(32), twinName)) {
        if (refusedName.equals(tables.get(0).name())) {
          continue;
        }
        String original = createSql(tables.get(0), ansiQuotes);
        if (refusedName.equals(twinName) && java.util.stream.Stream.of("?", "--", "#", "'", "*/")
            .anyMatch(original::contains)) {
          // Known limit (README): a case twin of a table whose CREATE TABLE JSqlParser cannot read is refused only
          // after MariaDB ran its CREATE (seed 44151059443767): the guard does not know that table's name yet
          continue;
        }
        String sql = createSql(new Table(refusedName, tables.get(0).columns(), false), ansiQuotes);
        try (Statement s = twins.app().createStatement()) {
          assertThat(catchThrowable(() -> s.executeUpdate(sql))).as("seed %d: %s", seed, sql)
              .isInstanceOf(java.sql.SQLSyntaxErrorException.class);
        }
        try (PreparedStatement exists = twins.app().prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE() AND BINARY TABLE_NAME = ?")) { // exact: a case twin is not its original
          exists.setString(1, refusedName);
          try (ResultSet rs = exists.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("seed %d: refused before MariaDB ran %s", seed, sql).isZero();
          }
        }
        twins.app().rollback();
      }
      int refusals = 0;
      for (int t = 0; t < TRANSACTIONS; t++) {
        boolean refused = false;
        List<Operation> ran = new ArrayList<>();
        boolean failed = false;
        for (int s = 0, statements = 1 + random.nextInt(3); s < statements && !failed; s++) {
          Table table = tables.get(random.nextInt(tables.size()));
          boolean zeroDate = random.nextInt(8) == 0;
          refused |= zeroDate;
          Operation op = insert(random, table, ansiQuotes, zeroDate);
          ran.add(op);
          failed = twins.runAlike(op, seed).startsWith("error");
        }
        if (failed || random.nextInt(6) == 0) {
          twins.rollback();
          continue;
        }
        try {
          twins.app().commit();
          twins.raw().commit();
        } catch (SQLDataException e) {
          assertThat(refused).as("seed %d: %s refused: %s", seed, ran, e.getMessage()).isTrue();
          assertThat(e.getSQLState()).as("seed %d: %s", seed, e.getMessage()).startsWith("22");
          twins.rollback();
          refusals++;
        }
        twins.assertMirrored(names);
        for (Table table : tables) {
          List<String> primary = texts(twins.app(), table, ansiQuotes);
          twins.app().rollback();
          try (Connection dolt = TestServers.dolt(doltDb)) {
            assertThat(texts(dolt, table, false)).as("seed %d: table [%s], every value as text, in Dolt", seed,
                table.name()).isEqualTo(primary);
          }
          twins.assertSameOnBoth("SELECT CONCAT_WS('|', " + String.join(", ", table.columns().stream()
              .map(c -> quote(c, ansiQuotes)).toList()) + ") FROM " + quote(table.name(), ansiQuotes) + " ORDER BY 1",
              table.name(), seed);
        }
      }
      System.out.println("[returningHostile] seed " + seed + ": " + refusals + " transactions refused");
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void create(Connection c, List<Table> tables) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (Table table : tables) {
        s.execute(createSql(table, false));
      }
    }
  }

  private static String createSql(Table table, boolean ansiQuotes) {
    List<String> columns = table.columns();
    return "CREATE TABLE " + quote(table.name(), ansiQuotes) + " ("
        + (table.keyed() ? quote("id", ansiQuotes) + " INT AUTO_INCREMENT PRIMARY KEY, " : "")
        + quote(columns.get(0), ansiQuotes) + " VARCHAR(40), "
        + quote(columns.get(1), ansiQuotes) + " DECIMAL(65,0), "
        + quote(columns.get(2), ansiQuotes) + " INT DEFAULT 7, "
        + quote(columns.get(3), ansiQuotes) + " DATE, "
        + quote(columns.get(4), ansiQuotes) + " DATETIME(6), "
        + quote("at", ansiQuotes) + " DATETIME(6) NOT NULL DEFAULT '2020-01-01 00:00:00')";
  }

  /** An INSERT the twin runs: some of the table's columns (the others to their defaults), a comment after it. */
  private static Operation insert(Random random, Table table, boolean ansiQuotes, boolean zeroDate) {
    List<String> columns = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    columns.add(table.columns().get(0));
    values.add(random.nextInt(10) == 0 ? null : text(random));
    columns.add(table.columns().get(1));
    values.add(random.nextInt(8) == 0 ? new BigDecimal("1" + "0".repeat(35 + random.nextInt(29)))
        : random.nextBoolean() ? BigDecimal.valueOf(random.nextLong()) : (Object) random.nextInt());
    columns.add(table.columns().get(3));
    values.add(zeroDate ? ZERO_DATES[random.nextInt(ZERO_DATES.length)] : random.nextBoolean() ? "2021-0" + (1 + random.nextInt(9))
        + "-1" + random.nextInt(10) : java.time.LocalDate.of(1000 + random.nextInt(9000), 1 + random.nextInt(12), 1 + random.nextInt(28)));
    columns.add(table.columns().get(4));
    values.add(zeroDate && random.nextBoolean() ? ZERO_DATES[random.nextInt(ZERO_DATES.length)] + " 00:00:00"
        : "2022-03-04 05:06:07." + random.nextInt(1_000_000));
    if (random.nextBoolean()) {
      columns.add(table.columns().get(2));
      values.add(random.nextBoolean() ? (Object) (long) random.nextInt(1000) : String.valueOf(random.nextInt(1000)));
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table.name(), ansiQuotes)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i), ansiQuotes));
    }
    sql.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append("?)");
    if (random.nextInt(4) == 0) {
      sql.append(", (").append("?, ".repeat(columns.size() - 1)).append("?)");
      values.addAll(new ArrayList<>(values));
    }
    sql.append(TRAILERS[random.nextInt(TRAILERS.length)]);
    String text = sql.toString();
    return new Operation(text, 0, true, c -> {
      try (PreparedStatement p = c.prepareStatement(text)) {
        for (int i = 0; i < values.size(); i++) {
          p.setObject(i + 1, values.get(i));
        }
        return "count " + p.executeUpdate() + " again " + p.getUpdateCount();
      }
    });
  }

  /** Every row of the table, each value as text (dates as DATE_FORMAT prints them, NULL as a mark), sorted. */
  private static List<String> texts(Connection c, Table table, boolean ansiQuotes) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      String column = quote(table.columns().get(i), ansiQuotes);
      values.add("IFNULL(" + (i == 3 ? "DATE_FORMAT(" + column + ", '%Y-%m-%d')"
          : i == 4 ? "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s.%f')" : "CAST(" + column + " AS CHAR)") + ", 'NULL')");
    }
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONCAT_WS('|', " + String.join(", ",
        values) + ") FROM " + quote(table.name(), ansiQuotes))) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    java.util.Collections.sort(rows);
    return rows;
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(4); n > 0; n--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /** A generated name: a prefix and 1-4 pieces, without trailing white space, unique ignoring case. */
  private static String unique(Random random, String prefix, Set<String> taken) {
    while (true) {
      StringBuilder name = new StringBuilder(prefix);
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        name.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String text = name.toString().stripTrailing();
      if (!text.equalsIgnoreCase("id") && !text.equalsIgnoreCase("at") && taken.add(text.toLowerCase(Locale.ROOT))) {
        return text;
      }
    }
  }

  private static String quote(String name, boolean ansiQuotes) {
    return ansiQuotes ? "\"" + name.replace("\"", "\"\"") + "\"" : "`" + name.replace("`", "``") + "`";
  }
}
