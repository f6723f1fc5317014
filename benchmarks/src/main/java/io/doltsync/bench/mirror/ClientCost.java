package io.doltsync.bench.mirror;

import io.doltsync.bench.core.LoadAverage;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * doltsync's client-side cost per captured write, load-independently: the measuring thread's CPU time
 * ({@code ThreadMXBean.getCurrentThreadCpuTime}) and the bytes it allocated
 * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}) around a fixed number of writes, raw and
 * doltsync capture-only ({@code doltsync.applier=false}) interleaved write by write (the side that goes first
 * alternates; each write's thread CPU and bytes are read around it, so a change of load falls on both sides alike),
 * in rounds, for the {@code writes} suite's two shapes ({@link OrderWorkload}): {@code txn} (insert + update by key, one
 * transaction) and {@code auto} (auto-commit update by key). With client and server on the same cores the client's
 * CPU is latency; thread CPU leaves out the server, the JIT and the GC, so it holds up under load better than tx/s.
 *
 * <pre>{@code
 * client-cost <mariadb|postgresql> <rounds> <writes per round> [txn,auto] [raw,doltsync]
 * }</pre>
 * Prints per round and side the thread CPU µs and bytes allocated per write, then per workload the median
 * [p25–p75] [min–max] over the rounds of each side and of the paired difference doltsync − raw (same round).
 * Tables live in database {@code doltsync_clientcost} (MariaDB) or schema {@code clientcost_bench} (PostgreSQL),
 * the journal is {@code clientcost_journal}, emptied between rounds (system property {@code clientCost.name}
 * replaces {@code clientcost}); {@code clientCost.warmup} is the unmeasured writes per side before the first round
 * (3000). Naming only {@code doltsync} as the side runs doltsync alone, e.g. under a JFR recording
 * ({@code -XX:StartFlightRecording=filename=cc.jfr,settings=profile}, then
 * {@code jfr print --events jdk.ExecutionSample cc.jfr}).
 */
public final class ClientCost {

  private static final String NAME = System.getProperty("clientCost.name", "clientcost");
  private static final int WARMUP = Integer.getInteger("clientCost.warmup", 3000);
  private static final String DOLT = "jdbc:mariadb://127.0.0.1:33307/capture_" + NAME;
  private static final String PG_SCHEMA = NAME + "_bench";
  private static final String JOURNAL = NAME + "_journal";
  private static final String DATABASE = "doltsync_" + NAME;

  private final boolean postgres;
  private long sequence;

  private ClientCost(boolean postgres) {
    this.postgres = postgres;
  }

  public static void main(String[] args) throws Exception {
    boolean postgres = args[0].equals("postgresql");
    int rounds = Integer.parseInt(args[1]);
    int writes = Integer.parseInt(args[2]);
    List<String> workloads = List.of((args.length > 3 ? args[3] : "txn,auto").split(","));
    List<String> sides = List.of((args.length > 4 ? args[4] : "raw,doltsync").split(","));
    new ClientCost(postgres).run(rounds, writes, workloads, sides);
  }

  private String primaryUrl() {
    return postgres ? "jdbc:postgresql://127.0.0.1:35432/doltsync_test?currentSchema=" + PG_SCHEMA
        : "jdbc:mariadb://127.0.0.1:33306/" + DATABASE;
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection(primaryUrl(), "doltsync", "doltsync");
  }

