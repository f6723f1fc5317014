package io.doltsync.bench.mirror;

import io.doltsync.DoltSyncConnection;
import io.doltsync.bench.core.CountingProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code writes} suite's two MariaDB workloads (auto-commit update by key; insert + update by key in one
 * transaction) raw, through doltsync's journal capture and through its binlog capture ({@code doltsync.capture=binlog}),
 * each on its own database and connection through a counting proxy, in interleaved rounds, on one MariaDB server with
 * the binary log on (so raw pays for the log as well). Per transaction it prints tx/s, round trips and bytes the
 * client sent (load-independent), and the CPU of the application connection's server thread from
 * {@code /proc/<tid>/schedstat}; in binlog capture also the CPU of the server's binlog dump threads (sending the log
 * to the applier, off the application's path). Every doltsync round's backlog is drained, untimed, before the next,
 * and the applier's drain rate is printed.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt) \
 *   io.doltsync.bench.mirror.BinlogCaptureCost rounds seconds [mariadb port, default 33306]</pre>
 */
public final class BinlogCaptureCost {

  private static final String DOLT = "jdbc:mariadb://127.0.0.1:33307/";
  private static final Duration DRAIN = Duration.ofMinutes(10);

  private BinlogCaptureCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    double seconds = Double.parseDouble(args[1]);
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 33306;
    String admin = "jdbc:mariadb://127.0.0.1:" + port + "/";
    String suffix = Long.toHexString(System.nanoTime() & 0xffffffL);
    Map<String, Side> sides = new LinkedHashMap<>();
    List<String> databases = new ArrayList<>();
    List<String> doltDatabases = new ArrayList<>();
    AtomicLong sequence = new AtomicLong();
    try {
      try (Connection server = DriverManager.getConnection(admin, "doltsync", "doltsync");
          Statement s = server.createStatement(); ResultSet rs = s.executeQuery("SELECT @@log_bin")) {
        rs.next();
        if (rs.getInt(1) != 1) {
          throw new SQLException("the MariaDB on port " + port + " runs without the binary log (log_bin is OFF):"
              + " binlog capture needs it; start one with scripts/mariadb.sh");
        }
      }
      for (String side : List.of("raw", "journal", "binlog")) {
        String database = "binlog_bench_" + side + "_" + suffix;
        databases.add(database);
        try (Connection server = DriverManager.getConnection(admin, "doltsync", "doltsync");
            Statement s = server.createStatement()) {
          s.execute("CREATE DATABASE " + database);
        }
        try (Connection setup = DriverManager.getConnection(admin + database, "doltsync", "doltsync")) {
          OrderWorkload.recreateTables(setup);
        }
        CountingProxy proxy = new CountingProxy("127.0.0.1", port, CountingProxy.Protocol.MYSQL);
        String url = "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + database;
        Connection connection;
        if (side.equals("raw")) {
          connection = DriverManager.getConnection(url, "doltsync", "doltsync");
        } else {
          String dolt = database;
          doltDatabases.add(dolt);
          connection = DriverManager.getConnection("jdbc:doltsync:" + url.substring(5) + "?doltsync.target="
              + java.net.URLEncoder.encode(DOLT + dolt, java.nio.charset.StandardCharsets.UTF_8)
              + "&doltsync.targetUser=root&doltsync.capture=" + side, "doltsync", "doltsync");
        }
        sides.put(side, new Side(side, database, proxy, connection, threadStat(connection), admin));
      }
      for (boolean autoCommit : new boolean[] {true, false}) {
        String workload = autoCommit ? "update by key, autocommit" : "insert + update by key, 1 txn";
        for (Side side : sides.values()) {
          side.connection.setAutoCommit(autoCommit);
          side.run(autoCommit, 0.5, sequence);
          side.drain();
        }
        List<Side> order = new ArrayList<>(sides.values());
        for (int round = 0; round < rounds; round++) {
          for (int k = 0; k < order.size(); k++) {
            Side side = order.get((round + k) % order.size());
            side.results.add(side.run(autoCommit, seconds, sequence));
            long started = System.nanoTime();
            long committed = side.drain();
            if (!side.name.equals("raw") && committed > 0) {
              side.drainRates.add(Math.round(committed / ((System.nanoTime() - started) / 1e9) * 10) / 10.0);
            }
          }
        }
        System.out.printf("%n%s (load %s):%n", workload, load());
        double rawRate = median(sides.get("raw").results, 0);
        for (Side side : sides.values()) {
          System.out.printf("  %-8s %8.1f tx/s (%.0f..%.0f, %.0f%% of raw)  %5.2f round trips/tx  %6.0f bytes/tx"
                  + "  server thread %6.1f us/tx%s%n", side.name, median(side.results, 0), min(side.results, 0),
              max(side.results, 0), 100 * median(side.results, 0) / rawRate, median(side.results, 1),
              median(side.results, 2), median(side.results, 3),
              side.name.equals("binlog") ? String.format("  binlog dump %5.1f us/tx", median(side.results, 4)) : "");
          side.results.clear();
          if (!side.drainRates.isEmpty()) {
            System.out.printf("  %s applier drain rate: %s Dolt commits/s%n", side.name, side.drainRates);
            side.drainRates.clear();
          }
        }
      }
    } finally {
      for (Side side : sides.values()) {
        side.connection.close();
        side.proxy.close();
      }
      io.doltsync.DoltSync.stopMirrors();
      try (Connection server = DriverManager.getConnection(admin, "doltsync", "doltsync");
          Statement s = server.createStatement()) {
        for (String database : databases) {
          s.execute("DROP DATABASE IF EXISTS " + database);
        }
      }
      try (Connection dolt = DriverManager.getConnection(DOLT, "root", ""); Statement s = dolt.createStatement()) {
        for (String database : doltDatabases) {
          s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
      }
    }
  }

