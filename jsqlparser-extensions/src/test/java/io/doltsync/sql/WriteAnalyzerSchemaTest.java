package io.doltsync.sql;

import static io.doltsync.sql.AnalyzerTestSupport.analyze;
import static io.doltsync.sql.AnalyzerTestSupport.onlyWrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.WriteAnalysis.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteAnalyzerSchemaTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | CREATE TABLE t (id BIGINT PRIMARY KEY AUTO_INCREMENT, v JSON) ENGINE=InnoDB | CREATE   | t
      POSTGRESQL | CREATE TABLE s.p (id SERIAL PRIMARY KEY, tags TEXT[], n NUMERIC(10,2))      | CREATE   | p
      H2         | CREATE TABLE IF NOT EXISTS "Order" (id INT)                                 | CREATE   | Order
      MYSQL      | TRUNCATE t                                                                  | TRUNCATE | t
      MYSQL      | TRUNCATE TABLE `t`                                                          | TRUNCATE | t
      MYSQL      | ALTER TABLE t ADD COLUMN email VARCHAR(255) NOT NULL DEFAULT ''             | ALTER    | t
      POSTGRESQL | ALTER TABLE t RENAME COLUMN a TO b                                          | ALTER    | t
      MYSQL      | CREATE INDEX i ON t (a)                                                     | ALTER    | t
      POSTGRESQL | CREATE UNIQUE INDEX CONCURRENTLY i ON s.t (a)                               | ALTER    | t
      MYSQL      | DROP INDEX i ON t                                                           | ALTER    | t
      ORACLE     | DROP TABLE t                                                                | DROP     | t
      """)
  void readsSchemaChanges(SqlDialect dialect, String sql, Operation operation, String table) {
    TableWrite write = onlyWrite(analyze(dialect, sql));
    assertThat(write.operation()).isEqualTo(operation);
    assertThat(write.table()).isEqualTo(table);
    assertThat(write.insertFromSelect()).isFalse();
    assertThat(write.renamedTo()).isNull();
  }

  @Test
  void readsTablesFilledByAQuery() {
    TableWrite createAs = onlyWrite(analyze(SqlDialect.MYSQL, "CREATE TABLE t AS SELECT * FROM u AS OF 'main'"));
    assertThat(createAs.operation()).isEqualTo(Operation.CREATE);
    assertThat(createAs.insertFromSelect()).isTrue();
    WriteAnalysis selectInto = analyze(SqlDialect.POSTGRESQL, "SELECT * INTO newt FROM u WHERE x = ?");
    assertThat(selectInto.kind()).isEqualTo(StatementKind.CREATE_TABLE);
    TableWrite created = onlyWrite(selectInto);
    assertThat(created.table()).isEqualTo("newt");
    assertThat(created.insertFromSelect()).isTrue();
  }

  @Test
  void writesEachTableOfAMultiTableStatement() {
    assertThat(analyze(SqlDialect.MYSQL, "DROP TABLE IF EXISTS a, s.b").tableWrites())
        .extracting(TableWrite::schema, TableWrite::table, TableWrite::operation)
        .containsExactly(tuple(null, "a", Operation.DROP),
            tuple("s", "b", Operation.DROP));
    assertThat(analyze(SqlDialect.POSTGRESQL, "TRUNCATE TABLE a, b CASCADE").tableWrites())
        .extracting(TableWrite::table).containsExactly("a", "b");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | ALTER TABLE t RENAME TO u
      MYSQL      | ALTER TABLE t RENAME AS `u`
      POSTGRESQL | ALTER TABLE t RENAME TO "u"
      H2         | ALTER TABLE t RENAME TO u
      ORACLE     | ALTER TABLE t RENAME TO u
      MYSQL      | RENAME TABLE t TO u
      ORACLE     | RENAME t TO u
      """)
  void readsRenames(SqlDialect dialect, String sql) {
    TableWrite write = onlyWrite(analyze(dialect, sql));
    assertThat(write.operation()).isEqualTo(Operation.RENAME);
    assertThat(write.table()).isEqualTo("t");
    assertThat(write.renamedTo()).isEqualTo("u");
  }

  @Test
  void readsEveryPairOfARenameAndTheChangesBeforeARename() {
    assertThat(analyze(SqlDialect.MYSQL, "RENAME TABLE a TO b, s.c TO d").tableWrites())
        .extracting(TableWrite::schema, TableWrite::table, TableWrite::renamedTo)
        .containsExactly(tuple(null, "a", "b"),
            tuple("s", "c", "d"));
    assertThat(analyze(SqlDialect.MYSQL, "ALTER TABLE t ADD x INT, RENAME TO u").tableWrites())
        .extracting(TableWrite::operation, TableWrite::renamedTo)
        .containsExactly(tuple(Operation.ALTER, null),
            tuple(Operation.RENAME, "u"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      POSTGRESQL | DROP INDEX i                               | DROP_INDEX | i
      H2         | DROP INDEX IF EXISTS s.i                   | DROP_INDEX | i
      MYSQL      | CREATE VIEW v AS SELECT * FROM t           | OTHER_DDL  | t
      POSTGRESQL | COMMENT ON TABLE t IS 'x'                  | OTHER_DDL  | t
      MYSQL      | LOAD DATA INFILE 'f.csv' INTO TABLE t      | LOAD_DATA  | t
      MYSQL      | GRANT SELECT ON t TO u                     | OTHER      | u
      """)
  void leavesUnmodelledSchemaStatementsToTheCaller(SqlDialect dialect, String sql, StatementKind kind, String mentioned) {
    WriteAnalysis analysis = analyze(dialect, sql);
    assertThat(analysis.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(analysis.kind()).isEqualTo(kind);
    assertThat(analysis.tableWrites()).isEmpty();
    assertThat(analysis.mentionedIdentifiers()).contains(mentioned);
  }
}
