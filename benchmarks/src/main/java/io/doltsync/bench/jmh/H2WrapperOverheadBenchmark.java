package io.doltsync.bench.jmh;

import io.doltsync.bench.overhead.AccessPath;
import io.doltsync.bench.overhead.KeyValueTable;
import io.doltsync.bench.overhead.OverheadWorkload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Wrapper overhead with no network in the way: a statement cycle on an in-memory H2 database through the
 * raw driver, p6spy and doltsync with mirroring off, on one long-lived connection (no pool). A database
 * round trip of microseconds makes the wrappers' own nanoseconds visible.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H2WrapperOverheadBenchmark {

  private static final int ROWS = 1000;

  @Param
  public AccessPath path;

  private Connection connection;
  private int id;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String url = "jdbc:h2:mem:jmh_" + path.name().toLowerCase() + ";DB_CLOSE_DELAY=-1";
    try (Connection setup = DriverManager.getConnection(url, "sa", "")) {
      KeyValueTable.create(setup, ROWS);
    }
    connection = DriverManager.getConnection(path.url(url), "sa", "");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    connection.close();
  }

  private int nextId() {
    id = id == ROWS ? 1 : id + 1;
    return id;
  }

  @Benchmark
  public void pointSelect() throws SQLException {
    OverheadWorkload.POINT_SELECT.run(connection, nextId());
  }

  @Benchmark
  public void updateAutocommit() throws SQLException {
    OverheadWorkload.UPDATE_AUTOCOMMIT.run(connection, nextId());
  }
}
