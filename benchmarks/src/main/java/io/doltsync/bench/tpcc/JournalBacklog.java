package io.doltsync.bench.tpcc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The doltsync journal's backlog as the primary shows it: committed transactions not yet applied to Dolt
 * (the applier deletes an entry once its Dolt commit exists). Sampled once a second while a doltsync round
 * runs, on a raw connection of its own.
 */
final class JournalBacklog implements Backlog {

  private final Connection primary;
  private final String journalTable;
  private final List<Long> samples = new ArrayList<>();
  private Thread sampler;
  private volatile boolean running;
  private volatile SQLException failure;

  /** @param primary a raw connection to the doltsync side's primary database, owned by this object */
  JournalBacklog(Connection primary, String journalTable) throws SQLException {
    this.primary = primary;
    this.journalTable = journalTable;
    primary.setAutoCommit(true);
  }

  @Override
  public String what() {
    return "journal backlog";
  }

  @Override
  public String unit() {
    return "entries";
  }

  /**
   * Transactions in the journal now (a large transaction spans several rows, one per chunk, all with its
   * {@code txn}); 0 before doltsync created the journal (on the first mirrored commit).
   */
  @Override
  public synchronized long count() throws SQLException {
    try (Statement statement = primary.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(DISTINCT txn) FROM " + journalTable)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      if (tableMissing()) {
        return 0;
      }
      throw e;
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
    }, "tpcc-backlog-sampler");
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
    List<Long> taken;
    synchronized (samples) {
      samples.add(count());
      taken = List.copyOf(samples);
    }
    return taken;
  }

  /**
   * Waits until the journal is empty or {@code timeoutSeconds} pass; returns the seconds it took, or
   * NaN when the time ran out.
   */
  @Override
  public double awaitEmpty(double timeoutSeconds) throws SQLException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + (long) (timeoutSeconds * 1e9);
    while (count() > 0) {
      if (System.nanoTime() > deadline) {
        return Double.NaN;
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private boolean tableMissing() throws SQLException {
    try (ResultSet tables = primary.getMetaData().getTables(primary.getCatalog(), primary.getSchema(), journalTable, null)) {
      return !tables.next();
    }
  }

  @Override
  public void close() throws SQLException {
    primary.close();
  }
}
