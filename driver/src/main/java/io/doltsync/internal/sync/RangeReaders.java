package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.IntegerKeys;
import io.doltsync.internal.dialect.UnreadableValue;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Reads one table through several source connections that share one snapshot ({@link SharedSnapshot}): the key
 * range {@code [MIN(key), MAX(key)]} of the table's single integer key column is cut into equal ranges, one per
 * connection, each read by a thread of its own into a bounded queue of batches, and the calling thread hands every
 * row to the consumer (the run's one Dolt writer). Memory holds at most {@link #QUEUED_BATCHES} batches of
 * {@link #BATCH_ROWS} rows per reader plus the consumer's own batch, whatever the table's size.
 */
final class RangeReaders {

  private static final Logger LOG = DoltSyncLoggers.get(RangeReaders.class);
  /** Rows per queued batch. */
  static final int BATCH_ROWS = 1_000;
  /** Queued batches per reader. */
  static final int QUEUED_BATCHES = 2;
  /** A reader is worth its connection from this many rows per reader. */
  static final long ROWS_PER_READER = 25_000;
  private static final int FETCH_SIZE = 1_000;

  /** Receives each row, on the calling thread. */
  @FunctionalInterface
  interface RowConsumer {
    void accept(Object[] row) throws SQLException;
  }

  private RangeReaders() {}

  /**
   * How many of {@code available} connections are worth using for a table of {@code rows} rows: one per
   * {@link #ROWS_PER_READER} rows, and only for a table keyed by one integer column.
   */
  static int readersFor(TableSchema schema, long rows, int available) {
    if (available <= 1 || integerKey(schema) == null) {
      return 1;
    }
    return (int) Math.max(1, Math.min(available, rows / ROWS_PER_READER));
  }

  /** The table's one integer key column, or null. */
  static ColumnSchema integerKey(TableSchema schema) {
    if (schema.primaryKey().size() != 1) {
      return null;
    }
    ColumnSchema key = schema.column(schema.primaryKey().get(0)).orElse(null);
    if (key == null) {
      return null;
    }
    return IntegerKeys.isIntegerType(key.jdbcType()) ? key : null;
  }

  /**
   * Reads every row of the table through {@code connections} (at least two; the table keyed by one integer column)
   * and returns the rows read.
   */
  static long read(SourceDialect dialect, TableSchema schema, List<Connection> connections, RowConsumer consumer,
      java.util.function.LongConsumer progress) throws SQLException {
    ColumnSchema key = integerKey(schema);
    String table = dialect.quoteIdentifier(schema.name());
    String keyColumn = dialect.quoteIdentifier(key.name());
    long min;
    long max;
    try (Statement statement = connections.get(0).createStatement();
        ResultSet rs = statement.executeQuery("SELECT MIN(" + keyColumn + "), MAX(" + keyColumn + ") FROM " + table)) {
      rs.next();
      min = rs.getLong(1);
      if (rs.wasNull()) {
        return 0;
      }
      max = rs.getLong(2);
    }
    int n = connections.size();
    List<ColumnSchema> columns = schema.columns();
    StringBuilder select = new StringBuilder("SELECT ").append(dialect.selectColumns(columns));
    select.append(" FROM ").append(table).append(" WHERE ").append(keyColumn).append(" >= ? AND ").append(keyColumn)
        .append(" <= ?");
    // equal ranges of key values, each at least one key wide (BigInteger: max - min may overflow a long)
    long span = java.math.BigInteger.valueOf(max).subtract(java.math.BigInteger.valueOf(min)).add(java.math.BigInteger.ONE)
        .add(java.math.BigInteger.valueOf(n - 1)).divide(java.math.BigInteger.valueOf(n))
        .min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES * n);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    long from = min;
    for (int i = 0; i < n && from <= max; i++) {
      long to = i == n - 1 || from > max - span ? max : from + span - 1;
      Reader reader = new Reader(dialect, columns, connections.get(i), select.toString(), from, to, queue, stop);
      Thread thread = new Thread(reader, "doltsync-sync-reader-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      if (to == max) {
        break;
      }
      from = to + 1;
    }
    LOG.debug("doltsync sync: reading {} through {} connections, keys {}..{}", schema.name(), threads.size(), min, max);
    threads.forEach(Thread::start);
    long read = 0;
    int finished = 0;
    try {
      while (finished < threads.size()) {
        Batch batch = queue.take();
        if (batch.failure != null) {
          throw batch.failure;
        }
        if (batch.rows == null) {
          finished++;
          continue;
        }
        for (Object[] row : batch.rows) {
          consumer.accept(row);
        }
        long before = read;
        read += batch.rows.size();
        if (read / 10_000 != before / 10_000) {
          progress.accept(read);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading " + schema.name(), "HY008", e);
    } finally {
      stop.set(true);
      queue.clear();
      for (Thread thread : threads) {
        try {
          thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    progress.accept(read);
    return read;
  }

  /** Rows read by one reader, or its end (no rows), or its failure. */
  private record Batch(List<Object[]> rows, SQLException failure) {}

  /** One key range read through one connection. */
  private static final class Reader implements Runnable {
    private final SourceDialect dialect;
    private final List<ColumnSchema> columns;
    private final Connection connection;
    private final String sql;
    private final long from;
    private final long to;
    private final BlockingQueue<Batch> queue;
    private final AtomicBoolean stop;

    Reader(SourceDialect dialect, List<ColumnSchema> columns, Connection connection, String sql, long from, long to,
        BlockingQueue<Batch> queue, AtomicBoolean stop) {
      this.dialect = dialect;
      this.columns = columns;
      this.connection = connection;
      this.sql = sql;
      this.from = from;
      this.to = to;
      this.queue = queue;
      this.stop = stop;
    }

    @Override
    public void run() {
      try (PreparedStatement select = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        select.setLong(1, from);
        select.setLong(2, to);
        select.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = select.executeQuery()) {
          List<Object[]> rows = new ArrayList<>(BATCH_ROWS);
          while (rs.next()) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
              row[i] = UnreadableValue.read(dialect, rs, i + 1, columns.get(i));
            }
            rows.add(row);
            if (rows.size() == BATCH_ROWS) {
              if (!put(new Batch(rows, null))) {
                return;
              }
              rows = new ArrayList<>(BATCH_ROWS);
            }
          }
          if (!rows.isEmpty() && !put(new Batch(rows, null))) {
            return;
          }
        }
        put(new Batch(null, null));
      } catch (SQLException e) {
        put(new Batch(null, e));
      } catch (RuntimeException e) {
        put(new Batch(null, new SQLException("a sync reader failed: " + e, "HY000", e)));
      }
    }

    /** Queues a batch unless the run stopped reading; false when it did. */
    private boolean put(Batch batch) {
      try {
        while (!stop.get()) {
          if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            return true;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }
}
