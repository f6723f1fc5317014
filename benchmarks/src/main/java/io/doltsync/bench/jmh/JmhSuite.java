package io.doltsync.bench.jmh;

import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.Goal;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.overhead.AccessPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package (in forked JVMs) and adds one row per benchmark and parameter,
 * built from the iteration scores. The H2 wrapper rows carry the throughput ratio to the raw driver
 * (raw time / wrapper time, of the medians).
 */
public final class JmhSuite implements Suite {

  private static final Goal CLASSIFY_GOAL = Goal.valueAtMost(1000, "<= 1 us");
  private static final Goal WRAPPER_GOAL = Goal.ratioAtLeast(0.98, "raw");

  private final BenchOptions options;

  public JmhSuite(BenchOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "jmh";
  }

  @Override
  public void run(Report report) throws Exception {
    TimeValue time = TimeValue.milliseconds(Math.round(options.number("jmh.time") * 1000));
    Options jmh = new OptionsBuilder()
        .include(options.string("jmh.include"))
        .forks(options.integer("jmh.forks"))
        .warmupIterations(options.integer("jmh.warmup"))
        .warmupTime(time)
        .measurementIterations(options.integer("jmh.iterations"))
        .measurementTime(time)
        .jvmArgs("-Xms512m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        .build();
    Collection<RunResult> results = new Runner(jmh).run();
    if (results.isEmpty()) {
      report.note("jmh: no results (see the JMH output above: a failed fork, or --jmh.include matched nothing)");
    }
    Map<String, Double> rawMedians = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (RunResult result : results) {
      rows.add(row(result));
    }
    for (Row row : rows) {
      if (row.variant().equals(AccessPath.RAW.name())) {
        rawMedians.put(row.benchmark(), row.value().median());
      }
    }
    for (Row row : rows) {
      report.add(withGoal(row, rawMedians.get(row.benchmark())));
    }
  }

  /** A row of one benchmark and parameter set: every measured iteration of every fork. */
  private Row row(RunResult result) {
    String method = result.getParams().getBenchmark();
    String shortName = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
    String params = result.getParams().getParamsKeys().stream().map(result.getParams()::getParam)
        .collect(Collectors.joining(","));
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    return Row.of(name(), shortName, params.isEmpty() ? "-" : params, result.getPrimaryResult().getScoreUnit(),
        Samples.of(scores));
  }

  private static Row withGoal(Row row, Double rawMedian) {
    if (row.benchmark().startsWith("ClassifierBenchmark.")) {
      return row.withGoal(CLASSIFY_GOAL);
    }
    if (row.benchmark().startsWith("H2") && rawMedian != null
        && !row.variant().equals(AccessPath.RAW.name())) {
      return row.withRatio(Samples.of(rawMedian / row.value().median())).withGoal(WRAPPER_GOAL);
    }
    return row;
  }
}
