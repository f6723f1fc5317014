package io.doltsync.bench.jmh;

import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.WriteAnalysis;
import io.doltsync.sql.WriteAnalyzer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link WriteAnalyzer#analyze} cold (a text the analyzer has not seen: a full parse) and cached (the same
 * text again, as a {@code PreparedStatement} or an ORM repeats it). Cold cycles through twice as many
 * distinct texts as the analyzer's cache holds, so every call misses; it includes the cache's periodic
 * clearing, amortised.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WriteAnalyzerBenchmark {

  /** Twice {@code AnalysisCache.DEFAULT_MAX_ENTRIES}, a power of two. */
  private static final int DISTINCT_TEXTS = 8192;

  @Param
  public WriteStatement statement;

  private WriteAnalyzer analyzer;
  private String cachedSql;
  private String[] coldSql;
  private int next;

  @Setup
  public void setUp() {
    analyzer = new WriteAnalyzer(SqlDialect.MARIADB);
    cachedSql = statement.sql("orders");
    coldSql = new String[DISTINCT_TEXTS];
    for (int i = 0; i < DISTINCT_TEXTS; i++) {
      coldSql[i] = statement.sql("orders_" + i);
    }
    WriteAnalysis analysis = analyzer.analyze(cachedSql);
    if (analysis.status() != WriteAnalysis.Status.ANALYZED) {
      throw new IllegalStateException(statement + " is not analysed: " + analysis);
    }
  }

  @Benchmark
  public WriteAnalysis cold() {
    return analyzer.analyze(coldSql[next++ & (DISTINCT_TEXTS - 1)]);
  }

  @Benchmark
  public WriteAnalysis cached() {
    return analyzer.analyze(cachedSql);
  }
}
