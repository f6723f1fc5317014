package io.doltsync.samples.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.sql.Classification;
import io.doltsync.sql.StatementKind;
import io.doltsync.sql.TableWrite;
import io.doltsync.sql.WriteAnalysis;
import io.doltsync.tck.DialectConformance;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SQL the dialect generates and the T-SQL applications send, read by doltsync's classifier and write
 * analyzer through the dialect's lexical rules (no server): the tck's generated checks, then T-SQL's own forms.
 */
class SqlServerSqlTest {

  private static final SqlServerDialect DIALECT = new SqlServerDialect();
  private static final DialectConformance CONFORMANCE = new DialectConformance(DIALECT);

  @Test
  void passesTheTcksGeneratedLexicalChecks() {
    assertThat(CONFORMANCE.quotedIdentifierProblems(1433, 2_000)).isEmpty();
    assertThat(CONFORMANCE.hiddenDoltNameProblems(1434, 2_000)).isEmpty();
    assertThat(CONFORMANCE.journalTableProblems("doltsync_journal")).isEmpty();
    assertThat(CONFORMANCE.journalTableProblems("it's ]odd")).isEmpty();
  }

  @Test
  void quotesWithBrackets() {
    assertThat(DIALECT.quoteIdentifier("order")).isEqualTo("[order]");
    assertThat(DIALECT.quoteIdentifier("a]b")).isEqualTo("[a]]b]");
    assertThat(DIALECT.shareLockTable("[t]")).isEqualTo("SELECT TOP 0 1 FROM [t] WITH (TABLOCK, HOLDLOCK)");
  }

  @Test
  void readsTopBracketsAndNationalStringsOnThePrimary() {
    Classification top = CONFORMANCE.classify("SELECT TOP 10 [id], [note] FROM [dbo].[orders] WHERE note = N'dolt_log'");
    assertThat(top.kind()).isEqualTo(StatementKind.SELECT);
    assertThat(top.routesToDolt()).isFalse();
    assertThat(top.tables()).extracting(t -> t.key()).containsExactly("orders");

    assertThat(CONFORMANCE.classify("SELECT TOP (5) * FROM dolt_log").routesToDolt()).isTrue();
    assertThat(CONFORMANCE.classify("SELECT N'x; CALL DOLT_COMMIT(''-m'', ''x'')' /* a /* nested; */ comment */ FROM t")
        .routesToDolt()).isFalse();
  }

  @Test
  void readsTheTableAndRowsOfAnInsertWithAnOutputClause() {
    WriteAnalysis insert = CONFORMANCE.analyze("INSERT INTO [orders] ([id], [note]) OUTPUT inserted.* VALUES (1, N'it''s')");
    assertThat(insert.status()).isEqualTo(WriteAnalysis.Status.ANALYZED);
    TableWrite write = insert.tableWrites().get(0);
    assertThat(write.operation()).isEqualTo(TableWrite.Operation.INSERT);
    assertThat(write.table()).isEqualTo("orders");
    assertThat(write.insertColumns()).containsExactly("id", "note");
    assertThat(write.insertRows()).hasSize(1);
  }

  @Test
  void readsTheKeyOfAnUpdateWithAnOutputClause() {
    WriteAnalysis update = CONFORMANCE.analyze("UPDATE [orders] SET [note] = N'y' OUTPUT inserted.[id], deleted.[note] WHERE [id] = ?");
    assertThat(update.status()).isEqualTo(WriteAnalysis.Status.ANALYZED);
    assertThat(update.tableWrites()).singleElement().satisfies(w -> {
      assertThat(w.operation()).isEqualTo(TableWrite.Operation.UPDATE);
      assertThat(w.table()).isEqualTo("orders");
      assertThat(w.assignments()).containsOnlyKeys("note");
      assertThat(w.keyEqualities()).containsOnlyKeys("id");
    });
  }

  /**
   * JSqlParser 5.4 reads neither {@code DELETE ... OUTPUT} nor a {@code ]]} inside brackets: such statements are
   * unparseable, which doltsync's capture treats conservatively (it copies every table the text names), so
   * nothing is missed; the classifier still knows the verb and the table.
   */
  @Test
  void aDeleteWithAnOutputClauseFallsBackToTheTablesItNames() {
    Map<String, String> tableOf = Map.of("DELETE FROM [orders] OUTPUT deleted.* WHERE [id] = 7", "orders",
        "DELETE FROM [we]]ird] WHERE [id] = 7", "we]ird");
    tableOf.forEach((sql, table) -> {
      WriteAnalysis delete = CONFORMANCE.analyze(sql);
      assertThat(delete.status()).as(sql).isEqualTo(WriteAnalysis.Status.UNPARSEABLE);
      assertThat(delete.mentionedIdentifiers()).as(sql).contains(table);
      Classification classification = CONFORMANCE.classify(sql);
      assertThat(classification.kind()).isEqualTo(StatementKind.DELETE);
      assertThat(classification.tables()).extracting(t -> t.key()).as(sql).containsExactly(table);
    });
  }

  @Test
  void anUpdateTopIsAWriteOfItsTable() {
    Classification classification = CONFORMANCE.classify("UPDATE TOP (5) [orders] SET [note] = N'z' WHERE [note] IS NULL");
    assertThat(classification.kind()).isEqualTo(StatementKind.UPDATE);
    WriteAnalysis analysis = CONFORMANCE.analyze("UPDATE TOP (5) [orders] SET [note] = N'z' WHERE [note] IS NULL");
    // either read exactly, or left to the capture's conservative fallback (the whole table): never missed
    assertThat(analysis.status()).isIn(WriteAnalysis.Status.ANALYZED, WriteAnalysis.Status.UNPARSEABLE);
    if (analysis.status() == WriteAnalysis.Status.ANALYZED) {
      assertThat(analysis.tableWrites()).extracting(TableWrite::table).containsExactly("orders");
    } else {
      assertThat(analysis.mentionedIdentifiers()).contains("orders");
    }
  }

  @Test
  void isFoundByDoltsyncsServiceLoaderForTheUrlsMicrosoftsDriverAccepts() throws Exception {
    assertThat(SourceDialects.forUrl("jdbc:sqlserver://db:1433;databaseName=shop;encrypt=false"))
        .isInstanceOf(SqlServerDialect.class);
    SQLServerDriver driver = new SQLServerDriver();
    Random random = new Random(7);
    List<String> prefixes = List.of("jdbc:sqlserver://", "JDBC:SQLSERVER://", "jdbc:SqlServer://", "jdbc:jtds:sqlserver://",
        "jdbc:mysql://", "jdbc:sqlserverx://");
    for (int i = 0; i < 200; i++) {
      String url = prefixes.get(random.nextInt(prefixes.size())) + "host" + random.nextInt(9) + ":1433;databaseName=d" + i;
      assertThat(DIALECT.supports(url)).as(url).isEqualTo(driver.acceptsURL(url));
    }
  }
}
