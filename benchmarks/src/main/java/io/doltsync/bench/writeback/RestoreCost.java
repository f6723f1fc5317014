package io.doltsync.bench.writeback;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import io.doltsync.bench.core.HeapSampler;
import io.doltsync.bench.core.ItemsDatabase;
import io.doltsync.bench.core.Sql;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The cost of {@code restore} (issue 9): a MariaDB table of {@code -Drows} rows (default 100,000), mirrored
 * by the bootstrap; a "bad" transaction through doltsync changes the first {@code -Dchanged} rows (default
 * all); then, in {@code -Drounds}
 * interleaved rounds (default 2), the table is put back to the bootstrap commit (a) by
 * {@link DoltSync#restore} and (b) by Dolt's own route, {@code dolt_patch(HEAD, <revision>, 'items')} read
 * from Dolt and its statements run, batched, in one transaction through the same doltsync connection (so
 * both end as one mirrored Dolt commit); the bad transaction is repeated before each. Prints rows/s of
 * each (until the Dolt commit exists) and the heap peak above the level before. Not part of the test suite:
 *
 * <pre>
 * ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl benchmarks -am package
 * java -Xmx256m -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" io.doltsync.bench.writeback.RestoreCost
 * </pre>
 */
public final class RestoreCost {

  private RestoreCost() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.getLong("rows", 100_000);
    long changed = Long.getLong("changed", rows);
    int rounds = Integer.getInteger("rounds", 2);
    String mariadb = System.getProperty("mariadb", "jdbc:mariadb://127.0.0.1:33306/");
    String dolt = System.getProperty("dolt", "jdbc:mariadb://127.0.0.1:33307/");
    try (ItemsDatabase items = ItemsDatabase.create("rcost", mariadb, dolt, rows)) {
      try (Connection app = DriverManager.getConnection(
              items.doltsyncUrl("doltsync.syncTimeout=10m&doltsync.mode=sync"), items.credentials());
          Connection doltConnection = items.awaitDoltRows(rows)) {
        String good = Sql.queryString(doltConnection, "SELECT HASHOF('main')", 1);
        for (int round = 1; round <= rounds; round++) {
          badTransaction(app, changed);
          measure("round " + round + ", DoltSync.restore", changed, () -> {
            WritebackReport report = DoltSync.restore(app, good, WritebackOptions.DEFAULT);
            return report.updated() + report.inserted() + report.deleted();
          });
          badTransaction(app, changed);
          measure("round " + round + ", dolt_patch + run", changed, () -> runPatch(app, doltConnection, good));
        }
      } finally {
        DoltSync.shutdown();
      }
    }
  }

  /** The first {@code changed} rows changed, one transaction through doltsync (one Dolt commit). */
  private static void badTransaction(Connection app, long changed) throws SQLException {
    long start = System.nanoTime();
    app.setAutoCommit(false);
    Sql.execute(app, "UPDATE items SET n = n + 1, label = CONCAT(label, '!') WHERE id <= " + changed);
    app.commit();
    app.setAutoCommit(true);
    app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(10));
    System.out.printf(Locale.ROOT, "  (bad transaction mirrored in %.1f s)%n", seconds(start));
  }

  /** Dolt's route: the patch's statements, batched, as one transaction; returns the statements run. */
  private static long runPatch(Connection app, Connection dolt, String revision) throws SQLException {
    long statements = 0;
    app.setAutoCommit(false);
    try (Statement read = dolt.createStatement(); Statement write = app.createStatement()) {
      read.setFetchSize(1000);
      try (ResultSet rs = read.executeQuery("SELECT statement FROM dolt_patch('HEAD', '" + revision + "', 'items')"
          + " WHERE diff_type = 'data'")) {
        while (rs.next()) {
          String sql = rs.getString(1);
          write.addBatch(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
          if (++statements % 500 == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
    }
    app.unwrap(DoltSyncConnection.class).setCommitMessage("Apply dolt_patch to " + revision);
    app.commit();
    app.setAutoCommit(true);
    app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(10));
    return statements;
  }

  @FunctionalInterface
  private interface Work {
    long run() throws Exception;
  }

  private static void measure(String label, long rows, Work work) throws Exception {
    HeapSampler heap = HeapSampler.start();
    long start = System.nanoTime();
    long written = work.run();
    double took = seconds(start);
    heap.close();
    System.out.printf(Locale.ROOT, "%s: %,d rows written in %.1f s = %,.0f rows/s (Dolt commit included);"
        + " heap peak %.0f MB above %.0f MB (max heap %.0f MB); load %.1f%n", label, written, took, written / took,
        heap.peakAboveBaselineMb(), heap.baselineMb(), HeapSampler.maxHeapMb(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (written != rows) {
      throw new IllegalStateException("wrote " + written + " rows, expected " + rows);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
