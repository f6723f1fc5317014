package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.run;
import static io.doltsync.internal.versioning.DoltFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mirrored branch {@code main} is written only by the mirror: every other way to write it is refused. */
class MirroredBranchRefusalTest {

  private static DoltFixture fixture;
  private static String db;
  private static String mainHead;
  private static String older;

  @BeforeAll
  static void createDatabase() throws Exception {
    fixture = DoltFixture.create("vs_refuse");
    db = fixture.database;
    older = fixture.hashOf("main");
    mainHead = fixture.mirror.mirror("INSERT INTO orders VALUES (3, 'plum', 4)");
    fixture.execute("CALL dolt_branch('feature')",
        "UPDATE `" + db + "/feature`.orders SET qty = 1 WHERE id = 1",
        "CALL dolt_commit('--branch', 'feature', '-am', 'feature')");
  }

  @AfterAll
  static void close() throws Exception {
    fixture.close();
  }

  @AfterEach
  void mainIsUntouched() throws Exception {
    assertThat(fixture.hashOf("main")).isEqualTo(mainHead);
    assertThat(fixture.queryRows("SELECT * FROM dolt_status")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE dolt_branches SET hash = '%older%' WHERE name = 'main' AND hash = '%main%'",
      "UPDATE dolt_branches SET hash = '%older%' WHERE name = 'main'",
      "INSERT INTO dolt_branches (name, hash) VALUES ('main', '%older%')",
      "DELETE FROM dolt_branches WHERE name = 'main'",
      "INSERT INTO `%db%/main`.orders VALUES (9, 'fig', 1)",
      "UPDATE `%db%@main`.orders SET qty = 0",
      "DELETE FROM `%db%`.orders WHERE id = 1",
      "CREATE TABLE `%db%/main`.sneaky (id INT PRIMARY KEY)",
      "INSERT INTO dolt_ignore VALUES ('tmp_%', 1)",
      "CALL dolt_reset('--hard', 'HEAD~1')",
      "CALL dolt_merge('feature')",
      "CALL dolt_revert('HEAD')",
      "CALL dolt_cherry_pick('feature')",
      "CALL `%db%/main`.dolt_reset('--hard', 'HEAD~1')",
      "CALL dolt_branch('-f', 'main', '%older%')",
      "CALL dolt_branch('-d', 'main')",
      "CALL dolt_branch('-D', 'main')",
      "CALL dolt_branch('-m', 'main', 'renamed')",
      "CALL dolt_branch('-c', '-f', 'feature', 'main')",
      "CALL dolt_checkout('-B', 'main', '%older%')",
      "CALL dolt_checkout('orders')",
      "CALL dolt_checkout('--', 'orders')",
  })
  void refused(String template) {
    VersioningSession session = fixture.session();
    String sql = template.replace("%db%", db).replace("%main%", mainHead).replace("%older%", older);

    assertThatThrownBy(() -> run(session, sql))
        .isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("branch 'main' of database " + db + " is written only by doltsync's mirror")
        .satisfies(e -> assertThat(((SQLSyntaxErrorException) e).getSQLState()).isEqualTo("42000"));
  }

  @Test
  void checkingOutTheMirroredBranchThenWritingIsRefused() throws Exception {
    VersioningSession session = fixture.session();
    run(session, "SET @@" + db + "_head = HASHOF('feature')");

    run(session, "CALL dolt_checkout('main')");

    assertThat(session.isDetached()).isFalse();
    assertThatThrownBy(() -> run(session, "INSERT INTO orders VALUES (9, 'fig', 1)"))
        .isInstanceOf(SQLSyntaxErrorException.class);
  }

  @Test
  void theSameOperationsWorkOnAnotherBranch() throws Exception {
    VersioningSession session = fixture.session();
    String feature = fixture.hashOf("feature");
    run(session, "CALL dolt_branch('scratch', 'feature')");
    run(session, "CALL dolt_checkout('scratch')");

    run(session, "INSERT INTO dolt_ignore VALUES ('tmp_%', 1)");
    run(session, "CALL dolt_reset('--hard', 'HEAD~1')");
    assertThat(fixture.hashOf("scratch")).isEqualTo(mainHead);
    run(session, "CALL dolt_merge('feature')");
    assertThat(fixture.hashOf("scratch")).isEqualTo(feature);
    run(session, "UPDATE orders SET qty = 42 WHERE id = 2");
    run(session, "CALL dolt_checkout('orders')");
    assertThat(value(run(session, "SELECT qty FROM orders WHERE id = 2"))).isEqualTo("5");
    run(session, "CALL dolt_branch('-c', 'scratch', 'scratch_copy')");
    run(session, "INSERT INTO `" + db + "/scratch_copy`.orders VALUES (9, 'fig', 1)");

    assertThat(fixture.hashOf("scratch_copy")).isEqualTo(feature);
    assertThat(fixture.query("SELECT item FROM `" + db + "/scratch_copy`.orders WHERE id = 9")).isEqualTo("fig");
  }
}
