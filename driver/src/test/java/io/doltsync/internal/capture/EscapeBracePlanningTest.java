package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.PrimaryKind;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A statement in JDBC escape braces ({@code {call p(?)}}, {@code {? = call f(?)}}, any text in braces) is planned
 * as the text inside them, also when the planner re-reads the catalog for a table created after it was read
 * (the second planning pass must see the same unbraced text as the first). Generated: every statement of a mix
 * of writes, reads, transaction control and doltsync procedures, in randomly spaced braces, on H2.
 */
class EscapeBracePlanningTest {

  private static final String[] STATEMENTS = {
      "INSERT INTO t (id, name) VALUES (?, ?)",
      "UPDATE t SET name = ? WHERE id = ?",
      "DELETE FROM t WHERE id = 1",
      "SELECT name FROM t WHERE id = ?",
      "SELECT * FROM dolt_log",
      "COMMIT",
      "CALL DOLTSYNC_STATUS()",
      "CALL DOLTSYNC_VERIFY('t')",
  };

  private static final String[] SPACES = {"", " ", "  ", "\n", "\t", " \r\n "};

  /** {@code text} in braces with random white space around and inside them; a CALL sometimes as {@code {? = call ...}}. */
  static String braced(String text, Random random) {
    String inside = text.startsWith("CALL ") && random.nextBoolean()
        ? "?" + space(random) + "=" + space(random) + text : text;
    return space(random) + "{" + space(random) + inside + space(random) + "}" + space(random);
  }

  private static String space(Random random) {
    return SPACES[random.nextInt(SPACES.length)];
  }

  @Test
  void aBracedStatementHasThePlanOfTheTextInsideIt() throws Exception {
    Random random = new Random(20261206);
    try (PlannerFixture fixture = new PlannerFixture(PrimaryKind.H2,
        "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))")) {
      for (String statement : STATEMENTS) {
        Plan plain = fixture.plan(statement);
        for (int round = 0; round < 12; round++) {
          String braced = braced(statement, random);
          assertThat(WritePlanner.withoutJdbcEscapeBraces(braced)).as(braced).isEqualTo(statement);
          assertThat(fixture.plan(braced)).as(braced).isEqualTo(plain);
        }
      }
    }
  }

  @Test
  void aBracedWriteToATableCreatedAfterTheCatalogWasReadIsCapturedAfterTheRefresh() throws Exception {
    Random random = new Random(7);
    try (PlannerFixture fixture = new PlannerFixture(PrimaryKind.H2,
        "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))")) {
      List<String> tables = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String table = "late_" + i;
        try (Statement statement = fixture.connection().createStatement()) {
          statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
        }
        String braced = braced("UPDATE " + table + " SET v = ? WHERE id = ?", random);
        assertThat(fixture.effects(braced)).as(braced).containsOnlyKeys(table);
        tables.add(table);
      }
      assertThat(tables).allSatisfy(table -> assertThat(fixture.catalog().hasPrimaryTable(table)).isTrue());
    }
  }
}
