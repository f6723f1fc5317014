package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.VerifyReport;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A DDL statement whose new table or column name doltsync cannot mirror (a case twin of a mirrored table,
 * a name over Dolt's 64 bytes, two columns that differ only in case) is refused BEFORE the primary runs it:
 * on H2 and MariaDB, whose DDL commits implicitly, the table used to be created on the primary and the
 * connection's later DDL all failed with the same error. Generated per primary: case twins in random
 * spellings (quoted, unquoted where the primary keeps case, IF NOT EXISTS, AS SELECT, LIKE, RENAME TABLE,
 * ALTER TABLE ... RENAME TO), names of 65 to 100 bytes in ASCII and multi-byte UTF-8 for tables and columns,
 * ALTER TABLE ... ADD / RENAME COLUMN / CHANGE. Each is refused with doltsync's error, the primary has no
 * such table or column afterwards, the connection's next DDL and write on another table are mirrored, and Dolt
 * equals the primary. On PostgreSQL, which truncates long names to 63 bytes, the long-name cases are created
 * (truncated) and mirrored. {@code -Ddoltsync.test.ddlNameCases=N} sets the rounds per primary (default 2).
 */
class DdlNameRefusalTest {

  private static final int ROUNDS = Integer.getInteger("doltsync.test.ddlNameCases", 2);
  private static final long SEED = Long.getLong("doltsync.test.seed", 11L);

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void ddlWithNamesDoltCannotHoldIsRefusedBeforeThePrimaryRunsIt(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED + kind.ordinal());
    String dolt = TestServers.createDoltDatabase("ddlname");
    try (PrimaryKind.Space space = kind.createSpace("ddlname")) {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("doltsync.target", TestServers.doltUrl(dolt));
      parameters.put("doltsync.mode", "sync");
      List<String> mirroredTables = new ArrayList<>();
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), parameters), kind.credentials());
          Statement statement = app.createStatement()) {
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
          String base = "tw_" + round + "_abc";
          statement.execute("CREATE TABLE " + base + " (id INT PRIMARY KEY, c INT)");
          statement.executeUpdate("INSERT INTO " + base + " VALUES (1, 1)");
          mirroredTables.add(base);
          String source = "src_" + round;
          statement.execute("CREATE TABLE " + source + " (id INT PRIMARY KEY)");
          mirroredTables.add(source);
          String stored = kind == PrimaryKind.H2 ? base.toUpperCase(Locale.ROOT) : base;
          for (Refusal refusal : refusals(kind, random, base, stored, source)) {
            if (kind == PrimaryKind.POSTGRES && refusal.longName()) {
              continue; // PostgreSQL truncates it to 63 bytes: see postgresTruncatesLongNames
            }
            assertThatThrownBy(() -> statement.execute(refusal.sql()))
                .as(refusal.sql())
                .isInstanceOf(SQLSyntaxErrorException.class)
                .hasMessageContaining("doltsync cannot mirror");
            if (refusal.absentProbe() != null) {
              assertThatThrownBy(() -> statement.executeQuery(refusal.absentProbe()).close())
                  .as("the primary must not have run " + refusal.sql()).isInstanceOf(SQLException.class);
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + base)) {
              assertThat(rows.next()).isTrue();
              assertThat(rows.getInt(1)).as("%s still there after %s", base, refusal.sql()).isEqualTo(1);
            }
            statement.executeQuery("SELECT COUNT(*) FROM " + source).close(); // not renamed
            String other = "ok_" + next++;
            statement.execute("CREATE TABLE " + other + " (id INT PRIMARY KEY, v VARCHAR(10))");
            assertThat(statement.executeUpdate("INSERT INTO " + other + " VALUES (1, 'x')")).isEqualTo(1);
            statement.executeUpdate("UPDATE " + base + " SET c = c + 1 WHERE id = 1");
            mirroredTables.add(other);
          }
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        VerifyReport report = DoltSync.verify(app);
        assertThat(report.differingTables()).as("tables differing from Dolt").isEmpty();
      }
      try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement();
          ResultSet tables = statement.executeQuery("SHOW TABLES")) {
        List<String> doltTables = new ArrayList<>();
        while (tables.next()) {
          doltTables.add(tables.getString(1).toLowerCase(Locale.ROOT));
        }
        assertThat(doltTables).containsAll(mirroredTables);
      }
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  /**
   * PostgreSQL keeps the first 63 bytes of a longer name (on a character boundary): an empty table created
   * under such a name reaches Dolt at the DDL's commit under the kept name, and writes naming it in full land.
   */
  @org.junit.jupiter.api.Test
  void postgresTruncatedNamesReachDoltAtTheDdlsCommit() throws Exception {
    String dolt = TestServers.createDoltDatabase("pgtrunc");
    List<String> written = List.of("p" + "x".repeat(73), "é".repeat(40), "q" + "€".repeat(30));
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("pgtrunc")) {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("doltsync.target", TestServers.doltUrl(dolt));
      parameters.put("doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), parameters),
          PrimaryKind.POSTGRES.credentials()); Statement statement = app.createStatement()) {
        for (String name : written) {
          statement.execute("CREATE TABLE \"" + name + "\" (id INT PRIMARY KEY)");
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        assertThat(doltTables(dolt)).as("Dolt's tables after the empty tables' DDL")
            .contains(PostgresNames.truncate(written.get(0)), PostgresNames.truncate(written.get(1)),
                PostgresNames.truncate(written.get(2)));
        assertThat(PostgresNames.truncate(written.get(1))).isEqualTo("é".repeat(31));
        assertThat(PostgresNames.truncate(written.get(2))).isEqualTo("q" + "€".repeat(20));
        for (String name : written) {
          assertThat(statement.executeUpdate("INSERT INTO \"" + name + "\" VALUES (1)")).isEqualTo(1);
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        VerifyReport report = DoltSync.verify(app);
        assertThat(report.differingTables()).as("tables differing from Dolt").isEmpty();
        assertThat(report.rowsCompared()).isEqualTo(written.size());
      }
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  private static List<String> doltTables(String dolt) throws SQLException {
    List<String> doltTables = new ArrayList<>();
    try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement();
        ResultSet tables = statement.executeQuery("SHOW TABLES")) {
      while (tables.next()) {
        doltTables.add(tables.getString(1));
      }
    }
    return doltTables;
  }

  /** A statement to refuse, and a query that fails when the primary did not run it (or null). */
  private record Refusal(String sql, String absentProbe, boolean longName) {}

  private static List<Refusal> refusals(PrimaryKind kind, Random random, String base, String stored,
      String source) {
    List<Refusal> refusals = new ArrayList<>();
    // case twins of the mirrored table, in several spellings
    String twin = quote(kind, caseVariant(random, stored));
    refusals.add(new Refusal("CREATE TABLE " + twin + " (id INT PRIMARY KEY)", "SELECT * FROM " + twin, false));
    String twin2 = quote(kind, caseVariant(random, stored));
    refusals.add(new Refusal("CREATE TABLE IF NOT EXISTS " + twin2 + " (id INT PRIMARY KEY, d INT)",
        "SELECT d FROM " + twin2, false));
    String twin3 = quote(kind, caseVariant(random, stored));
    refusals.add(new Refusal("CREATE TABLE " + twin3 + " AS SELECT * FROM " + base, "SELECT * FROM " + twin3, false));
    if (kind == PrimaryKind.MARIADB) {
      String unquoted = caseVariant(random, stored);
      refusals.add(new Refusal("CREATE TABLE " + unquoted + " LIKE " + base, "SELECT * FROM " + unquoted, false));
      refusals.add(new Refusal("RENAME TABLE " + source + " TO " + quote(kind, caseVariant(random, stored)),
          null, false));
    }
    // long names: tables and columns, ASCII and multi-byte UTF-8
    for (String longName : longNames(random)) {
      String table = quote(kind, longName);
      refusals.add(new Refusal("CREATE TABLE " + table + " (id INT PRIMARY KEY)", "SELECT * FROM " + table, true));
      String column = quote(kind, longName);
      refusals.add(new Refusal("ALTER TABLE " + base + " ADD " + column + " INT",
          "SELECT " + column + " FROM " + base, true));
    }
    String longColumn = quote(kind, longNames(random).get(0));
    String table = quote(kind, "fresh_" + random.nextInt(1000));
    refusals.add(new Refusal("CREATE TABLE " + table + " (id INT PRIMARY KEY, " + longColumn + " INT)",
        "SELECT * FROM " + table, true));
    refusals.add(new Refusal(kind == PrimaryKind.MARIADB
        ? "ALTER TABLE " + base + " CHANGE c " + longColumn + " INT"
        : "ALTER TABLE " + base + " RENAME COLUMN c TO " + longColumn, "SELECT " + longColumn + " FROM " + base, true));
    if (kind != PrimaryKind.MARIADB) { // MariaDB's columns ignore case: it refuses such twins itself
      String column = quote(kind, caseVariant(random, kind == PrimaryKind.H2 ? "C" : "c"));
      refusals.add(new Refusal("ALTER TABLE " + base + " ADD " + column + " INT", "SELECT " + column + " FROM " + base, false));
      String twins = quote(kind, "twocols_" + random.nextInt(1000));
      refusals.add(new Refusal("CREATE TABLE " + twins + " (id INT PRIMARY KEY, " + quote(kind, "Ab") + " INT, "
          + quote(kind, "aB") + " INT)", "SELECT * FROM " + twins, false));
    }
    // rename a second mirrored table onto a case twin of the first
    refusals.add(new Refusal("ALTER TABLE " + source + " RENAME TO " + quote(kind, caseVariant(random, stored)), null, false));
    return refusals;
  }

  /** Names of 65 to 100 bytes: ASCII, two-byte and three-byte characters. */
  private static List<String> longNames(Random random) {
    List<String> names = new ArrayList<>();
    names.add("l" + "x".repeat(64)); // 65 bytes
    names.add("l" + "y".repeat(99)); // 100 bytes
    names.add("é".repeat(33)); // 66 bytes, 33 characters
    names.add("n" + "€".repeat(22)); // 67 bytes
    names.add("m" + "a".repeat(40 + random.nextInt(20)) + "ü".repeat(13)); // 67..86 bytes
    for (String name : names) {
      assertThat(name.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64);
    }
    return names;
  }

  /** The name with at least one letter's case flipped. */
  private static String caseVariant(Random random, String name) {
    StringBuilder variant = new StringBuilder();
    for (char c : name.toCharArray()) {
      variant.append(Character.isLetter(c) && random.nextBoolean() ? flip(c) : c);
    }
    if (variant.toString().equals(name)) {
      int first = 0;
      while (!Character.isLetter(name.charAt(first))) {
        first++;
      }
      variant.setCharAt(first, flip(name.charAt(first)));
    }
    return variant.toString();
  }

  private static char flip(char c) {
    return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
  }

  private static String quote(PrimaryKind kind, String name) {
    return kind == PrimaryKind.MARIADB ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
