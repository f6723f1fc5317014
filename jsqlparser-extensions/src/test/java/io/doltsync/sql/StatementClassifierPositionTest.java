package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated: a {@code dolt_*} name routes exactly in a table position. The same generated names, plain or
 * quoted, in any case, with comments between the tokens, never route as columns, aliases, CTE names,
 * qualifiers, DDL targets, the primary's own functions or prepared-statement names, and always route after
 * FROM, JOIN, a FROM-list comma, INTO, UPDATE or a database qualifier.
 */
class StatementClassifierPositionTest {

  private static final int ROUNDS = 400;
  private static final String[] SUFFIXES = {"log", "ver", "x1", "diff_users", "history_t", "status", "branches",
      "notes", "myfn", "Created_At", "commit_diff_t"};

  private static final List<String> PRIMARY_POSITIONS = List.of(
      "SELECT %n FROM t",
      "SELECT a AS %n FROM t",
      "SELECT a %n FROM t",
      "SELECT t.a FROM t %n WHERE %n.a = 1",
      "SELECT x.a FROM t AS %n JOIN u AS x ON x.id = %n.id",
      "SELECT %n.a FROM t %n",
      "WITH %n AS (SELECT 1 AS a) SELECT a FROM %n",
      "WITH c AS (SELECT 1 AS a), %n AS (SELECT 2 AS a) SELECT * FROM c JOIN %n ON 1 = 1",
      "UPDATE t SET %n = %n + 1 WHERE %n > 0",
      "INSERT INTO t (id, %n) VALUES (1, 2)",
      "INSERT INTO t (id, a) VALUES (1, 2) ON DUPLICATE KEY UPDATE %n = 3",
      "CREATE TABLE t (id INT, %n INT)",
      "CREATE TABLE %n (id INT PRIMARY KEY)",
      "DROP TABLE IF EXISTS %n",
      "ALTER TABLE %n ADD COLUMN a INT",
      "ALTER TABLE t ADD COLUMN %n INT",
      "SELECT %n_fn(1) FROM t",
      "SELECT * FROM %n.t",
      "SELECT * FROM t ORDER BY %n DESC",
      "SELECT EXTRACT(YEAR FROM %n) FROM t",
      "SELECT a IS DISTINCT FROM %n FROM t",
      "PREPARE %n FROM 'SELECT 1'",
      "SELECT * FROM t WHERE a = 'FROM %n'",
      "SELECT v AS of FROM t WHERE %n = 1",
      "SELECT * FROM t AS of WHERE of.%n = 1",
      "SELECT * FROM t of JOIN u ON of.id = u.%n");

  private static final List<String> DOLT_POSITIONS = List.of(
      "SELECT * FROM %n",
      "SELECT * FROM t JOIN %n ON 1 = 1",
      "SELECT * FROM t LEFT JOIN %n x ON 1 = 1",
      "SELECT * FROM t, %n",
      "SELECT * FROM db.%n",
      "DELETE FROM %n WHERE a = 1",
      "UPDATE %n SET a = 1",
      "INSERT INTO %n VALUES (1)",
      "SELECT * FROM t WHERE a IN (SELECT a FROM %n)",
      "WITH c AS (SELECT * FROM %n) SELECT * FROM c");

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void doltNamesRouteOnlyInTablePositions(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    Random random = new Random(59 + java.util.List.of(SqlDialect.values()).indexOf(dialect));
    for (int round = 0; round < ROUNDS; round++) {
      String name = name(random, dialect);
      String primary = decorate(random, PRIMARY_POSITIONS.get(random.nextInt(PRIMARY_POSITIONS.size())), name);
      assertThat(classifier.classify(primary).doltFeatures()).as(primary).isEmpty();
      String dolt = decorate(random, DOLT_POSITIONS.get(random.nextInt(DOLT_POSITIONS.size())), name);
      Classification routed = classifier.classify(dolt);
      assertThat(routed.doltFeatures()).as(dolt).containsExactly(DoltFeature.SYSTEM_TABLE);
      assertThat(routed.routesToDolt(table -> false)).as(dolt).isTrue();
      assertThat(routed.routesToDolt(table -> table.startsWith("dolt_"))).as(dolt).isFalse();
    }
  }

  /** A generated dolt_* name, in random case, quoted the dialect's way half of the time. */
  private static String name(Random random, SqlDialect dialect) {
    String name = "dolt_" + SUFFIXES[random.nextInt(SUFFIXES.length)];
    if (random.nextBoolean()) {
      name = random.nextBoolean() ? name.toUpperCase(Locale.ROOT) : name;
      return name;
    }
    return dialect.isMySqlFamily() ? "`" + name + "`" : "\"" + name + "\"";
  }

  /** Fills the template, then puts a comment or extra whitespace between some tokens. */
  private static String decorate(Random random, String template, String name) {
    String sql = template.replace("%n_fn", name.replace("`", "").replace("\"", "") + "_fn").replace("%n", name);
    if (template.contains("'FROM %n'")) {
      return sql; // the name is inside a string: leave the string alone
    }
    StringBuilder decorated = new StringBuilder();
    for (String token : sql.split(" ")) {
      if (decorated.length() > 0) {
        decorated.append(switch (random.nextInt(6)) {
          case 0 -> " /* FROM dolt_log AS OF 'x' */ ";
          case 1 -> "\n\t ";
          default -> " ";
        });
      }
      decorated.append(token);
    }
    return decorated.toString();
  }
}
