package io.doltsync.bench;

import io.doltsync.bench.core.Report;
import io.doltsync.bench.jmh.JmhSuite;
import io.doltsync.bench.mirror.BootstrapSuite;
import io.doltsync.bench.mirror.ContentionSuite;
import io.doltsync.bench.mirror.DoltReadSuite;
import io.doltsync.bench.mirror.LagSuite;
import io.doltsync.bench.mirror.MirrorRateSuite;
import io.doltsync.bench.mirror.StartupSuite;
import io.doltsync.bench.mirror.WriteThroughputSuite;
import io.doltsync.bench.overhead.WrapperOverheadSuite;
import io.doltsync.bench.tpcc.TpccSuite;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of {@code scripts/bench.sh}: runs the selected suites one after another in this JVM (JMH
 * forks its own) and prints one summary table of absolute figures and ratios. A suite that fails is noted
 * in the summary and the run goes on.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      BenchOptions.printHelp(System.out);
      return;
    }
    BenchOptions options = BenchOptions.parse(args);
    Report report = new Report(System.out);
    long started = System.nanoTime();
    double loadBefore = loadAverage();
    for (Suite suite : selected(options)) {
      System.out.println("[bench] ===== suite " + suite.name() + " =====");
      long suiteStarted = System.nanoTime();
      try {
        suite.run(report);
      } catch (Exception | AssertionError e) {
        e.printStackTrace();
        report.note("suite " + suite.name() + " failed: " + e);
      }
      System.out.printf("[bench] suite %s took %.0f s%n", suite.name(), (System.nanoTime() - suiteStarted) / 1e9);
    }
    if (options.isQuick()) {
      report.note("--quick: a smoke run; its figures only show that the benchmarks work");
    }
    report.note(String.format(Locale.ROOT, "the run took %.0f s; load average %.1f at its start, %.1f at its end, on %d"
        + " CPUs (take final figures on a quiet machine)", (System.nanoTime() - started) / 1e9, loadBefore,
        loadAverage(), Runtime.getRuntime().availableProcessors()));
    report.print(System.out);
    Path csv = Path.of(options.string("out"));
    report.writeCsv(csv);
    System.out.println("rows written to " + csv.toAbsolutePath());
    System.exit(0); // HikariCP, JMH and doltsync leave non-daemon threads in some failure paths
  }

  /** The system's one-minute load average (the machine's own load, besides the benchmarks). */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static List<Suite> selected(BenchOptions options) {
    Servers servers = new Servers(options);
    MirrorRateSuite mirrorRate = new MirrorRateSuite(options, servers);
    Map<String, Suite> all = new LinkedHashMap<>();
    List<Suite> suites = List.of(new WrapperOverheadSuite(options, servers), new WriteThroughputSuite(options, servers),
        mirrorRate, new LagSuite(options, servers, mirrorRate::measuredRate), new BootstrapSuite(options, servers),
        new DoltReadSuite(options, servers), new JmhSuite(options), new TpccSuite(options, servers),
        new io.doltsync.bench.tpcc.TpccDrainSuite(options, servers),
        new io.doltsync.bench.tpcc.TpccCostSuite(options, servers),
        new ContentionSuite(options, servers), new io.doltsync.bench.mirror.RoundTripSuite(options, servers),
        new io.doltsync.bench.mirror.ReturningTripsSuite(options, servers),
        new StartupSuite(options, servers));
    for (Suite suite : suites) {
      all.put(suite.name(), suite);
    }
    List<Suite> selected = new ArrayList<>();
    for (String name : options.list("suites")) {
      Suite suite = all.get(name);
      if (suite == null) {
        throw new IllegalArgumentException("unknown suite " + name + "; known: " + String.join(",", all.keySet()));
      }
      selected.add(suite);
    }
    return selected;
  }
}
