package io.doltsync.sql;

import static io.doltsync.sql.AnalyzerTestSupport.analyze;
import static io.doltsync.sql.AnalyzerTestSupport.expression;
import static io.doltsync.sql.AnalyzerTestSupport.literal;
import static io.doltsync.sql.AnalyzerTestSupport.onlyWrite;
import static io.doltsync.sql.AnalyzerTestSupport.parameter;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.TableWrite.Upsert;
import io.doltsync.sql.WriteAnalysis.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class WriteAnalyzerInsertTest {

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void readsAnOrmInsertWithParameters(SqlDialect dialect) {
    WriteAnalysis analysis = analyze(dialect, "insert into Person (age,name,id) values (?,?,?)");
    assertThat(analysis.status()).isEqualTo(Status.ANALYZED);
    assertThat(analysis.kind()).isEqualTo(StatementKind.INSERT);
    assertThat(analysis.parameterCount()).isEqualTo(3);
    TableWrite write = onlyWrite(analysis);
    assertThat(write.table()).isEqualTo("Person");
    assertThat(write.schema()).isNull();
    assertThat(write.operation()).isEqualTo(Operation.INSERT);
    assertThat(write.insertColumns()).containsExactly("age", "name", "id");
    assertThat(write.insertRows()).containsExactly(List.of(parameter(1), parameter(2), parameter(3)));
    assertThat(write.insertFromSelect()).isFalse();
    assertThat(write.upsert()).isEqualTo(Upsert.NONE);
    assertThat(write.preSelect()).isNull();
  }

  @Test
  void readsLiteralsOfEveryType() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL, "INSERT INTO t VALUES "
        + "(7, -7, 99999999999999999999, 1.50, -0.5, 1.5e3, TRUE, false, NULL, DEFAULT, NOW(), X'ff', (1), 'x', N'y')"));
    assertThat(write.insertColumns()).isEmpty();
    assertThat(write.insertRows()).containsExactly(List.of(
        literal(7L), literal(-7L), literal(new BigDecimal("99999999999999999999")), literal(new BigDecimal("1.50")),
        literal(new BigDecimal("-0.5")), literal(1500.0), literal(true), literal(false), literal(null),
        ValueSource.defaultValue(), expression(), expression(), expression(), literal("x"), literal("y")));
  }

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void readsAnIsoDateLiteralAsItsDayAndAnyOtherAsAnExpression(SqlDialect dialect) {
    TableWrite write = onlyWrite(analyze(dialect, "INSERT INTO t (a, b, c, d, e) VALUES (DATE '2020-02-29',"
        + " DATE '2021-02-29', DATE '2020-2-3', DATE '0999-01-01', TIMESTAMP '2020-01-01 00:00:00')"));
    assertThat(write.insertRows()).containsExactly(List.of(literal(java.time.LocalDate.of(2020, 2, 29)), expression(),
        expression(), expression(), expression()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | 'it''s'                  | it's
      MYSQL      | 'it\\'s'                 | it's
      MYSQL      | "say ""hi""\"            | say "hi"
      MARIADB    | 'back\\\\slash\\%'       | back\\slash\\%
      MYSQL      | 'a\\\\'                  | a\\
      POSTGRESQL | 'a\\'                    | a\\
      POSTGRESQL | E'it\\'s'                | it's
      POSTGRESQL | $$it's $x$ \\$$          | it's $x$ \\
      POSTGRESQL | $fn$a''b$fn$             | a''b
      ORACLE     | q'[it's]'                | it's
      H2         | 'a\\b''c'                | a\\b'c
      MYSQL      | 'AS OF dolt_log'         | AS OF dolt_log
      """)
  void readsStringLiteralsByTheDialectsRules(SqlDialect dialect, String literal, String value) {
    TableWrite write = onlyWrite(analyze(dialect, "INSERT INTO t (a) VALUES (" + literal + ")"));
    assertThat(write.insertRows()).containsExactly(List.of(literal(value)));
  }

  @Test
  void readsSeveralRows() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL, "INSERT INTO t (id, v) VALUES (1, ?), (?, 'b'), (3, DEFAULT)"));
    assertThat(write.insertRows()).containsExactly(
        List.of(literal(1L), parameter(1)), List.of(parameter(2), literal("b")), List.of(literal(3L), ValueSource.defaultValue()));
  }

  @Test
  void readsOneColumnRows() {
    assertThat(onlyWrite(analyze(SqlDialect.H2, "INSERT INTO t (id) VALUES (1)")).insertRows())
        .containsExactly(List.of(literal(1L)));
    assertThat(onlyWrite(analyze(SqlDialect.H2, "INSERT INTO t (id) VALUES (1), (2)")).insertRows())
        .containsExactly(List.of(literal(1L)), List.of(literal(2L)));
  }

  @Test
  void keepsSchemaAndUnquotesNames() {
    TableWrite mySql = onlyWrite(analyze(SqlDialect.MYSQL, "INSERT INTO `shop`.`Order` (`id`, `a``b`) VALUES (1, 2)"));
    assertThat(mySql.schema()).isEqualTo("shop");
    assertThat(mySql.table()).isEqualTo("Order");
    assertThat(mySql.insertColumns()).containsExactly("id", "a`b");
    TableWrite postgres = onlyWrite(analyze(SqlDialect.POSTGRESQL, "INSERT INTO \"Sales\".\"Order\" (\"Id\") VALUES (1)"));
    assertThat(postgres.schema()).isEqualTo("Sales");
    assertThat(postgres.table()).isEqualTo("Order");
    assertThat(postgres.insertColumns()).containsExactly("Id");
  }

  @Test
  void readsMySqlInsertSet() {
    TableWrite write = onlyWrite(analyze(SqlDialect.MYSQL, "INSERT INTO t SET a = 1, b = ?"));
    assertThat(write.insertColumns()).containsExactly("a", "b");
    assertThat(write.insertRows()).containsExactly(List.of(literal(1L), parameter(1)));
  }

  @Test
  void readsDefaultValuesAsOneRowOfDefaults() {
    TableWrite write = onlyWrite(analyze(SqlDialect.POSTGRESQL, "INSERT INTO t DEFAULT VALUES"));
    assertThat(write.insertColumns()).isEmpty();
    assertThat(write.insertRows()).containsExactly(List.of());
    assertThat(onlyWrite(analyze(SqlDialect.MYSQL, "INSERT INTO t VALUES ()")).insertRows()).containsExactly(List.of());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | INSERT INTO archive SELECT * FROM users WHERE created < NOW()
      POSTGRESQL | INSERT INTO archive (id) SELECT id FROM users UNION SELECT id FROM admins
      MYSQL      | INSERT INTO archive SELECT * FROM users AS OF 'main~1' WHERE id = ?
      MYSQL      | INSERT INTO archive SELECT * FROM users AS OF ? AS u WHERE u.id = ?
      H2         | INSERT INTO archive WITH x AS (SELECT 1 AS id) SELECT id FROM x
      """)
  void readsInsertSelectAsRowsFromAQuery(SqlDialect dialect, String sql) {
    TableWrite write = onlyWrite(analyze(dialect, sql));
    assertThat(write.table()).isEqualTo("archive");
    assertThat(write.insertFromSelect()).isTrue();
    assertThat(write.insertRows()).isEmpty();
  }

  @Test
  void readsMySqlUpserts() {
    TableWrite ignore = onlyWrite(analyze(SqlDialect.MYSQL, "INSERT IGNORE INTO t (a) VALUES (1)"));
    assertThat(ignore.upsert()).isEqualTo(Upsert.IGNORE);
    TableWrite update = onlyWrite(analyze(SqlDialect.MARIADB,
        "INSERT INTO t (id, a) VALUES (?, ?) ON DUPLICATE KEY UPDATE a = VALUES(a), n = n + 1, b = ?"));
    assertThat(update.upsert()).isEqualTo(Upsert.UPDATE);
    assertThat(update.assignments()).isEqualTo(Map.of("a", expression(), "n", ValueSource.delta("n", false,
        ValueSource.literal(1L)), "b", parameter(3)));
    TableWrite rowAlias = onlyWrite(analyze(SqlDialect.MYSQL,
        "INSERT INTO t (id, a) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE a = new.a"));
    assertThat(rowAlias.upsert()).isEqualTo(Upsert.UPDATE);
    assertThat(rowAlias.assignments()).isEqualTo(Map.of("a", expression()));
  }

  @Test
  void readsPostgresOnConflict() {
    TableWrite nothing = onlyWrite(analyze(SqlDialect.POSTGRESQL,
        "INSERT INTO t (id) VALUES (?) ON CONFLICT DO NOTHING"));
    assertThat(nothing.upsert()).isEqualTo(Upsert.IGNORE);
    assertThat(nothing.assignments()).isEmpty();
    TableWrite update = onlyWrite(analyze(SqlDialect.POSTGRESQL,
        "INSERT INTO t AS x (id, a) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET a = EXCLUDED.a, b = 'k' RETURNING id"));
    assertThat(update.upsert()).isEqualTo(Upsert.UPDATE);
    assertThat(update.alias()).isEqualTo("x");
    assertThat(update.assignments()).isEqualTo(Map.of("a", expression(), "b", literal("k")));
  }

  @Test
  void readsReplace() {
    TableWrite values = onlyWrite(analyze(SqlDialect.MYSQL, "REPLACE INTO t (id, a) VALUES (1, ?)"));
    assertThat(values.operation()).isEqualTo(Operation.INSERT);
    assertThat(values.upsert()).isEqualTo(Upsert.REPLACE);
    assertThat(values.insertRows()).containsExactly(List.of(literal(1L), parameter(1)));
    TableWrite set = onlyWrite(analyze(SqlDialect.MYSQL, "REPLACE INTO t SET id = 1"));
    assertThat(set.upsert()).isEqualTo(Upsert.REPLACE);
    assertThat(set.insertColumns()).containsExactly("id");
    TableWrite select = onlyWrite(analyze(SqlDialect.MARIADB, "REPLACE INTO t SELECT * FROM u"));
    assertThat(select.upsert()).isEqualTo(Upsert.REPLACE);
    assertThat(select.insertFromSelect()).isTrue();
    assertThat(analyze(SqlDialect.MYSQL, "REPLACE INTO t VALUES (1)").kind()).isEqualTo(StatementKind.REPLACE);
  }

  @Test
  void readsUpsertAsUpdatingTheInsertedColumns() {
    WriteAnalysis analysis = analyze(SqlDialect.H2, "UPSERT INTO t (id, a) VALUES (1, ?)");
    assertThat(analysis.kind()).isEqualTo(StatementKind.INSERT);
    TableWrite write = onlyWrite(analysis);
    assertThat(write.upsert()).isEqualTo(Upsert.UPDATE);
    assertThat(write.insertRows()).containsExactly(List.of(literal(1L), parameter(1)));
    assertThat(write.assignments()).isEqualTo(Map.of("id", expression(), "a", expression()));
  }

  @Test
  void leavesNumberedParametersAsExpressions() {
    TableWrite write = onlyWrite(analyze(SqlDialect.H2, "INSERT INTO t (a, b) VALUES (?1, ?)"));
    assertThat(write.insertRows()).containsExactly(List.of(expression(), parameter(2)));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ORACLE", "H2", "POSTGRESQL"})
  void readsSqlMergeAsAnUpsertFromItsSource(SqlDialect dialect) {
    WriteAnalysis analysis = analyze(dialect, "MERGE INTO users u USING staging s ON (u.id = s.id) "
        + "WHEN MATCHED THEN UPDATE SET name = s.name, flag = 1 "
        + "WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)");
    assertThat(analysis.kind()).isEqualTo(StatementKind.MERGE);
    TableWrite write = onlyWrite(analysis);
    assertThat(write.table()).isEqualTo("users");
    assertThat(write.alias()).isEqualTo("u");
    assertThat(write.operation()).isEqualTo(Operation.INSERT);
    assertThat(write.upsert()).isEqualTo(Upsert.MERGE);
    assertThat(write.insertFromSelect()).isTrue();
    assertThat(write.insertColumns()).containsExactly("id", "name");
    assertThat(write.assignments()).isEqualTo(Map.of("name", expression(), "flag", literal(1L)));
  }

  @Test
  void readsH2MergeWithKeyAsAnInsertWithKnownRows() {
    TableWrite keyed = onlyWrite(analyze(SqlDialect.H2, "MERGE INTO t (id, v) KEY (id) VALUES (1, 'a'), (?, ?)"));
    assertThat(keyed.operation()).isEqualTo(Operation.INSERT);
    assertThat(keyed.upsert()).isEqualTo(Upsert.MERGE);
    assertThat(keyed.insertColumns()).containsExactly("id", "v");
    assertThat(keyed.insertRows()).containsExactly(List.of(literal(1L), literal("a")), List.of(parameter(1), parameter(2)));
    TableWrite byPrimaryKey = onlyWrite(analyze(SqlDialect.H2, "MERGE INTO t KEY(id) VALUES (?, 'x')"));
    assertThat(byPrimaryKey.insertRows()).containsExactly(List.of(parameter(1), literal("x")));
    TableWrite noKey = onlyWrite(analyze(SqlDialect.H2, "MERGE INTO t (id) VALUES (1)"));
    assertThat(noKey.upsert()).isEqualTo(Upsert.MERGE);
    TableWrite fromQuery = onlyWrite(analyze(SqlDialect.H2, "MERGE INTO t (id) KEY (id) SELECT id FROM u"));
    assertThat(fromQuery.insertFromSelect()).isTrue();
    assertThat(analyze(SqlDialect.H2, "MERGE INTO t KEY (id VALUES (1)").status()).isEqualTo(Status.UNPARSEABLE);
  }

  @Test
  void readsOracleMultiTableInsert() {
    WriteAnalysis analysis = analyze(SqlDialect.ORACLE,
        "INSERT ALL INTO a (x) VALUES (1) INTO b (y, z) VALUES (2, 3) SELECT * FROM dual");
    assertThat(analysis.tableWrites()).extracting(TableWrite::table).containsExactly("a", "b");
    assertThat(analysis.tableWrites()).allMatch(TableWrite::insertFromSelect);
    assertThat(analysis.tableWrites().get(1).insertColumns()).containsExactly("y", "z");
  }

  @Test
  void refusesDataModifyingCtes() {
    WriteAnalysis analysis = analyze(SqlDialect.POSTGRESQL,
        "WITH d AS (DELETE FROM x RETURNING *) INSERT INTO t SELECT * FROM d");
    assertThat(analysis.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(analysis.kind()).isEqualTo(StatementKind.INSERT);
    assertThat(analysis.tableWrites()).isEmpty();
  }
}
