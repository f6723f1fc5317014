package io.doltsync.sql;

import static io.doltsync.sql.AnalyzerTestSupport.analyze;
import static io.doltsync.sql.AnalyzerTestSupport.expression;
import static io.doltsync.sql.AnalyzerTestSupport.literal;
import static io.doltsync.sql.AnalyzerTestSupport.onlyWrite;
import static io.doltsync.sql.AnalyzerTestSupport.parameter;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.WriteAnalysis.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class WriteAnalyzerUpdateTest {

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void readsAnOrmUpdate(SqlDialect dialect) {
    TableWrite write = onlyWrite(analyze(dialect, "update Person set age=?,name=?,version=? where id=? and version=?"));
    assertThat(write.operation()).isEqualTo(Operation.UPDATE);
    assertThat(write.table()).isEqualTo("Person");
    assertThat(write.assignments()).isEqualTo(Map.of("age", parameter(1), "name", parameter(2), "version", parameter(3)));
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", parameter(4), "version", parameter(5)));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("Person", "id=? and version=?", null, "Person", List.of(4, 5)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      UPDATE t SET a = 1 WHERE id = 5                             | id=5
      UPDATE t SET a = 1 WHERE 5 = id                             | id=5
      UPDATE t SET a = 1 WHERE t.id = 5 AND (k = 'x' AND z = ?)   | id=5,k=x,z=?1
      UPDATE t x SET a = 1 WHERE x.id = 5 AND (x.b = 1 OR x.c = 2) | id=5
      UPDATE t SET a = 1 WHERE id = 5 OR id = 6                   | ~~
      UPDATE t SET a = 1 WHERE id IN (5, 6)                       | ~~
      UPDATE t SET a = 1 WHERE id = NULL AND b = other            | ~~
      UPDATE t SET a = 1 WHERE u.id = 5                           | ~~
      UPDATE t SET a = 1 WHERE id = 5 AND id = 6                  | id=5
      UPDATE t SET a = 1                                          | ~~
      UPDATE `t` SET a = 1 WHERE `t`.`Id` = -3                    | Id=-3
      UPDATE t SET a = ? WHERE id = ? AND v = ?                   | id=?2,v=?3
      """)
  void findsKeyEqualitiesAmongTopLevelConjuncts(String sql, String expected) {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL, sql));
    assertThat(write.keyEqualities()).isEqualTo(keys(expected));
  }

  @Test
  void readsTupleAssignments() {
    TableWrite pairs = onlyWrite(analyze(SqlDialect.POSTGRESQL, "UPDATE t SET (a, b) = (1, ?), c = 3 WHERE id = ?"));
    assertThat(pairs.assignments()).isEqualTo(Map.of("a", literal(1L), "b", parameter(1), "c", literal(3L)));
    assertThat(pairs.keyEqualities()).isEqualTo(Map.of("id", parameter(2)));
    TableWrite query = onlyWrite(analyze(SqlDialect.POSTGRESQL, "UPDATE t SET (a, b) = (SELECT 1, 2) WHERE id = ?"));
    assertThat(query.assignments()).isEqualTo(Map.of("a", expression(), "b", expression()));
  }

  @Test
  void cutsTheMySqlJoinAsTheRowSourceForEachWrittenTable() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL, "UPDATE LOW_PRIORITY users u JOIN orders o ON o.user_id = u.id "
        + "SET u.total = u.total + ?, o.flag = 1 WHERE o.id = ? AND u.id = 7");
    assertThat(analysis.status()).isEqualTo(Status.ANALYZED);
    assertThat(analysis.tableWrites()).hasSize(2);
    TableWrite users = analysis.tableWrites().get(0);
    assertThat(users.table()).isEqualTo("users");
    assertThat(users.alias()).isEqualTo("u");
    assertThat(users.assignments()).isEqualTo(Map.of("total", expression()));
    assertThat(users.keyEqualities()).isEqualTo(Map.of("id", literal(7L)));
    assertThat(users.preSelect()).isEqualTo(new PreSelect("users u JOIN orders o ON o.user_id = u.id",
        "o.id = ? AND u.id = 7", null, "u", List.of(2)));
    TableWrite orders = analysis.tableWrites().get(1);
    assertThat(orders.table()).isEqualTo("orders");
    assertThat(orders.assignments()).isEqualTo(Map.of("flag", literal(1L)));
    assertThat(orders.keyEqualities()).isEqualTo(Map.of("id", parameter(2)));
    assertThat(orders.preSelect().keyQualifier()).isEqualTo("o");
    assertThat(orders.preSelect().fromClause()).isEqualTo(users.preSelect().fromClause());
  }

  @Test
  void resolvesCommaJoinedTablesByNameOrAlias() {
    WriteAnalysis analysis = analyze(SqlDialect.MARIADB, "UPDATE a, b y SET a.v = 1, y.w = 2 WHERE a.id = y.id AND a.id = 3");
    assertThat(analysis.tableWrites()).extracting(TableWrite::table).containsExactly("a", "b");
    assertThat(analysis.tableWrites().get(0).preSelect().fromClause()).isEqualTo("a, b y");
    assertThat(analysis.tableWrites().get(0).preSelect().keyQualifier()).isEqualTo("a");
    assertThat(analysis.tableWrites().get(1).preSelect().keyQualifier()).isEqualTo("y");
    assertThat(analysis.tableWrites().get(0).keyEqualities()).isEqualTo(Map.of("id", literal(3L)));
    assertThat(analysis.tableWrites().get(1).keyEqualities()).isEmpty();
  }

  @Test
  void refusesAnUnqualifiedColumnInAMultiTableUpdate() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL, "UPDATE a JOIN b ON a.id = b.id SET x = 1 WHERE b.k = ?");
    assertThat(analysis.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(analysis.kind()).isEqualTo(StatementKind.UPDATE);
    assertThat(analysis.parameterCount()).isEqualTo(1);
    assertThat(analysis.mentionedIdentifiers()).contains("a", "b", "x", "k");
  }

  @Test
  void putsThePostgresTargetFirstInTheRowSource() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL, "UPDATE \"Order\" AS x SET status = ?, note = c.name "
        + "FROM customers c JOIN regions r ON r.id = c.region_id WHERE c.id = x.customer_id AND x.id = ? AND id = 9 "
        + "RETURNING x.id"));
    assertThat(write.table()).isEqualTo("Order");
    assertThat(write.alias()).isEqualTo("x");
    assertThat(write.assignments()).isEqualTo(Map.of("status", parameter(1), "note", expression()));
    assertThat(write.keyEqualities()).as("unqualified id may be c.id").isEqualTo(Map.of("id", parameter(2)));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("\"Order\" AS x, customers c JOIN regions r ON r.id = c.region_id",
        "c.id = x.customer_id AND x.id = ? AND id = 9", null, "x", List.of(2)));
  }

  @Test
  void keepsTheQuotedTableNameAsQualifier() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL, "UPDATE public.\"Order\" SET a = 1 WHERE \"Order\".id = 4"));
    assertThat(write.schema()).isEqualTo("public");
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", literal(4L)));
    assertThat(write.preSelect().fromClause()).isEqualTo("public.\"Order\"");
    assertThat(write.preSelect().keyQualifier()).isEqualTo("\"Order\"");
  }

  @Test
  void cutsOrderByAndLimitAsTheTail() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL,
        "UPDATE t SET a = ? WHERE b = ? /* c */ AND c > (SELECT MAX(x) FROM u WHERE y = ? LIMIT 1) ORDER BY id DESC LIMIT ? -- end"));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("t",
        "b = ? /* c */ AND c > (SELECT MAX(x) FROM u WHERE y = ? LIMIT 1)", "ORDER BY id DESC LIMIT ?", "t", List.of(2, 3, 4)));
  }

  @Test
  void cutsAnUpdateWithoutWhere() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL, "UPDATE t SET a = 1 ORDER BY id LIMIT 2"));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("t", null, "ORDER BY id LIMIT 2", "t", List.of()));
  }

  @Test
  void doesNotTakeIsDistinctFromForAFromClause() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL, "UPDATE t SET a = b IS DISTINCT FROM c WHERE id = 1"));
    assertThat(write.preSelect().fromClause()).isEqualTo("t");
    assertThat(write.preSelect().whereClause()).isEqualTo("id = 1");
  }

  @Test
  void hasNoPreSelectWithACommonTableExpression() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL,
        "WITH x AS (SELECT 1 AS id) UPDATE t SET a = 1 WHERE id IN (SELECT id FROM x)"));
    assertThat(write.assignments()).isEqualTo(Map.of("a", literal(1L)));
    assertThat(write.preSelect()).isNull();
  }

  @Test
  void readsAnAmountAddedToAColumn() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MARIADB, "UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?,"
        + " s_order_cnt = s_order_cnt + 1, `s_remote_cnt` = `s_remote_cnt` - 2.50, x = y + 1, z = 1 + z,"
        + " w = stock.w + 1, p = p * 2, q = q + ? + 1 WHERE s_i_id = ? AND s_w_id = ?"));
    Map<String, ValueSource> expected = new java.util.LinkedHashMap<>();
    expected.put("s_quantity", parameter(1));
    expected.put("s_ytd", ValueSource.delta("s_ytd", false, parameter(2)));
    expected.put("s_order_cnt", ValueSource.delta("s_order_cnt", false, literal(1L)));
    expected.put("s_remote_cnt", ValueSource.delta("s_remote_cnt", true, literal(new java.math.BigDecimal("2.50"))));
    expected.put("x", ValueSource.delta("y", false, literal(1L))); // another column: the planner tells
    for (String other : java.util.List.of("z", "w", "p", "q")) {
      expected.put(other, expression());
    }
    assertThat(write.assignments()).isEqualTo(expected);
    assertThat(write.keyEqualities()).isEqualTo(Map.of("s_i_id", parameter(4), "s_w_id", parameter(5)));
  }

  @Test
  void aColumnAssignedTwiceIsAnExpression() {
    for (String sql : java.util.List.of("UPDATE t SET a = a + 1, a = a + 1 WHERE id = 1",
        "UPDATE t SET a = 5, A = a + 1 WHERE id = 1", "UPDATE t SET a = 1, a = 2 WHERE id = 1")) {
      TableWrite write = onlyWrite(analyze(SqlDialect.MARIADB, sql));
      assertThat(write.assignments()).as(sql).isEqualTo(Map.of("a", expression()));
    }
  }

  @Test
  void readsMySqlDoubleMinusAsArithmetic() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL, "UPDATE t SET a = a--1 WHERE id = ?"));
    assertThat(write.assignments()).isEqualTo(Map.of("a", ValueSource.delta("a", true, literal(-1L))));
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", parameter(1)));
    assertThat(write.preSelect().whereClause()).isEqualTo("id = ?");
  }

  @Test
  void readsTheDoltBranchCompareAndSwap() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL, "UPDATE dolt_branches SET hash = ? WHERE name = ? AND hash = ?");
    TableWrite write = onlyWrite(analysis);
    assertThat(write.table()).isEqualTo("dolt_branches");
    assertThat(write.assignments()).isEqualTo(Map.of("hash", parameter(1)));
    assertThat(write.keyEqualities()).isEqualTo(Map.of("name", parameter(2), "hash", parameter(3)));
    TableWrite seed = onlyWrite(analyze(SqlDialect.MYSQL, "UPDATE dolt_branches SET hash = COMMIT('modified something') "
        + "WHERE name == \"master\" and hash == @@mydb_head"));
    assertThat(seed.assignments()).isEqualTo(Map.of("hash", expression()));
    assertThat(seed.keyEqualities()).isEqualTo(Map.of("name", literal("master")));
  }

  @Test
  void readsTableValuedAsOfInsideTheStatement() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL,
        "UPDATE t SET a = (SELECT v FROM u AS OF 'main' WHERE u.id = t.id) WHERE t.id = ?"));
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", parameter(1)));
  }

  /** {@code "id=5,k=x,z=?1"}: literal numbers are Long, {@code ?n} is parameter n, anything else a string. */
  private static Map<String, ValueSource> keys(String spec) {
    if (spec.isEmpty()) {
      return Map.of();
    }
    Map<String, ValueSource> keys = new HashMap<>();
    for (String pair : spec.split(",")) {
      String[] parts = pair.split("=");
      String value = parts[1];
      keys.put(parts[0], value.startsWith("?") ? parameter(Integer.parseInt(value.substring(1)))
          : value.matches("-?\\d+") ? literal(Long.parseLong(value)) : literal(value));
    }
    return keys;
  }
}
