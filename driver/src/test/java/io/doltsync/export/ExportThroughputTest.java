package io.doltsync.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export throughput into MariaDB and PostgreSQL, and the heap it takes, in interleaved rounds. By default a short
 * run (5,000 rows, one round) checks that every row arrives and that the heap stays well below the table's size;
 * {@code -Ddoltsync.test.exportRows=1000000 -Ddoltsync.test.exportRounds=3} gives the README's figure, and
 * {@code -Ddoltsync.test.exportCompare=true} adds Dolt's own routes to each round: {@code mariadb-dump} of the Dolt
 * table piped into the {@code mariadb} client, and the table read as tab-separated text piped into PostgreSQL's
 * {@code COPY} (the clients must be on the PATH).
 */
class ExportThroughputTest {

  private static final Logger LOG = LoggerFactory.getLogger(ExportThroughputTest.class);
  private static final int ROWS = Integer.getInteger("doltsync.test.exportRows", 5_000);
  private static final int ROUNDS = Integer.getInteger("doltsync.test.exportRounds", 1);
  private static final boolean COMPARE = Boolean.getBoolean("doltsync.test.exportCompare");

  @Test
  void exportStreamsEveryRowWithFlatMemory() throws Exception {
    String source = TestServers.createDoltDatabase("export_bench");
    try {
      fill(source);
      List<String> lines = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        for (PrimaryKind kind : List.of(PrimaryKind.MARIADB, PrimaryKind.POSTGRES)) {
          lines.add(round + " " + kind + " doltsync export: " + doltsyncExport(source, kind));
          LOG.info("export throughput, {} rows: {}", ROWS, lines.get(lines.size() - 1));
          if (COMPARE) {
            lines.add(round + " " + kind + " Dolt's route: " + doltRoute(source, kind));
            LOG.info("export throughput, {} rows: {}", ROWS, lines.get(lines.size() - 1));
          }
        }
      }
      lines.forEach(line -> LOG.info("export throughput, {} rows: {}", ROWS, line));
    } finally {
      DoltDatabases.drop(source);
    }
  }

  private static void fill(String database) throws SQLException {
    long started = System.nanoTime();
    try (Connection dolt = TestServers.dolt(database); Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount DECIMAL(12,2),"
          + " placed DATETIME(6), note VARCHAR(100), KEY orders_customer (customer))");
      int perStatement = 2_000;
      for (int base = 0; base < ROWS; base += perStatement) {
        StringBuilder insert = new StringBuilder("INSERT INTO orders VALUES ");
        for (int n = base; n < Math.min(base + perStatement, ROWS); n++) {
          insert.append(n == base ? "" : ",").append('(').append(n + 1).append(", 'customer ").append(n % 997).append("', ")
              .append(n % 100_000 / 100).append('.').append(String.format(Locale.ROOT, "%02d", n % 100))
              .append(", TIMESTAMPADD(SECOND, ").append(n).append(", '2024-01-01 00:00:00.123456'), 'note ").append(n)
              .append(" ü😀')");
        }
        s.execute(insert.toString());
      }
      s.executeQuery("CALL DOLT_COMMIT('-Am', 'orders')").close();
    }
    LOG.info("export throughput: {} rows written into Dolt in {} s", ROWS, (System.nanoTime() - started) / 1_000_000_000);
  }

  private static String doltsyncExport(String source, PrimaryKind kind) throws Exception {
    ExportTargets targets = kind == PrimaryKind.MARIADB ? ExportTargets.MARIADB : ExportTargets.POSTGRES;
    try (ExportTargets.Space space = targets.create("export_bench"); Connection target = space.connect();
        Connection dolt = TestServers.dolt(source); HeapSampler heap = HeapSampler.start()) {
      long started = System.nanoTime();
      ExportReport report = DoltExport.from(dolt, "main").into(target);
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(report.rowsWritten()).isEqualTo(ROWS);
      assertThat(count(target, "orders")).isEqualTo(ROWS);
      long peak = heap.peakAboveStart();
      // the table is ~100 bytes a row in Java; a streaming export holds a batch, not the table
      assertThat(peak).as("heap growth while exporting %d rows", ROWS).isLessThan(Math.max(64L << 20, ROWS * 100L / 4));
      return String.format(Locale.ROOT, "%.1f s, %,.0f rows/s, peak heap +%d MB", seconds, ROWS / seconds, peak >> 20);
    }
  }

  /** Dolt's own route: a SQL dump into MariaDB, tab-separated text into PostgreSQL's COPY. */
  private static String doltRoute(String source, PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("export_route")) {
      String dolt = "mariadb-dump -h127.0.0.1 -P" + TestServers.doltPort() + " -uroot --skip-lock-tables --no-tablespaces"
          + " --skip-add-locks " + source + " orders"
          // MariaDB has no utf8mb4_0900_bin, Dolt's collation: the one edit the dump needs to load
          + " | sed 's/utf8mb4_0900_bin/utf8mb4_bin/g'";
      String pipeline;
      if (kind == PrimaryKind.MARIADB) {
        pipeline = dolt + " | mariadb -h127.0.0.1 -P" + TestServers.mariadbPort() + " -u" + TestServers.USER + " -p"
            + TestServers.PASSWORD + " " + space.name();
      } else {
        try (Connection target = space.connect(); Statement s = target.createStatement()) {
          s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount NUMERIC(12,2),"
              + " placed TIMESTAMP(6), note VARCHAR(100))");
          s.execute("CREATE INDEX orders_customer ON orders (customer)");
        }
        pipeline = "mariadb -h127.0.0.1 -P" + TestServers.doltPort() + " -uroot --batch --skip-column-names -e"
            + " 'SELECT * FROM orders' " + source + " | PGPASSWORD=" + TestServers.PASSWORD + " PGOPTIONS='-c search_path="
            + space.name() + "' psql -h 127.0.0.1 -p " + TestServers.postgresPort() + " -U " + TestServers.USER
            + " -d doltsync_test -v ON_ERROR_STOP=1 -c \"\\copy orders FROM STDIN WITH (FORMAT text, NULL 'NULL')\"";
      }
      // mariadb-dump reads information_schema, which fails while another database of the shared server is dropped:
      // a failed attempt is retried (the dump starts with DROP TABLE IF EXISTS, the COPY side is emptied first)
      double seconds = 0;
      for (int attempt = 1; ; attempt++) {
        if (kind == PrimaryKind.POSTGRES) {
          try (Connection target = space.connect(); Statement s = target.createStatement()) {
            s.execute("TRUNCATE orders");
          }
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", pipeline).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).isTrue();
        seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() == 0) {
          break;
        }
        assertThat(attempt).as("attempts of " + pipeline).isLessThan(3);
      }
      try (Connection target = space.connect()) {
        assertThat(count(target, "orders")).isEqualTo(ROWS);
      }
      return String.format(Locale.ROOT, "%.1f s, %,.0f rows/s", seconds, ROWS / seconds);
    }
  }

  private static long count(Connection target, String table) throws SQLException {
    try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Samples the used heap every 20 ms; the peak above the used heap (after a GC) at the start. */
  private static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long start;
    private final Thread thread;

    private HeapSampler() {
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      start = runtime.totalMemory() - runtime.freeMemory();
      thread = new Thread(() -> {
        while (running.get()) {
          peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    static HeapSampler start() {
      return new HeapSampler();
    }

    long peakAboveStart() {
      return Math.max(0, peak.get() - start);
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
