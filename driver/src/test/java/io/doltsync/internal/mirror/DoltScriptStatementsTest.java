package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.DoltDatabases;
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
      DoltDatabases.drop(database);
    }
  }

  /**
   * With {@code allowMultiQueries}, every queued statement goes in one text; a text in which Dolt refuses a
   * statement is a lost connection (the statements after the refused one ran, and their results would be read
   * as answers to later commands), nothing of it is committed, and the statements then go one by one until a
   * commit. Random statement sequences, each with or without one refused statement at a random place.
   */
  @Test
  void aMultiStatementTextCarriesEveryStatementAndARefusedOneIsALostConnectionThatCommitsNothing() throws Exception {
    String database = TestServers.createDoltDatabase("multi");
    java.util.Random random = new java.util.Random(20261206);
    try {
      try (Connection setup = TestServers.dolt(database); Statement ddl = setup.createStatement()) {
        ddl.execute("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)");
        ddl.execute("CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)");
        ddl.execute("CALL dolt_commit('-Am', 'tables')");
      }
      DoltScript.Shape intoA = new DoltScript.Shape("REPLACE INTO a (id, v) VALUES ", "(?, ?)", ", ", "", 500);
      DoltScript.Shape intoB = new DoltScript.Shape("REPLACE INTO b (id, v) VALUES ", "(?, ?)", ", ", "", 500);
      java.util.Map<Integer, String> committedA = new java.util.HashMap<>();
      for (int round = 0; round < 12; round++) {
        boolean refuse = random.nextBoolean();
        int statements = 2 + random.nextInt(5);
        int refusedAt = random.nextInt(statements);
        DoltScript script = new DoltScript(true);
        java.util.Map<Integer, String> writtenA = new java.util.HashMap<>();
        try (Connection dolt = java.sql.DriverManager.getConnection(TestServers.doltUrl(database)
            + "?allowMultiQueries=true&useLocalTransactionState=true", "root", "")) {
          dolt.setAutoCommit(false);
          for (int i = 0; i < statements; i++) {
            int id = random.nextInt(20);
            String v = "r" + round + "s" + i;
            if (refuse && i == refusedAt) {
              script.add("a", "REPLACE INTO a (id, v) VALUES (?, NULL)", List.of(id));
            } else if (random.nextBoolean()) {
              script.addRows("a", intoA, List.<Object[]>of(new Object[] {id, v}));
              writtenA.put(id, v);
            } else {
              script.add("b", "DELETE FROM b WHERE id = ?", List.of(id));
              script.addRows("b", intoB, List.<Object[]>of(new Object[] {id, v}));
            }
          }
          if (!refuse) {
            assertThat(script.flush(dolt)).as("one text").isEqualTo(1);
            try (Statement commit = dolt.createStatement()) {
              commit.execute("CALL dolt_commit('-A', '--allow-empty', '-m', 'round')");
            }
            dolt.commit();
            script.committed();
            committedA.putAll(writtenA);
            assertThat(script.sendsTexts()).isTrue();
          } else {
            assertThatThrownBy(() -> script.flush(dolt)).isInstanceOf(java.sql.SQLTransientConnectionException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"))
                .satisfies(e -> assertThat(ApplyFailures.classify(e)).isEqualTo(ApplyFailures.Kind.TRANSIENT));
            assertThat(script.sendsTexts()).as("one by one until a commit").isFalse();
          }
        }
        try (Connection check = TestServers.dolt(database)) {
          for (int id = 0; id < 20; id++) {
            assertThat(value(check, "a", id)).as("round %d, a.id %d", round, id).isEqualTo(committedA.get(id));
          }
        }
      }
      // statements over the text budget (a group commit's) go one per round trip
      try (Connection dolt = java.sql.DriverManager.getConnection(TestServers.doltUrl(database)
          + "?allowMultiQueries=true", "root", "")) {
        DoltScript script = new DoltScript(true);
        String large = "y".repeat((int) (DoltScript.MAX_TEXT_BYTES / 3) + 1);
        script.add("a", "UPDATE a SET v = ? WHERE id = -1", List.of(large));
        script.addRows("b", intoB, List.<Object[]>of(new Object[] {200, "z"}));
        assertThat(script.flush(dolt)).as("over the budget: one by one").isEqualTo(2);
        assertThat(script.sendsTexts()).isTrue();
        script.addRows("a", intoA, List.<Object[]>of(new Object[] {201, "z"}));
        script.addRows("b", intoB, List.<Object[]>of(new Object[] {201, "z"}));
        assertThat(script.flush(dolt)).as("within it: one text").isEqualTo(1);
        assertThat(value(dolt, "a", 201)).isEqualTo("z");
        assertThat(value(dolt, "b", 200)).isEqualTo("z");
      }
      try (Connection dolt = TestServers.dolt(database); Statement cleanup = dolt.createStatement()) {
        cleanup.execute("DELETE FROM a WHERE id > 100");
        cleanup.execute("DELETE FROM b WHERE id > 100");
      }

      // a refused text whose statements then succeed one by one: this connection does not take texts
      DoltScript script = new DoltScript(true);
      try (Connection dolt = java.sql.DriverManager.getConnection(TestServers.doltUrl(database)
          + "?allowMultiQueries=false", "root", "")) {
        dolt.setAutoCommit(false);
        script.addRows("a", intoA, List.<Object[]>of(new Object[] {100, "x"}));
        script.addRows("b", intoB, List.<Object[]>of(new Object[] {100, "y"}));
        assertThatThrownBy(() -> script.flush(dolt)).isInstanceOf(java.sql.SQLTransientConnectionException.class);
      }
      try (Connection dolt = TestServers.dolt(database)) {
        dolt.setAutoCommit(false);
        script.addRows("a", intoA, List.<Object[]>of(new Object[] {100, "x"}));
        script.addRows("b", intoB, List.<Object[]>of(new Object[] {100, "y"}));
        assertThat(script.flush(dolt)).as("one by one").isEqualTo(2);
        dolt.commit();
        script.committed();
        assertThat(script.sendsTexts()).as("texts given up").isFalse();
        assertThat(value(dolt, "b", 100)).isEqualTo("y");
      }
    } finally {
      DoltDatabases.drop(database);
    }
  }

  private static String value(Connection dolt, String table, int id) throws SQLException {
    try (Statement select = dolt.createStatement();
        java.sql.ResultSet rs = select.executeQuery("SELECT v FROM " + table + " WHERE id = " + id)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String value(Connection dolt, int id) throws SQLException {
    try (Statement select = dolt.createStatement();
        java.sql.ResultSet rs = select.executeQuery("SELECT v FROM t WHERE id = " + id)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
