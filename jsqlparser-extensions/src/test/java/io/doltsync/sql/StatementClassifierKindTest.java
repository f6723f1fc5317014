package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class StatementClassifierKindTest {

  private static StatementKind kind(SqlDialect dialect, String sql) {
    return new StatementClassifier(dialect).classify(sql).kind();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MARIADB    | SELECT 1; UPDATE t SET a = 1                           | UPDATE
      MARIADB    | SET @x = 1; SELECT 2; DELETE FROM t                    | DELETE
      MARIADB    | SELECT 1; SELECT 2                                     | SELECT
      MARIADB    | BEGIN; UPDATE t SET a = 1                              | BEGIN
      POSTGRESQL | SELECT 1; INSERT INTO t VALUES (1); UPDATE t SET a = 2 | INSERT
      MARIADB    | UPDATE t SET a = 'x\\' WHERE id = 1                  | UNREADABLE
      MARIADB    | UPDATE t SET a = 1 /* open                             | UNREADABLE
      MARIADB    | UPDATE t SET a = 1 /*!100000 , b = 2                   | UNREADABLE
      MARIADB    | SELECT 1; UPDATE t SET a = 'x                          | UPDATE
      POSTGRESQL | UPDATE t SET a = 'x\\' WHERE id = 1                  | UPDATE
      MARIADB    | UPDATE t SET a = 1 -- 'open                            | UPDATE
      """)
  void readsATextAsAWriteWhenAnyStatementWritesAndAnOpenQuoteAsUnreadable(SqlDialect dialect, String sql,
      StatementKind expected) {
    assertThat(kind(dialect, sql)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | SELECT 1                                               | SELECT
      MYSQL      | select p1_0.id,p1_0.name from Person p1_0 where p1_0.id=? | SELECT
      MYSQL      | SELECT * FROM t WHERE id = ? FOR UPDATE                | SELECT
      POSTGRESQL | VALUES (1), (2)                                        | SELECT
      MYSQL      | TABLE t                                                | SELECT
      MYSQL      | (SELECT 1) UNION (SELECT 2)                            | SELECT
      MYSQL      | /* leading */ -- comment\\n SELECT 1                   | SELECT
      MYSQL      | WITH x AS (SELECT 1) SELECT * FROM x                   | SELECT
      MYSQL      | WITH RECURSIVE x (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x) SELECT n FROM x | SELECT
      MYSQL      | WITH x AS (SELECT 1), y AS (SELECT 2) UPDATE t SET a = 1 | UPDATE
      POSTGRESQL | WITH x AS (SELECT 1) DELETE FROM t                     | DELETE
      POSTGRESQL | WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x     | INSERT
      POSTGRESQL | WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d  | DELETE
      POSTGRESQL | WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM u | UPDATE
      MYSQL      | WITH x AS (SELECT REPLACE(a, 'b', 'c') FROM t) SELECT * FROM x | SELECT
      H2         | SELECT id FROM FINAL TABLE (INSERT INTO t (a) VALUES (1)) | INSERT
      H2         | SELECT * FROM OLD TABLE (DELETE FROM t WHERE a = ?)    | DELETE
      H2         | SELECT * FROM NEW TABLE (UPDATE t SET a = 2)           | UPDATE
      H2         | SELECT * FROM TABLE (x INT = (1, 2))                   | SELECT
      MYSQL      | SELECT (REPLACE(a, 'b', 'c')) FROM t                   | SELECT
      MYSQL      | WITH                                                   | OTHER
      POSTGRESQL | SELECT a INTO newt FROM t                              | CREATE_TABLE
      MYSQL      | SELECT a INTO @v FROM t                                | SELECT
      POSTGRESQL | INSERT INTO t VALUES (1)                               | INSERT
      MYSQL      | insert into Person (age,name,id) values (?,?,?)        | INSERT
      MYSQL      | REPLACE INTO t VALUES (1)                              | REPLACE
      H2         | UPSERT INTO t VALUES (1)                               | INSERT
      MYSQL      | UPDATE t SET a = 1                                     | UPDATE
      MYSQL      | DELETE FROM t                                          | DELETE
      ORACLE     | MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.a = s.a | MERGE
      H2         | MERGE INTO t KEY (id) VALUES (1)                       | MERGE
      MYSQL      | CALL p(1)                                              | CALL
      ORACLE     | EXEC p                                                 | CALL
      POSTGRESQL | EXECUTE plan(1)                                        | CALL
      MYSQL      | CREATE TABLE t (id INT)                                | CREATE_TABLE
      MYSQL      | CREATE TEMPORARY TABLE t (id INT)                      | CREATE_TABLE
      ORACLE     | CREATE GLOBAL TEMPORARY TABLE t (id INT)               | CREATE_TABLE
      MARIADB    | CREATE OR REPLACE TABLE t (id INT)                     | CREATE_TABLE
      POSTGRESQL | CREATE UNLOGGED TABLE t (id INT)                       | CREATE_TABLE
      H2         | CREATE CACHED LOCAL TEMPORARY TABLE t (id INT)         | CREATE_TABLE
      MYSQL      | CREATE TABLE t AS SELECT * FROM u                      | CREATE_TABLE
      MYSQL      | CREATE INDEX i ON t (a)                                | CREATE_INDEX
      MYSQL      | CREATE UNIQUE INDEX i ON t (a)                         | CREATE_INDEX
      ORACLE     | CREATE BITMAP INDEX i ON t (a)                         | CREATE_INDEX
      MYSQL      | CREATE VIEW v AS SELECT 1                              | OTHER_DDL
      POSTGRESQL | CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql | OTHER_DDL
      MYSQL      | CREATE DATABASE d                                      | OTHER_DDL
      MYSQL      | ALTER TABLE t ADD c INT                                | ALTER_TABLE
      MYSQL      | ALTER TABLE t RENAME TO u                              | ALTER_TABLE
      MYSQL      | ALTER IGNORE TABLE t ADD c INT                         | ALTER_TABLE
      POSTGRESQL | ALTER SEQUENCE s RESTART                               | OTHER_DDL
      MYSQL      | RENAME TABLE a TO b                                    | RENAME_TABLE
      ORACLE     | RENAME a TO b                                          | RENAME_TABLE
      MYSQL      | RENAME USER a TO b                                     | OTHER_DDL
      MYSQL      | DROP TABLE t                                           | DROP_TABLE
      MYSQL      | DROP TEMPORARY TABLE IF EXISTS t                       | DROP_TABLE
      MYSQL      | DROP INDEX i ON t                                      | DROP_INDEX
      POSTGRESQL | DROP VIEW v                                            | OTHER_DDL
      MYSQL      | TRUNCATE t                                             | TRUNCATE
      MYSQL      | TRUNCATE TABLE t                                       | TRUNCATE
      POSTGRESQL | COMMENT ON TABLE t IS 'x'                              | OTHER_DDL
      MYSQL      | START TRANSACTION                                      | BEGIN
      MYSQL      | START SLAVE                                            | OTHER
      MYSQL      | BEGIN                                                  | BEGIN
      MYSQL      | BEGIN WORK                                             | BEGIN
      POSTGRESQL | BEGIN ISOLATION LEVEL SERIALIZABLE                     | BEGIN
      H2         | BEGIN                                                  | BEGIN
      ORACLE     | BEGIN UPDATE t SET a = 1; END;                         | OTHER
      ORACLE     | DECLARE x NUMBER; BEGIN NULL; END;                     | OTHER
      MARIADB    | BEGIN NOT ATOMIC SELECT 1; END                         | OTHER
      MYSQL      | COMMIT                                                 | COMMIT
      MYSQL      | COMMIT WORK                                            | COMMIT
      POSTGRESQL | END                                                    | COMMIT
      MYSQL      | END                                                    | OTHER
      MYSQL      | ROLLBACK                                               | ROLLBACK
      POSTGRESQL | ABORT                                                  | ROLLBACK
      MYSQL      | ROLLBACK TO SAVEPOINT s                                | ROLLBACK_TO_SAVEPOINT
      MYSQL      | ROLLBACK WORK TO s                                     | ROLLBACK_TO_SAVEPOINT
      POSTGRESQL | ROLLBACK TO s                                          | ROLLBACK_TO_SAVEPOINT
      MYSQL      | SAVEPOINT s                                            | SAVEPOINT
      MYSQL      | RELEASE SAVEPOINT s                                    | RELEASE_SAVEPOINT
      POSTGRESQL | RELEASE s                                              | RELEASE_SAVEPOINT
      MYSQL      | SET autocommit = 0                                     | SET
      MYSQL      | SET TRANSACTION ISOLATION LEVEL READ COMMITTED         | SET
      MYSQL      | SHOW TABLES                                            | SHOW
      MYSQL      | USE db                                                 | USE
      MYSQL      | EXPLAIN SELECT 1                                       | EXPLAIN
      MYSQL      | EXPLAIN DELETE FROM t                                  | EXPLAIN
      POSTGRESQL | EXPLAIN ANALYZE SELECT 1                               | EXPLAIN
      POSTGRESQL | EXPLAIN ANALYZE DELETE FROM t                          | DELETE
      POSTGRESQL | EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) UPDATE t SET a = 1 | UPDATE
      MYSQL      | EXPLAIN ANALYZE WITH x AS (SELECT 1) SELECT * FROM x   | OTHER
      MYSQL      | DESCRIBE t                                             | DESCRIBE
      MYSQL      | DESC t                                                 | DESCRIBE
      MYSQL      | LOCK TABLES t WRITE                                    | LOCK
      MYSQL      | UNLOCK TABLES                                          | UNLOCK
      MYSQL      | LOAD DATA INFILE 'f' INTO TABLE t                      | LOAD_DATA
      MYSQL      | LOAD XML INFILE 'f' INTO TABLE t                       | LOAD_DATA
      POSTGRESQL | LOAD 'lib'                                             | OTHER
      MYSQL      | GRANT SELECT ON t TO u                                 | OTHER
      MYSQL      | 'just a string'                                        | OTHER
      MYSQL      | )))                                                    | OTHER
      MYSQL      | ;;; SELECT 1                                           | SELECT
      """)
  void decidesTheKindFromTheLeadingKeywords(SqlDialect dialect, String sql, StatementKind expected) {
    assertThat(kind(dialect, sql.replace("\\n", "\n"))).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void readsNothingAsOther(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    assertThat(classifier.classify("").kind()).isEqualTo(StatementKind.OTHER);
    assertThat(classifier.classify("  /* only a comment */ ").kind()).isEqualTo(StatementKind.OTHER);
    assertThat(classifier.classify(null).kind()).isEqualTo(StatementKind.OTHER);
    assertThat(classifier.dialect()).isEqualTo(dialect);
  }

  @Test
  void reportsTheKindOfTheFirstWriteWhenTheFirstStatementReads() {
    Classification classification = new StatementClassifier(SqlDialect.MYSQL).classify("SELECT 1; DELETE FROM t");
    assertThat(classification.kind()).isEqualTo(StatementKind.DELETE);
    assertThat(classification.multiStatement()).isTrue();
    assertThat(classification.isWrite()).isTrue();
    assertThat(new StatementClassifier(SqlDialect.MYSQL).classify("SELECT 1; SHOW TABLES").kind())
        .isEqualTo(StatementKind.SELECT);
  }
}
