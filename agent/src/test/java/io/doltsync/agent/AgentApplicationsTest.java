package io.doltsync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.agent.apps.LedgerApp;
import io.doltsync.testing.DoltServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applications that know nothing of doltsync, run in a child JVM under {@code -javaagent:doltsync-agent.jar}
 * with their plain JDBC URL: every way of getting a connection mirrors each transaction into Dolt as one commit,
 * with the primary's rows.
 */
class AgentApplicationsTest {

  private static final int TRANSACTIONS = 4;
  private static final String LEDGER = "SELECT id, who, amount FROM ledger ORDER BY id";

  @TempDir
  Path directory;

  @ParameterizedTest(name = "H2 through {0}")
  @ValueSource(strings = {"drivermanager", "hikari", "hikari-datasource", "tomcat", "dbcp2", "c3p0", "datasource"})
  void everyWayOfConnectingToH2Mirrors(String access) throws Exception {
    DoltServer dolt = DoltServer.newDatabase("agent_" + access.replace('-', '_'));
    try {
      String url = Primaries.h2(directory, "ledger");
      String output = ChildJvm.withAgent(null).option("-Ddoltsync.target=" + dolt.targetUrl())
          .option("-Ddoltsync.mode=sync").run(120, LedgerApp.class, access, url, "sa", "", String.valueOf(TRANSACTIONS));

      assertThat(ChildJvm.printed(output, "WRAPPED")).as(output).isEqualTo("true");
      assertMirrored(dolt, Primaries.rows(url, "sa", "", LEDGER));
    } finally {
      dolt.drop();
    }
  }

  @ParameterizedTest(name = "MariaDB through {0}")
  @ValueSource(strings = {"drivermanager", "hikari", "datasource"})
  void mariaDbMirrors(String access) throws Exception {
    DoltServer dolt = DoltServer.newDatabase("agent_maria");
    String database = DoltServer.uniqueName("agent_primary");
    String url = Primaries.mariaDb(database);
    try {
      String output = ChildJvm.withAgent(null).option("-Ddoltsync.target=" + dolt.targetUrl())
          .option("-Ddoltsync.mode=sync").run(120, LedgerApp.class, access, url, Primaries.USER, Primaries.PASSWORD,
              String.valueOf(TRANSACTIONS));

      assertThat(ChildJvm.printed(output, "WRAPPED")).as(output).isEqualTo("true");
      assertMirrored(dolt, Primaries.rows(url, Primaries.USER, Primaries.PASSWORD, LEDGER));
    } finally {
      dolt.drop();
      Primaries.dropMariaDb(database);
    }
  }

  @Test
  void anExcludedUrlIsLeftAlone() throws Exception {
    DoltServer dolt = DoltServer.newDatabase("agent_excluded");
    try {
      String url = Primaries.h2(directory, "excluded");
      String output = ChildJvm.withAgent("doltsync.agent.exclude=jdbc%3Ah2%3A*excluded*")
          .option("-Ddoltsync.target=" + dolt.targetUrl())
          .run(120, LedgerApp.class, "hikari", url, "sa", "", "2");

      assertThat(ChildJvm.printed(output, "WRAPPED")).as(output).isEqualTo("false");
      assertThat(Primaries.rows(url, "sa", "", LEDGER)).hasSize(4);
      assertThat(Primaries.rows("jdbc:mariadb://127.0.0.1:" + DoltServer.port() + "/", "root", "",
          "SHOW DATABASES LIKE '" + dolt.database() + "'")).isEmpty();
    } finally {
      dolt.drop();
    }
  }

  @Test
  void aDoltSyncUrlUnderTheAgentIsWrappedOnce() throws Exception {
    DoltServer dolt = DoltServer.newDatabase("agent_once");
    try {
      String url = Primaries.h2(directory, "once");
      String doltSyncUrl = "jdbc:doltsync:" + url.substring("jdbc:".length()) + ";doltsync.target=" + dolt.targetUrl()
          + ";doltsync.mode=sync";
      String output = ChildJvm.withAgent(null).withDriverOnClassPath()
          .run(120, LedgerApp.class, "hikari", doltSyncUrl, "sa", "", String.valueOf(TRANSACTIONS));

      assertThat(ChildJvm.printed(output, "WRAPPED")).as(output).isEqualTo("true");
      assertMirrored(dolt, Primaries.rows(url, "sa", "", LEDGER));
    } finally {
      dolt.drop();
    }
  }

  /**
   * Dolt has the primary's rows, and one commit per transaction: the table's creation and then each of the
   * application's transactions (a connection wrapped twice would journal and commit each one twice).
   */
  private static void assertMirrored(DoltServer dolt, List<String> primaryRows) throws Exception {
    assertThat(primaryRows).hasSize(2 * TRANSACTIONS);
    assertThat(dolt.awaitRows(LEDGER, rows -> rows.equals(primaryRows))).isEqualTo(primaryRows);
    List<DoltServer.Commit> transactions = dolt.log().stream().filter(DoltServer.Commit::isTransaction).toList();
    assertThat(transactions).as("transaction commits: %s", transactions).hasSize(TRANSACTIONS + 1);
  }
}
