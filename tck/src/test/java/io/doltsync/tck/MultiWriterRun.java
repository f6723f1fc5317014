package io.doltsync.tck;

import io.doltsync.DoltSyncConnection;
import io.doltsync.jdbc.DoltSyncDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The multi-writer oracle: several threads, each with its own doltsync connection, run overlapping
 * workloads at once. Most belong to application instance {@code tck-a}, whose mirror applies the
 * journal; one belongs to a second instance {@code tck-b} (a {@link DoltSyncDataSource} with its own
 * mirror: another URL, no applier, sync mode), as a second JVM would. At the end Dolt's head must equal the primary, each transaction must be
 * in Dolt once, and each row's versions must appear in the primary's order.
 */
final class MultiWriterRun {

  static final int APPLYING_INSTANCE_WRITERS = 3;
  static final Duration SYNC_CHECK = Duration.ofMillis(100);
  /** How long the writers may take; beyond it the run fails, reporting where they are stuck. */
  static final Duration WRITERS_DEADLINE = Duration.ofMinutes(4);

  private final Primary primary;
  private final int transactionsPerWriter;
  private final long seed;
  /** {@code doltsync.groupCommit} of the applying instance: 1, one Dolt commit per transaction. */
  private final int groupCommit;

  MultiWriterRun(Primary primary, int transactionsPerWriter, long seed) {
    this(primary, transactionsPerWriter, seed, 1);
  }

  /**
   * @param groupCommit the applying instance's {@code doltsync.groupCommit}: above 1, a Dolt commit may carry
   *                    several transactions (listed in its trailer)
   */
  MultiWriterRun(Primary primary, int transactionsPerWriter, long seed, int groupCommit) {
    this.primary = primary;
    this.transactionsPerWriter = transactionsPerWriter;
    this.seed = seed;
    this.groupCommit = groupCommit;
  }

