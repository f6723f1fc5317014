package io.doltsync.internal.verify;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a query on the primary and its counterpart on Dolt at the same time (they are different servers):
 * Dolt's in a worker thread, the primary's in the caller's. One per table comparison; close it when done.
 */
final class BothSides implements AutoCloseable {

  /** A query on one side. */
  @FunctionalInterface
  interface Query<T> {
    T run() throws SQLException;
  }

  /** The two results. */
  record Results<T>(T primary, T dolt) {}

  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "doltsync-verify-dolt");
    thread.setDaemon(true);
    return thread;
  });

  /** Runs both queries concurrently; returns when both are done, with the first failure if any failed. */
  <T> Results<T> run(Query<T> primary, Query<T> dolt) throws SQLException {
    Future<T> doltResult = worker.submit(dolt::run);
    T primaryResult;
    try {
      primaryResult = primary.run();
    } catch (SQLException | RuntimeException e) {
      await(doltResult, e);
      throw e;
    }
    return new Results<>(primaryResult, await(doltResult, null));
  }

  /**
   * Waits for Dolt's side as a blocking JDBC call would: an interrupt does not abandon the query (the caller
   * sees it, still set, when this returns), so that interrupting a loop between runs never fails a run.
   */
  private static <T> T await(Future<T> result, Exception earlier) throws SQLException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (earlier != null) {
        earlier.addSuppressed(e.getCause());
        return null;
      }
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SQLException("Dolt's side of the comparison failed", "HY000", e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
