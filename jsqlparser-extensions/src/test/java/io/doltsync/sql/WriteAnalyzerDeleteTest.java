package io.doltsync.sql;

import static io.doltsync.sql.AnalyzerTestSupport.analyze;
import static io.doltsync.sql.AnalyzerTestSupport.literal;
import static io.doltsync.sql.AnalyzerTestSupport.onlyWrite;
import static io.doltsync.sql.AnalyzerTestSupport.parameter;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.WriteAnalysis.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WriteAnalyzerDeleteTest {

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void readsAnOrmDelete(SqlDialect dialect) {
    TableWrite write = onlyWrite(analyze(dialect, "delete from Person where id=? and version=?"));
    assertThat(write.operation()).isEqualTo(Operation.DELETE);
    assertThat(write.table()).isEqualTo("Person");
    assertThat(write.assignments()).isEmpty();
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", parameter(1), "version", parameter(2)));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("Person", "id=? and version=?", null, "Person", List.of(1, 2)));
  }

  @Test
  void readsAnAliasedDeleteWithoutWhere() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL, "DELETE FROM s.t AS x"));
    assertThat(write.schema()).isEqualTo("s");
    assertThat(write.alias()).isEqualTo("x");
    assertThat(write.keyEqualities()).isEmpty();
    assertThat(write.preSelect()).isEqualTo(new PreSelect("s.t AS x", null, null, "x", List.of()));
  }

  @Test
  void cutsMySqlOrderByAndLimit() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL,
        "DELETE LOW_PRIORITY QUICK IGNORE FROM t WHERE k = ? ORDER BY id LIMIT ?"));
    assertThat(write.keyEqualities()).isEqualTo(Map.of("k", parameter(1)));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("t", "k = ?", "ORDER BY id LIMIT ?", "t", List.of(1, 2)));
  }

  @Test
  void resolvesMySqlTargetsBeforeFromThroughAliases() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL,
        "DELETE o, i FROM orders o JOIN items i ON i.order_id = o.id WHERE o.id = ? AND i.sku = 'x' AND id = 1");
    assertThat(analysis.tableWrites()).extracting(TableWrite::table).containsExactly("orders", "items");
    TableWrite orders = analysis.tableWrites().get(0);
    assertThat(orders.alias()).isEqualTo("o");
    assertThat(orders.keyEqualities()).isEqualTo(Map.of("id", parameter(1)));
    assertThat(orders.preSelect()).isEqualTo(new PreSelect("orders o JOIN items i ON i.order_id = o.id",
        "o.id = ? AND i.sku = 'x' AND id = 1", null, "o", List.of(1)));
    TableWrite items = analysis.tableWrites().get(1);
    assertThat(items.keyEqualities()).isEqualTo(Map.of("sku", literal("x")));
    assertThat(items.preSelect().keyQualifier()).isEqualTo("i");
  }

  @Test
  void readsMySqlDeleteUsing() {
    WriteAnalysis analysis = analyze(SqlDialect.MARIADB, "DELETE FROM a, b USING a, b, c WHERE a.id = b.id AND b.id = c.id");
    assertThat(analysis.tableWrites()).extracting(TableWrite::table).containsExactly("a", "b");
    assertThat(analysis.tableWrites().get(0).preSelect())
        .isEqualTo(new PreSelect("a, b, c", "a.id = b.id AND b.id = c.id", null, "a", List.of()));
  }

  @Test
  void addsThePostgresUsingListToTheTarget() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL,
        "DELETE FROM t AS x USING u, (SELECT ? AS k) v WHERE x.id = u.id AND u.k = v.k AND x.id = ? RETURNING x.id"));
    assertThat(write.table()).isEqualTo("t");
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", parameter(2)));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("t AS x, u, (SELECT ? AS k) v",
        "x.id = u.id AND u.k = v.k AND x.id = ?", null, "x", List.of(1, 2)));
  }

  @Test
  void readsOracleDeleteWithoutFrom() {
    TableWrite write = onlyWrite(analyze(SqlDialect.ORACLE, "DELETE orders o WHERE o.id = 3;"));
    assertThat(write.table()).isEqualTo("orders");
    assertThat(write.keyEqualities()).isEqualTo(Map.of("id", literal(3L)));
    assertThat(write.preSelect()).isEqualTo(new PreSelect("orders o", "o.id = 3", null, "o", List.of()));
  }

  @Test
  void hasNoPreSelectWithACommonTableExpression() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL,
        "WITH old AS (SELECT id FROM t WHERE created < now()) DELETE FROM t WHERE id IN (SELECT id FROM old)"));
    assertThat(write.preSelect()).isNull();
  }

  @Test
  void refusesATargetThatNamesNoTable() {
    assertThat(analyze(SqlDialect.MYSQL, "DELETE z FROM a JOIN b ON a.id = b.id").status()).isEqualTo(Status.UNPARSEABLE);
  }
}
