package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one helper that runs an application statement's text on Dolt (versioning SQL and lineage replays):
 * values bound, statement settings applied, statements closed when their result is not a result set or
 * when they fail, a query stopped by its timeout reported as JDBC says. Against the real Dolt test server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoltStatementRunnerTest {

  private String database;
  private Connection dolt;

  @BeforeAll
  void createTable() throws SQLException {
    database = TestServers.createDoltDatabase("runner");
    dolt = TestServers.dolt(database);
    try (Statement statement = dolt.createStatement()) {
      statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
      statement.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }
  }

  @AfterAll
  void drop() throws SQLException {
    dolt.close();
    TestServers.dropDoltDatabase(database);
  }

  @Test
  void boundValuesSelectRowsAndTheStatementClosesWithItsResultSet() throws SQLException {
    for (int id = 1; id <= 3; id++) {
      DoltResult result = DoltStatementRunner.execute(dolt, "SELECT name FROM t WHERE id = ?", List.of(id),
          StatementSettings.DEFAULTS);
      assertThat(result.updateCount()).isEqualTo(-1);
      ResultSet rows = result.resultSet();
      Statement statement = rows.getStatement();
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(List.of("one", "two", "three").get(id - 1));
      rows.close();
      assertThat(statement.isClosed()).isTrue();
    }
  }

  @Test
  void textWithoutValuesRunsAsAPlainStatement() throws SQLException {
    DoltResult result = DoltStatementRunner.execute(dolt, "SELECT COUNT(*) FROM t WHERE name LIKE '%?%'", List.of(),
        StatementSettings.DEFAULTS);
    try (ResultSet rows = result.resultSet()) {
      rows.next();
      assertThat(rows.getLong(1)).isZero();
    }
  }

  @Test
  void anUpdateGivesItsCountAndLeavesNoStatementOpen() throws SQLException {
    DoltResult result = DoltStatementRunner.execute(dolt, "UPDATE t SET name = ? WHERE id >= ?",
        List.of("many", 2), StatementSettings.DEFAULTS);
    assertThat(result.resultSet()).isNull();
    assertThat(result.updateCount()).isEqualTo(2);
    List<String> names = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM t ORDER BY id")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    DoltStatementRunner.execute(dolt, "UPDATE t SET name = CASE id WHEN 2 THEN 'two' ELSE 'three' END WHERE id >= 2",
        List.of(), StatementSettings.DEFAULTS);
    assertThat(names).containsExactly("one", "many", "many");
  }

  @Test
  void aFailureReachesTheCallerAndTheSettingsForgetTheStatement() {
    StatementSettings settings = new StatementSettings();
    assertThatThrownBy(() -> DoltStatementRunner.execute(dolt, "SELECT nope FROM t WHERE id = ?", List.of(1), settings))
        .isInstanceOf(SQLException.class).hasMessageContaining("nope");
    assertThat(settingsRunning(settings)).isFalse();
  }

  @Test
  void aQueryStoppedByItsTimeoutIsAnSqlTimeoutException() {
    StatementSettings settings = new StatementSettings();
    settings.queryTimeout(1);
    assertThatThrownBy(() -> DoltStatementRunner.execute(dolt, "SELECT SLEEP(?)", List.of(5), settings))
        .isInstanceOf(SQLTimeoutException.class).hasFieldOrPropertyWithValue("SQLState", "HYT00");
  }

  private static boolean settingsRunning(StatementSettings settings) {
    try {
      return settings.cancel();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
