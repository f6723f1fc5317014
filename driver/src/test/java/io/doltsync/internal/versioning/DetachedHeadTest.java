package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.rows;
import static io.doltsync.internal.versioning.DoltFixture.run;
import static io.doltsync.internal.versioning.DoltFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.TestServers;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 2020 detached head: {@code SET @@<db>_head}, {@code COMMIT()}, {@code MERGE()} and the writable
 * {@code dolt_branches}, including the flows of the 2020 post "Introducing Dolt CLI in SQL" verbatim
 * (modulo quoting). Branch {@code master} there is a branch of the user's; {@code main} is the mirrored one.
 */
class DetachedHeadTest {

  private DoltFixture fixture;
  private String db;
  private VersioningSession session;

  @BeforeEach
  void createDatabase() throws Exception {
    fixture = DoltFixture.create("vs_head");
    db = fixture.database;
    session = fixture.session();
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void seedFlowCompareAndSwapOfMasterWithCommit() throws Exception {
    fixture.execute("CALL dolt_branch('master')");
    String masterBefore = fixture.hashOf("master");
    String mainBefore = fixture.hashOf("main");

    run(session, "USE " + db);
    run(session, "SET @@" + db + "_head = HASHOF(\"master\")");
    run(session, "UPDATE orders SET item = \"new value\" WHERE id = 1");
    long moved = run(session, "UPDATE dolt_branches SET hash = COMMIT(\"modified something\")"
        + " WHERE name == \"master\" and hash == @@" + db + "_head").updateCount();
    run(session, "SET @@" + db + "_head = HASHOF(\"master\")");

    String master = fixture.hashOf("master");
    assertThat(moved).isEqualTo(1);
    assertThat(fixture.commitInfo(master).get(2)).isEqualTo("modified something");
    assertThat(fixture.parents(master)).containsExactly(masterBefore);
    assertThat(fixture.query("SELECT item FROM `" + db + "/master`.orders WHERE id = 1")).isEqualTo("new value");
    assertThat(value(run(session, "SELECT @@" + db + "_head"))).isEqualTo(master);
    assertThat(fixture.hashOf("main")).isEqualTo(mainBefore);
    assertThat(fixture.query("SELECT item FROM orders WHERE id = 1")).isEqualTo("apple");
  }

  @Test
  void seedFlowMergeWhenMasterMovedMeanwhile() throws Exception {
    fixture.execute("CALL dolt_branch('master')");
    run(session, "SET @@" + db + "_head = HASHOF('master')");
    run(session, "UPDATE orders SET item = 'detached edit' WHERE id = 1");
    fixture.execute("UPDATE `" + db + "/master`.orders SET qty = 99 WHERE id = 2",
        "CALL dolt_commit('--branch', 'master', '-am', 'someone else')");
    String theirs = fixture.hashOf("master");

    long moved = run(session, "UPDATE dolt_branches SET hash = COMMIT('-m', 'my edit')"
        + " WHERE name = 'master' AND hash = @@" + db + "_head").updateCount();
    String mine = value(run(session, "SELECT @@" + db + "_head"));
    run(session, "SET @@" + db + "_head = MERGE('master')");
    long written = run(session, "INSERT INTO dolt_branches (name, hash) VALUES (\"master\", @@" + db + "_head)")
        .updateCount();

    String merged = fixture.hashOf("master");
    assertThat(moved).isZero();
    assertThat(fixture.hashOf("master")).isNotEqualTo(theirs);
    assertThat(written).isEqualTo(1);
    assertThat(fixture.parents(merged)).containsExactly(mine, theirs);
    assertThat(fixture.queryRows("SELECT item, qty FROM `" + db + "/master`.orders ORDER BY id"))
        .containsExactly(List.of("detached edit", "3"), List.of("pear", "99"));
  }

  @Test
  void seedFlowNewBranchFromDetachedCommit() throws Exception {
    String mainBefore = fixture.hashOf("main");

    run(session, "SET @@" + db + "_head = HASHOF('main')");
    run(session, "INSERT INTO orders VALUES (3, 'plum', 4)");
    run(session, "UPDATE orders SET qty = 0 WHERE id = 2");
    run(session, "SET @@" + db + "_head = COMMIT('-m', 'plums, no pears', '--author', 'Ann <ann@example.org>')");
    run(session, "INSERT INTO dolt_branches (name, hash) VALUES ('newbranch', @@" + db + "_head)");

    String commit = fixture.hashOf("newbranch");
    assertThat(fixture.commitInfo(commit)).containsExactly("Ann", "ann@example.org", "plums, no pears");
    assertThat(fixture.parents(commit)).containsExactly(mainBefore);
    assertThat(fixture.queryRows("SELECT id, qty FROM `" + db + "/newbranch`.orders ORDER BY id"))
        .containsExactly(List.of("1", "3"), List.of("2", "0"), List.of("3", "4"));
    assertThat(fixture.hashOf("main")).isEqualTo(mainBefore);
  }

  @Test
  void detachedReadsSeeTheHeadAndNotLaterCommits() throws Exception {
    String head = fixture.hashOf("main");
    run(session, "SET @@" + db + "_head = '" + head + "'");

    String later = fixture.mirror.mirror("INSERT INTO orders VALUES (3, 'plum', 4)");

    assertThat(value(run(session, "SELECT COUNT(*) FROM orders"))).isEqualTo("2");
    assertThat(value(run(session, "SELECT @@" + db + "_head"))).isEqualTo(head);
    assertThat(fixture.hashOf("main")).isEqualTo(later);
    assertThat(fixture.query("SELECT COUNT(*) FROM orders")).isEqualTo("3");
  }

  @Test
  void commitFunctionMovesOnlyTheHead() throws Exception {
    String head = fixture.hashOf("main");
    run(session, "SET @head = HASHOF('main')");
    run(session, "SET @@" + db + "_head = @head");
    List<List<String>> branchesBefore = fixture.queryRows("SELECT name, hash FROM dolt_branches ORDER BY name");
    run(session, "DELETE FROM orders WHERE id = 2");

    String commit = value(run(session, "SELECT COMMIT('-m', 'no more pears')"));

    assertThat(fixture.parents(commit)).containsExactly(head);
    assertThat(value(run(session, "SELECT @@" + db + "_head"))).isEqualTo(commit);
    assertThat(fixture.queryRows("SELECT name, hash FROM dolt_branches ORDER BY name")
        .stream().filter(row -> !row.get(0).startsWith(DetachedHead.BRANCH_PREFIX)).toList())
        .isEqualTo(branchesBefore.stream().filter(row -> !row.get(0).startsWith(DetachedHead.BRANCH_PREFIX)).toList());
    assertThat(fixture.query("SELECT COUNT(*) FROM orders AS OF '" + commit + "'")).isEqualTo("1");
  }

  @Test
  void commitFunctionCommitsEvenWithoutChanges() throws Exception {
    String head = fixture.hashOf("main");
    run(session, "SET @@" + db + "_head = HASHOF('main')");

    String commit = value(run(session, "SELECT COMMIT('-m', 'marker')"));

    assertThat(commit).isNotEqualTo(head);
    assertThat(fixture.parents(commit)).containsExactly(head);
  }

  @Test
  void doltCommitOnADetachedHeadCommitsTheDetachedWorkingSet() throws Exception {
    run(session, "SET @@" + db + "_head = HASHOF('main')");
    run(session, "INSERT INTO orders VALUES (3, 'plum', 4)");

    String commit = value(run(session, "CALL DOLT_COMMIT('-am', 'plum', '--author', 'Bo <bo@example.org>')"));

    assertThat(value(run(session, "SELECT @@" + db + "_head"))).isEqualTo(commit);
    assertThat(fixture.commitInfo(commit)).containsExactly("Bo", "bo@example.org", "plum");
    assertThat(fixture.mirror.received()).isEmpty();
  }

  @Test
  void nullAndDefaultClearTheHeadAndDeleteItsHiddenBranch() throws Exception {
    run(session, "SET @@" + db + "_head = HASHOF('main')");
    assertThat(session.isDetached()).isTrue();
    assertThat(fixture.branches()).anyMatch(name -> name.startsWith(DetachedHead.BRANCH_PREFIX));

    run(session, "SET @@" + db + "_head = NULL");

    assertThat(session.isDetached()).isFalse();
    assertThat(fixture.branches()).containsExactly("main");
    assertThat(value(run(session, "SELECT ACTIVE_BRANCH()"))).isEqualTo("main");

    run(session, "SET @@session." + db + "_head = HASHOF('main')");
    run(session, "SET @@" + db + "_head = DEFAULT");
    assertThat(session.isDetached()).isFalse();
    assertThat(fixture.branches()).containsExactly("main");
  }

  @Test
  void closingTheSessionDeletesTheHiddenBranch() throws Exception {
    run(session, "SET @@" + db + "_head = HASHOF('main')");

    session.close();

    assertThat(fixture.branches()).containsExactly("main");
  }

  @Test
  void checkingOutABranchLeavesTheDetachedHead() throws Exception {
    fixture.execute("CALL dolt_branch('feature')");
    run(session, "SET @@" + db + "_head = HASHOF('main')");

    run(session, "CALL dolt_checkout('feature')");

    assertThat(session.isDetached()).isFalse();
    assertThat(fixture.branches()).containsExactly("feature", "main");
  }

  @Test
  void usingAnotherDatabaseLeavesTheDetachedHead() throws Exception {
    String other = TestServers.createDoltDatabase("vs_head_other");
    run(session, "SET @@" + db + "_head = HASHOF('main')");

    run(session, "USE " + other);

    assertThat(session.isDetached()).isFalse();
    assertThat(fixture.branches()).containsExactly("main");
    run(session, "DROP DATABASE " + other);
  }

  @Test
  void aHeadWhoseHiddenBranchWasDeletedIsLostOnReconnect() throws Exception {
    run(session, "SET @@" + db + "_head = HASHOF('main')");
    String hidden = fixture.branches().stream().filter(name -> name.startsWith(DetachedHead.BRANCH_PREFIX)).findFirst()
        .orElseThrow();
    fixture.execute("CALL dolt_branch('-D', '" + hidden + "')");
    session.connection().close();

    assertThatThrownBy(() -> run(session, "SELECT COUNT(*) FROM orders"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("the detached head of " + db + " is lost");
    assertThat(session.isDetached()).isFalse();
    assertThat(value(run(session, "SELECT ACTIVE_BRANCH()"))).isEqualTo("main");
  }

  @Test
  void theHeadSurvivesAReconnect() throws Exception {
    run(session, "SET @@" + db + "_head = HASHOF('main')");
    run(session, "INSERT INTO orders VALUES (3, 'plum', 4)");

    session.connection().close();

    assertThat(value(run(session, "SELECT item FROM orders WHERE id = 3"))).isEqualTo("plum");
    assertThat(fixture.query("SELECT COUNT(*) FROM orders")).isEqualTo("2");
  }

  @Test
  void mergeFastForwardsToABranchAhead() throws Exception {
    fixture.execute("CALL dolt_branch('feature')",
        "UPDATE `" + db + "/feature`.orders SET qty = 8 WHERE id = 1",
        "CALL dolt_commit('--branch', 'feature', '-am', 'feature')");
    run(session, "SET @@" + db + "_head = HASHOF('main')");

    String merged = value(run(session, "SELECT MERGE('feature')"));

    assertThat(merged).isEqualTo(fixture.hashOf("feature"));
    assertThat(value(run(session, "SELECT qty FROM orders WHERE id = 1"))).isEqualTo("8");
    assertThat(value(run(session, "SELECT MERGE('feature')"))).isEqualTo(merged);
  }

  @Test
  void mergeConflictIsReportedWithItsTablesAndRows() throws Exception {
    fixture.execute("CALL dolt_branch('feature')",
        "UPDATE `" + db + "/feature`.orders SET item = 'theirs' WHERE id = 1",
        "CALL dolt_commit('--branch', 'feature', '-am', 'theirs')");
    run(session, "SET @@" + db + "_head = HASHOF('main')");
    run(session, "UPDATE orders SET item = 'ours' WHERE id = 1");
    String ours = value(run(session, "SELECT COMMIT('-m', 'ours')"));

    assertThatThrownBy(() -> run(session, "SELECT MERGE('feature')"))
        .isInstanceOfSatisfying(MergeConflictException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("40001");
          assertThat(e.merged()).isEqualTo("feature");
          assertThat(e.conflicts()).containsExactly(
              new MergeConflict("orders", MergeConflict.Kind.DATA, 1, List.of("id=1")));
          assertThat(e.getMessage()).contains("orders: 1 conflicting row [id=1]");
        });

    assertThat(value(run(session, "SELECT @@" + db + "_head"))).isEqualTo(ours);
    assertThat(rows(run(session, "SELECT * FROM dolt_status"))).isEmpty();
    assertThat(value(run(session, "SELECT item FROM orders WHERE id = 1"))).isEqualTo("ours");
  }

  @Test
  void commitAndMergeNeedADetachedHead() {
    assertThatThrownBy(() -> run(session, "SELECT COMMIT('-m', 'x')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("needs a detached head");
    assertThatThrownBy(() -> run(session, "SELECT MERGE('main')"))
        .hasMessageContaining("needs a detached head");
  }
}
