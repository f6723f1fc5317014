package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.run;
import static io.doltsync.internal.versioning.DoltFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of every way this suite knows to write the mirrored branch through a session: each write
 * verb, on each spelling of a mirrored table, wrapped in CTEs, EXPLAIN ANALYZE, SQL-level PREPARE/EXECUTE,
 * multi-statement texts, comments and odd spacing; Dolt procedures that change the working set; HANDLER,
 * DO and statements the guard cannot read; rewritten calls followed by more text. Every one is refused
 * with an {@link SQLSyntaxErrorException} (SQLState 42000), and the mirrored branch's head and working
 * set are the same hashes afterwards.
 *
 * <p>The whole corpus is about 1,500 statements; by default every unwrapped write and every rewritten call
 * with trailing text run, plus a seeded sample of the wrapped ones, {@value #DEFAULT_SIZE} in all
 * ({@code -Ddoltsync.guardCorpus.size=0} runs all of them, {@code -Ddoltsync.guardCorpus.seed=S} another sample).
 */
class MirroredBranchGuardCorpusTest {

  private static final int DEFAULT_SIZE = 500;
  private static final int SIZE = Integer.getInteger("doltsync.guardCorpus.size", DEFAULT_SIZE);
  private static final long SEED = Long.getLong("doltsync.guardCorpus.seed", 8L);

  private static DoltFixture fixture;
  private static String db;

  @BeforeAll
  static void createDatabase() throws Exception {
    fixture = DoltFixture.create("vs_corpus");
    db = fixture.database;
    fixture.execute("CALL dolt_branch('feature')");
  }

  @AfterAll
  static void close() throws Exception {
    fixture.close();
  }

  /** The ways to name the mirrored table {@code orders} from a session on the mirrored branch. */
  private static List<String> mirroredTables() {
    return List.of("orders", "ORDERS", "`orders`", db + ".orders", "`" + db + "`.`orders`", "`" + db + "/main`.orders",
        "`" + db + "@main`.orders", "`" + db + "/main`.`orders`");
  }

  /** Writes of one table, {@code %t} standing for its name. */
  private static final List<String> TABLE_WRITES = List.of(
      "INSERT INTO %t VALUES (9, 'fig', 1)",
      "INSERT IGNORE INTO %t (id, item, qty) SELECT 10, 'kiwi', 2",
      "REPLACE INTO %t VALUES (1, 'apple', 99)",
      "UPDATE %t SET qty = qty + 1",
      "UPDATE %t SET qty = 0 WHERE id = 1",
      "DELETE FROM %t WHERE id = 2",
      "DELETE FROM %t",
      "TRUNCATE TABLE %t",
      "TRUNCATE %t",
      "ALTER TABLE %t ADD COLUMN note INT",
      "DROP TABLE %t",
      "CREATE INDEX by_qty ON %t (qty)",
      "LOAD DATA LOCAL INFILE '/nonexistent.csv' INTO TABLE %t",
      "HANDLER %t OPEN");

  /** Statements that are DML and may stand behind a WITH clause. */
  private static boolean isDml(String statement) {
    return statement.startsWith("INSERT") || statement.startsWith("REPLACE") || statement.startsWith("UPDATE")
        || statement.startsWith("DELETE");
  }

  /** Writes that are not about one existing table. */
  private static List<String> otherWrites() {
    return List.of(
        "CREATE TABLE sneaky (id INT PRIMARY KEY)",
        "CREATE TABLE `" + db + "/main`.sneaky (id INT PRIMARY KEY)",
        "CREATE VIEW v AS SELECT * FROM orders",
        "CREATE TRIGGER tr BEFORE INSERT ON orders FOR EACH ROW SET NEW.qty = 1",
        "RENAME TABLE orders TO orders2",
        "INSERT INTO dolt_ignore VALUES ('tmp_%', 1)",
        "DELETE FROM dolt_docs",
        "DROP DATABASE " + db,
        "CALL dolt_reset('--hard', 'HEAD~1')",
        "CALL dolt_add('.')",
        "CALL dolt_clean()",
        "CALL dolt_rm('orders')",
        "CALL dolt_stash('push')",
        "CALL dolt_verify_constraints()",
        "CALL dolt_conflicts_resolve('--ours', 'orders')",
        "CALL dolt_revert('HEAD')",
        "CALL dolt_merge('feature')",
        "CALL dolt_cherry_pick('feature')",
        "CALL dolt_pull('origin')",
        "CALL dolt_some_future_procedure('x')",
        "CALL `" + db + "/main`.dolt_reset('--hard')",
        "CALL my_procedure(1)",
        "CALL dolt_branch('-f', 'main', 'feature')",
        "CALL dolt_checkout('orders')",
        "DO RELEASE_LOCK('x')",
        "FLUSH TABLES",
        "EXECUTE never_prepared",
        "PREPARE p FROM @some_text; EXECUTE p");
  }

  /** Ways to wrap one write: each keeps it a write of the mirrored branch. */
  private static List<UnaryOperator<String>> wrappers(String statement) {
    List<UnaryOperator<String>> wrappers = new ArrayList<>(List.of(
        s -> s,
        s -> s + ";",
        s -> "/* a comment */ " + s,
        s -> "-- a comment\n" + s,
        s -> "  " + s.toLowerCase().replace("'fig'", "'FIG'").replace(" ", "\n  ") + "  ",
        s -> "SELECT 1; " + s,
        s -> "USE `" + db + "`; " + s,
        s -> "PREPARE dolt_p FROM '" + s.replace("'", "''") + "'",
        s -> "PREPARE dolt_p FROM \"" + s.replace("\"", "\"\"") + "\""));
    if (isDml(statement)) {
      wrappers.add(s -> "WITH c AS (SELECT 1 AS one) " + s);
      wrappers.add(s -> "WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3) " + s);
      wrappers.add(s -> "EXPLAIN ANALYZE " + s);
      wrappers.add(s -> "SET @s = '" + s.replace("'", "''") + "'; PREPARE dolt_p FROM @s; EXECUTE dolt_p");
    }
    return wrappers;
  }

  /** Rewritten statements followed by more text: syntax errors, never a silently dropped rest. */
  private static List<String> rewrittenWithTrailingText() {
    List<String> corpus = new ArrayList<>();
    for (String tail : List.of("DROP TABLE orders; --', 'y')", "DELETE FROM orders", "SELECT 1")) {
      corpus.add("CALL DOLT_COMMIT('-m', 'x'); " + tail);
      corpus.add("CALL dolt_commit('-am', 'x');" + tail);
      corpus.add("SELECT DOLT_COMMIT('-m', 'x'); " + tail);
      corpus.add("SET @@" + db + "_head = HASHOF('main'); " + tail);
      corpus.add("UPDATE dolt_branches SET hash = HASHOF('feature') WHERE name = 'feature'; " + tail);
    }
    return corpus;
  }

  /** The names that reach the mirrored table {@code orders} from any branch or a detached head. */
  private static List<String> branchQualifiedMirroredTables() {
    return List.of("`" + db + "/main`.orders", "`" + db + "@main`.orders", "`" + db + "/main`.`orders`");
  }

  /** Statements whose effect doltsync cannot read: refused on every branch, since they may name the mirrored one. */
  private static List<String> unreadable() {
    String mirrored = "`" + db + "/main`";
    return List.of(
        "DO RELEASE_LOCK('x')",
        "FLUSH TABLES",
        "EXECUTE never_prepared",
        "SET @s = 'DELETE FROM " + mirrored + ".orders'; PREPARE p FROM @s; SELECT 1 FROM dolt_log; EXECUTE p",
        "CALL my_procedure(1)",
        "CALL " + mirrored + ".my_procedure(1)",
        "CALL " + mirrored + ".dolt_reset('--hard')",
        "CREATE TABLE " + mirrored + ".sneaky (id INT PRIMARY KEY)");
  }

  /** The writes of the mirrored branch a session elsewhere (another branch, a detached head) can name. */
  static Set<String> offBranchCorpus() {
    List<String> writes = new ArrayList<>();
    for (String template : TABLE_WRITES) {
      for (String table : branchQualifiedMirroredTables()) {
        writes.add(template.replace("%t", table));
      }
    }
    writes.addAll(unreadable());
    Set<String> corpus = new LinkedHashSet<>(writes);
    for (String write : writes) {
      for (UnaryOperator<String> wrapper : wrappers(write)) {
        corpus.add(wrapper.apply(write));
      }
    }
    return corpus;
  }

  /** Every generated statement: the unwrapped writes and rewritten calls first, then the wrapped writes. */
  static Set<String> corpus() {
    Set<String> corpus = new LinkedHashSet<>();
    List<String> writes = new ArrayList<>();
    for (String template : TABLE_WRITES) {
      for (String table : mirroredTables()) {
        writes.add(template.replace("%t", table));
      }
    }
    writes.addAll(otherWrites());
    corpus.addAll(writes);
    corpus.addAll(rewrittenWithTrailingText());
    for (String write : writes) {
      for (UnaryOperator<String> wrapper : wrappers(write)) {
        corpus.add(wrapper.apply(write));
      }
    }
    return corpus;
  }

  /** The statements to run: all unwrapped ones plus a seeded sample of the wrapped ones, {@link #SIZE} in all. */
  private static List<String> selection(Set<String> corpus) {
    return selection(corpus, TABLE_WRITES.size() * mirroredTables().size() + otherWrites().size()
        + rewrittenWithTrailingText().size(), SIZE);
  }

  /** The first {@code unwrapped} statements of the corpus plus a seeded sample of the rest, {@code size} in all. */
  private static List<String> selection(Set<String> corpus, int unwrapped, int size) {
    List<String> all = new ArrayList<>(corpus);
    if (size <= 0 || size >= all.size()) {
      return all;
    }
    List<String> wrapped = new ArrayList<>(all.subList(unwrapped, all.size()));
    Collections.shuffle(wrapped, new Random(SEED));
    List<String> selected = new ArrayList<>(all.subList(0, unwrapped));
    selected.addAll(wrapped.subList(0, Math.max(0, size - unwrapped)));
    return selected;
  }

  /** The off-branch statements to run: every unwrapped one plus a seeded sample, a fifth of {@link #SIZE}. */
  private static List<String> offBranchSelection() {
    return selection(offBranchCorpus(), TABLE_WRITES.size() * branchQualifiedMirroredTables().size()
        + unreadable().size(), SIZE / 5);
  }

  @Test
  void everyWriteOfTheMirroredBranchIsRefusedAndNothingChanges() throws Exception {
    List<String> corpus = selection(corpus());
    String head = fixture.hashOf("main");
    String working = fixture.query("SELECT @@" + db + "_working");
    VersioningSession session = fixture.session();

    assertAllRefused(session, corpus);

    assertThat(corpus()).hasSizeGreaterThan(1000);
    assertThat(corpus).hasSize(SIZE <= 0 ? corpus().size() : Math.min(SIZE, corpus().size()));
    assertMirroredBranchUnchanged(head, working);
  }

  @Test
  void fromAnotherBranchEveryWriteNamingTheMirroredBranchAndEveryUnreadableStatementIsRefused() throws Exception {
    List<String> corpus = offBranchSelection();
    String head = fixture.hashOf("main");
    String working = fixture.query("SELECT @@" + db + "_working");
    VersioningSession session = fixture.session();
    run(session, "USE `" + db + "/feature`");

    assertAllRefused(session, corpus);

    assertThat(value(run(session, "SELECT ACTIVE_BRANCH()"))).isEqualTo("feature");
    assertMirroredBranchUnchanged(head, working);
  }

  @Test
  void fromADetachedHeadEveryWriteNamingTheMirroredBranchAndEveryUnreadableStatementIsRefused() throws Exception {
    List<String> corpus = offBranchSelection();
    String head = fixture.hashOf("main");
    String working = fixture.query("SELECT @@" + db + "_working");
    VersioningSession session = fixture.session();
    run(session, "SET @@" + db + "_head = HASHOF('feature')");
    assertThat(session.isDetached()).isTrue();

    assertAllRefused(session, corpus);

    assertThat(session.isDetached()).isTrue();
    assertMirroredBranchUnchanged(head, working);
  }

  @Test
  void aTextPreparedFromAVariableOnAnotherBranchIsRefusedAtExecute() throws Exception {
    String head = fixture.hashOf("main");
    VersioningSession session = fixture.session();
    run(session, "USE `" + db + "/feature`");
    run(session, "SET @s = 'DELETE FROM `" + db + "/main`.orders'");
    run(session, "PREPARE p FROM @s");
    run(session, "SELECT 1 FROM dolt_log");

    assertThatThrownBy(() -> run(session, "EXECUTE p")).isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("written only by doltsync's mirror");
    assertThat(fixture.query("SELECT COUNT(*) FROM orders")).isEqualTo("2");
    assertThat(fixture.hashOf("main")).isEqualTo(head);
  }

  /** Runs each statement on the session and fails listing those not refused by the guard. */
  private static void assertAllRefused(VersioningSession session, List<String> corpus) {
    List<String> accepted = new ArrayList<>();
    List<String> unclear = new ArrayList<>();
    for (String sql : corpus) {
      try {
        run(session, sql);
        accepted.add(sql);
      } catch (SQLSyntaxErrorException e) {
        if (!"42000".equals(e.getSQLState()) || !(e.getMessage().contains("written only by doltsync's mirror")
            || e.getMessage().contains("must be the only statement"))) {
          unclear.add(sql + " -> " + e.getMessage());
        }
      } catch (SQLException e) {
        unclear.add(sql + " -> " + e.getClass().getSimpleName() + " " + e.getSQLState() + ": " + e.getMessage());
      }
    }
    if (!accepted.isEmpty() || !unclear.isEmpty()) {
      fail("accepted: " + String.join("\n  ", accepted) + "\nnot refused by the guard: " + String.join("\n  ", unclear));
    }
  }

  private static void assertMirroredBranchUnchanged(String head, String working) throws SQLException {
    assertThat(fixture.hashOf("main")).isEqualTo(head);
    assertThat(fixture.query("SELECT @@" + db + "_working")).isEqualTo(working);
    assertThat(fixture.queryRows("SELECT * FROM dolt_status")).isEmpty();
  }

  @Test
  void theSameWrapperShapesRunOnAnotherBranch() throws Exception {
    VersioningSession session = fixture.session();
    String table = "`" + db + "/feature`.orders";
    run(session, "WITH c AS (SELECT 1 AS one) INSERT INTO " + table + " VALUES (7, 'lime', 1)");
    run(session, "WITH c AS (SELECT 8 AS eight) UPDATE " + table + " SET qty = (SELECT eight FROM c) WHERE id = 7");
    run(session, "/* c */ DELETE FROM " + table + " WHERE id = 2;");

    assertThat(fixture.queryRows("SELECT id, qty FROM " + table + " ORDER BY id"))
        .containsExactly(List.of("1", "3"), List.of("7", "8"));
    assertThat(fixture.query("SELECT COUNT(*) FROM orders")).isEqualTo("2");
  }

  @Test
  void fromTheFeatureBranchItsOwnTablesAreStillWritten() throws Exception {
    VersioningSession session = fixture.session();
    run(session, "USE `" + db + "/feature`");
    run(session, "INSERT INTO orders VALUES (20, 'plum', 4)");
    run(session, "UPDATE `" + db + "/feature`.orders SET qty = 6 WHERE id = 20");
    run(session, "PREPARE q FROM 'DELETE FROM orders WHERE id = 20'");
    assertThat(fixture.query("SELECT qty FROM `" + db + "/feature`.orders WHERE id = 20")).isEqualTo("6");
    run(session, "EXECUTE q");

    assertThat(fixture.query("SELECT COUNT(*) FROM `" + db + "/feature`.orders WHERE id = 20")).isEqualTo("0");
    assertThat(fixture.query("SELECT COUNT(*) FROM orders WHERE id = 20")).isEqualTo("0");
  }
}
