package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.StatementKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How SQL-level prepared statements are planned: which text an {@code EXECUTE} is planned as, and which
 * tables it copies. The planner of the prepared texts records what it is asked and answers a write of the
 * table the text names; user variables are read from a real (H2) connection.
 */
class SqlLevelPreparedStatementsTest {

  private final List<String> planned = new ArrayList<>();
  private Connection h2;
  private SqlLevelPreparedStatements statements;

  /** Plans {@code ... t ...} as a keyed write of t and {@code ... u ...} as one of u; reads are pass-through. */
  private Plan plan(String text) {
    planned.add(text);
    if (text.startsWith("SELECT")) {
      return Plan.PASS_THROUGH;
    }
    String table = text.contains(" u ") || text.endsWith(" u") ? "u" : "t";
    return new WritePlan(StatementKind.UPDATE, List.of(new TableEffect.KnownKeys(table, List.of())), false);
  }

  @BeforeEach
  void connect() throws SQLException {
    h2 = DriverManager.getConnection(TestServers.h2Url("MySQL"), "sa", "");
    statements = new SqlLevelPreparedStatements(h2, () -> List.of("t", "u", "w"));
  }

  /** Plans a statement, then tells the statements the primary ran it without error; returns the plan. */
  private Plan ran(String sql) throws SQLException {
    Plan plan = statements.plan(sql, this::plan);
    statements.executed(sql, true);
    return plan;
  }

  @Test
  void planningAPrepareOrDeallocateRecordsNothingUntilThePrimaryRanIt() throws SQLException {
    ran("PREPARE p FROM 'DELETE FROM t'");
    assertThat(statements.plan("PREPARE p FROM 'DELETE FROM u'", this::plan)).isSameAs(Plan.PASS_THROUGH);
    assertThat(statements.plan("DEALLOCATE PREPARE p", this::plan)).isSameAs(Plan.PASS_THROUGH);
    assertThat(statements.plan("EXECUTE p", this::plan).effects()).containsExactly(new TableEffect.KnownKeys("t", List.of()));
    statements.executed("DEALLOCATE PREPARE p", false);
    assertThat(statements.plan("EXECUTE p", this::plan).effects()).containsExactly(new TableEffect.KnownKeys("t", List.of()));
  }

  @Test
  void aPrepareThatFailedOnThePrimaryForgetsTheName() throws SQLException {
    ran("PREPARE p FROM 'DELETE FROM t'");
    statements.plan("PREPARE p FROM 'DELETE FROM u'", this::plan);
    statements.executed("PREPARE p FROM 'DELETE FROM u'", false);
    assertThat(statements.plan("EXECUTE p", this::plan).effects()).containsExactly(new TableEffect.WholeTable("t"),
        new TableEffect.WholeTable("u"), new TableEffect.WholeTable("w"));
  }

  @Test
  void anExecuteWithoutArgumentsIsPlannedExactlyAsItsText() throws SQLException {
    assertThat(ran("PREPARE p FROM 'UPDATE t SET v = ''x'' WHERE id = 3'")).isSameAs(Plan.PASS_THROUGH);
    Plan execute = statements.plan("execute P", this::plan);
    assertThat(planned).containsExactly("UPDATE t SET v = 'x' WHERE id = 3");
    assertThat(execute.effects()).containsExactly(new TableEffect.KnownKeys("t", List.of()));
  }

  @Test
  void anExecuteWithArgumentsCopiesOnlyTheTablesItsTextWrites() throws SQLException {
    ran("PREPARE ins FROM 'INSERT INTO u (k) VALUES (?)'");
    assertThat(statements.plan("EXECUTE ins USING @a", this::plan).effects())
        .containsExactly(new TableEffect.WholeTable("u"));
    ran("PREPARE del (int) AS DELETE FROM t WHERE id = $1");
    assertThat(statements.plan("EXECUTE del(3)", this::plan).effects())
        .containsExactly(new TableEffect.WholeTable("t"));
  }

  @Test
  void anUnknownOrDeallocatedNameCopiesEveryMirroredTable() throws SQLException {
    List<TableEffect> everyTable = List.of(new TableEffect.WholeTable("t"), new TableEffect.WholeTable("u"),
        new TableEffect.WholeTable("w"));
    assertThat(statements.plan("EXECUTE nobody", this::plan).effects()).isEqualTo(everyTable);
    ran("PREPARE p FROM 'DELETE FROM t'");
    assertThat(ran("DEALLOCATE PREPARE p")).isSameAs(Plan.PASS_THROUGH);
    assertThat(statements.plan("EXECUTE p", this::plan).effects()).isEqualTo(everyTable);
    ran("PREPARE p AS DELETE FROM t");
    ran("DEALLOCATE ALL");
    assertThat(statements.plan("EXECUTE p", this::plan).effects()).isEqualTo(everyTable);
  }

  @Test
  void aTextFromAUserVariableIsReadFromTheConnection() throws SQLException {
    try (Statement statement = h2.createStatement()) {
      statement.execute("SET @text = 'DELETE FROM u WHERE k = 1'");
    }
    ran("PREPARE fromvar FROM @text");
    statements.plan("EXECUTE fromvar", this::plan);
    assertThat(planned).containsExactly("DELETE FROM u WHERE k = 1");
  }

  @Test
  void redefiningANameReplansItsExecute() throws SQLException {
    ran("PREPARE p FROM 'DELETE FROM t'");
    ran("PREPARE p FROM 'DELETE FROM u'");
    assertThat(statements.plan("EXECUTE p", this::plan).effects()).containsExactly(new TableEffect.KnownKeys("u", List.of()));
  }

  @Test
  void otherStatementsAreNotPlannedHere() throws SQLException {
    for (String sql : List.of("SELECT 1", "DROP TABLE prepare", "DROP TABLE t", "DELETE FROM t",
        "EXPLAIN SELECT 1", "PREPARED", "  ", "DEALLOCATE", "execute")) {
      assertThat(statements.plan(sql, this::plan)).as(sql).isNull();
    }
    assertThat(planned).isEmpty();
  }

  /** Generated prepared texts full of quotes and backslashes, quoted as MySQL does, come back verbatim. */
  @Test
  void quotedTextsOfEveryShapeAreReadBackVerbatim() throws SQLException {
    Random random = new Random(7);
    String alphabet = "ab '\"\\\n\t%_;?";
    for (int i = 0; i < 500; i++) {
      StringBuilder text = new StringBuilder("UPDATE t SET v = ");
      for (int length = random.nextInt(20); length > 0; length--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String original = text.toString();
      char quote = random.nextBoolean() ? '\'' : '"';
      String quoted = quote + original.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
          .replace(String.valueOf(quote), random.nextBoolean() ? "" + quote + quote : "\\" + quote) + quote;
      planned.clear();
      ran("PREPARE g" + i + " FROM " + quoted);
      statements.plan("EXECUTE g" + i, this::plan);
      assertThat(planned).as(quoted).containsExactly(original);
    }
  }
}
