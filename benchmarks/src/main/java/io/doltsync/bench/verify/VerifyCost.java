package io.doltsync.bench.verify;

import io.doltsync.DoltSync;
import io.doltsync.bench.core.ItemsDatabase;
import io.doltsync.VerifyProgress;
import io.doltsync.VerifyReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of {@code verify} (issue 8): a table of {@code -Drows} rows (default 1,000,000) on MariaDB,
 * mirrored into Dolt by the bootstrap, verified with no drift and again after {@code -Ddrift} (default
 * 1%) of its rows were updated over a plain connection. Prints rows/s and the heap in use (sampled every
 * 20 ms) above the level before each run. Not part of the test suite:
 *
 * <pre>
 * ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl benchmarks -am package
 * java -Xmx256m -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" io.doltsync.bench.verify.VerifyCost
 * </pre>
 *
 * Servers: MariaDB 127.0.0.1:33306 (doltsync/doltsync), Dolt 127.0.0.1:33307 (root); both databases are
 * created with unique names and dropped at the end.
 */
public final class VerifyCost {

  private VerifyCost() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.getLong("rows", 1_000_000);
    double drift = Double.parseDouble(System.getProperty("drift", "0.01"));
    String mariadb = System.getProperty("mariadb", "jdbc:mariadb://127.0.0.1:33306/");
    String dolt = System.getProperty("dolt", "jdbc:mariadb://127.0.0.1:33307/");
    try (ItemsDatabase items = ItemsDatabase.create("vcost", mariadb, dolt, rows)) {
      try {
        long bootstrapStart = System.nanoTime();
        try (Connection app = DriverManager.getConnection(items.doltsyncUrl("doltsync.syncTimeout=5m"),
            items.credentials())) {
          awaitRows(items.doltUrl(), rows);
          System.out.printf(Locale.ROOT, "bootstrap of %,d rows: %.1f s%n", rows, seconds(bootstrapStart));
          run("no drift", app, rows);
          try (Connection plain = items.plain()) {
            long every = Math.round(1 / drift);
            execute(plain, "UPDATE items SET n = n + 1 WHERE id % " + every + " = 0");
          }
          run(String.format(Locale.ROOT, "%.1f%% drift", drift * 100), app, rows);
        }
      } finally {
        DoltSync.shutdown();
      }
    }
  }

  private static void run(String label, Connection app, long rows) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    VerifyReport report = DoltSync.verify(app, java.util.List.of(), VerifyProgress.NONE);
    double took = seconds(start);
    sampler.interrupt();
    sampler.join();
    long differing = report.tables().stream().mapToLong(VerifyReport.TableReport::differingRows).sum();
    System.out.printf(Locale.ROOT, "verify, %s: %,d rows compared in %.1f s = %,.0f rows/s; %,d rows differ;"
        + " heap peak %.0f MB above %.0f MB before (max heap %.0f MB)%n", label, report.rowsCompared(), took,
        report.rowsCompared() / took, differing, (peak.get() - baseline) / 1e6, baseline / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
    if (report.rowsCompared() != rows) {
      throw new IllegalStateException("compared " + report.rowsCompared() + " rows, expected " + rows);
    }
  }

  private static void awaitRows(String doltUrl, long rows) throws Exception {
    while (true) {
      try (Connection dolt = DriverManager.getConnection(doltUrl, "root", "");
          Statement statement = dolt.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM items")) {
        if (rs.next() && rs.getLong(1) == rows) {
          return;
        }
      } catch (SQLException notYet) {
        // the bootstrap has not created the table yet
      }
      Thread.sleep(1000);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
