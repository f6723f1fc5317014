package io.doltsync.bench.verify;

import io.doltsync.DoltSync;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.verify.ChunkedDiff;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.bench.core.HeapSampler;
import io.doltsync.bench.core.ItemsDatabase;
import io.doltsync.bench.core.LoadAverage;
import io.doltsync.bench.core.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of {@code verify}'s comparison (issue 8): a table of {@code -Drows} rows (default 1,000,000) on
 * MariaDB and on PostgreSQL, each mirrored into its own Dolt database by the bootstrap, compared with its
 * mirror by the chunked comparison {@code verify}, {@code reconcile} and {@code sync} share
 * ({@link ChunkedDiff}, ranges of {@value DoltSync#VERIFY_CHUNK_ROWS} rows as {@code verify} uses), with no
 * drift and after {@code -Ddrift} (default 1%) of the rows were updated over a plain connection. Prints rows/s,
 * the heap in use (sampled every 20 ms) above the level before each run, and the largest heap left after a
 * collection (the live set, garbage excluded) during the run.
 *
 * <p>Phases, so that two builds of the driver can be measured in interleaved rounds on the same tables
 * ({@code benchmarks/verify-old-vs-new.sh} does that): {@code setup NAME}, {@code round NAME LABEL},
 * {@code drift NAME}, {@code teardown NAME}. Without arguments: setup, a round with no drift, drift, a round,
 * teardown.
 *
 * <pre>
 * ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl benchmarks -am package
 * java -Xmx256m -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" io.doltsync.bench.verify.VerifyCost
 * </pre>
 *
 * Servers: MariaDB 127.0.0.1:33306 and PostgreSQL 127.0.0.1:35432 (doltsync/doltsync, database
 * doltsync_test), Dolt 127.0.0.1:33307 (root); the databases and the schema are created with unique names
 * and dropped by teardown. {@code -Dprimaries=mariadb,postgresql} chooses the primaries.
 */
public final class VerifyCost {

  private static final String MARIADB = System.getProperty("mariadb", "jdbc:mariadb://127.0.0.1:33306/");
  private static final String POSTGRESQL = System.getProperty("postgresql", "jdbc:postgresql://127.0.0.1:35432/doltsync_test");
  private static final String DOLT = System.getProperty("dolt", "jdbc:mariadb://127.0.0.1:33307/");
  private static final List<String> PRIMARIES = List.of(System.getProperty("primaries", "mariadb,postgresql").split(","));

  private VerifyCost() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.getLong("rows", 1_000_000);
    double drift = Double.parseDouble(System.getProperty("drift", "0.01"));
    if (args.length == 0) {
      String name = "vcost_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      try {
        setup(name, rows);
        round(name, "this build, no drift");
        drift(name, drift);
        round(name, "this build, drift");
      } finally {
        teardown(name);
      }
      return;
    }
    String name = args[1];
    switch (args[0]) {
      case "setup" -> setup(name, rows);
      case "round" -> round(name, args.length > 2 ? args[2] : "round");
      case "drift" -> drift(name, drift);
      case "teardown" -> teardown(name);
      default -> throw new IllegalArgumentException("phases: setup, round, drift, teardown");
    }
  }

  private static void setup(String name, long rows) throws Exception {
    for (String primary : PRIMARIES) {
      ItemsDatabase items = ItemsDatabase.create(kind(primary), server(primary), DOLT, name, doltDatabase(name, primary),
          rows);
      long start = System.nanoTime();
      try (Connection app = DriverManager.getConnection(items.doltsyncUrl("doltsync.syncTimeout=10m"), items.credentials());
          Connection dolt = items.awaitDoltRows(rows)) {
        System.out.printf(Locale.ROOT, "%s: %,d rows, bootstrap into Dolt %.1f s%n", primary, rows, seconds(start));
      }
    }
    DoltSync.shutdown();
  }

  private static void drift(String name, double drift) throws SQLException {
    long every = Math.round(1 / drift);
    for (String primary : PRIMARIES) {
      try (Connection plain = items(primary, name).plain()) {
        Sql.execute(plain, "UPDATE items SET n = n + 1 WHERE id % " + every + " = 0");
      }
    }
  }

  /** One comparison per primary; prints a line per comparison. */
  private static void round(String name, String label) throws Exception {
    for (String primary : PRIMARIES) {
      ItemsDatabase items = items(primary, name);
      SourceDialect dialect = SourceDialects.forUrl(items.plainUrl());
      try (Connection source = items.plain(); Connection dolt = DriverManager.getConnection(items.doltUrl(), "root", "")) {
        TableSchema schema = dialect.readTable(source, "items");
        HeapSampler heap = HeapSampler.start();
        long start = System.nanoTime();
        AtomicLong differing = new AtomicLong();
        ChunkedDiff.Result result = ChunkedDiff.compare(source, dolt, dialect, schema, DoltDdl.doltName("items"),
            DoltSync.VERIFY_CHUNK_ROWS, (s, d) -> differing.incrementAndGet(), done -> { });
        double took = seconds(start);
        heap.close();
        System.out.printf(Locale.ROOT, "RESULT label=%s primary=%s rows=%d seconds=%.2f rows_per_s=%.0f differing=%d"
            + " heap_peak_mb=%.0f after_gc_peak_mb=%.0f heap_before_mb=%.0f max_heap_mb=%.0f load=%s%n",
            label.replace(' ', '_'), primary, result.compared(), took, result.compared() / took, differing.get(),
            heap.peakAboveBaselineMb(), heap.liveAfterGcPeakMb(), heap.baselineMb(), HeapSampler.maxHeapMb(),
            LoadAverage.now());
      }
    }
  }

  private static void teardown(String name) throws SQLException {
    DoltSync.shutdown();
    for (String primary : PRIMARIES) {
      items(primary, name).close();
    }
  }

  private static ItemsDatabase items(String primary, String name) {
    return ItemsDatabase.existing(kind(primary), server(primary), DOLT, name, doltDatabase(name, primary));
  }

  private static ItemsDatabase.Primary kind(String primary) {
    return primary.equals("mariadb") ? ItemsDatabase.Primary.MARIADB : ItemsDatabase.Primary.POSTGRESQL;
  }

  private static String server(String primary) {
    return primary.equals("mariadb") ? MARIADB : POSTGRESQL;
  }

  private static String doltDatabase(String name, String primary) {
    return name + (primary.equals("mariadb") ? "_m" : "_p");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
