package io.doltsync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import io.doltsync.agent.apps.LedgerApp;
import io.doltsync.testing.DoltServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent attached to a running application: its HikariCP pool, filled before the attach with plain
 * connections, hands out mirroring connections from then on (the pool's classes are retransformed), and the
 * transactions after the attach reach Dolt.
 */
class RuntimeAttachTest {

  @TempDir
  Path directory;

  @Test
  void attachingToARunningApplicationMirrorsItsLaterTransactions() throws Exception {
    DoltServer dolt = DoltServer.newDatabase("agent_attach");
    try {
      String url = Primaries.h2(directory, "attach");
      Path go = directory.resolve("go");
      ChildJvm.Running app = ChildJvm.withoutAgent().start(LedgerApp.class, "hikari", url, "sa", "", "3", go.toString());
      awaitReady(app);

      VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
      try {
        vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "doltsync.target=" + URLEncoder.encode(dolt.targetUrl(), StandardCharsets.UTF_8)
            + "&doltsync.mode=sync");
      } finally {
        vm.detach();
      }
      Files.createFile(go);
      String output = app.finish(120);

      assertThat(output.lines().filter(line -> line.startsWith("WRAPPED ")).toList())
          .as(output).containsExactly("WRAPPED false", "WRAPPED true");
      List<String> primary = Primaries.rows(url, "sa", "", "SELECT id, who, amount FROM ledger ORDER BY id");
      assertThat(primary).hasSize(6);
      assertThat(dolt.awaitRows("SELECT id, who, amount FROM ledger ORDER BY id", rows -> rows.equals(primary)))
          .isEqualTo(primary);
      // the table existed before the attach: the bootstrap copies it, then each transaction is one commit
      assertThat(dolt.log().stream().filter(DoltServer.Commit::isTransaction).count()).isEqualTo(3);
    } finally {
      dolt.drop();
    }
  }

  private static void awaitReady(ChildJvm.Running app) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!app.outputSoFar().contains("READY")) {
      assertThat(System.nanoTime()).as("the application got ready; output:%n%s", app.outputSoFar()).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
