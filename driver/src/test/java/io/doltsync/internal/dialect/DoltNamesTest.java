package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DropDatabasesAfterClass;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DoltNames} and {@link EnumValues} agree with the real Dolt server: generated table and column names
 * (lengths around the limit in 1-, 2-, 3- and 4-byte characters, trailing and leading white space, NUL,
 * {@code dolt_} prefixes, column names that differ in case) are accepted exactly when Dolt creates them, and generated H2
 * enumerations (backslashes, quotes, commas, trailing spaces, non-ASCII) hold every value verbatim in Dolt.
 */
@ExtendWith(DropDatabasesAfterClass.class)
class DoltNamesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", 11L);
  private static final int CASES = Integer.getInteger("doltsync.test.nameCases", 60);
  private static final String[] PIECES = {"a", "Z", "_", "é", "É", "中", "\uD83D\uDE00", " ", "\u00a0", "\t", "\u0000",
      "-", "`", "'", "\"", "\\", ".", "dolt_", "DOLT_", "1"};

  private static String database;
  private static Connection dolt;

  @BeforeAll
  static void createDatabase() throws SQLException {
    database = TestServers.createDoltDatabase("names");
    dolt = TestServers.dolt(database);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    dolt.close();
    DoltDatabases.drop(database);
  }

  @Test
  void tableNamesAreAcceptedExactlyWhenDoltCreatesThem() throws SQLException {
    Random random = new Random(SEED);
    List<String> names = new ArrayList<>(List.of("a".repeat(64), "a".repeat(65), "é".repeat(32), "é".repeat(33),
        "中".repeat(21), "中".repeat(22), "x ", " x", "x\u00a0", "dolt_x", "Dolt_x", "x\uD83D\uDE00", "n\u0000x"));
    for (int i = 0; i < CASES; i++) {
      names.add(generatedName(random));
    }
    for (String name : names) {
      boolean doltTakesIt = execute("CREATE TABLE " + DoltDdl.quote(name) + " (id INT PRIMARY KEY)");
      if (doltTakesIt) {
        execute("DROP TABLE " + DoltDdl.quote(name));
      }
      String problem = DoltNames.tableNameProblem(name);
      assertThat(problem == null).as("table name [%s]: check says %s", name, problem).isEqualTo(doltTakesIt);
    }
  }

  @Test
  void columnNamesAreAcceptedExactlyWhenDoltCreatesThem() throws SQLException {
    Random random = new Random(SEED + 1);
    List<String> names = new ArrayList<>(List.of("a".repeat(64), "a".repeat(65), "é".repeat(32), "é".repeat(33),
        "\uD83D\uDE00".repeat(16), "\uD83D\uDE00".repeat(17), "x ", ""));
    for (int i = 0; i < CASES; i++) {
      names.add(generatedName(random));
    }
    for (String name : names) {
      String table = TestServers.uniqueName("c");
      boolean doltTakesIt = execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, " + DoltDdl.quote(name) + " INT)");
      boolean checkTakesIt = passes(() -> DoltNames.check(schema(table, List.of("id", name))));
      assertThat(checkTakesIt).as("column name [%s]", name).isEqualTo(doltTakesIt);
    }
  }

  @Test
  void columnNamesThatDifferOnlyInCaseCollideAsTheyDoInDolt() throws SQLException {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < CASES / 2; i++) {
      String base = "t" + generatedName(random).replaceAll("[^\\p{L}\\p{N}_]", "") + i;
      String variant = swapCase(base, random);
      boolean doltColumnsCollide = !execute("CREATE TABLE " + TestServers.uniqueName("cc") + " (" + DoltDdl.quote(base)
          + " INT, " + DoltDdl.quote(variant) + " INT)");
      boolean checkColumnsCollide = !passes(() -> DoltNames.check(schema("cc", List.of(base, variant))));
      assertThat(checkColumnsCollide).as("columns [%s] and [%s]", base, variant).isEqualTo(doltColumnsCollide);
      boolean checkTablesCollide = !passes(() -> DoltNames.checkDistinct(List.of(base, variant)));
      assertThat(checkTablesCollide).as("tables [%s] and [%s]", base, variant).isEqualTo(!base.equals(variant));
    }
  }

  @Test
  void theErrorsNameTheTableAndTheColumn() {
    assertThatThrownBy(() -> DoltNames.check(schema("orders", List.of("id", "c".repeat(70)))))
        .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("orders." + "c".repeat(70))
        .hasMessageContaining("64");
    assertThatThrownBy(() -> DoltNames.checkDistinct(List.of("Orders", "ORDERS")))
        .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("Orders").hasMessageContaining("ORDERS");
    assertThatCode(() -> DoltNames.checkDistinct(List.of("ORDERS", "ORDERS"))).doesNotThrowAnyException();
  }

  @Test
  void generatedH2EnumerationsHoldEveryValueVerbatimInDolt() throws SQLException {
    Random random = new Random(SEED + 3);
    String[] pieces = {"a", "b", "\\", "'", "\"", ",", " ", "é", "\uD83D\uDE00", "(", ")", "\t", "x"};
    for (int i = 0; i < CASES / 3; i++) {
      List<String> values = new ArrayList<>();
      for (int v = 1 + random.nextInt(4); v > 0; v--) {
        StringBuilder value = new StringBuilder("v" + v);
        for (int n = random.nextInt(5); n > 0; n--) {
          value.append(pieces[random.nextInt(pieces.length)]);
        }
        values.add(value.toString());
      }
      String h2Type = "ENUM(" + String.join(", ", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList()) + ")";
      assertThat(EnumValues.parse(h2Type)).isEqualTo(values);
      DoltColumnType type = EnumValues.doltType(h2Type);
      String table = TestServers.uniqueName("e");
      assertThat(execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, e " + type.sql() + ") COLLATE=utf8mb4_0900_bin"))
          .as("Dolt creates %s for %s", type.sql(), h2Type).isTrue();
      for (int v = 0; v < values.size(); v++) {
        try (var insert = dolt.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
          insert.setInt(1, v);
          insert.setString(2, values.get(v));
          insert.executeUpdate();
        }
        try (Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery("SELECT e FROM " + table + " WHERE id = " + v)) {
          rs.next();
          assertThat(rs.getString(1)).as("%s in %s", values.get(v), type.sql()).isEqualTo(values.get(v));
        }
      }
    }
  }

  private static String generatedName(Random random) {
    StringBuilder name = new StringBuilder();
    int pieces = random.nextInt(4) == 0 ? 20 + random.nextInt(50) : 1 + random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      name.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return name.toString();
  }

  private static String swapCase(String name, Random random) {
    StringBuilder swapped = new StringBuilder();
    name.codePoints().forEach(c -> swapped.appendCodePoint(random.nextBoolean()
        ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c));
    return swapped.toString();
  }

  private static TableSchema schema(String table, List<String> columns) {
    List<ColumnSchema> schemaColumns = columns.stream()
        .map(c -> new ColumnSchema(c, Types.INTEGER, "integer", null, null, true, false, null)).toList();
    return new TableSchema(table, schemaColumns, List.of(), List.of(), List.of(), List.of());
  }

  private static boolean execute(String sql) {
    try (Statement s = dolt.createStatement()) {
      s.execute(sql);
      return true;
    } catch (SQLException refused) {
      return false;
    }
  }

  private interface Check {
    void run() throws SQLException;
  }

  private static boolean passes(Check check) {
    try {
      check.run();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * A table checked against the others is refused only when it collides with one of them: case twins the primary
   * already has among the others (one that slipped past doltsync) do not make every later DDL fail.
   */
  @Test
  void aNewTableIsCheckedOnlyForItsOwnCollisions() throws SQLException {
    Random random = new Random(Long.getLong("doltsync.test.seed", 3L));
    for (int round = 0; round < 200; round++) {
      List<String> others = new ArrayList<>();
      String twinned = "tw" + round;
      others.add(twinned);
      others.add(flipSomeCase(random, twinned)); // twins already on the primary
      for (int i = 0; i < random.nextInt(5); i++) {
        others.add("o" + round + "_" + i);
      }
      String fresh = "n" + round + "_" + random.nextInt(1000);
      DoltNames.checkDistinct(fresh, others);
      assertThatThrownBy(() -> DoltNames.checkDistinct(twinned, others)) // reshaping a twin itself is refused
          .isInstanceOf(SQLSyntaxErrorException.class);
      String twinOfOther = flipSomeCase(random, others.get(others.size() - 1));
      if (!others.contains(twinOfOther)) {
        assertThatThrownBy(() -> DoltNames.checkDistinct(twinOfOther, others))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("differ only in case");
      }
    }
  }

  private static String flipSomeCase(Random random, String name) {
    StringBuilder flipped = new StringBuilder();
    for (char c : name.toCharArray()) {
      flipped.append(Character.isLetter(c) && random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    if (flipped.toString().equals(name)) {
      flipped.setCharAt(0, Character.toUpperCase(name.charAt(0)));
    }
    return flipped.toString();
  }
}
