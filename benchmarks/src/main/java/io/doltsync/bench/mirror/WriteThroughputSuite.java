package io.doltsync.bench.mirror;

import io.doltsync.DoltSyncConnection;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.ClosedLoop;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Goal;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import io.doltsync.DoltSync;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 3's write-throughput benchmark on MariaDB (and PostgreSQL: {@code writes.databases}): write
 * transactions through the raw driver and through doltsync with mirroring on (async mode), in interleaved rounds. doltsync is measured twice: with the
 * applier elsewhere (this JVM only captures and journals: the cost on the primary's write path) and with
 * the applier in this JVM, the default deployment, where it competes for the same CPUs. After each round
 * of the latter the backlog is drained, untimed, so the next round starts alike.
 */
public final class WriteThroughputSuite implements Suite {

  private static final Goal GOAL = Goal.ratioAtLeast(0.90, "raw");

  /** The variants, in their order within round 0. */
  private enum Variant {
    RAW("raw"), CAPTURE_ONLY("doltsync async, applier elsewhere"), MIRROR("doltsync async, applier in JVM");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  /** The write workloads: the ORM transaction, and the worst case of a lone auto-commit statement. */
  private enum Workload {
    ORM_TRANSACTION("insert + update by key, 1 txn", false) {
      @Override
      void run(Connection connection, long n) throws SQLException {
        OrderWorkload.transaction(connection, n);
      }
    },
    AUTOCOMMIT_UPDATE("update by key, autocommit", true) {
      @Override
      void run(Connection connection, long n) throws SQLException {
        OrderWorkload.autocommitUpdate(connection, n);
      }
    };

    final String label;
    final boolean autoCommit;

    Workload(String label, boolean autoCommit) {
      this.label = label;
      this.autoCommit = autoCommit;
    }

    abstract void run(Connection connection, long n) throws SQLException;
  }

  private final BenchOptions options;
  private final Servers servers;
  private final AtomicLong sequence = new AtomicLong();

  public WriteThroughputSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "writes";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String database : options.string("writes.databases").split(",")) {
      switch (database.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "mariadb" -> run(report, "mariadb", servers.mariadb(), false);
        case "postgresql" -> {
          Endpoint server = new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
              options.string("postgresql.password")).withDatabase(options.string("contention.postgresql.database"));
          String schema = DoltServer.uniqueName("bench_writes");
          try (Connection admin = server.connect()) {
            Sql.execute(admin, "CREATE SCHEMA \"" + schema + "\"");
          }
          try {
            run(report, "postgresql", new Endpoint(io.doltsync.bench.core.Urls.withParameter(server.url(),
                "currentSchema", schema), server.user(), server.password()), true);
          } finally {
            try (Connection admin = server.connect()) {
              Sql.execute(admin, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
          }
        }
        default -> throw new IllegalArgumentException("writes.databases: unknown database " + database);
      }
    }
  }

  private void run(Report report, String label, Endpoint primary, boolean postgres) throws Exception {
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig mirror = new MirrorConfig(DoltServer.uniqueName("bench_writes"), "bench_journal_writes",
        OrderWorkload.TABLES, true);
    MirrorConfig capture = new MirrorConfig(DoltServer.uniqueName("bench_capture"), "bench_journal_capture",
        OrderWorkload.TABLES, false);
    Map<Variant, Connection> connections = new EnumMap<>(Variant.class);
    try (Connection admin = primary.connect()) {
      if (postgres) {
        OrderWorkload.recreatePostgresTables(admin);
      } else {
        OrderWorkload.recreateTables(admin);
      }
      Sql.execute(admin, "DROP TABLE IF EXISTS " + mirror.journalTable(), "DROP TABLE IF EXISTS " + capture.journalTable());
      connections.put(Variant.RAW, primary.connect());
      connections.put(Variant.CAPTURE_ONLY, capture.connect(primary, dolt.endpoint()));
      if (applierInJvm()) {
        connections.put(Variant.MIRROR, mirror.connect(primary, dolt.endpoint()));
        awaitBootstrap(connections.get(Variant.MIRROR));
      }
      Rounds rounds = new Rounds(connections, new Settling(admin, capture, new JournalBacklog(admin, mirror.journalTable())),
          new MirrorProbe(mirror.doltDatabase()));
      for (Workload workload : Workload.values()) {
        rounds.measure(report, label, workload);
      }
    } finally {
      for (Connection connection : connections.values()) {
        connection.close();
      }
      DoltSync.stopMirrors();
      dolt.dropQuietly(mirror.doltDatabase());
      dolt.dropQuietly(capture.doltDatabase());
    }
  }

  /** Whether the variant with the applier in this JVM runs ({@code writes.applierInJvm}). */
  private boolean applierInJvm() {
    return Boolean.parseBoolean(options.string("writes.applierInJvm"));
  }

  /** Commits one transaction and waits for its Dolt commit: the first apply follows the bootstrap. */
  private void awaitBootstrap(Connection mirrored) throws SQLException {
    mirrored.setAutoCommit(false);
    OrderWorkload.transaction(mirrored, sequence.incrementAndGet());
    mirrored.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(5));
  }

  /** Untimed clean-up after a variant ran: the capture journal emptied, the mirror's backlog applied. */
  private record Settling(Connection admin, MirrorConfig capture, JournalBacklog backlog) {

    void after(Variant variant) throws Exception {
      switch (variant) {
        case CAPTURE_ONLY -> Sql.execute(admin, "DELETE FROM " + capture.journalTable());
        case MIRROR -> backlog.awaitEmpty(Duration.ofMinutes(10));
        default -> { }
      }
    }
  }

  /** Warm-up and timed rounds of one workload over every variant. */
  private final class Rounds {

    private final Map<Variant, Connection> connections;
    private final Settling settling;
    private final MirrorProbe probe;

    Rounds(Map<Variant, Connection> connections, Settling settling, MirrorProbe probe) {
      this.connections = connections;
      this.settling = settling;
      this.probe = probe;
    }

    void measure(Report report, String label, Workload workload) throws Exception {
      Variant[] variants = java.util.Arrays.stream(Variant.values()).filter(connections::containsKey)
          .toArray(Variant[]::new);
      for (Variant variant : variants) {
        connections.get(variant).setAutoCommit(workload.autoCommit);
        run(workload, variant, options.number("writes.warmup"));
        settling.after(variant);
      }
      int rounds = options.integer("writes.rounds");
      double[][] txPerSecond = new double[variants.length][rounds];
      double[] appliedPerSecond = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < variants.length; k++) {
          Variant variant = variants[(round + k) % variants.length];
          long appliedBefore = variant == Variant.MIRROR ? probe.metrics().getTransactionsApplied() : 0;
          long started = System.nanoTime();
          txPerSecond[variant.ordinal()][round] = run(workload, variant, options.number("writes.seconds"));
          if (variant == Variant.MIRROR) {
            appliedPerSecond[round] = (probe.metrics().getTransactionsApplied() - appliedBefore)
                / ((System.nanoTime() - started) / 1e9);
          }
          settling.after(variant);
        }
      }
      String benchmark = label + " " + workload.label;
      double[] raw = txPerSecond[Variant.RAW.ordinal()];
      for (Variant variant : variants) {
        double[] values = txPerSecond[variant.ordinal()];
        Row row = Row.of(name(), benchmark, variant.label, "tx/s", Samples.of(values));
        report.add(variant == Variant.RAW ? row : row.withRatio(Samples.ratios(values, raw)).withGoal(GOAL));
      }
      if (connections.containsKey(Variant.MIRROR)) {
        report.add(Row.of(name(), benchmark, "Dolt commits made meanwhile (applier in JVM)", "tx/s",
            Samples.of(appliedPerSecond)));
      }
    }

    private double run(Workload workload, Variant variant, double seconds) throws Exception {
      Connection connection = connections.get(variant);
      return ClosedLoop.opsPerSecond(List.of(() -> workload.run(connection, sequence.incrementAndGet())), seconds);
    }
  }
}
