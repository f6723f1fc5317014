package io.doltsync.bench.tpcc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a set of terminals side by side for a fixed time, each on a thread of its own, back to back with
 * no keying or think time, or paced to a fixed rate; a transaction running at the deadline is finished and
 * counted.
 */
final class TpccTerminals {

  private final List<TpccTerminal> terminals;

  TpccTerminals(List<TpccTerminal> terminals) {
    this.terminals = List.copyOf(terminals);
  }

  int size() {
    return terminals.size();
  }

  /** Runs every terminal for {@code seconds}; returns the merged counts, timed from start to the last finish. */
  TpccCounts run(double seconds) throws Exception {
    return run(seconds, 0);
  }

  /**
   * Runs every terminal for {@code seconds}, all of them together starting {@code rate} transactions per
   * second (0: back to back): terminal {@code i} of {@code n} starts its {@code k}-th transaction at
   * {@code (k + i / n) * n / rate} seconds, or as soon as its previous one ends when it is behind that schedule
   * (a fixed rate, not a closed loop: a slow transaction is caught up on). Returns the merged counts.
   */
  TpccCounts run(double seconds, double rate) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(terminals.size() + 1);
    List<TpccCounts> counts = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] start = new long[1];
    for (int i = 0; i < terminals.size(); i++) {
      TpccTerminal terminal = terminals.get(i);
      int index = i;
      TpccCounts own = new TpccCounts();
      counts.add(own);
      Thread thread = new Thread(() -> {
        try {
          barrier.await();
          long deadline = start[0] + (long) (seconds * 1e9);
          double interval = rate > 0 ? terminals.size() * 1e9 / rate : 0;
          long k = 0;
          while (System.nanoTime() < deadline) {
            if (interval > 0) {
              long due = start[0] + (long) ((k++ + (double) index / terminals.size()) * interval);
              long wait = due - System.nanoTime();
              if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
              }
              if (due >= deadline) {
                break;
              }
            }
            TransactionType type = terminal.next();
            own.record(type, terminal.run(type));
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }, "tpcc-terminal-" + i);
      threads.add(thread);
      thread.start();
    }
    start[0] = System.nanoTime(); // published to the terminals by the barrier
    barrier.await();
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start[0]) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a terminal failed", failure.get());
    }
    TpccCounts total = new TpccCounts();
    for (TpccCounts own : counts) {
      total = total.plus(own);
    }
    return total.withSeconds(elapsed);
  }

  /** One example of a failure sorted as {@code outcome} by the terminals, or null. */
  String exampleFailure(Outcome outcome, TpccDialect dialect) {
    for (TpccTerminal terminal : terminals) {
      if (terminal.lastFailure() != null && Outcome.of(terminal.lastFailure(), dialect) == outcome) {
        return terminal.lastFailure().toString();
      }
    }
    return null;
  }
}
