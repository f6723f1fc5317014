package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The tables a statement names, as the classifier reports them for lineage: generated queries (quoted and
 * qualified names, aliases, joins, comma lists, subqueries, common table expressions, table functions,
 * strings and comments that look like tables) against the tables the generator put in table positions.
 */
class StatementClassifierTableReferenceTest {

  private static final int ROUNDS = 2000;

  /** A generated statement and the tables it reads, in text order, with their texts as written. */
  private record Generated(String sql, List<String> readKeys, List<String> written) {}

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"MYSQL", "MARIADB", "POSTGRESQL", "H2"})
  void generatedQueriesReportExactlyTheTablesInTablePositions(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    Random random = new Random(12);
    for (int round = 0; round < ROUNDS; round++) {
      Generated generated = query(random, dialect);
      List<TableReference> tables = classifier.classify(generated.sql()).tables();
      assertThat(tables.stream().filter(TableReference::read).map(TableReference::key).toList())
          .as(generated.sql()).isEqualTo(generated.readKeys());
      for (int i = 0; i < tables.size(); i++) {
        assertThat(generated.sql().substring(0, tables.get(i).end())).as(generated.sql())
            .endsWith(generated.written().get(i));
      }
    }
  }

  @Test
  void writesAreTablesButNotReads() {
    StatementClassifier classifier = new StatementClassifier(SqlDialect.MARIADB);
    List<TableReference> tables = classifier.classify("INSERT INTO totals (id, n) SELECT o.id, COUNT(*) FROM orders o"
        + " JOIN lines l ON l.order_id = o.id GROUP BY o.id").tables();
    assertThat(tables).extracting(TableReference::key).containsExactly("totals", "orders", "lines");
    assertThat(tables).extracting(TableReference::read).containsExactly(false, true, true);
    assertThat(classifier.classify("DELETE FROM orders WHERE id IN (SELECT order_id FROM lines)").tables())
        .extracting(TableReference::key, TableReference::read)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", false),
            org.assertj.core.groups.Tuple.tuple("lines", true));
    assertThat(classifier.classify("UPDATE stock SET n = n - 1 WHERE id = ?").tables())
        .extracting(TableReference::read).containsExactly(false);
  }

  @Test
  void asOfExpressionsBelongToTheirTable() {
    StatementClassifier classifier = new StatementClassifier(SqlDialect.MYSQL);
    List<TableReference> tables = classifier.classify(
        "SELECT * FROM orders AS OF 'main~1' o JOIN lines AS OF ? l ON l.o = o.id JOIN items i ON i.id = l.i").tables();
    assertThat(tables).extracting(TableReference::key).containsExactly("orders", "lines", "items");
    assertThat(tables).extracting(TableReference::asOf).containsExactly("'main~1'", "?", null);
    assertThat(tables).extracting(TableReference::hasAsOf).containsExactly(true, true, false);
  }

  @Test
  void aDerivedTableDoesNotEndTheFromListItStandsIn() {
    StatementClassifier classifier = new StatementClassifier(SqlDialect.MYSQL);
    assertThat(classifier.classify("SELECT * FROM (SELECT 1 AS x) s, dolt_log").routesToDolt()).isTrue();
    assertThat(classifier.classify("SELECT * FROM (SELECT id FROM a) s, b WHERE s.id = b.id").tables())
        .extracting(TableReference::key).containsExactly("a", "b");
  }

  @Test
  void systemTablesAndTableFunctionsAreNoTables() {
    StatementClassifier classifier = new StatementClassifier(SqlDialect.MYSQL);
    assertThat(classifier.classify("SELECT * FROM dolt_log JOIN orders ON 1 = 1").tables())
        .extracting(TableReference::key).containsExactly("orders");
    assertThat(classifier.classify("SELECT * FROM dolt_diff('a', 'b', 'orders')").tables()).isEmpty();
    assertThat(classifier.classify("SELECT * FROM generate_series(1, 3)").tables()).isEmpty();
  }

  // ---- the generator -----------------------------------------------------------------------------

  private static final String[] NAMES = {"orders", "Lines", "stock_2", "items", "t"};
  private static final String[] NOISE = {"'FROM fake'", "/* FROM fake */", "-- FROM fake\n", "'JOIN x'"};

  private static Generated query(Random random, SqlDialect dialect) {
    List<String> reads = new ArrayList<>();
    List<String> written = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    List<String> ctes = new ArrayList<>();
    if (random.nextInt(4) == 0) {
      String cte = "c" + random.nextInt(3);
      ctes.add(cte);
      sql.append("WITH ").append(cte).append(" AS (SELECT * FROM ");
      table(random, dialect, sql, reads, written);
      sql.append(") ");
    }
    sql.append("SELECT a, ").append(NOISE[random.nextInt(NOISE.length)]).append(" b FROM ");
    int items = 1 + random.nextInt(3);
    for (int i = 0; i < items; i++) {
      if (i > 0) {
        sql.append(random.nextBoolean() ? ", " : (random.nextBoolean() ? " JOIN " : " CROSS JOIN "));
      }
      switch (random.nextInt(ctes.isEmpty() ? 3 : 4)) {
        case 0 -> {
          sql.append("(SELECT x FROM ");
          table(random, dialect, sql, reads, written);
          sql.append(" WHERE y = 'FROM z') sub").append(i);
        }
        case 1 -> sql.append("generate_rows(").append(i).append(") g").append(i);
        case 3 -> sql.append(ctes.get(0)).append(" cc").append(i);
        default -> {
          table(random, dialect, sql, reads, written);
          if (random.nextBoolean()) {
            sql.append(random.nextBoolean() ? " AS " : " ").append("a").append(i);
          }
        }
      }
      if (i > 0 && i == items - 1 && random.nextBoolean() && !sql.toString().endsWith(", ")) {
        sql.append(" ON 1 = 1"); // only last: a comma-joined item after an ON condition is not recognised
      }
    }
    if (random.nextBoolean()) {
      sql.append(" WHERE a IN (SELECT a FROM ");
      table(random, dialect, sql, reads, written);
      sql.append(")");
    }
    sql.append(random.nextBoolean() ? " ORDER BY a" : "");
    return new Generated(sql.toString(), reads, written);
  }

  private static void table(Random random, SqlDialect dialect, StringBuilder sql, List<String> reads,
      List<String> written) {
    String name = NAMES[random.nextInt(NAMES.length)];
    String quote = dialect == SqlDialect.MYSQL || dialect == SqlDialect.MARIADB ? "`" : "\"";
    String asWritten = switch (random.nextInt(4)) {
      case 0 -> quote + name + quote;
      case 1 -> "shop." + name;
      case 2 -> quote + "shop" + quote + "." + quote + name + quote;
      default -> name;
    };
    sql.append(asWritten);
    reads.add(name.toLowerCase(java.util.Locale.ROOT));
    written.add(asWritten);
  }
}
