package io.doltsync.tck;

import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writer threads for the Dolt fault tests: each with its own doltsync connection, committing
 * {@link FaultWorkload} transactions until stopped, recording which transactions committed and the
 * slowest commit (the primary must keep working while Dolt is away).
 */
final class FaultWriters implements AutoCloseable {

  /** A pause between a writer's transactions, so Dolt can catch up within seconds after an outage. */
  private static final long PAUSE_MILLIS = 40;

  private final List<Thread> threads = new ArrayList<>();
  private final List<Connection> connections = new ArrayList<>();
  private final Set<Integer> committed = new ConcurrentSkipListSet<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong slowestCommitNanos = new AtomicLong();
  private final List<Throwable> failures = new ArrayList<>();
  private final WorkloadStats stats = new WorkloadStats();
  private volatile boolean running = true;

  FaultWriters(TckEnvironment environment, int writers, long seed, int bulkRows) throws SQLException {
    Primary primary = environment.primary().primary();
    Keys.Shared keys = new Keys.Shared();
    for (int w = 0; w < writers; w++) {
      Connection connection = environment.openDoltSync();
      connections.add(connection);
      FaultWorkload workload = new FaultWorkload(primary, seed + w, keys, "writer-" + w, bulkRows);
      TransactionExecutor executor = new TransactionExecutor(primary, stats, new Recorder());
      threads.add(new Thread(() -> loop(connection, workload, executor), "tck-fault-writer-" + w));
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** Transactions whose commit returned successfully so far. */
  int committedCount() {
    return committed.size();
  }

  Set<Integer> committed() {
    return committed;
  }

  /** Statement errors the workload does not provoke (findings, like any other violation). */
  List<String> unexpectedErrors() {
    return stats.unexpectedErrors();
  }

  /** What the writers ran, for the test's summary. */
  String describeStatements() {
    return stats.describe();
  }

  /** The longest any commit() took. */
  Duration slowestCommit() {
    return Duration.ofNanos(slowestCommitNanos.get());
  }

  /** Stops the writers, then waits until each connection's last transaction is in Dolt. */
  void stopAndAwaitMirrored(Duration timeout) throws Exception {
    running = false;
    for (Thread thread : threads) {
      thread.join();
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        throw new AssertionError("a writer failed", failures.get(0));
      }
    }
    for (Connection connection : connections) {
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(timeout);
    }
  }

  private void loop(Connection connection, FaultWorkload workload, TransactionExecutor executor) {
    try {
      while (running) {
        long started = System.nanoTime();
        executor.run(connection, workload.transaction(sequence.incrementAndGet()));
        slowestCommitNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
        Thread.sleep(PAUSE_MILLIS);
      }
    } catch (Throwable e) {
      synchronized (failures) {
        failures.add(e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
  }

  /** Records the transactions whose final commit() returned. */
  private final class Recorder implements TransactionExecutor.Listener {
    @Override
    public void committed(Connection connection, TransactionPlan plan, boolean last) {
      if (last) {
        committed.add(plan.number());
      }
    }
  }
}
