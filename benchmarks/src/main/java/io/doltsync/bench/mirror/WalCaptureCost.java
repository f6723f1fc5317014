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
 * The {@code writes} suite's two PostgreSQL workloads (auto-commit update by key; insert + update by key in one
 * transaction) raw, through doltsync's journal capture and through its wal capture ({@code doltsync.capture=wal}),
 * each on its own connection through a counting proxy, in interleaved rounds. Per transaction it prints tx/s, round
 * trips and bytes the client sent (load-independent), the CPU of the application connection's backend from
 * {@code /proc/<pid>/schedstat}, and in wal capture also the slot's walsender's CPU (decoding, off the
 * application's path); then the applier's drain rate from the slot after each wal round (Dolt commits per second
 * while it applies the round's backlog). Every doltsync round's backlog is drained, untimed, before the next.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt) \
 *   io.doltsync.bench.mirror.WalCaptureCost rounds seconds</pre>
 */
public final class WalCaptureCost {

  private static final String PG = "jdbc:postgresql://127.0.0.1:35432/doltsync_test";
  private static final String DOLT = "jdbc:mariadb://127.0.0.1:33307/";
  private static final Duration DRAIN = Duration.ofMinutes(10);

  private WalCaptureCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    double seconds = Double.parseDouble(args[1]);
    String suffix = Long.toHexString(System.nanoTime() & 0xffffffL);
    Map<String, Side> sides = new LinkedHashMap<>();
    List<String> schemas = new ArrayList<>();
    List<String> doltDatabases = new ArrayList<>();
    AtomicLong sequence = new AtomicLong();
    try {
      for (String side : List.of("raw", "journal", "wal")) {
        String schema = "pgwal_bench_" + side + "_" + suffix;
        schemas.add(schema);
        try (Connection admin = DriverManager.getConnection(PG, "doltsync", "doltsync");
            Statement s = admin.createStatement()) {
          s.execute("CREATE SCHEMA " + schema);
        }
        try (Connection setup = DriverManager.getConnection(PG + "?currentSchema=" + schema, "doltsync", "doltsync")) {
          OrderWorkload.recreatePostgresTables(setup);
        }
        CountingProxy proxy = new CountingProxy("127.0.0.1", 35432, CountingProxy.Protocol.POSTGRESQL);
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/doltsync_test?currentSchema=" + schema;
        Connection connection;
        if (side.equals("raw")) {
          connection = DriverManager.getConnection(url, "doltsync", "doltsync");
        } else {
          String dolt = "pgwal_bench_" + side + "_" + suffix;
          doltDatabases.add(dolt);
          connection = DriverManager.getConnection("jdbc:doltsync:" + url.substring(5) + "&doltsync.target="
              + java.net.URLEncoder.encode(DOLT + dolt, java.nio.charset.StandardCharsets.UTF_8)
              + "&doltsync.targetUser=root&doltsync.capture=" + side, "doltsync", "doltsync");
        }
        sides.put(side, new Side(side, schema, proxy, connection, backendStat(connection)));
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
            if (side.name.equals("wal") && committed > 0) {
              side.drainRates.add(committed / ((System.nanoTime() - started) / 1e9));
            }
          }
        }
        System.out.printf("%n%s (load %s):%n", workload, load());
        double rawRate = median(sides.get("raw").results, 0);
        for (Side side : sides.values()) {
          System.out.printf("  %-8s %8.1f tx/s (%.0f..%.0f, %.0f%% of raw)  %5.2f round trips/tx  %6.0f bytes/tx"
                  + "  backend %6.1f us/tx%s%n", side.name, median(side.results, 0), min(side.results, 0),
              max(side.results, 0), 100 * median(side.results, 0) / rawRate, median(side.results, 1),
              median(side.results, 2), median(side.results, 3),
              side.name.equals("wal") ? String.format("  walsender %5.1f us/tx", median(side.results, 4)) : "");
          side.results.clear();
        }
        Side wal = sides.get("wal");
        if (!wal.drainRates.isEmpty()) {
          System.out.printf("  wal applier drain rate: %s Dolt commits/s%n", wal.drainRates);
          wal.drainRates.clear();
        }
      }
    } finally {
      for (Side side : sides.values()) {
        side.connection.close();
        side.proxy.close();
      }
      io.doltsync.DoltSync.stopMirrors();
      try (Connection admin = DriverManager.getConnection(PG, "doltsync", "doltsync");
          Statement s = admin.createStatement()) {
        for (String schema : schemas) {
          try (ResultSet rs = s.executeQuery("SELECT p.pubname FROM pg_publication p JOIN pg_publication_namespace pn"
              + " ON pn.pnpubid = p.oid JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE n.nspname = '" + schema + "'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
              names.add(rs.getString(1));
            }
            for (String name : names) {
              s.execute("DROP PUBLICATION IF EXISTS \"" + name + "\"");
              Thread.sleep(500);
              s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                  + name + "' AND NOT active");
            }
          }
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
      try (Connection dolt = DriverManager.getConnection(DOLT, "root", ""); Statement s = dolt.createStatement()) {
        for (String database : doltDatabases) {
          s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
      }
    }
  }

  private static Path backendStat(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return Path.of("/proc", rs.getString(1), "schedstat");
    }
  }

  /** One variant: its connection, proxy and backend, and per round: tx/s, trips/tx, bytes/tx, backend us/tx, walsender us/tx. */
  private static final class Side {
    final String name;
    final String schema;
    final CountingProxy proxy;
    final Connection connection;
    final Path backend;
    final List<double[]> results = new ArrayList<>();
    final List<Double> drainRates = new ArrayList<>();

    Side(String name, String schema, CountingProxy proxy, Connection connection, Path backend) {
      this.name = name;
      this.schema = schema;
      this.proxy = proxy;
      this.connection = connection;
      this.backend = backend;
    }

    double[] run(boolean autoCommit, double seconds, AtomicLong sequence) throws Exception {
      Path walsender = name.equals("wal") ? walsender() : null;
      long trips0 = proxy.roundTrips();
      long bytes0 = proxy.clientBytes();
      long cpu0 = nanos(backend);
      long walsender0 = walsender == null ? 0 : nanos(walsender);
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
      double walsenderUs = walsender == null ? 0 : (nanos(walsender) - walsender0) / 1e3 / n;
      return new double[] {n / wall, (proxy.roundTrips() - trips0) / (double) n, (proxy.clientBytes() - bytes0) / (double) n,
          (nanos(backend) - cpu0) / 1e3 / n, walsenderUs};
    }

    /** Waits until the mirror applied what this side committed; returns the Dolt commits made meanwhile. */
    long drain() throws SQLException {
      if (name.equals("raw")) {
        return 0;
      }
      long before = commits();
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(DRAIN);
      return commits() - before;
    }

    private long commits() throws SQLException {
      try (Connection dolt = DriverManager.getConnection(DOLT + "pgwal_bench_" + name + "_" + schema.substring(
          schema.lastIndexOf('_') + 1), "root", ""); Statement s = dolt.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private Path walsender() throws SQLException {
      try (Connection admin = DriverManager.getConnection(PG, "doltsync", "doltsync");
          Statement s = admin.createStatement();
          ResultSet rs = s.executeQuery("SELECT s.active_pid FROM pg_replication_slots s JOIN pg_publication p"
              + " ON p.pubname = s.slot_name JOIN pg_publication_namespace pn ON pn.pnpubid = p.oid"
              + " JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE n.nspname = '" + schema + "' AND s.active")) {
        return rs.next() ? Path.of("/proc", rs.getString(1), "schedstat") : null;
      }
    }
  }

  private static long nanos(Path stat) throws java.io.IOException {
    return stat == null ? 0 : Long.parseLong(Files.readString(stat).trim().split(" ")[0]);
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