  private Connection doltsync() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "doltsync");
    properties.setProperty("password", "doltsync");
    properties.setProperty("doltsync.target", DOLT);
    properties.setProperty("doltsync.targetUser", "root");
    properties.setProperty("doltsync.targetPassword", "");
    properties.setProperty("doltsync.mode", "async");
    properties.setProperty("doltsync.journalTable", JOURNAL);
    properties.setProperty("doltsync.include", OrderWorkload.TABLES);
    properties.setProperty("doltsync.applier", "false");
    return DriverManager.getConnection("jdbc:doltsync:" + primaryUrl().substring("jdbc:".length()), properties);
  }

  private void setup() throws SQLException {
    if (postgres) {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:35432/doltsync_test",
          "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA);
      }
      try (Connection admin = raw()) {
        OrderWorkload.recreatePostgresTables(admin);
      }
    } else {
      try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33306/", "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE);
      }
      try (Connection admin = raw()) {
        OrderWorkload.recreateTables(admin);
      }
    }
    try (Connection dolt = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33307/", "root", "")) {
      Sql.execute(dolt, "DROP DATABASE IF EXISTS capture_" + NAME, "CREATE DATABASE capture_" + NAME);
    }
  }

  private void teardown() throws SQLException {
    if (postgres) {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:35432/doltsync_test",
          "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
      }
    } else {
      try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33306/", "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP DATABASE IF EXISTS " + DATABASE);
      }
    }
    try (Connection dolt = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33307/", "root", "")) {
      Sql.execute(dolt, "DROP DATABASE IF EXISTS capture_" + NAME);
    }
  }

  private void run(int rounds, int writes, List<String> workloads, List<String> sideNames) throws Exception {
    setup();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    Map<String, List<double[]>> results = new LinkedHashMap<>(); // workload -> per round {raw us, ds us, raw B, ds B}
    String loadBefore = LoadAverage.now();
    try (Connection admin = raw()) {
      List<Connection> sides = new ArrayList<>();
      for (String side : sideNames) {
        sides.add(side.equals("raw") ? raw() : doltsync());
      }
      try {
        for (String workload : workloads) {
          boolean autoCommit = workload.equals("auto");
          for (Connection connection : sides) {
            connection.setAutoCommit(autoCommit);
            for (int i = 0; i < WARMUP; i++) {
              write(connection, workload);
            }
          }
          for (int round = 0; round < rounds; round++) {
            double[] row = new double[4];
            Arrays.fill(row, Double.NaN);
            long[] cpu = new long[sides.size()];
            long[] bytes = new long[sides.size()];
            long t0 = System.nanoTime();
            for (int i = 0; i < writes; i++) {
              for (int k = 0; k < sides.size(); k++) {
                int s = Math.floorMod(i + k, sides.size()); // the side that goes first alternates write by write
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes0 = threads.getThreadAllocatedBytes(self);
                write(sides.get(s), workload);
                bytes[s] += threads.getThreadAllocatedBytes(self) - bytes0;
                cpu[s] += threads.getCurrentThreadCpuTime() - cpu0;
              }
            }
            long wall = System.nanoTime() - t0;
            for (int s = 0; s < sides.size(); s++) {
              double us = cpu[s] / 1e3 / writes;
              double perWrite = bytes[s] / (double) writes;
              int column = sideNames.get(s).equals("raw") ? 0 : 1;
              row[column] = us;
              row[column + 2] = perWrite;
              System.out.printf(Locale.ROOT, "round %d %s %s: thread %.1f us/write, %.0f bytes/write (load %s)%n",
                  round, workload, sideNames.get(s), us, perWrite, LoadAverage.now());
            }
            System.out.printf(Locale.ROOT, "round %d %s: %.0f writes/s of all sides together%n", round, workload,
                writes * sides.size() / (wall / 1e9));
            Sql.execute(admin, "DELETE FROM " + JOURNAL);
            results.computeIfAbsent(workload, key -> new ArrayList<>()).add(row);
          }
        }
      } finally {
        for (Connection connection : sides) {
          connection.close();
        }
      }
    }
    System.out.println("SUMMARY client-cost " + (postgres ? "postgresql" : "mariadb") + ", " + writes
        + " writes per round and side, median [p25-p75] [min-max] over rounds; load " + loadBefore + " -> "
        + LoadAverage.now());
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      List<double[]> rows = entry.getValue();
      System.out.printf(Locale.ROOT, "  %-4s thread us/write   raw %s  doltsync %s  doltsync-raw %s%n", entry.getKey(),
          quartiles(rows, r -> r[0]), quartiles(rows, r -> r[1]), quartiles(rows, r -> r[1] - r[0]));
      System.out.printf(Locale.ROOT, "  %-4s bytes/write       raw %s  doltsync %s  doltsync-raw %s%n", entry.getKey(),
          quartiles(rows, r -> r[2]), quartiles(rows, r -> r[3]), quartiles(rows, r -> r[3] - r[2]));
    }
    teardown();
  }

  private static String quartiles(List<double[]> rows, java.util.function.ToDoubleFunction<double[]> value) {
    return Samples.of(rows, value).quartiles(1);
  }

  private void write(Connection connection, String workload) throws SQLException {
    long n = ++sequence;
    switch (workload) {
      case "txn" -> OrderWorkload.transaction(connection, n);
      case "auto" -> OrderWorkload.autocommitUpdate(connection, n);
      default -> throw new IllegalArgumentException(workload);
    }
  }
}
