package io.doltsync.bench.mirror;

import io.doltsync.DoltSyncConnection;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
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
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Issue 3's mirror-rate benchmark: how many transactions per second doltsync's applier puts into Dolt,
 * against how many commits per second Dolt sustains when a client applies the same row changes directly.
 *
 * <p>Each iteration first fills the journal with a backlog of N transactions while no applier runs (a
 * mirror with {@code doltsync.applier=false}: writes far faster than Dolt absorbs), then starts a mirror
 * with its applier and times the drain from the JMX counters, excluding the applier's start-up; then it
 * applies the same N transactions' rows to a fresh Dolt database with {@link DirectDoltApplier}. Each
 * iteration also drains a backlog with group commit on ({@code rate.groupCommit} transactions per Dolt commit
 * at most) and applies it directly in groups of that size, the variants interleaved.
 */
public final class MirrorRateSuite implements Suite {

  private static final Goal GOAL = Goal.ratioAtLeast(0.90, "Dolt direct");

  private final BenchOptions options;
  private final Servers servers;
  private volatile Samples applierRates;

  public MirrorRateSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "mirror-rate";
  }

  /** The applier's median drain rate in transactions per second, once this suite has run. */
  public OptionalDouble measuredRate() {
    Samples rates = applierRates;
    return rates == null || rates.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(rates.median());
  }

  @Override
  public void run(Report report) throws Exception {
    Endpoint primary = servers.mariadb();
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig mirror = new MirrorConfig(DoltServer.uniqueName("bench_rate"), "bench_journal_rate",
        OrderWorkload.TABLES, true);
    int transactions = options.integer("rate.transactions");
    int iterations = options.integer("rate.iterations");
    int group = options.integer("rate.groupCommit");
    double[] applier = new double[iterations];
    double[] direct = new double[iterations];
    double[] grouped = new double[iterations];
    double[] directGrouped = new double[iterations];
    long next = 1;
    try (Connection admin = primary.connect()) {
      OrderWorkload.recreateTables(admin);
      Sql.execute(admin, "DROP TABLE IF EXISTS " + mirror.journalTable());
      next = bootstrap(primary, dolt, mirror, next);
      String ordersDdl = dolt.showCreateTable(mirror.doltDatabase(), OrderWorkload.ORDERS);
      String accountsDdl = dolt.showCreateTable(mirror.doltDatabase(), OrderWorkload.ACCOUNTS);
      for (int i = 0; i < iterations; i++) {
        fillJournal(primary, dolt, mirror.withApplier(false), next, transactions);
        applier[i] = drain(primary, dolt, mirror, transactions);
        direct[i] = applyDirectly(dolt, next, transactions, 1, ordersDdl, accountsDdl);
        next += transactions;
        fillJournal(primary, dolt, mirror.withApplier(false), next, transactions);
        grouped[i] = drain(primary, dolt, mirror.withGroupCommit(group), transactions);
        directGrouped[i] = applyDirectly(dolt, next, transactions, group, ordersDdl, accountsDdl);
        next += transactions;
      }
    } finally {
      DoltSync.stopMirrors();
      dolt.dropQuietly(mirror.doltDatabase());
    }
    applierRates = Samples.of(applier);
    String benchmark = "Dolt commits/s, same row changes (" + transactions + " tx per iteration)";
    report.add(Row.of(name(), benchmark, "Dolt direct: REPLACE + dolt_commit", "commits/s", Samples.of(direct)));
    report.add(Row.of(name(), benchmark, "doltsync applier draining a backlog", "tx/s", applierRates)
        .withRatio(Samples.ratios(applier, direct)).withGoal(GOAL));
    report.add(Row.of(name(), benchmark, "Dolt direct: " + group + " tx per dolt_commit", "tx/s",
        Samples.of(directGrouped)));
    report.add(Row.of(name(), benchmark, "doltsync applier, doltsync.groupCommit=" + group, "tx/s",
        Samples.of(grouped)).withRatio(Samples.ratios(grouped, direct)));
  }

  /** Starts the mirror on a fresh Dolt database and waits for its first commit; returns the next sequence number. */
  private static long bootstrap(Endpoint primary, DoltServer dolt, MirrorConfig mirror, long next) throws Exception {
    try (Connection connection = mirror.connect(primary, dolt.endpoint())) {
      connection.setAutoCommit(false);
      OrderWorkload.transaction(connection, next);
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(5));
    } finally {
      DoltSync.stopMirrors();
    }
    return next + 1;
  }

  /** Journals transactions {@code from .. from+count-1} with no applier running. */
  private static void fillJournal(Endpoint primary, DoltServer dolt, MirrorConfig captureOnly, long from, int count)
      throws SQLException {
    try (Connection connection = captureOnly.connect(primary, dolt.endpoint())) {
      connection.setAutoCommit(false);
      for (long n = from; n < from + count; n++) {
        OrderWorkload.transaction(connection, n);
      }
    } finally {
      DoltSync.stopMirrors();
    }
  }

  /**
   * Starts the applier over the backlog and returns its rate, timed by a sampler that is watching before the
   * mirror starts (see {@link MirrorProbe#timeDrain}).
   */
  private static double drain(Endpoint primary, DoltServer dolt, MirrorConfig mirror, int backlog) throws Exception {
    MirrorProbe probe = new MirrorProbe(mirror.doltDatabase());
    FutureTask<Double> rate = new FutureTask<>(() -> probe.timeDrain(backlog, Duration.ofMinutes(10)));
    new Thread(rate, "bench-drain-sampler").start();
    try (Connection ignored = mirror.connect(primary, dolt.endpoint())) {
      double drained = rate.get();
      System.out.printf("mirror-rate: drained %d entries at %.1f tx/s; applier breakdown: %s%n", backlog, drained,
          probe.metrics().getApplyBreakdown());
      return drained;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      DoltSync.stopMirrors();
    }
  }

  /**
   * Applies the same transactions to a fresh Dolt database directly, {@code group} per Dolt commit; returns
   * transactions per second (commits per second when {@code group} is 1).
   */
  private static double applyDirectly(DoltServer dolt, long from, int count, int group, String ordersDdl,
      String accountsDdl) throws SQLException {
    String database = DoltServer.uniqueName("bench_direct");
    dolt.create(database);
    try (Connection connection = dolt.connect(database)) {
      Sql.execute(connection, accountsDdl, ordersDdl);
      OrderWorkload.insertAccounts(connection);
      Sql.execute(connection, "CALL dolt_commit('-Am', 'tables')");
      try (DirectDoltApplier direct = new DirectDoltApplier(dolt.connect(database))) {
        long started = System.nanoTime();
        for (long n = from; n < from + count; n += group) {
          direct.applyGroup(n, (int) Math.min(group, from + count - n));
        }
        return count / ((System.nanoTime() - started) / 1e9);
      }
    } finally {
      dolt.dropQuietly(database);
    }
  }
}
