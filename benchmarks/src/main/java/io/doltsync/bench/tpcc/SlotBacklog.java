package io.doltsync.bench.tpcc;

import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The doltsync side's backlog in wal capture ({@code doltsync.capture=wal}): how far the mirror's replication slot
 * is behind the server, in KiB of WAL (the server's current LSN less the slot's confirmed one, which the applier
 * moves after each Dolt commit). The WAL is the whole server's, so other sessions' writes count while the applier is
 * behind: an upper bound on a shared server. The wait for Dolt is exact: each doltsync terminal's
 * {@link DoltSyncConnection#awaitMirrored} (a sync marker through the slot, after every transaction it committed).
 */
final class SlotBacklog implements Backlog {

  private final Connection primary;
  private final String slot;
  private final Supplier<List<Connection>> doltsyncConnections;
  private final List<Long> samples = new ArrayList<>();
  private Thread sampler;
  private volatile boolean running;
  private volatile SQLException failure;

  /**
   * @param primary             a raw connection to the primary, owned by this object
   * @param slot                the mirror's slot name
   * @param doltsyncConnections the doltsync terminals' connections, idle when {@link #awaitEmpty} runs
   */
  SlotBacklog(Connection primary, String slot, Supplier<List<Connection>> doltsyncConnections) throws SQLException {
    this.primary = primary;
    this.slot = slot;
    this.doltsyncConnections = doltsyncConnections;
    primary.setAutoCommit(true);
  }

  @Override
  public String what() {
    return "wal slot behind the server";
  }

  @Override
  public String unit() {
    return "KiB";
  }

  @Override
  public synchronized long count() throws SQLException {
    try (PreparedStatement select = primary.prepareStatement("SELECT COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(),"
        + " confirmed_flush_lsn), 0)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
      select.setString(1, slot);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) / 1024 : 0;
      }
    }
  }

  @Override
  public void startSampling() {
    synchronized (samples) {
      samples.clear();
    }
    running = true;
    failure = null;
    sampler = new Thread(() -> {
      while (running) {
        try {
          long count = count();
          synchronized (samples) {
            samples.add(count);
          }
          Thread.sleep(1_000);
        } catch (SQLException e) {
          failure = e;
          return;
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "tpcc-slot-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  @Override
  public List<Long> stopSampling() throws SQLException, InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
    if (failure != null) {
      throw failure;
    }
    synchronized (samples) {
      samples.add(count());
      return List.copyOf(samples);
    }
  }

  @Override
  public double awaitEmpty(double timeoutSeconds) throws SQLException {
    long start = System.nanoTime();
    long deadline = start + (long) (timeoutSeconds * 1e9);
    try {
      for (Connection connection : doltsyncConnections.get()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Double.NaN;
        }
        connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofNanos(left));
      }
    } catch (SQLTimeoutException timedOut) {
      return Double.NaN;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() throws SQLException {
    primary.close();
  }
}
