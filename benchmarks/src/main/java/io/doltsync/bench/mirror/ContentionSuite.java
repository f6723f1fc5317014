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
import io.doltsync.bench.core.Urls;
import io.doltsync.DoltSync;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Journal contention under many writers (issue 10): {@code contention.writers} connections run the order
 * workload's write transaction back to back, through the raw driver and through doltsync with the applier
 * running in this JVM (so its journal deletes meet the writers' appends), in interleaved rounds, on MariaDB
 * and PostgreSQL. A transaction that fails with a deadlock, a lock wait timeout or a serialization failure is
 * counted and rolled back, and the writer goes on; the suite reports those counts per side, the server's own
 * lock-wait and deadlock counters over the round (server-wide: other clients of the same server count too),
 * the Dolt commits the applier made meanwhile and the backlog left at the end of each round. With
 * {@code contention.groupCommit} above 1 the applier drains each round's backlog faster (its deletes take
 * the same form: one statement per cycle of up to 200 entries).
 */
public final class ContentionSuite implements Suite {

  private static final Goal NO_LOCK_FAILURES = Goal.valueAtMost(0, "no deadlock or lock timeout");

  private final BenchOptions options;
  private final Servers servers;
  private final AtomicLong sequence = new AtomicLong();

  public ContentionSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "contention";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String database : options.string("contention.databases").split(",")) {
      switch (database.strip().toLowerCase(Locale.ROOT)) {
        case "mariadb" -> measure(report, "mariadb", servers.mariadb(), null);
        case "postgresql" -> {
          Endpoint server = new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
              options.string("postgresql.password")).withDatabase(options.string("contention.postgresql.database"));
          String schema = DoltServer.uniqueName("bench_contention");
          try (Connection admin = server.connect()) {
            Sql.execute(admin, "CREATE SCHEMA \"" + schema + "\"");
          }
          try {
            measure(report, "postgresql", new Endpoint(Urls.withParameter(server.url(), "currentSchema", schema),
                server.user(), server.password()), schema);
          } finally {
            try (Connection admin = server.connect()) {
              Sql.execute(admin, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
          }
        }
        default -> throw new IllegalArgumentException("contention.databases: unknown database " + database);
      }
    }
  }

  private void measure(Report report, String label, Endpoint primary, String pgSchema) throws Exception {
    boolean postgres = pgSchema != null;
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig mirror = new MirrorConfig(DoltServer.uniqueName("bench_contention"), "bench_journal_contention",
        OrderWorkload.TABLES, true).withGroupCommit(options.integer("contention.groupCommit"));
    int writers = options.integer("contention.writers");
    int rounds = options.integer("contention.rounds");
    double seconds = options.number("contention.seconds");
    List<Connection> raw = new ArrayList<>();
    List<Connection> mirrored = new ArrayList<>();
    try (Connection admin = primary.connect()) {
      if (postgres) {
        OrderWorkload.recreatePostgresTables(admin);
      } else {
        OrderWorkload.recreateTables(admin);
      }
      Sql.execute(admin, "DROP TABLE IF EXISTS " + mirror.journalTable());
      ServerCounters counters = new ServerCounters(admin, postgres);
      for (int i = 0; i < writers; i++) {
        raw.add(primary.connect());
        mirrored.add(mirror.connect(primary, dolt.endpoint()));
      }
      for (Connection connection : raw) {
        connection.setAutoCommit(false);
      }
      for (Connection connection : mirrored) {
        connection.setAutoCommit(false);
      }
      OrderWorkload.transaction(mirrored.get(0), sequence.incrementAndGet());
      mirrored.get(0).unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(5));
      MirrorProbe probe = new MirrorProbe(mirror.doltDatabase());
      JournalBacklog backlog = new JournalBacklog(admin, mirror.journalTable());
      double[] rawRates = new double[rounds];
      double[] mirroredRates = new double[rounds];
      double[] applied = new double[rounds];
      double[] left = new double[rounds];
      double[] drainSeconds = new double[rounds];
      Side rawSide = new Side();
      Side mirroredSide = new Side();
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < 2; k++) {
          boolean mirrorTurn = (round + k) % 2 == 1;
          if (mirrorTurn) {
            long appliedBefore = probe.metrics().getTransactionsApplied();
            long started = System.nanoTime();
            mirroredRates[round] = run(mirrored, mirroredSide, counters, seconds);
            applied[round] = (probe.metrics().getTransactionsApplied() - appliedBefore)
                / ((System.nanoTime() - started) / 1e9);
            left[round] = backlog.count();
            long drainStarted = System.nanoTime();
            backlog.awaitEmpty(Duration.ofMinutes(10));
            drainSeconds[round] = (System.nanoTime() - drainStarted) / 1e9;
          } else {
            rawRates[round] = run(raw, rawSide, counters, seconds);
          }
        }
      }
      String benchmark = label + ", " + writers + " writers, insert + update by key";
      report.add(Row.of(name(), benchmark, "raw", "tx/s", Samples.of(rawRates)));
      report.add(Row.of(name(), benchmark, "doltsync, applier in JVM", "tx/s", Samples.of(mirroredRates))
          .withRatio(Samples.ratios(mirroredRates, rawRates)));
      report.add(Row.of(name(), benchmark, "Dolt commits made meanwhile", "tx/s", Samples.of(applied)));
      report.add(Row.of(name(), benchmark, "journal backlog at round end", "entries", Samples.of(left)));
      report.add(Row.of(name(), benchmark, "drain after round", "s", Samples.of(drainSeconds)));
      for (Side side : List.of(rawSide, mirroredSide)) {
        String which = side == rawSide ? "raw" : "doltsync";
        report.add(Row.of(name(), benchmark, which + ": deadlocks/lock timeouts/serialization failures seen",
            "count", Samples.of(side.lockFailures.get())).withGoal(NO_LOCK_FAILURES));
        report.add(Row.of(name(), benchmark, which + ": server " + counters.waitsName() + " (server-wide)", "count",
            Samples.of(side.serverWaits.get())));
        report.add(Row.of(name(), benchmark, which + ": server deadlocks (server-wide)", "count",
            Samples.of(side.serverDeadlocks.get())));
      }
    } finally {
      for (Connection connection : raw) {
        connection.close();
      }
      for (Connection connection : mirrored) {
        connection.close();
      }
      DoltSync.stopMirrors();
      dolt.dropQuietly(mirror.doltDatabase());
    }
  }

  /** What one side saw over all its rounds. */
  private static final class Side {
    final AtomicLong lockFailures = new AtomicLong();
    final AtomicLong serverWaits = new AtomicLong();
    final AtomicLong serverDeadlocks = new AtomicLong();
  }

  private double run(List<Connection> connections, Side side, ServerCounters counters, double seconds)
      throws Exception {
    long[] before = counters.read();
    List<ClosedLoop.Operation> operations = new ArrayList<>();
    for (Connection connection : connections) {
      operations.add(() -> {
        try {
          OrderWorkload.transaction(connection, sequence.incrementAndGet());
        } catch (SQLException e) {
          if (!isLockFailure(e)) {
            throw e;
          }
          side.lockFailures.incrementAndGet();
          connection.rollback();
        }
      });
    }
    double rate = ClosedLoop.opsPerSecond(operations, seconds);
    long[] after = counters.read();
    side.serverWaits.addAndGet(after[0] - before[0]);
    side.serverDeadlocks.addAndGet(after[1] - before[1]);
    return rate;
  }

  /** Deadlock (40001, 40P01, MySQL 1213), lock wait timeout (MySQL 1205, PostgreSQL 55P03) or serialization failure. */
  static boolean isLockFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("40") || "55P03".equals(state) || sql.getErrorCode() == 1213
            || sql.getErrorCode() == 1205) {
          return true;
        }
      }
    }
    return false;
  }

  /** The server's lock-wait and deadlock counters (MariaDB: InnoDB status; PostgreSQL: pg_stat_database). */
  private record ServerCounters(Connection admin, boolean postgres) {

    String waitsName() {
      return postgres ? "lock waits (pg_stat_database has none: not read)" : "Innodb_row_lock_waits";
    }

    long[] read() throws SQLException {
      if (postgres) {
        return new long[] {0, Sql.queryLong(admin,
            "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")};
      }
      return new long[] {
          Long.parseLong(Sql.queryString(admin, "SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_waits'", 2)),
          Long.parseLong(Sql.queryString(admin, "SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'", 2))};
    }
  }
}