  RunSummary run() throws Exception {
    WorkloadStats stats = new WorkloadStats();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    try (TckEnvironment environment = TckEnvironment.create(primary, DoltDatabase.fresh(), seed)) {
      List<Connection> writers = new ArrayList<>();
      for (int i = 0; i < APPLYING_INSTANCE_WRITERS; i++) {
        writers.add(environment.openDoltSync(applyingInstance(environment, groupCommit),
            environment.primary().doltSyncUrl()));
      }
      DoltSyncDataSource second = environment.secondInstance("tck-b");
      second.setApplier(false);
      second.setMode("sync");
      Connection secondInstance = environment.open(second);
      writers.add(secondInstance);
      environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);

      long started = System.nanoTime();
      runWriters(writers, secondInstance, stats, violations);
      for (Connection writer : writers) {
        writer.unwrap(DoltSyncConnection.class).awaitMirrored(TckEnvironment.MIRROR_TIMEOUT);
      }
      Connection observer = environment.openPrimary();
      MirrorChecks.awaitJournalDrained(environment, observer, TckEnvironment.MIRROR_TIMEOUT);
      Duration workload = Duration.ofNanos(System.nanoTime() - started);

      started = System.nanoTime();
      violations.addAll(stats.unexpectedErrors());
      violations.addAll(MirrorChecks.headDifferences(environment, observer));
      RowHistoryVerifier rowHistory = new RowHistoryVerifier();
      List<DoltCommit> log;
      try (Connection dolt = environment.dolt().connect()) {
        log = DoltDatabase.log(dolt);
        violations.addAll(rowHistory.verify(dolt));
      }
      violations.addAll(MirrorChecks.trailerViolations(log, groupCommit > 1));
      violations.addAll(instanceViolations(log, primary.commitsNameTheWritingInstance()));
      violations.addAll(Coverage.missing(new WorkloadGenerator(primary, WorkloadOptions.multiWriter(), seed,
          new Keys.Shared()).kinds(), stats));
      Duration verification = Duration.ofNanos(System.nanoTime() - started);
      System.out.println("[tck] multi-writer on " + primary.name() + ": " + log.size() + " Dolt commits ("
          + log.stream().filter(commit -> commit.transactionIds().size() > 1).count() + " carrying several"
          + " transactions, groupCommit=" + groupCommit + "), " + rowHistory.rowsChecked() + " row histories checked");
      if (violations.isEmpty()) {
        environment.succeeded();
      }
      return new RunSummary("multi-writer", primary.name(), seed, transactionsPerWriter * writers.size(), log.size(),
          workload, verification, stats, List.copyOf(violations));
    }
  }

  /** The options of instance {@code tck-a}, whose mirror applies the journal. */
  private static Properties applyingInstance(TckEnvironment environment, int groupCommit) {
    Properties properties = environment.doltSyncProperties();
    properties.setProperty("doltsync.instance", "tck-a");
    properties.setProperty("doltsync.groupCommit", Integer.toString(groupCommit));
    return properties;
  }

  private void runWriters(List<Connection> writers, Connection syncWriter, WorkloadStats stats, List<String> violations)
      throws Exception {
    Keys.Shared shared = new Keys.Shared();
    List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(writers.size(), task -> {
      Thread thread = new Thread(task, "tck-writer-" + threads.size());
      thread.setDaemon(true);
      threads.add(thread);
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers.size(); w++) {
        Connection connection = writers.get(w);
        WorkloadGenerator generator = new WorkloadGenerator(primary, WorkloadOptions.multiWriter(), seed + w, shared);
        TransactionExecutor.Listener listener = connection == syncWriter ? new SyncModeCheck(violations)
            : new TransactionExecutor.Listener() { };
        TransactionExecutor executor = new TransactionExecutor(primary, stats, listener);
        futures.add(pool.submit(() -> {
          for (int number = 1; number <= transactionsPerWriter; number++) {
            executor.run(connection, generator.next(number));
          }
          return null;
        }));
      }
      long deadline = System.nanoTime() + WRITERS_DEADLINE.toNanos();
      for (Future<?> future : futures) {
        try {
          future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          throw new AssertionError("writers still running after " + WRITERS_DEADLINE.toMinutes() + " min (seed " + seed
              + "), stuck at:\n" + StuckThreads.describe(threads));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Both instances' transactions reached Dolt, each commit naming its instance; in wal capture, which cannot tell the
   * writing instance, every commit names the applying one ({@code tck-a}), as the README's wal section promises
   * (that both instances' transactions reached Dolt is then shown by the head, exactly-once and row-history checks).
   */
  private static List<String> instanceViolations(List<DoltCommit> log, boolean namesWritingInstance) {
    Set<String> instances = new TreeSet<>();
    log.stream().filter(c -> !c.isBootstrap() && c.instance() != null).forEach(c -> instances.add(c.instance()));
    if (!namesWritingInstance) {
      // wal capture: a transaction a connection announced something in names its writer, the others the applier's
      return instances.contains("tck-a") && Set.of("tck-a", "tck-b").containsAll(instances) ? List.of()
          : List.of("commits should name the applying instance tck-a (and the writer tck-b where it announced),"
              + " but name " + instances);
    }
    Set<String> expected = Set.of("tck-a", "tck-b");
    return instances.equals(expected) ? List.of()
        : List.of("commits should name instances " + expected + ", but name " + instances);
  }

  /** In sync mode, commit() returns only once the Dolt commit exists: awaiting it must not wait. */
  private record SyncModeCheck(List<String> violations) implements TransactionExecutor.Listener {
    @Override
    public void committed(Connection connection, TransactionPlan plan, boolean last) throws SQLException {
      try {
        connection.unwrap(DoltSyncConnection.class).awaitMirrored(SYNC_CHECK);
      } catch (java.sql.SQLTimeoutException e) {
        violations.add("sync mode: commit() returned before the Dolt commit existed, " + plan.describe());
      }
    }
  }
}
