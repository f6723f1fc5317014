package io.doltsync.sql;

import static io.doltsync.sql.AnalyzerTestSupport.analyze;
import static io.doltsync.sql.AnalyzerTestSupport.onlyWrite;
import static io.doltsync.sql.AnalyzerTestSupport.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.WriteAnalysis.Status;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class WriteAnalyzerTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | SELECT * FROM t WHERE id = ?                | SELECT
      MYSQL      | SELECT * FROM t WHERE id = ? FOR UPDATE     | SELECT
      MYSQL      | SELECT * FROM dolt_log AS OF 'main'         | SELECT
      MYSQL      | SELECT DOLT_COMMIT('-am', 'x')              | SELECT
      MYSQL      | SET autocommit = 0                          | SET
      MYSQL      | SET @@mydb_head = HASHOF('main')            | SET
      MYSQL      | SHOW TABLES AS OF 'main'                    | SHOW
      MYSQL      | START TRANSACTION                           | BEGIN
      POSTGRESQL | COMMIT                                      | COMMIT
      MYSQL      | ROLLBACK TO SAVEPOINT s                     | ROLLBACK_TO_SAVEPOINT
      MYSQL      | USE `shop/feature`                          | USE
      MYSQL      | LOCK TABLES t WRITE                         | LOCK
      MYSQL      | ~~                                          | OTHER
      MYSQL      | SELECT 1; SELECT 2                          | SELECT
      """)
  void reportsStatementsThatDoNotWrite(SqlDialect dialect, String sql, StatementKind kind) {
    WriteAnalysis analysis = analyze(dialect, sql);
    assertThat(analysis.status()).isEqualTo(Status.NOT_A_WRITE);
    assertThat(analysis.kind()).isEqualTo(kind);
    assertThat(analysis.tableWrites()).isEmpty();
  }

  @Test
  void treatsNullAsAnEmptyText() {
    WriteAnalysis analysis = new WriteAnalyzer(SqlDialect.H2).analyze(null);
    assertThat(analysis.status()).isEqualTo(Status.NOT_A_WRITE);
    assertThat(analysis.mentionedIdentifiers()).isEmpty();
    assertThat(analysis.parameterCount()).isZero();
  }

  @Test
  void analysesCallsWithoutTableWrites() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL, "CALL dolt_commit('-am', ?)");
    assertThat(analysis.status()).isEqualTo(Status.ANALYZED);
    assertThat(analysis.kind()).isEqualTo(StatementKind.CALL);
    assertThat(analysis.tableWrites()).isEmpty();
    assertThat(analysis.parameterCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | UPDATE t SET a = ? WHERE garbage garbage     | UPDATE    | 1
      POSTGRESQL | UPDATE t SET a = ? WHERE CURRENT OF c        | UPDATE    | 1
      MYSQL      | INSERT INTO t VALUES (?, ?                   | INSERT    | 2
      MYSQL      | DELETE FROM t WHERE                          | DELETE    | 0
      ORACLE     | BEGIN UPDATE t SET a = ?; END;               | OTHER     | 1
      MYSQL      | HANDLER t OPEN                               | OTHER     | 0
      """)
  void fillsKindIdentifiersAndParametersOfWhatItCannotRead(SqlDialect dialect, String sql, StatementKind kind, int parameters) {
    WriteAnalysis analysis = analyze(dialect, sql);
    assertThat(analysis.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(analysis.kind()).isEqualTo(kind);
    assertThat(analysis.tableWrites()).isEmpty();
    assertThat(analysis.parameterCount()).isEqualTo(parameters);
    assertThat(analysis.mentionedIdentifiers()).contains("t");
  }

  @Test
  void listsIdentifiersUnquotedAndNotLiterals() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL, "UPDATE `shop`.`Order` o SET o.note = 'dolt_log' WHERE o.id = ?");
    assertThat(analysis.mentionedIdentifiers()).contains("shop", "Order", "o", "note", "id").doesNotContain("dolt_log");
  }

  @Test
  void collectsTheWritesOfEveryStatementWithTextWideParameterIndexes() {
    WriteAnalysis analysis = analyze(SqlDialect.MYSQL,
        "INSERT INTO a (x) VALUES (?); SELECT ?; UPDATE b SET y = ? WHERE id = ?; DELETE FROM c WHERE id = ?");
    assertThat(analysis.status()).isEqualTo(Status.ANALYZED);
    assertThat(analysis.kind()).isEqualTo(StatementKind.INSERT);
    assertThat(analysis.parameterCount()).isEqualTo(5);
    assertThat(analysis.tableWrites()).extracting(TableWrite::table, TableWrite::operation)
        .containsExactly(tuple("a", Operation.INSERT),
            tuple("b", Operation.UPDATE),
            tuple("c", Operation.DELETE));
    assertThat(analysis.tableWrites().get(0).insertRows()).containsExactly(List.of(parameter(1)));
    TableWrite update = analysis.tableWrites().get(1);
    assertThat(update.assignments()).isEqualTo(Map.of("y", parameter(3)));
    assertThat(update.preSelect().parameterIndexes()).containsExactly(4);
    assertThat(analysis.tableWrites().get(2).keyEqualities()).isEqualTo(Map.of("id", parameter(5)));
  }

  @Test
  void givesUpOnTheWholeTextWhenOneWriteCannotBeRead() {
    WriteAnalysis analysis = analyze(SqlDialect.POSTGRESQL, "DELETE FROM a WHERE id = 1; DROP INDEX i");
    assertThat(analysis.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(analysis.kind()).isEqualTo(StatementKind.DELETE);
    assertThat(analysis.tableWrites()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | UPDATE t /* note */ SET a = 1 # hash comment\\n WHERE id = ?
      MARIADB    | UPDATE t SET a = 1 WHERE id = ? -- trailing
      MYSQL      | /*!40101 UPDATE t SET a = 1 WHERE id = ? */
      MYSQL      | UPDATE t SET a = 1 /*!80000 WHERE id = ? */
      POSTGRESQL | UPDATE t /* outer /* nested */ still comment */ SET a = 1 WHERE id = ?
      H2         | UPDATE t SET a = 1 // line comment\\n WHERE id = ?
      ORACLE     | UPDATE /*+ INDEX(t i) */ t SET a = 1 WHERE id = ?
      MYSQL      | UPDATE t SET a = 1 WHERE id = ? AND b = (SELECT c FROM u AS OF 'main' LIMIT 1)
      POSTGRESQL | UPDATE t SET a = 1 WHERE id = ? AND b IN (SELECT v AS of FROM u)
      H2         | UPDATE t SET a = 1 WHERE id = ? AND b IN (SELECT of.v FROM u AS of WHERE of.w = 2)
      """)
  void normalisesCommentsAndDoltSyntaxForTheParser(SqlDialect dialect, String sql) {
    TableWrite write = onlyWrite(analyze(dialect, sql.replace("\\n", "\n")));
    assertThat(write.table()).isEqualTo("t");
    assertThat(write.keyEqualities()).containsEntry("id", parameter(1));
  }

  @Test
  void cachesAnalysesPerText() {
    WriteAnalyzer analyzer = new WriteAnalyzer(SqlDialect.MYSQL);
    WriteAnalysis first = analyzer.analyze("UPDATE t SET a = ? WHERE id = ?");
    assertThat(analyzer.analyze("UPDATE t SET a = ? WHERE id = ?")).isSameAs(first);
    assertThat(analyzer.analyze("UPDATE t SET a = ? WHERE id = ? ")).isNotSameAs(first).isEqualTo(first);
    assertThat(analyzer.dialect()).isEqualTo(SqlDialect.MYSQL);
  }

  @Test
  void doesNotParseTextsPastTheGuards() {
    String tooDeep = "UPDATE t SET a = " + "(".repeat(GuardedParser.MAX_NESTING + 1) + "1"
        + ")".repeat(GuardedParser.MAX_NESTING + 1) + " WHERE id = 1";
    assertThat(analyze(SqlDialect.MYSQL, tooDeep).status()).isEqualTo(Status.UNPARSEABLE);
    String deepEnough = tooDeep.replaceFirst("\\(", "").replaceFirst("\\)", "");
    assertThat(analyze(SqlDialect.MYSQL, deepEnough).status()).isEqualTo(Status.ANALYZED);
    String tooLong = "UPDATE t SET a = '" + "x".repeat(GuardedParser.MAX_LENGTH) + "' WHERE id = 1";
    WriteAnalysis longAnalysis = analyze(SqlDialect.MYSQL, tooLong);
    assertThat(longAnalysis.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(longAnalysis.mentionedIdentifiers()).contains("t", "a", "id");
  }

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void neverThrowsOnGarbageAfterAWriteVerb(SqlDialect dialect) {
    WriteAnalyzer analyzer = new WriteAnalyzer(dialect);
    String[] verbs = {"INSERT INTO t ", "UPDATE t SET ", "DELETE FROM t ", "MERGE INTO t ", "CREATE TABLE t ",
        "ALTER TABLE t ", "DROP INDEX ", "REPLACE INTO t ", "WITH x AS (", ""};
    String alphabet = "'\"`\\$*/-#@?;()[],.=<> \n\tabcSELECTWHERE0123456789_é";
    Random random = new Random(7 + java.util.List.of(SqlDialect.values()).indexOf(dialect));
    for (int round = 0; round < 300; round++) {
      StringBuilder sql = new StringBuilder(verbs[random.nextInt(verbs.length)]);
      for (int i = random.nextInt(60); i > 0; i--) {
        sql.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(analyzer.analyze(sql.toString())).as(sql.toString()).isNotNull();
    }
  }
}
