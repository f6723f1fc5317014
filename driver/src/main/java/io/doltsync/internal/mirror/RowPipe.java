package io.doltsync.internal.mirror;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Overlaps reading rows from the primary with writing them to Dolt: the reader adds rows, a writer thread
 * takes them in batches. A few batches are buffered at most, so a table is never held in memory. The
 * first failure of either side ends the copy and is rethrown to the reader.
 */
final class RowPipe implements AutoCloseable {

  /** Writes one batch of rows. */
  @FunctionalInterface
  interface BatchWriter {
    void write(List<Object[]> rows) throws SQLException;
  }

  /** Where the writer thread takes batches from. */
  @FunctionalInterface
  interface BatchSource {
    /** The next batch, waiting for it; {@code null} once the reader has handed over everything. */
    List<Object[]> next() throws InterruptedException;
  }

  /** Writes everything a source gives, on the writer thread. */
  @FunctionalInterface
  interface Sink {
    void drain(BatchSource source) throws SQLException;
  }

  private static final List<Object[]> END = List.of();
  private static final int BUFFERED_BATCHES = 4;

  private final int batchSize;
  private final BlockingQueue<List<Object[]>> batches = new ArrayBlockingQueue<>(BUFFERED_BATCHES);
  private final ExecutorService thread;
  private final Future<Void> writing;
  private List<Object[]> current;

  RowPipe(int batchSize, BatchWriter writer) {
    this(batchSize, (Sink) source -> {
      try {
        for (List<Object[]> batch = source.next(); batch != null; batch = source.next()) {
          writer.write(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while copying rows to Dolt", "HY008", e);
      }
    });
  }

  /** A pipe whose writer thread hands the whole stream of batches to one sink (a bulk load). */
  static RowPipe streaming(int batchSize, Sink sink) {
    return new RowPipe(batchSize, sink);
  }

  private RowPipe(int batchSize, Sink sink) {
    this.batchSize = batchSize;
    this.current = new ArrayList<>(batchSize);
    this.thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "doltsync-bootstrap-writer");
      t.setDaemon(true);
      return t;
    });
    this.writing = thread.submit(() -> {
      sink.drain(this::take);
      return null;
    });
  }

  private boolean ended;

  private List<Object[]> take() throws InterruptedException {
    if (ended) {
      return null;
    }
    List<Object[]> batch = batches.take();
    if (batch == END) {
      ended = true;
      return null;
    }
    return batch;
  }

  void add(Object[] row) throws SQLException {
    current.add(row);
    if (current.size() == batchSize) {
      hand(current);
      current = new ArrayList<>(batchSize);
    }
  }

  /** Hands over the last rows and waits until everything is written. */
  void finish() throws SQLException {
    if (!current.isEmpty()) {
      hand(current);
    }
    hand(END);
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while copying rows to Dolt", "HY008", e);
    } catch (ExecutionException e) {
      throw failure(e);
    }
  }

  private void hand(List<Object[]> batch) throws SQLException {
    try {
      while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        if (writing.isDone()) {
          writing.get();
          throw new SQLException("the Dolt writer stopped before the copy ended", "HY000");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while copying rows to Dolt", "HY008", e);
    } catch (ExecutionException e) {
      throw failure(e);
    }
  }

  private static SQLException failure(ExecutionException e) {
    return e.getCause() instanceof SQLException sql ? sql : new SQLException("copying rows to Dolt failed", "HY000", e.getCause());
  }

  @Override
  public void close() {
    writing.cancel(true);
    thread.shutdownNow();
  }
}
