package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.rows;
import static io.doltsync.internal.versioning.DoltFixture.run;
import static io.doltsync.internal.versioning.DoltFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.jdbc.wrapper.DoltResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain Dolt SQL runs on Dolt unchanged. */
class PassthroughTest {

  private static DoltFixture fixture;
  private static String first;
  private static String second;

  @BeforeAll
  static void createDatabase() throws Exception {
    fixture = DoltFixture.create("vs_pass");
    first = fixture.hashOf("main");
    second = fixture.mirror.mirror("UPDATE orders SET qty = 30 WHERE id = 1");
  }

  @AfterAll
  static void close() throws Exception {
    fixture.close();
  }

  @Test
  void asOfReadsAnEarlierCommit() throws Exception {
    VersioningSession session = fixture.session();

    assertThat(value(run(session, "SELECT qty FROM orders AS OF 'main~1' WHERE id = 1"))).isEqualTo("3");
    assertThat(value(run(session, "SELECT qty FROM orders AS OF '" + second + "' WHERE id = 1"))).isEqualTo("30");
  }

  @Test
  void systemTablesAndTableFunctions() throws Exception {
    VersioningSession session = fixture.session();

    assertThat(rows(run(session, "SELECT commit_hash FROM dolt_log LIMIT 2")))
        .containsExactly(List.of(second), List.of(first));
    assertThat(rows(run(session, "SELECT diff_type, from_qty, to_qty FROM dolt_diff('main~1', 'main', 'orders')")))
        .containsExactly(List.of("modified", "3", "30"));
    assertThat(rows(run(session, "SELECT to_qty FROM dolt_diff_orders WHERE to_commit = '" + second + "'")))
        .containsExactly(List.of("30"));
  }

  @Test
  void doltFunctionsAndHeadVariables() throws Exception {
    VersioningSession session = fixture.session();

    assertThat(value(run(session, "SELECT HASHOF('main')"))).isEqualTo(second);
    assertThat(value(run(session, "SELECT DOLT_HASHOF('main~1')"))).isEqualTo(first);
    assertThat(value(run(session, "SELECT @@" + fixture.database + "_head"))).isEqualTo(second);
    assertThat(rows(run(session, "SELECT ACTIVE_BRANCH(), HAS_ANCESTOR('main', '" + first + "'),"
        + " DOLT_MERGE_BASE('main', 'main~1')")))
        .containsExactly(List.of("main", "1", first));
    assertThat(session.isDetached()).isFalse();
  }

  @Test
  void revisionDatabases() throws Exception {
    VersioningSession session = fixture.session();
    String db = fixture.database;

    assertThat(value(run(session, "SELECT qty FROM `" + db + "/main`.orders WHERE id = 1"))).isEqualTo("30");
    assertThat(value(run(session, "SELECT qty FROM `" + db + "@" + first + "`.orders WHERE id = 1"))).isEqualTo("3");
  }

  @Test
  void writesToAnotherBranchThroughARevisionName() throws Exception {
    VersioningSession session = fixture.session();
    String db = fixture.database;

    run(session, "CALL dolt_branch('whatif')");
    DoltResult inserted = run(session, "INSERT INTO `" + db + "/whatif`.orders VALUES (3, 'plum', 1)");
    String commit = value(run(session, "CALL dolt_commit('--branch', 'whatif', '-am', 'plum on whatif')"));

    assertThat(inserted.updateCount()).isEqualTo(1);
    assertThat(fixture.hashOf("whatif")).isEqualTo(commit);
    assertThat(fixture.query("SELECT COUNT(*) FROM orders")).isEqualTo("2");
    assertThat(fixture.query("SELECT item FROM `" + db + "/whatif`.orders WHERE id = 3")).isEqualTo("plum");
  }

  @Test
  void preparedStatementsAreLeftToTheCaller() throws Exception {
    VersioningSession session = fixture.session();
    String sql = "SELECT qty FROM orders AS OF ? WHERE id = ?";
    try (PreparedStatement prepared = session.connection().prepareStatement(sql)) {
      prepared.setString(1, first);
      prepared.setInt(2, 1);

      assertThat(session.execute(sql, List.of(first, 1), prepared)).isNull();
      try (ResultSet rows = prepared.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(3);
      }
    }
  }
}
