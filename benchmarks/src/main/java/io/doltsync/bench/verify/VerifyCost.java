package io.doltsync.bench.verify;

import io.doltsync.DoltSync;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.verify.ChunkedDiff;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
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
    Properties credentials = new Properties();
    credentials.setProperty("user", "doltsync");
    credentials.setProperty("password", "doltsync");
    for (String primary : PRIMARIES) {
      String doltDb = doltDatabase(name, primary);
      String url;
      if (primary.equals("mariadb")) {
        try (Connection server = DriverManager.getConnection(MARIADB, "doltsync", "doltsync")) {
          execute(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
        try (Connection plain = DriverManager.getConnection(MARIADB + name, "doltsync", "doltsync")) {
          execute(plain, "CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, label VARCHAR(40),"
              + " amount DECIMAL(12,2), at DATETIME(6), flag TINYINT(1))");
          execute(plain, "INSERT INTO items SELECT seq, seq % 1000, CONCAT('label-', seq), seq / 100,"
              + " TIMESTAMP('2024-01-01') + INTERVAL seq SECOND, seq % 2 FROM seq_1_to_" + rows);
        }
        url = "jdbc:doltsync:" + (MARIADB + name).substring("jdbc:".length());
      } else {
        try (Connection plain = DriverManager.getConnection(POSTGRESQL, "doltsync", "doltsync")) {
          execute(plain, "CREATE SCHEMA " + name);
          execute(plain, "CREATE TABLE " + name + ".items (id BIGINT PRIMARY KEY, n INT NOT NULL, label VARCHAR(40),"
              + " amount NUMERIC(12,2), at TIMESTAMP(6), flag BOOLEAN)");
          execute(plain, "INSERT INTO " + name + ".items SELECT g, g % 1000, 'label-' || g, g / 100.0,"
              + " TIMESTAMP '2024-01-01' + g * INTERVAL '1 second', g % 2 = 1 FROM generate_series(1, " + rows + ") g");
        }
        url = "jdbc:doltsync:" + (POSTGRESQL + "?currentSchema=" + name).substring("jdbc:".length());
      }
      long start = System.nanoTime();
      try (Connection app = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "doltsync.target="
          + DOLT + doltDb + "&doltsync.syncTimeout=10m", credentials)) {
        awaitRows(DOLT + doltDb, rows);
      }
      System.out.printf(Locale.ROOT, "%s: %,d rows, bootstrap into Dolt %.1f s%n", primary, rows, seconds(start));
    }
    DoltSync.shutdown();
  }

  private static void drift(String name, double drift) throws SQLException {
    long every = Math.round(1 / drift);
    for (String primary : PRIMARIES) {
      try (Connection plain = plain(primary, name)) {
        execute(plain, "UPDATE items SET n = n + 1 WHERE id % " + every + " = 0");
      }
    }
  }

  /** One comparison per primary; prints a line per comparison. */
  private static void round(String name, String label) throws Exception {
    for (String primary : PRIMARIES) {
      String realUrl = primary.equals("mariadb") ? MARIADB + name : POSTGRESQL + "?currentSchema=" + name;
      SourceDialect dialect = SourceDialects.forUrl(realUrl);
      try (Connection source = plain(primary, name);
          Connection dolt = DriverManager.getConnection(DOLT + doltDatabase(name, primary), "root", "")) {
        TableSchema schema = dialect.readTable(source, "items");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong livePeak = new AtomicLong();
        List<java.lang.management.MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();
        Thread sampler = new Thread(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            livePeak.accumulateAndGet(pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum(),
                Math::max);
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
        AtomicLong differing = new AtomicLong();
        ChunkedDiff.Result result = ChunkedDiff.compare(source, dolt, dialect, schema, DoltDdl.doltName("items"),
            DoltSync.VERIFY_CHUNK_ROWS, (s, d) -> differing.incrementAndGet(), done -> { });
        double took = seconds(start);
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "RESULT label=%s primary=%s rows=%d seconds=%.2f rows_per_s=%.0f differing=%d"
            + " heap_peak_mb=%.0f after_gc_peak_mb=%.0f heap_before_mb=%.0f max_heap_mb=%.0f load=%s%n",
            label.replace(' ', '_'), primary, result.compared(), took, result.compared() / took, differing.get(),
            (peak.get() - baseline) / 1e6, livePeak.get() / 1e6,
            baseline / 1e6, Runtime.getRuntime().maxMemory() / 1e6, load());
      }
    }
  }

  private static void teardown(String name) throws SQLException {
    DoltSync.shutdown();
    for (String primary : PRIMARIES) {
      if (primary.equals("mariadb")) {
        try (Connection server = DriverManager.getConnection(MARIADB, "doltsync", "doltsync")) {
          execute(server, "DROP DATABASE IF EXISTS " + name);
        }
      } else {
        try (Connection server = DriverManager.getConnection(POSTGRESQL, "doltsync", "doltsync")) {
          execute(server, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
      }
      try (Connection server = DriverManager.getConnection(DOLT, "root", "")) {
        execute(server, "DROP DATABASE IF EXISTS " + doltDatabase(name, primary));
      }
    }
  }

  private static Connection plain(String primary, String name) throws SQLException {
    return primary.equals("mariadb") ? DriverManager.getConnection(MARIADB + name, "doltsync", "doltsync")
        : DriverManager.getConnection(POSTGRESQL + "?currentSchema=" + name, "doltsync", "doltsync");
  }

  private static String doltDatabase(String name, String primary) {
    return name + (primary.equals("mariadb") ? "_m" : "_p");
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
