package io.doltsync.bench.jmh;

import io.doltsync.sql.Classification;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
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
 * Issue 4: {@link StatementClassifier#classify} per statement (goal: at most 1 µs), and issue 8: the cached
 * decision {@link StatementClassifier#classifyCached} for a repeated text (goal: well under 1 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClassifierBenchmark {

  @Param
  public TypicalStatement statement;

  private StatementClassifier classifier;
  private String sql;

  @Setup
  public void setUp() {
    classifier = new StatementClassifier(SqlDialect.MARIADB);
    sql = statement.sql();
    boolean toDolt = statement == TypicalStatement.DOLT_AS_OF || statement == TypicalStatement.DOLT_LOG;
    if (classifier.classify(sql).routesToDolt() != toDolt) {
      throw new IllegalStateException(statement + " is not routed as expected: " + classifier.classify(sql));
    }
  }

  @Benchmark
  public Classification classify() {
    return classifier.classify(sql);
  }

  @Benchmark
  public Classification classifyCached() {
    return classifier.classifyCached(sql);
  }
}
