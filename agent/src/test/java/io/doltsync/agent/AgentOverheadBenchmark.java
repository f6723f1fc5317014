package io.doltsync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.agent.apps.LedgerApp;
import io.doltsync.testing.DoltServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent costs, against the driver path ({@code jdbc:doltsync:} URL, driver on the class path) and
 * against no doltsync at all, on the same workload (LedgerApp: transactions of two inserts and an update over a
 * HikariCP pool, H2 file database in async mode, mirrored into a fresh database of the Dolt test server):
 * <ul>
 *   <li>start-up: a child JVM's time from its start to its first statement done (the application's own
 *       clock against the JVM's start time), and the parent's wall time from launch to exit with one
 *       transaction;</li>
 *   <li>steady state: microseconds per transaction over {@code transactions} transactions.</li>
 * </ul>
 * Variants: {@code raw} (the plain URL, no doltsync), {@code agent-excluded} (the agent loaded, every URL
 * excluded: what its hooks cost when they wrap nothing), {@code driver} (a {@code jdbc:doltsync:} URL) and
 * {@code agent} (the plain URL under {@code -javaagent}). They run interleaved, round after round, in an order
 * that rotates each round, so the machine's load weighs on all alike; the report is the per-round ratios
 * (agent / driver, agent / raw, driver / raw, agent-excluded / raw) with median, quartiles and range, and the
 * load average. Off by default (it takes minutes): {@code -Ddoltsync.agent.benchmark=true}, rounds and
 * transactions by {@code doltsync.agent.benchmark.rounds} and {@code doltsync.agent.benchmark.transactions}.
 */
@EnabledIfSystemProperty(named = "doltsync.agent.benchmark", matches = "true")
class AgentOverheadBenchmark {

  private static final List<String> VARIANTS = List.of("raw", "agent-excluded", "driver", "agent");

  @TempDir
  Path directory;

  @Test
  void agentAgainstDriverPath() throws Exception {
    int rounds = Integer.getInteger("doltsync.agent.benchmark.rounds", 3);
    int transactions = Integer.getInteger("doltsync.agent.benchmark.transactions", 300);
    Map<String, List<Double>> firstStatement = new LinkedHashMap<>();
    Map<String, List<Double>> wall = new LinkedHashMap<>();
    Map<String, List<Double>> micros = new LinkedHashMap<>();
    double loadBefore = load();
    for (int round = 0; round < rounds; round++) {
      for (int v = 0; v < VARIANTS.size(); v++) {
        String variant = VARIANTS.get((v + round) % VARIANTS.size());
        String name = "r" + round + variant.replace('-', '_');
        DoltServer target = DoltServer.newDatabase("agent_bench_" + name);
        DoltServer steadyTarget = DoltServer.newDatabase("agent_bench_" + name + "_steady");
        try {
          long started = System.nanoTime();
          String startup = run(variant, Primaries.h2(directory, name), target, 1);
          wall.computeIfAbsent(variant, k -> new ArrayList<>()).add((System.nanoTime() - started) / 1e6);
          firstStatement.computeIfAbsent(variant, k -> new ArrayList<>())
              .add(Double.parseDouble(ChildJvm.printed(startup, "FIRST_STATEMENT_MILLIS")));
          String output = run(variant, Primaries.h2(directory, name + "_steady"), steadyTarget, transactions);
          micros.computeIfAbsent(variant, k -> new ArrayList<>())
              .add(Double.parseDouble(ChildJvm.printed(output, "MICROS_PER_TRANSACTION")));
        } finally {
          target.drop();
          steadyTarget.drop();
        }
      }
    }
    System.out.printf(Locale.ROOT, "AGENT BENCHMARK %d rounds, %d transactions per steady-state run, load average %.1f"
        + " before, %.1f after%n", rounds, transactions, loadBefore, load());
    report("JVM start to first statement (ms)", firstStatement);
    report("launch to exit, 1 transaction (ms)", wall);
    report("steady state (us per transaction)", micros);
    assertThat(micros.get("agent")).hasSize(rounds);
  }

  private static void report(String what, Map<String, List<Double>> values) {
    StringBuilder line = new StringBuilder("AGENT BENCHMARK ").append(what).append(": medians");
    for (String variant : VARIANTS) {
      line.append(String.format(Locale.ROOT, " %s %.0f", variant, quantile(values.get(variant), 0.5)));
    }
    System.out.println(line);
    ratio(what, values, "agent", "driver");
    ratio(what, values, "agent", "raw");
    ratio(what, values, "driver", "raw");
    ratio(what, values, "agent-excluded", "raw");
  }

  /** Per-round ratios of two variants: median, quartiles, range. */
  private static void ratio(String what, Map<String, List<Double>> values, String a, String b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < values.get(a).size(); i++) {
      ratios.add(values.get(a).get(i) / values.get(b).get(i));
    }
    System.out.printf(Locale.ROOT, "AGENT BENCHMARK   %s / %s: median %.3f, quartiles %.3f-%.3f, range %.3f-%.3f%n",
        a, b, quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), quantile(ratios, 0),
        quantile(ratios, 1));
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double position = q * (sorted.size() - 1);
    int low = (int) Math.floor(position);
    int high = (int) Math.ceil(position);
    return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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
