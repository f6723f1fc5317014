package io.doltsync.bench.jmh;

import io.doltsync.bench.overhead.KeyValueTable;
import io.doltsync.bench.overhead.OverheadWorkload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
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
 * What mirroring costs a read: the point-select statement cycle on in-memory H2, raw and through doltsync
 * with mirroring on (each prepared text is planned: classified, and looked up in the plan cache). The
 * applier is off ({@code doltsync.applier=false}), so no Dolt server is needed and none is contacted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H2MirroringReadBenchmark {

  /** How the benchmark connects. */
  public enum Path { RAW, DOLTSYNC_MIRRORING }

  private static final int ROWS = 1000;

  @Param
  public Path path;

  private Connection connection;
  private int id;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String url = "jdbc:h2:mem:jmh_mirroring_" + path.name().toLowerCase() + ";DB_CLOSE_DELAY=-1";
    try (Connection setup = DriverManager.getConnection(url, "sa", "")) {
      KeyValueTable.create(setup, ROWS);
    }
    Properties properties = new Properties();
    properties.setProperty("user", "sa");
    properties.setProperty("password", "");
    properties.setProperty("doltsync.target", "jdbc:mariadb://127.0.0.1:1/unused");
    properties.setProperty("doltsync.applier", "false");
    connection = DriverManager.getConnection(path == Path.RAW ? url : "jdbc:doltsync:" + url.substring(5), properties);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    connection.close();
  }

  @Benchmark
  public void pointSelect() throws SQLException {
    id = id == ROWS ? 1 : id + 1;
    OverheadWorkload.POINT_SELECT.run(connection, id);
  }
}
