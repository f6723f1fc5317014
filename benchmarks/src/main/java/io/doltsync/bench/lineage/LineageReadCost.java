package io.doltsync.bench.lineage;

import io.doltsync.DoltSync;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.overhead.KeyValueTable;
import io.doltsync.bench.overhead.OverheadWorkload;
import io.doltsync.lineage.LineageScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * What a lineage scope costs a read: the point-select statement cycle (prepare, bind, execute, read the
 * row) through two doltsync connections of the same mirror, one with a lineage scope open and one without,
 * timed in alternating rounds in one run (the order swaps every round), so the machine's load moves both
 * alike. Reports the per-round ratio (scope open / no scope) of wall time and of the client thread's CPU
 * time (what the bookkeeping adds, less moved by other processes on a loaded machine): median, quartiles, range. The primaries are in-memory
 * H2 (the cheapest read there is: the worst case for a relative overhead) and MariaDB; Dolt is the
 * sql-server on 127.0.0.1:33307 (a fresh database per primary, dropped at the end).
 *
 * <pre>
 * java -cp benchmarks/target/... io.doltsync.bench.lineage.LineageReadCost [rounds] [reads per round]
 * </pre>
 */
public final class LineageReadCost {

  private static final int ROWS = 1000;
  private static final String DOLT = "jdbc:mariadb://127.0.0.1:" + port("DOLTSYNC_DOLT_PORT", 33307);
  private static final String MARIADB = "jdbc:mariadb://127.0.0.1:" + port("DOLTSYNC_MARIADB_PORT", 33306);

  private LineageReadCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int reads = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String suffix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    measure("H2 (in memory)", "jdbc:h2:mem:lineage_cost;DB_CLOSE_DELAY=-1", "sa", "", "lincost_h2_" + suffix,
        rounds, reads);
    String database = "lincost_" + suffix;
    try (Connection admin = DriverManager.getConnection(MARIADB + "/doltsync_test", "doltsync", "doltsync");
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    try {
      measure("MariaDB", MARIADB + "/" + database, "doltsync", "doltsync", database, rounds, Math.max(1, reads / 10));
    } finally {
      try (Connection admin = DriverManager.getConnection(MARIADB + "/doltsync_test", "doltsync", "doltsync");
          Statement s = admin.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
    DoltSync.shutdown();
  }

  private static void measure(String primary, String rawUrl, String user, String password, String doltDatabase,
      int rounds, int reads) throws Exception {
    try (Connection setup = DriverManager.getConnection(rawUrl, user, password)) {
      KeyValueTable.create(setup, ROWS);
    }
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("doltsync.target", DOLT + "/" + doltDatabase);
    String url = "jdbc:doltsync:" + rawUrl.substring("jdbc:".length());
    try (Connection plain = DriverManager.getConnection(url, properties);
        Connection scoped = DriverManager.getConnection(url, properties)) {
      LineageScope scope = DoltSync.lineage(scoped, "bench", "run-" + doltDatabase, "read");
      readAll(plain, reads); // warm-up of both paths
      readAll(scoped, reads);
      double[] ratios = new double[rounds];
      double[] cpuRatios = new double[rounds];
      double[] plainNs = new double[rounds];
      double[] scopedNs = new double[rounds];
      double[] plainCpu = new double[rounds];
      double[] scopedCpu = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        boolean plainFirst = round % 2 == 0;
        double[] first = readAll(plainFirst ? plain : scoped, reads);
        double[] second = readAll(plainFirst ? scoped : plain, reads);
        double[] p = plainFirst ? first : second;
        double[] q = plainFirst ? second : first;
        plainNs[round] = p[0];
        scopedNs[round] = q[0];
        plainCpu[round] = p[1];
        scopedCpu[round] = q[1];
        ratios[round] = q[0] / p[0];
        cpuRatios[round] = q[1] / p[1];
      }
      scope.close();
      Samples wall = Samples.of(ratios);
      Samples cpu = Samples.of(cpuRatios);
      System.out.printf(Locale.ROOT, "%-15s %2d rounds x %,d point selects (load average %.1f)%n"
          + "  wall time:          no scope %,.0f ns/read, scope open %,.0f ns/read (medians); ratio median %.3f,"
          + " quartiles %.3f-%.3f, range %.3f-%.3f%n"
          + "  client thread CPU:  no scope %,.0f ns/read, scope open %,.0f ns/read (medians); ratio median %.3f,"
          + " quartiles %.3f-%.3f, range %.3f-%.3f%n"
          + "  95%% interval of the median ratio (order statistics): wall %s, CPU %s; rounds slower with the scope:"
          + " wall %d/%d, CPU %d/%d%n"
          + "  records written at close: %d%n", primary, rounds, reads,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Samples.of(plainNs).median(), Samples.of(scopedNs).median(), wall.median(), wall.percentile(25),
          wall.percentile(75), wall.min(), wall.max(), Samples.of(plainCpu).median(), Samples.of(scopedCpu).median(),
          cpu.median(), cpu.percentile(25), cpu.percentile(75), cpu.min(), cpu.max(),
          medianInterval(ratios), medianInterval(cpuRatios), above(ratios, 1), rounds, above(cpuRatios, 1), rounds,
          scope.records().size());
    } finally {
      try (Connection dolt = DriverManager.getConnection(DOLT, "root", ""); Statement s = dolt.createStatement()) {
        io.doltsync.DoltSync.stopMirrors(); // no applier writes into the database any more
        s.execute("DROP DATABASE IF EXISTS `" + doltDatabase + "`");
      }
    }
  }

  /** Wall-clock and this thread's CPU nanoseconds per read over {@code reads} point selects. */
  private static double[] readAll(Connection connection, int reads) throws SQLException {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < reads; i++) {
      OverheadWorkload.POINT_SELECT.run(connection, 1 + i % ROWS);
    }
    long wall = System.nanoTime() - start;
    return new double[] {wall / (double) reads, (threads.getCurrentThreadCpuTime() - cpu) / (double) reads};
  }

  /**
   * The distribution-free 95% confidence interval of the median: the order statistics whose ranks the
   * binomial(n, 1/2) distribution puts around the middle (the sign test's interval), as "low-high".
   */
  static String medianInterval(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    // the largest k with P(Binomial(n, 1/2) < k) <= 2.5%: the interval is [x(k), x(n-k+1)] (1-based)
    double cumulative = 0;
    double term = Math.pow(0.5, n);
    int k = 0;
    while (k < n && cumulative + term <= 0.025) {
      cumulative += term;
      term = term * (n - k) / (k + 1);
      k++;
    }
    if (k == 0) {
      return String.format(Locale.ROOT, "%.3f-%.3f (too few rounds for 95%%)", sorted[0], sorted[n - 1]);
    }
    return String.format(Locale.ROOT, "%.3f-%.3f", sorted[k - 1], sorted[n - k]);
  }

  private static int above(double[] values, double threshold) {
    return (int) Arrays.stream(values).filter(v -> v > threshold).count();
  }

  private static int port(String variable, int port) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? port : Integer.parseInt(value);
  }
}
