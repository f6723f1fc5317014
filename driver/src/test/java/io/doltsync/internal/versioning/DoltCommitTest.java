package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.rows;
import static io.doltsync.internal.versioning.DoltFixture.run;
import static io.doltsync.internal.versioning.DoltFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.spi.CommitMetadata;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code DOLT_COMMIT()}, procedure and function: commits the current primary transaction through the mirror. */
class DoltCommitTest {

  private static DoltFixture fixture;

  @BeforeAll
  static void createDatabase() throws Exception {
    fixture = DoltFixture.create("vs_commit");
  }

  @AfterAll
  static void close() throws Exception {
    fixture.close();
  }

  @Test
  void procedureCommitsThePrimaryTransactionWithAuthorAndMessage() throws Exception {
    VersioningSession session = fixture.session();
    fixture.mirror.stage("INSERT INTO orders VALUES (10, 'kiwi', 1)");

    DoltResult result = run(session, "CALL DOLT_COMMIT('-m', 'kiwi arrives', '--author', 'Ann Smith <ann@example.org>')");

    assertThat(result.resultSet().getMetaData().getColumnLabel(1)).isEqualTo("hash");
    String hash = value(result);
    assertThat(hash).isEqualTo(fixture.hashOf("main"));
    assertThat(fixture.commitInfo(hash)).containsExactly("Ann Smith", "ann@example.org", "kiwi arrives");
    assertThat(fixture.query("SELECT item FROM orders AS OF '" + hash + "' WHERE id = 10")).isEqualTo("kiwi");
    assertThat(lastReceived()).isEqualTo(new CommitMetadata("Ann Smith", "ann@example.org", "kiwi arrives"));
  }

  @Test
  void functionFormWithCombinedFlags() throws Exception {
    VersioningSession session = fixture.session();
    fixture.mirror.stage("INSERT INTO orders VALUES (11, 'lime', 2)");

    DoltResult result = run(session, "SELECT DOLT_COMMIT('-am', 'lime arrives')");

    assertThat(result.resultSet().getMetaData().getColumnLabel(1)).isEqualTo("hash");
    String hash = value(result);
    assertThat(hash).isEqualTo(fixture.hashOf("main"));
    assertThat(fixture.commitInfo(hash).get(2)).isEqualTo("lime arrives");
    assertThat(lastReceived()).isEqualTo(CommitMetadata.message("lime arrives"));
  }

  @Test
  void functionFormInsideAnExpression() throws Exception {
    VersioningSession session = fixture.session();
    fixture.mirror.stage("INSERT INTO orders VALUES (12, 'fig', 2)");

    run(session, "SET @made = DOLT_COMMIT('-Am', 'fig arrives', '--author', 'Bo <bo@example.org>')");

    String hash = value(run(session, "SELECT @made"));
    assertThat(hash).isEqualTo(fixture.hashOf("main"));
    assertThat(fixture.commitInfo(hash)).containsExactly("Bo", "bo@example.org", "fig arrives");
  }

  @Test
  void aliasNamesTheColumnOfTheFunctionForm() throws Exception {
    VersioningSession session = fixture.session();
    fixture.mirror.stage("INSERT INTO orders VALUES (13, 'date', 2)");

    DoltResult result = run(session, "SELECT DOLT_COMMIT('-m', 'date arrives') AS made");

    assertThat(result.resultSet().getMetaData().getColumnLabel(1)).isEqualTo("made");
    assertThat(value(result)).isEqualTo(fixture.hashOf("main"));
  }

  @Test
  void preparedCallTakesItsValuesFromTheParameters() throws Exception {
    VersioningSession session = fixture.session();
    fixture.mirror.stage("INSERT INTO orders VALUES (14, 'yuzu', 2)");
    String sql = "CALL DOLT_COMMIT('-m', ?, '--author', ?)";
    try (PreparedStatement prepared = session.connection().prepareStatement(sql)) {
      prepared.setString(1, "yuzu arrives");
      prepared.setString(2, "Cy <cy@example.org>");

      String hash = value(session.execute(sql, List.of("yuzu arrives", "Cy <cy@example.org>"), prepared));

      assertThat(fixture.commitInfo(hash)).containsExactly("Cy", "cy@example.org", "yuzu arrives");
    }
  }

  @Test
  void allowEmptyMakesACommitWithoutChanges() throws Exception {
    VersioningSession session = fixture.session();
    String before = fixture.hashOf("main");

    String hash = value(run(session, "CALL DOLT_COMMIT('-Am', 'checkpoint', '--allow-empty')"));

    assertThat(fixture.parents(hash)).containsExactly(before);
    assertThat(fixture.mirror.allowEmptyReceived()).last().isEqualTo(true);
  }

  @Test
  void nothingToCommitIsAnErrorUnlessSkipEmpty() throws Exception {
    VersioningSession session = fixture.session();
    String before = fixture.hashOf("main");

    assertThatThrownBy(() -> run(session, "CALL DOLT_COMMIT('-am', 'nothing')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("nothing to commit");
    assertThat(rows(run(session, "CALL DOLT_COMMIT('-am', 'nothing', '--skip-empty')"))).isEmpty();
    assertThat(fixture.hashOf("main")).isEqualTo(before);
  }

  @Test
  void optionsDoltsyncCannotHonourAreRefused() throws Exception {
    VersioningSession session = fixture.session();

    assertThatThrownBy(() -> run(session, "CALL DOLT_COMMIT('--amend', '-m', 'rewrite history')"))
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessageContaining("--amend");
    assertThatThrownBy(() -> run(session, "CALL DOLT_COMMIT('-m', 'x', '--author', 'nobody')"))
        .hasMessageContaining("Author not formatted correctly");
  }

  @Test
  void branchOptionNamingAnotherBranchIsDoltsOwnCommitThere() throws Exception {
    VersioningSession session = fixture.session();
    int callsBefore = fixture.mirror.received().size();
    run(session, "CALL dolt_branch('sandbox')");
    run(session, "INSERT INTO `" + fixture.database + "/sandbox`.orders VALUES (20, 'quince', 1)");

    String hash = value(run(session, "CALL DOLT_COMMIT('--branch', 'sandbox', '-am', 'quince in the sandbox')"));

    assertThat(fixture.hashOf("sandbox")).isEqualTo(hash);
    assertThat(fixture.commitInfo(hash).get(2)).isEqualTo("quince in the sandbox");
    assertThat(fixture.mirror.received()).hasSize(callsBefore);
  }

  private static CommitMetadata lastReceived() {
    List<CommitMetadata> received = fixture.mirror.received();
    return received.get(received.size() - 1);
  }
}
