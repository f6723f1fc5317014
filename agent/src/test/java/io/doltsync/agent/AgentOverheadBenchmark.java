package io.doltsync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.agent.apps.LedgerApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent costs, against the driver path ({@code jdbc:doltsync:} URL, driver on the class path) and
 * against no doltsync at all: a child JVM's wall time from start to exit with one transaction (start-up), and
 * the time per transaction over a HikariCP pool on H2 in async mode (steady state). Variants run interleaved,
 * round after round, so that the machine's load weighs on all alike. Off by default (it takes minutes):
 * {@code -Ddoltsync.agent.benchmark=true}, rounds and transactions by {@code doltsync.agent.benchmark.rounds}
 * and {@code doltsync.agent.benchmark.transactions}.
 */
@EnabledIfSystemProperty(named = "doltsync.agent.benchmark", matches = "true")
class AgentOverheadBenchmark {

  @TempDir
  Path directory;

  @Test
  void agentAgainstDriverPath() throws Exception {
    int rounds = Integer.getInteger("doltsync.agent.benchmark.rounds", 3);
    int transactions = Integer.getInteger("doltsync.agent.benchmark.transactions", 300);
    Map<String, List<Long>> startMillis = new LinkedHashMap<>();
    Map<String, List<Long>> micros = new LinkedHashMap<>();
    DoltServer dolt = DoltServer.newDatabase("agent_bench");
    try {
      for (int round = 0; round < rounds; round++) {
        for (String variant : List.of("raw", "agent-excluded", "driver", "agent")) {
          String name = "r" + round + variant.replace('-', '_');
          String url = Primaries.h2(directory, name);
          DoltServer target = DoltServer.newDatabase("agent_bench_" + name);
          try {
            long started = System.nanoTime();
            run(variant, url, target, 1);
            startMillis.computeIfAbsent(variant, v -> new ArrayList<>()).add((System.nanoTime() - started) / 1_000_000);
            String output = run(variant, Primaries.h2(directory, name + "_steady"), target, transactions);
            micros.computeIfAbsent(variant, v -> new ArrayList<>())
                .add(Long.parseLong(ChildJvm.printed(output, "MICROS_PER_TRANSACTION")));
          } finally {
            target.drop();
          }
        }
      }
    } finally {
      dolt.drop();
    }
    System.out.println("AGENT BENCHMARK start-up ms (1 transaction, whole JVM): " + startMillis);
    System.out.println("AGENT BENCHMARK microseconds per transaction (" + transactions + ", HikariCP, H2, async): " + micros);
    assertThat(micros.get("agent")).hasSize(rounds);
  }

  private static String run(String variant, String url, DoltServer target, int transactions) throws Exception {
    String count = String.valueOf(transactions);
    switch (variant) {
      case "raw":
        return ChildJvm.withoutAgent().run(600, LedgerApp.class, "hikari", url, "sa", "", count);
      case "agent-excluded":
        return ChildJvm.withAgent("doltsync.agent.exclude=*").run(600, LedgerApp.class, "hikari", url, "sa", "", count);
      case "driver":
        return ChildJvm.withoutAgent().withDriverOnClassPath().run(600, LedgerApp.class, "hikari",
            "jdbc:doltsync:" + url.substring(5) + ";doltsync.target=" + target.targetUrl(), "sa", "", count);
      default:
        return ChildJvm.withAgent(null).option("-Ddoltsync.target=" + target.targetUrl())
            .run(600, LedgerApp.class, "hikari", url, "sa", "", count);
    }
  }
}
