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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Issue 3's lag benchmark: transactions arrive at a fixed rate (by default half the applier's measured
 * rate) and each one's lag is timed from its {@code commit()} returning to its Dolt commit existing, as
 * {@link DoltSyncConnection#awaitMirrored} reports it on the committing connection. An open-loop schedule:
 * start times are fixed in advance, so a slow transaction does not thin out the load; the schedule delay
 * is reported too, to show when the writers could not keep the rate.
 */
public final class LagSuite implements Suite {

  private static final Goal GOAL = Goal.valueAtMost(1000, "p99 <= 1000 ms");
  private static final double FALLBACK_RATE = 20;
  /** awaitMirrored's poll interval when it missed the applier's notification. */
  private static final double SLOW_AWAIT_MILLIS = 250;

  private final BenchOptions options;
  private final Servers servers;
  private final Supplier<OptionalDouble> mirrorRate;
  private final AtomicLong sequence = new AtomicLong();

  /** @param mirrorRate the applier's measured rate, if the mirror-rate suite ran before */
  public LagSuite(BenchOptions options, Servers servers, Supplier<OptionalDouble> mirrorRate) {
    this.options = options;
    this.servers = servers;
    this.mirrorRate = mirrorRate;
  }

  @Override
  public String name() {
    return "lag";
  }

  @Override
  public void run(Report report) throws Exception {
    double rate = rate(report);
    Endpoint primary = servers.mariadb();
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig mirror = new MirrorConfig(DoltServer.uniqueName("bench_lag"), "bench_journal_lag",
        OrderWorkload.TABLES, true).withGroupCommit(options.integer("lag.groupCommit"));
    List<Connection> writers = new ArrayList<>();
    try (Connection admin = primary.connect()) {
      OrderWorkload.recreateTables(admin);
      Sql.execute(admin, "DROP TABLE IF EXISTS " + mirror.journalTable());
      for (int i = 0; i < options.integer("lag.workers"); i++) {
        Connection writer = mirror.connect(primary, dolt.endpoint());
        writer.setAutoCommit(false);
        writers.add(writer);
        commitAndAwait(writer); // the first one waits for the bootstrap
      }
      Schedule schedule = runSchedule(writers, rate, options.number("lag.seconds"));
      String benchmark = String.format(Locale.ROOT, "lag at %.1f tx/s (commit -> Dolt commit)%s", rate,
          mirror.groupCommit() > 1 ? ", groupCommit=" + mirror.groupCommit() : "");
      Samples lags = Samples.of(schedule.lagsMillis);
      Samples delays = Samples.of(schedule.delaysMillis);
      report.add(Row.of(name(), benchmark, "p50", "ms", Samples.of(lags.median())));
      report.add(Row.of(name(), benchmark, "p99", "ms", Samples.of(lags.percentile(99))).withGoal(GOAL));
      report.add(Row.of(name(), benchmark, "max", "ms", Samples.of(lags.max())));
      report.add(Row.of(name(), benchmark, "achieved rate", "tx/s", Samples.of(schedule.achievedRate)));
      report.add(Row.of(name(), benchmark, "schedule delay p99", "ms", Samples.of(delays.percentile(99))));
      long slow = schedule.lagsMillis.stream().filter(lag -> lag >= SLOW_AWAIT_MILLIS).count();
      report.add(Row.of(name(), benchmark, "transactions timed >= 250 ms", "count", Samples.of(slow)));
      if (slow > 0) {
        report.note(String.format(Locale.ROOT, "lag: %d of %d transactions took >= 250 ms; awaitMirrored polls every"
            + " 250 ms when the applier finished before the wait began, so these may overstate the lag", slow,
            schedule.lagsMillis.size()));
      }
    } finally {
      for (Connection writer : writers) {
        writer.close();
      }
      DoltSync.stopMirrors();
      dolt.dropQuietly(mirror.doltDatabase());
    }
  }

  private double rate(Report report) {
    double configured = options.number("lag.rate");
    if (configured > 0) {
      return configured;
    }
    OptionalDouble measured = mirrorRate.get();
    if (measured.isPresent()) {
      return measured.getAsDouble() / 2;
    }
    report.note("lag: no mirror rate measured in this run (suite mirror-rate not run) and --lag.rate not set; using "
        + FALLBACK_RATE + " tx/s");
    return FALLBACK_RATE;
  }

  /** What a schedule measured: per-transaction lag and start delay (after the warm-up), and the rate kept. */
  private record Schedule(List<Double> lagsMillis, List<Double> delaysMillis, double achievedRate) {}

  /**
   * Issues transactions at {@code rate} for {@code seconds}; the first tenth (at most 3 s) is a warm-up whose
   * transactions are not recorded.
   */
  private Schedule runSchedule(List<Connection> writers, double rate, double seconds) throws Exception {
    BlockingQueue<Long> starts = new LinkedBlockingQueue<>();
    ConcurrentLinkedQueue<double[]> results = new ConcurrentLinkedQueue<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long begin = System.nanoTime() + 50_000_000L;
    long recordFrom = begin + (long) (Math.min(3, seconds / 10) * 1e9);
    long end = begin + (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    for (Connection writer : writers) {
      Thread thread = new Thread(() -> work(writer, starts, recordFrom, results, failure), "bench-lag-writer");
      thread.start();
      threads.add(thread);
    }
    long issued = 0;
    for (long k = 0; ; k++) {
      long start = begin + (long) (k * 1e9 / rate);
      if (start >= end || failure.get() != null) {
        break;
      }
      LockSupport.parkNanos(start - System.nanoTime());
      starts.add(start);
      issued++;
    }
    for (int i = 0; i < threads.size(); i++) {
      starts.add(Long.MIN_VALUE); // one stop signal per writer
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    List<Double> lags = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    for (double[] result : results) {
      lags.add(result[0]);
      delays.add(result[1]);
    }
    double achieved = issued / ((end - begin) / 1e9);
    return new Schedule(lags, delays, achieved);
  }

  /** A writer: takes the next start time, runs a transaction, times its Dolt commit. */
  private void work(Connection writer, BlockingQueue<Long> starts, long recordFrom,
      ConcurrentLinkedQueue<double[]> results, AtomicReference<Exception> failure) {
    try {
      DoltSyncConnection doltsync = writer.unwrap(DoltSyncConnection.class);
      while (true) {
        long scheduled = starts.take();
        if (scheduled == Long.MIN_VALUE) {
          return;
        }
        long started = System.nanoTime();
        OrderWorkload.transaction(writer, sequence.incrementAndGet());
        long committed = System.nanoTime();
        doltsync.awaitMirrored(Duration.ofSeconds(60));
        long mirrored = System.nanoTime();
        if (scheduled >= recordFrom) {
          results.add(new double[] {(mirrored - committed) / 1e6, (started - scheduled) / 1e6});
        }
      }
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  private void commitAndAwait(Connection writer) throws SQLException {
    OrderWorkload.transaction(writer, sequence.incrementAndGet());
    writer.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(5));
  }
}
