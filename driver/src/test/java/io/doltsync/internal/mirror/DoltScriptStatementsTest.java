package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The script's prepared statements on a real Dolt connection: one kept per SQL text and reused entry after
 * entry, at most {@link DoltScript#CACHED_STATEMENTS}, dropped when the statement fails, on a reset and when
 * the script is used on another connection, and the statements still write what they are given.
 */
class DoltScriptStatementsTest {

  @Test
  void statementsAreKeptPerTextAndDroppedOnFailureResetAndAnotherConnection() throws Exception {
    String database = TestServers.createDoltDatabase("script");
    try (Connection dolt = TestServers.dolt(database); Statement ddl = dolt.createStatement()) {
      ddl.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
      DoltScript script = new DoltScript();
      DoltScript.Shape replace = new DoltScript.Shape("REPLACE INTO t (id, v) VALUES ", "(?, ?)", ", ", "", 500);
      for (int i = 0; i < 5; i++) {
        script.addRows("t", replace, List.<Object[]>of(new Object[] {i % 2, "v" + i}));
        assertThat(script.flush(dolt)).isEqualTo(1);
      }
      assertThat(script.cachedStatements()).isEqualTo(1);
      assertThat(value(dolt, 0)).isEqualTo("v4");
      assertThat(value(dolt, 1)).isEqualTo("v3");

      for (int i = 0; i < DoltScript.CACHED_STATEMENTS + 6; i++) {
        script.add("t", "UPDATE t SET v = ? WHERE id = " + (1000 + i), List.of("x"));
      }
      script.flush(dolt);
      assertThat(script.cachedStatements()).isEqualTo(DoltScript.CACHED_STATEMENTS);

      script.add("t", "REPLACE INTO missing_table (id) VALUES (?)", List.of(1));
      assertThatThrownBy(() -> script.flush(dolt)).isInstanceOf(SQLException.class);
      assertThat(script.cachedStatements()).isEqualTo(DoltScript.CACHED_STATEMENTS - 1);
      script.addRows("t", replace, List.<Object[]>of(new Object[] {7, "after a failure"}));
      script.flush(dolt);
      assertThat(value(dolt, 7)).isEqualTo("after a failure");

      script.reset();
      assertThat(script.cachedStatements()).isZero();
      try (Connection other = TestServers.dolt(database)) {
        script.addRows("t", replace, List.<Object[]>of(new Object[] {8, "other"}));
        script.flush(dolt);
        script.addRows("t", replace, List.<Object[]>of(new Object[] {9, "other"}));
        script.add("t", "DELETE FROM t WHERE id = ?", List.of(0));
        script.flush(other);
        assertThat(script.cachedStatements()).as("only the other connection's statements").isEqualTo(2);
        assertThat(value(other, 9)).isEqualTo("other");
        assertThat(value(other, 0)).isNull();
      }
    } finally {
      try (Connection connection = TestServers.dolt(); Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
      }
    }
  }

  private static String value(Connection dolt, int id) throws SQLException {
    try (Statement select = dolt.createStatement();
        java.sql.ResultSet rs = select.executeQuery("SELECT v FROM t WHERE id = " + id)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