  private static Path threadStat(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT tid FROM information_schema.processlist WHERE id = CONNECTION_ID()")) {
      rs.next();
      return Path.of("/proc", rs.getString(1), "schedstat");
    }
  }

  /** One variant: per round tx/s, trips/tx, bytes/tx, server thread us/tx, binlog dump threads us/tx. */
  private static final class Side {
    final String name;
    final String database;
    final CountingProxy proxy;
    final Connection connection;
    final Path thread;
    final String admin;
    final List<double[]> results = new ArrayList<>();
    final List<Double> drainRates = new ArrayList<>();

    Side(String name, String database, CountingProxy proxy, Connection connection, Path thread, String admin) {
      this.name = name;
      this.database = database;
      this.proxy = proxy;
      this.connection = connection;
      this.thread = thread;
      this.admin = admin;
    }

    double[] run(boolean autoCommit, double seconds, AtomicLong sequence) throws Exception {
      List<Path> dumps = name.equals("binlog") ? dumpThreads() : List.of();
      long trips0 = proxy.roundTrips();
      long bytes0 = proxy.clientBytes();
      long cpu0 = nanos(thread);
      long dump0 = nanos(dumps);
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() < end) {
        long next = sequence.incrementAndGet();
        if (autoCommit) {
          OrderWorkload.autocommitUpdate(connection, next);
        } else {
          OrderWorkload.transaction(connection, next);
        }
        n++;
      }
      double wall = (System.nanoTime() - start) / 1e9;
      return new double[] {n / wall, (proxy.roundTrips() - trips0) / (double) n,
          (proxy.clientBytes() - bytes0) / (double) n, (nanos(thread) - cpu0) / 1e3 / n, (nanos(dumps) - dump0) / 1e3 / n};
    }

    long drain() throws SQLException {
      if (name.equals("raw")) {
        return 0;
      }
      long before = commits();
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(DRAIN);
      return commits() - before;
    }

    private long commits() throws SQLException {
      try (Connection dolt = DriverManager.getConnection(DOLT + database, "root", "");
          Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** The server's binlog dump threads (on a server of its own, the applier's). */
    private List<Path> dumpThreads() throws SQLException {
      List<Path> paths = new ArrayList<>();
      try (Connection server = DriverManager.getConnection(admin, "doltsync", "doltsync");
          Statement s = server.createStatement(); ResultSet rs = s.executeQuery(
              "SELECT tid FROM information_schema.processlist WHERE command = 'Binlog Dump'")) {
        while (rs.next()) {
          paths.add(Path.of("/proc", rs.getString(1), "schedstat"));
        }
      }
      return paths;
    }
  }

  private static long nanos(Path stat) throws java.io.IOException {
    return stat == null ? 0 : Long.parseLong(Files.readString(stat).trim().split(" ")[0]);
  }

  private static long nanos(List<Path> stats) throws java.io.IOException {
    long sum = 0;
    for (Path stat : stats) {
      sum += nanos(stat);
    }
    return sum;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static double median(List<double[]> results, int index) {
    double[] v = results.stream().mapToDouble(r -> r[index]).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double min(List<double[]> results, int index) {
    return results.stream().mapToDouble(r -> r[index]).min().orElse(Double.NaN);
  }

  private static double max(List<double[]> results, int index) {
    return results.stream().mapToDouble(r -> r[index]).max().orElse(Double.NaN);
  }
}
