package io.doltsync.bench.overhead;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.ClosedLoop;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Goal;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 2's benchmark: the same workloads through the raw driver, p6spy and doltsync with mirroring off,
 * each through a HikariCP pool, in one run. Rounds interleave the access paths (in rotated order) so that
 * drift of a noisy machine hits all of them alike; ratios are paired per round.
 */
public final class WrapperOverheadSuite implements Suite {

  private static final Goal GOAL = Goal.ratioAtLeast(0.98, "raw");
  private static final AccessPath[] PATHS = AccessPath.values();

  private final BenchOptions options;
  private final Servers servers;

  public WrapperOverheadSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "overhead";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String database : options.list("overhead.databases")) {
      Endpoint endpoint;
      try {
        endpoint = endpoint(database);
      } catch (SQLException e) {
        report.note("overhead: " + database + " skipped, server unreachable: " + e.getMessage());
        continue;
      }
      measure(report, database, endpoint);
    }
  }

  private Endpoint endpoint(String database) throws SQLException {
    return switch (database) {
      case "h2" -> new Endpoint("jdbc:h2:mem:doltsync_bench_overhead;DB_CLOSE_DELAY=-1", "sa", "");
      case "mariadb" -> servers.mariadb();
      case "postgresql" -> servers.postgresql();
      default -> throw new IllegalArgumentException("unknown database for the overhead suite: " + database);
    };
  }

  private void measure(Report report, String database, Endpoint endpoint) throws Exception {
    int rows = options.integer("overhead.rows");
    int threads = options.integer("overhead.threads");
    try (Connection setup = endpoint.connect()) {
      KeyValueTable.create(setup, rows);
    }
    Map<AccessPath, HikariDataSource> pools = new EnumMap<>(AccessPath.class);
    try {
      for (AccessPath path : PATHS) {
        pools.put(path, pool(endpoint, path, threads, database));
      }
      for (OverheadWorkload workload : OverheadWorkload.values()) {
        measureWorkload(report, database, workload, pools, rows, threads);
      }
    } finally {
      pools.values().forEach(HikariDataSource::close);
    }
  }

  private void measureWorkload(Report report, String database, OverheadWorkload workload,
      Map<AccessPath, HikariDataSource> pools, int rows, int threads) throws Exception {
    for (AccessPath path : PATHS) {
      ClosedLoop.opsPerSecond(clients(pools.get(path), workload, rows, threads), options.number("overhead.warmup"));
    }
    int rounds = options.integer("overhead.rounds");
    double[][] opsPerSecond = new double[PATHS.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < PATHS.length; k++) {
        AccessPath path = PATHS[(round + k) % PATHS.length];
        opsPerSecond[path.ordinal()][round] = ClosedLoop.opsPerSecond(
            clients(pools.get(path), workload, rows, threads), options.number("overhead.seconds"));
      }
    }
    String benchmark = database + " " + workload.label() + (threads > 1 ? ", " + threads + " threads" : "");
    double[] raw = opsPerSecond[AccessPath.RAW.ordinal()];
    for (AccessPath path : PATHS) {
      double[] values = opsPerSecond[path.ordinal()];
      Row row = Row.of(name(), benchmark, path.label(), "ops/s", Samples.of(values));
      if (path != AccessPath.RAW) {
        row = row.withRatio(Samples.ratios(values, raw));
      }
      report.add(path == AccessPath.DOLTSYNC_OFF ? row.withGoal(GOAL) : row);
    }
  }

  /** One client per thread: borrow a connection, run the workload on a random row, give it back. */
  private static List<ClosedLoop.Operation> clients(HikariDataSource pool, OverheadWorkload workload, int rows,
      int threads) {
    List<ClosedLoop.Operation> clients = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      clients.add(() -> {
        try (Connection connection = pool.getConnection()) {
          workload.run(connection, 1 + ThreadLocalRandom.current().nextInt(rows));
        }
      });
    }
    return clients;
  }

  private static HikariDataSource pool(Endpoint endpoint, AccessPath path, int size, String database) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + database + "-" + path.name().toLowerCase());
    config.setJdbcUrl(path.url(endpoint.url()));
    config.setUsername(endpoint.user());
    config.setPassword(endpoint.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }
}
