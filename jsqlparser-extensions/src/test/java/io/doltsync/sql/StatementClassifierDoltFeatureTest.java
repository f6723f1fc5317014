package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementClassifierDoltFeatureTest {

  private static Classification classify(SqlDialect dialect, String sql) {
    return new StatementClassifier(dialect).classify(sql);
  }

  private static Set<DoltFeature> features(String names) {
    return Arrays.stream(names.split(",")).map(DoltFeature::valueOf).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | SELECT * FROM t AS OF 'main' WHERE id = 1                         | AS_OF
      MYSQL      | SELECT * FROM t AS OF 'abc123' t2 JOIN u AS OF 'HEAD~1' ON t2.id = u.id | AS_OF
      MYSQL      | select * from t as /* across */ of @c1                           | AS_OF
      POSTGRESQL | SELECT * FROM t AS OF 'main'                                      | AS_OF
      H2         | SELECT * FROM t AS OF 'main'                                      | AS_OF
      ORACLE     | SELECT * FROM t AS OF 'main'                                      | AS_OF
      MYSQL      | SELECT * FROM t FOR SYSTEM_TIME AS OF '2020-01-01'                | AS_OF
      POSTGRESQL | SELECT * FROM t FOR SYSTEM_TIME AS OF '2020-01-01'                | AS_OF
      MARIADB    | SELECT * FROM t FOR VERSION AS OF 'main'                          | AS_OF
      MYSQL      | SHOW TABLES AS OF 'main'                                          | AS_OF
      MYSQL      | SHOW CREATE TABLE t AS OF 'main'                                  | AS_OF
      MYSQL      | DESCRIBE t AS OF 'main'                                           | AS_OF
      MYSQL      | SELECT /*! * FROM t AS OF 'main' */                               | AS_OF
      MYSQL      | SELECT * FROM t /*!80000 AS OF 'main' */                          | AS_OF
      MYSQL      | SELECT * FROM dolt_log                                            | SYSTEM_TABLE
      MYSQL      | SELECT * FROM DOLT_DIFF_orders WHERE to_commit = 'WORKING'        | SYSTEM_TABLE
      MYSQL      | SELECT * FROM `dolt_history_orders`                               | SYSTEM_TABLE
      POSTGRESQL | SELECT * FROM "dolt_status"                                       | SYSTEM_TABLE
      MYSQL      | SELECT * FROM mydb.dolt_branches                                  | SYSTEM_TABLE
      MYSQL      | SELECT * FROM dolt_diff('main~1', 'main', 'users')                | TABLE_FUNCTION
      MYSQL      | SELECT * FROM t JOIN dolt_log('main') l ON l.x = t.x              | TABLE_FUNCTION
      MYSQL      | SELECT * FROM t, dolt_patch('a', 'b') p                           | TABLE_FUNCTION
      MYSQL      | CALL dolt_commit('-am', 'msg')                                    | PROCEDURE
      MYSQL      | call DOLT_CHECKOUT('-b', 'feature')                               | PROCEDURE
      MYSQL      | CALL dolt_gc                                                      | PROCEDURE
      MYSQL      | SELECT dolt_hashof('main')                                        | FUNCTION
      MYSQL      | SELECT DOLT_HASHOF_TABLE('t'), dolt_hashof_db()                   | FUNCTION
      MYSQL      | SELECT dolt_merge_base('a', 'b'), dolt_version(), dolt_storage_format() | FUNCTION
      MYSQL      | SELECT HASHOF('main')                                             | FUNCTION
      MYSQL      | SELECT active_branch()                                            | FUNCTION
      MYSQL      | SELECT has_ancestor('a', 'b')                                     | FUNCTION
      MYSQL      | SELECT DOLT_COMMIT('-am', 'msg')                                  | FUNCTION
      MYSQL      | SELECT * FROM t WHERE x IN (SELECT 1 FROM u WHERE y = dolt_version()) | FUNCTION
      MYSQL      | SELECT COMMIT('-m', 'msg')                                        | FUNCTION
      MYSQL      | SET @h = MERGE('feature')                                         | FUNCTION
      MYSQL      | SELECT @@mydb_head                                                | SESSION_VARIABLE
      MYSQL      | SELECT @@MyDb_HEAD_REF, 1                                         | SESSION_VARIABLE
      MYSQL      | SELECT @@session.shop_working                                     | SESSION_VARIABLE
      MYSQL      | SELECT @@shop_staged                                              | SESSION_VARIABLE
      MYSQL      | SELECT * FROM `shop/feature`.orders                               | REVISION_DATABASE
      MYSQL      | SELECT * FROM `shop@abc123`.`orders`                              | REVISION_DATABASE
      POSTGRESQL | SELECT * FROM "shop/feature".orders                               | REVISION_DATABASE
      MYSQL      | USE `shop/feature`                                                | REVISION_DATABASE
      MYSQL      | SHOW TABLES FROM `shop/main`                                      | REVISION_DATABASE
      MYSQL      | SHOW TABLES IN `shop@main`                                        | REVISION_DATABASE
      MYSQL      | UPDATE `shop/feature`.t SET a = 1                                 | REVISION_DATABASE
      MYSQL      | SELECT * FROM dolt_log AS OF 'main~2' WHERE committer = @@shop_head | AS_OF,SYSTEM_TABLE,SESSION_VARIABLE
      MYSQL      | SELECT 1; SELECT * FROM dolt_log                                  | SYSTEM_TABLE
      MYSQL      | SELECT * FROM t AS OF HASHOF('main')                              | AS_OF,FUNCTION
      MYSQL      | SELECT * FROM t AS OF @rev                                        | AS_OF
      MYSQL      | SELECT * FROM t AS OF ? WHERE id = ?                              | AS_OF
      POSTGRESQL | SELECT * FROM public.t AS OF 'main' x                            | AS_OF
      MYSQL      | SELECT * FROM a JOIN b AS OF 'main' ON a.id = b.id                | AS_OF
      MYSQL      | SELECT * FROM t WHERE id IN (SELECT id FROM dolt_diff_t)          | SYSTEM_TABLE
      MYSQL      | DELETE FROM dolt_ignore WHERE pattern = 'x'                       | SYSTEM_TABLE
      MYSQL      | SHOW COLUMNS FROM dolt_log                                        | SYSTEM_TABLE
      MYSQL      | TABLE dolt_status                                                 | SYSTEM_TABLE
      MYSQL      | CALL mydb.dolt_branch('x')                                        | PROCEDURE
      MYSQL      | SELECT @@dolt_transaction_commit                                  | SESSION_VARIABLE
      MYSQL      | WITH dolt_c AS (SELECT * FROM dolt_log) SELECT * FROM dolt_c, dolt_status | SYSTEM_TABLE
      """)
  void routesDoltSyntaxToDolt(SqlDialect dialect, String sql, String expected) {
    Classification classification = classify(dialect, sql);
    assertThat(classification.doltFeatures()).isEqualTo(features(expected));
    assertThat(classification.routesToDolt()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MARIADB    | SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01'
      MARIADB    | SELECT * FROM t AS x FOR SYSTEM_TIME AS OF ?
      ORACLE     | SELECT * FROM t AS OF TIMESTAMP SYSTIMESTAMP - INTERVAL '1' MINUTE
      ORACLE     | SELECT * FROM t AS OF SCN 1234
      ORACLE     | SELECT * FROM t AS OF PERIOD FOR valid_time SYSDATE
      MYSQL      | SELECT a AS off FROM t
      MYSQL      | SELECT * FROM orders_dolt_log, dolt
      MYSQL      | SELECT COUNT(*) FROM t
      MYSQL      | COMMIT
      MYSQL      | COMMIT WORK
      MYSQL      | MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE
      ORACLE     | MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.a = s.a
      MYSQL      | SELECT @@autocommit, @@session.transaction_isolation, @mydb_head
      MYSQL      | SELECT @@_head
      MYSQL      | USE shop
      MYSQL      | SELECT * FROM `a/b`
      MYSQL      | SELECT "shop/feature".x FROM t
      POSTGRESQL | SELECT a FROM t WHERE b @@ to_tsquery('x')
      MYSQL      | CREATE TABLE t (id INT) ENGINE=MERGE UNION=(a, b)
      MYSQL      | select p1_0.id,p1_0.name from Person p1_0 where p1_0.id=?
      MYSQL      | CREATE TABLE users (id INT PRIMARY KEY, dolt_ver INT)
      MYSQL      | SELECT id, dolt_ver FROM users
      POSTGRESQL | SELECT id, dolt_ver FROM users WHERE dolt_ver > 1 ORDER BY dolt_ver
      H2         | UPDATE users SET dolt_ver = dolt_ver + 1 WHERE id = ?
      MYSQL      | INSERT INTO users (id, dolt_ver) VALUES (1, 2) ON DUPLICATE KEY UPDATE dolt_ver = VALUES(dolt_ver)
      POSTGRESQL | INSERT INTO users (id, dolt_ver) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET dolt_ver = 3
      MYSQL      | SELECT v AS of FROM t
      MYSQL      | SELECT * FROM t AS of WHERE of.id = 1
      POSTGRESQL | SELECT * FROM t AS of JOIN u ON of.id = u.id
      MYSQL      | SELECT d.dolt_log FROM t AS dolt_log, u dolt_diff
      MYSQL      | SELECT dolt_log.x FROM t dolt_log
      MYSQL      | SELECT * FROM dolt_db.orders
      MYSQL      | SELECT EXTRACT(YEAR FROM dolt_created) FROM t
      POSTGRESQL | SELECT a IS DISTINCT FROM dolt_b FROM t
      MYSQL      | SELECT my_dolt_fn(1), dolt_custom(2) FROM t
      MYSQL      | PREPARE dolt_p FROM 'DELETE FROM t'
      MYSQL      | EXECUTE dolt_p
      H2         | CREATE TABLE dolt_notes (id INT PRIMARY KEY)
      H2         | DROP TABLE IF EXISTS dolt_notes
      MYSQL      | ALTER TABLE users ADD COLUMN dolt_flag INT
      MYSQL      | SELECT a INTO dolt_var FROM t
      H2         | SELECT $$ FROM dolt_log AS OF 'x' $$ FROM t
      MYSQL      | WITH dolt_c AS (SELECT id FROM t) SELECT * FROM dolt_c
      POSTGRESQL | WITH RECURSIVE dolt_r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM dolt_r WHERE n < 3), dolt_s AS (SELECT 2) SELECT * FROM dolt_r JOIN dolt_s ON 1 = 1
      """)
  void leavesPrimarySyntaxOnThePrimary(SqlDialect dialect, String sql) {
    assertThat(classify(dialect, sql).doltFeatures()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | SELECT 'x AS OF y', 'dolt_log', 'HASHOF(1)', '@@db_head' FROM t
      MYSQL      | SELECT "AS OF", "dolt_log" FROM t
      MYSQL      | SELECT 'it\\'s AS OF dolt_log' FROM t
      MYSQL      | SELECT 'it''s AS OF dolt_log' FROM t
      POSTGRESQL | SELECT 'it''s AS OF dolt_log' FROM t
      POSTGRESQL | SELECT E'it\\'s AS OF dolt_log' FROM t
      POSTGRESQL | SELECT $$ AS OF dolt_log $$, $q$ @@db_head $q$ FROM t
      ORACLE     | SELECT q'[it's AS OF dolt_log]' FROM t
      MYSQL      | SELECT 1 -- AS OF dolt_log
      MYSQL      | SELECT 1 # AS OF dolt_log
      MYSQL      | SELECT 1 /* AS OF dolt_log() */
      MYSQL      | SELECT /*+ dolt_log(x) */ 1
      POSTGRESQL | SELECT 1 /* outer /* AS OF */ dolt_log */
      POSTGRESQL | SELECT 1 --AS OF
      H2         | SELECT 1 // AS OF dolt_log
      POSTGRESQL | SELECT 1 /*! AS OF 'x' */
      MYSQL      | SELECT `AS OF` FROM t
      MYSQL      | SELECT `my/db` FROM t
      """)
  void ignoresDoltMarkersInsideStringsQuotesAndComments(SqlDialect dialect, String sql) {
    assertThat(classify(dialect, sql).doltFeatures()).isEmpty();
  }

  @Test
  void aDoltTableThePrimaryHasIsThePrimarys() {
    Classification own = classify(SqlDialect.H2, "SELECT * FROM dolt_notes n JOIN Dolt_Log l ON n.id = l.id");
    assertThat(own.systemTables()).containsExactlyInAnyOrder("dolt_notes", "dolt_log");
    assertThat(own.routesToDolt(Set.of("dolt_notes", "dolt_log")::contains)).isFalse();
    assertThat(own.routesToDolt(Set.of("dolt_notes")::contains)).isTrue();
    Classification asOf = classify(SqlDialect.H2, "SELECT * FROM dolt_notes AS OF 'main'");
    assertThat(asOf.routesToDolt(Set.of("dolt_notes")::contains)).isTrue();
  }

  @Test
  void readsH2DollarQuotesAsStrings() {
    String sql = "SELECT $$it's FROM dolt_log; CALL dolt_reset('--hard')$$ FROM t";
    assertThat(classify(SqlDialect.H2, sql).doltFeatures()).isEmpty();
    assertThat(classify(SqlDialect.H2, sql).multiStatement()).isFalse();
  }

  @Test
  void readsBackslashesByTheDialect() {
    String sql = "SELECT * FROM t WHERE a = 'it\\'; SELECT * FROM dolt_log; -- '";
    assertThat(classify(SqlDialect.MYSQL, sql).doltFeatures()).isEmpty();
    // PostgreSQL's standard strings end at the second quote, so "SELECT * FROM dolt_log" is code there
    assertThat(classify(SqlDialect.POSTGRESQL, sql).doltFeatures()).containsExactly(DoltFeature.SYSTEM_TABLE);
  }

  @Test
  void readsMySqlDoubleDashWithoutSpaceAsMinusMinus() {
    assertThat(classify(SqlDialect.MYSQL, "SELECT a--1, dolt_version() FROM t").doltFeatures())
        .containsExactly(DoltFeature.FUNCTION);
    assertThat(classify(SqlDialect.POSTGRESQL, "SELECT a--1, dolt_version() FROM t").doltFeatures()).isEmpty();
  }

  /** The SQL of the 2020 "Introducing Dolt CLI in SQL" post (seed 001). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      SELECT * FROM dolt_branches                                      | SELECT | SYSTEM_TABLE
      SELECT * FROM dolt_log                                           | SELECT | SYSTEM_TABLE
      SET @@mydb_head = HASHOF("master")                              | SET    | SESSION_VARIABLE,FUNCTION
      SET @@mydb_head = HASHOF("feature-branch")                      | SET    | SESSION_VARIABLE,FUNCTION
      UPDATE dolt_branches SET hash = COMMIT("modified something") WHERE name == "master" and hash == @@mydb_head | UPDATE | SYSTEM_TABLE,FUNCTION,SESSION_VARIABLE
      SET @@mydb_head = MERGE('feature-branch')                       | SET    | SESSION_VARIABLE,FUNCTION
      ~INSERT INTO dolt_branches (name, hash) VALUES("master", @@bug_head)~ | INSERT | SYSTEM_TABLE,SESSION_VARIABLE
      SELECT DOLT_COMMIT('-a', '-m', 'This is a commit')               | SELECT | FUNCTION
      SELECT DOLT_COMMIT('-m', 'This is a commit', '--author', 'John Doe <johndoe@example.com>') | SELECT | FUNCTION
      ~call dolt_commit("-Am", "Create the tbl Table")~                | CALL   | PROCEDURE
      """)
  void classifiesTheSeedStatements(String sql, StatementKind kind, String expected) {
    Classification classification = classify(SqlDialect.MYSQL, sql);
    assertThat(classification.kind()).isEqualTo(kind);
    assertThat(classification.doltFeatures()).isEqualTo(features(expected));
  }

  @Test
  void leavesThePlainStatementsOfTheSeedOnThePrimary() {
    Classification use = classify(SqlDialect.MYSQL, "USE mydb");
    assertThat(use.kind()).isEqualTo(StatementKind.USE);
    assertThat(use.routesToDolt()).isFalse();
    Classification update = classify(SqlDialect.MYSQL, "UPDATE table SET column = \"new value\" WHERE pk = \"key\"");
    assertThat(update.kind()).isEqualTo(StatementKind.UPDATE);
    assertThat(update.routesToDolt()).isFalse();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | SELECT 1                                  | false
      MYSQL      | SELECT 1;                                 | false
      MYSQL      | SELECT 1; -- trailing comment             | false
      MYSQL      | SELECT 1;;                                | false
      MYSQL      | ;SELECT 1                                 | false
      MYSQL      | SELECT 1; SELECT 2                        | true
      MYSQL      | SELECT ';' FROM t                         | false
      MYSQL      | SELECT 1 -- ; DELETE FROM t               | false
      MYSQL      | SELECT 1 /* ; DELETE FROM t */            | false
      POSTGRESQL | SELECT $$;$$                              | false
      POSTGRESQL | SELECT 1; DELETE FROM t                   | true
      H2         | INSERT INTO t VALUES (1);INSERT INTO t VALUES (2) | true
      MYSQL      | CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END | false
      MYSQL      | CREATE PROCEDURE p() BEGIN SELECT 1; END; CALL p() | true
      MYSQL      | CREATE VIEW v AS SELECT begin FROM t; DELETE FROM u | true
      ORACLE     | BEGIN UPDATE t SET a = 1; DELETE FROM u; END; | false
      """)
  void detectsSeveralStatements(SqlDialect dialect, String sql, boolean multiStatement) {
    assertThat(classify(dialect, sql).multiStatement()).isEqualTo(multiStatement);
  }
}
