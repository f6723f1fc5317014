package io.doltsync.bench.core;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs operations back to back for a fixed time and returns the throughput: one operation per thread,
 * each thread starting the next operation as soon as the previous one returns (a closed loop). One
 * thread runs on the caller's thread, so a single-threaded measurement has no hand-off at all.
 */
public final class ClosedLoop {

  /** One unit of work, e.g. a whole transaction. */
  @FunctionalInterface
  public interface Operation {
    void run() throws Exception;
  }

  private ClosedLoop() {}

  /** Runs each operation on a thread of its own for {@code seconds}; returns the total operations per second. */
  public static double opsPerSecond(List<? extends Operation> operations, double seconds) throws Exception {
    if (operations.size() == 1) {
      long start = System.nanoTime();
      long count = loop(operations.get(0), start + toNanos(seconds));
      return count / ((System.nanoTime() - start) / 1e9);
    }
    CyclicBarrier barrier = new CyclicBarrier(operations.size() + 1);
    long[] counts = new long[operations.size()];
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread[] threads = new Thread[operations.size()];
    long[] start = new long[1];
    for (int i = 0; i < threads.length; i++) {
      int index = i;
      threads[i] = new Thread(() -> {
        try {
          barrier.await();
          counts[index] = loop(operations.get(index), start[0] + toNanos(seconds));
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-client-" + i);
      threads[i].start();
    }
    start[0] = System.nanoTime(); // published to the clients by the barrier
    barrier.await();
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start[0]) / 1e9;
    if (failure.get() != null) {
      throw failure.get();
    }
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total / elapsed;
  }

  private static long loop(Operation operation, long deadline) throws Exception {
    long count = 0;
    do {
      operation.run();
      count++;
    } while (System.nanoTime() < deadline);
    return count;
  }

  private static long toNanos(double seconds) {
    return (long) (seconds * 1e9);
  }
}
