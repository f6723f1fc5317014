package io.doltsync.bench.mirror;

import io.doltsync.bench.core.LoadAverage;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Issue 10's cost per captured transaction, measured in one JVM: raw and doltsync capture-only
 * ({@code doltsync.applier=false}) connections run the same workload in interleaved rounds, and each round reports
 * tx/s, this JVM's CPU per transaction (only the measuring thread works), the CPU of that thread alone (free of JIT
 * and GC threads), the bytes that thread allocated per transaction and the primary server's CPU per transaction (MariaDB: the {@code mariadbd} process, shared with
 * everyone else's work; PostgreSQL: the backend of the measured connection, {@code pg_backend_pid()}), both from
 * {@code /proc/<pid>/stat}.
 *
 * <pre>{@code
 * capture-cpu <mariadb|postgresql|h2> <rounds> <seconds per round> [workload,...]
 * }</pre>
 * Workloads: {@code txn} (insert + update by key, one transaction), {@code auto} (auto-commit update by key),
 * {@code neworder} (TPC-C-like New-Order: read and bump a district counter, insert an order, for five items read
 * the item, update its stock row with a computed SET, insert an order line). Prints per workload and side the
 * median and range over the rounds. {@code h2} (in memory, in this JVM; client CPU then includes H2's work, and
 * no server CPU is read) shows doltsync's own CPU without network waits. Tables live in database
 * {@code doltsync_cpu} (MariaDB) or schema {@code cpu_bench} (PostgreSQL); the journal is {@code cpu_journal} and
 * is emptied between rounds (system property {@code captureCpu.name} replaces {@code cpu} in these names;
 * {@code captureCpu.warmup} is the seconds of the unmeasured first round, 8 by default).
 */
public final class CaptureCpu {

  /** Names this run's database, schema, journal and Dolt database, so that two builds can run side by side. */
  private static final String NAME = System.getProperty("captureCpu.name", "cpu");
  /** Seconds each side runs a workload before the first measured round (the JIT compiles the hot path). */
  private static final double WARMUP = Double.parseDouble(System.getProperty("captureCpu.warmup", "8"));
  private static final String DOLT = "jdbc:mariadb://127.0.0.1:33307/capture_" + NAME;
  private static final String PG_SCHEMA = NAME + "_bench";
  private static final String JOURNAL = NAME + "_journal";
  private static final String DATABASE = "doltsync_" + NAME;
  private static final int ITEMS = 1000;
  private static final int DISTRICTS = 10;
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux
  private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);

  private final boolean postgres;
  /** H2 in this JVM: no server CPU of its own to read, but no network either, so doltsync's CPU stands out. */
  private final boolean h2;
  private long sequence = (System.currentTimeMillis() % 1_000_000) * 1_000_000;

  private CaptureCpu(boolean postgres, boolean h2) {
    this.postgres = postgres;
    this.h2 = h2;
  }

  public static void main(String[] args) throws Exception {
    boolean postgres = args[0].equals("postgresql");
    int rounds = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    List<String> workloads = List.of((args.length > 3 ? args[3] : "txn,auto,neworder").split(","));
    new CaptureCpu(postgres, args[0].equals("h2")).run(rounds, seconds, workloads);
  }

  private String primaryUrl() {
    if (h2) {
      return "jdbc:h2:mem:capture_" + NAME + ";DB_CLOSE_DELAY=-1";
    }
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
    properties.setProperty("doltsync.include", "cpu_*");
    properties.setProperty("doltsync.applier", "false");
    return DriverManager.getConnection("jdbc:doltsync:" + primaryUrl().substring("jdbc:".length()), properties);
  }

  private void setup() throws SQLException {
    if (h2) {
      try (Connection admin = raw()) {
        Sql.execute(admin, "DROP ALL OBJECTS");
      }
    } else if (postgres) {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:35432/doltsync_test",
          "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA);
      }
    } else {
      try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33306/", "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE);
      }
    }
    String time = postgres || h2 ? "TIMESTAMP(3)" : "DATETIME(3)";
    try (Connection admin = raw()) {
      Sql.execute(admin,
          "CREATE TABLE cpu_accounts (id INT PRIMARY KEY, owner VARCHAR(64) NOT NULL, balance DECIMAL(12,2) NOT NULL,"
              + " updated_at " + time + " NULL)",
          "CREATE TABLE cpu_orders (id BIGINT PRIMARY KEY, account_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,"
              + " status VARCHAR(16) NOT NULL, created_at " + time + " NOT NULL)",
          "CREATE TABLE cpu_district (d_id INT PRIMARY KEY, d_name VARCHAR(10) NOT NULL, d_tax DECIMAL(4,4) NOT NULL,"
              + " d_next_o_id BIGINT NOT NULL)",
          "CREATE TABLE cpu_item (i_id INT PRIMARY KEY, i_name VARCHAR(24) NOT NULL, i_price DECIMAL(5,2) NOT NULL)",
          "CREATE TABLE cpu_stock (s_i_id INT PRIMARY KEY, s_quantity INT NOT NULL, s_ytd DECIMAL(8,2) NOT NULL,"
              + " s_order_cnt INT NOT NULL, s_dist_info CHAR(24) NOT NULL)",
          "CREATE TABLE cpu_new_order (o_id BIGINT PRIMARY KEY, o_d_id INT NOT NULL, o_entry_d " + time + " NOT NULL,"
              + " o_ol_cnt INT NOT NULL)",
          "CREATE TABLE cpu_order_line (ol_o_id BIGINT NOT NULL, ol_number INT NOT NULL, ol_i_id INT NOT NULL,"
              + " ol_quantity INT NOT NULL, ol_amount DECIMAL(6,2) NOT NULL, ol_dist_info CHAR(24) NOT NULL,"
              + " PRIMARY KEY (ol_o_id, ol_number))");
      admin.setAutoCommit(false);
      try (PreparedStatement account = admin.prepareStatement(
              "INSERT INTO cpu_accounts (id, owner, balance, updated_at) VALUES (?, ?, 0, NULL)");
          PreparedStatement item = admin.prepareStatement("INSERT INTO cpu_item VALUES (?, ?, ?)");
          PreparedStatement stock = admin.prepareStatement("INSERT INTO cpu_stock VALUES (?, 100, 0, 0, ?)");
          PreparedStatement district = admin.prepareStatement("INSERT INTO cpu_district VALUES (?, ?, 0.0815, 1)")) {
        for (int id = 1; id <= ITEMS; id++) {
          account.setInt(1, id);
          account.setString(2, "owner-" + id);
          account.addBatch();
          item.setInt(1, id);
          item.setString(2, "item-" + id);
          item.setBigDecimal(3, BigDecimal.valueOf(100 + id % 9000, 2));
          item.addBatch();
          stock.setInt(1, id);
          stock.setString(2, String.format(Locale.ROOT, "dist-info-%014d", id));
          stock.addBatch();
        }
        for (int d = 1; d <= DISTRICTS; d++) {
          district.setInt(1, d);
          district.setString(2, "d" + d);
          district.addBatch();
        }
        account.executeBatch();
        item.executeBatch();
        stock.executeBatch();
        district.executeBatch();
      }
      admin.commit();
    }
    try (Connection dolt = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33307/", "root", "")) {
      Sql.execute(dolt, "DROP DATABASE IF EXISTS capture_" + NAME,
          "CREATE DATABASE capture_" + NAME);
    }
  }

  private void run(int rounds, double seconds, List<String> workloads) throws Exception {
    setup();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long mariadbPid = postgres || h2 ? 0 : mariadbPid();
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (Connection raw = raw(); Connection doltsync = doltsync(); Connection admin = raw()) {
      Connection[] sides = {raw, doltsync};
      String[] names = {"raw", "doltsync"};
      long[] serverPids = new long[2];
      for (int s = 0; s < 2; s++) {
        serverPids[s] = h2 ? 0 : postgres ? Sql.queryLong(sides[s], "SELECT pg_backend_pid()") : mariadbPid;
      }
      for (String workload : workloads) {
        for (int round = -1; round < rounds; round++) { // round -1 warms up both sides
          for (int k = 0; k < 2; k++) {
            int s = Math.floorMod(round + k, 2);
            Connection connection = sides[s];
            connection.setAutoCommit(workload.equals("auto"));
            long cpu0 = os.getProcessCpuTime();
            long thread0 = threads.getCurrentThreadCpuTime();
            long bytes0 = threads.getCurrentThreadAllocatedBytes();
            long server0 = serverTicks(serverPids[s]);
            long t0 = System.nanoTime();
            long end = t0 + (long) ((round < 0 ? WARMUP : seconds) * 1e9);
            int count = 0;
            while (System.nanoTime() < end) {
              transaction(connection, workload, ++sequence);
              count++;
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double clientUs = (os.getProcessCpuTime() - cpu0) / 1e3 / count;
            double threadUs = (threads.getCurrentThreadCpuTime() - thread0) / 1e3 / count;
            double bytes = (threads.getCurrentThreadAllocatedBytes() - bytes0) / (double) count;
            double serverUs = (serverTicks(serverPids[s]) - server0) * (TICK_NANOS / 1e3) / count;
            connection.setAutoCommit(true);
            Sql.execute(admin, "DELETE FROM " + (h2 ? '"' + JOURNAL + '"' : JOURNAL)); // H2: doltsync quotes it
            if (round >= 0) {
              results.computeIfAbsent(workload + " " + names[s], key -> new ArrayList<>())
                  .add(new double[] {count / elapsed, clientUs, threadUs, serverUs, bytes});
            }
            System.out.printf(Locale.ROOT,
                "round %d %s %s: %.0f tx/s client %.0f us (thread %.0f us) server %.0f us, %.0f bytes allocated"
                    + " (load %s)%n",
                round, workload, names[s], count / elapsed, clientUs, threadUs, serverUs, bytes, LoadAverage.now());
          }
        }
      }
    }
    System.out.println("SUMMARY " + (h2 ? "h2" : postgres ? "postgresql" : "mariadb")
        + " (median [min-max] over rounds; load "
        + LoadAverage.now() + ")");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      System.out.printf(Locale.ROOT,
          "  %-18s tx/s %s  client us/tx %s  thread us/tx %s  server us/tx %s  thread bytes/tx %s%n",
          entry.getKey(), column(entry.getValue(), 0), column(entry.getValue(), 1), column(entry.getValue(), 2),
          column(entry.getValue(), 3), column(entry.getValue(), 4));
    }
  }

  private static String column(List<double[]> rows, int column) {
    return Samples.of(rows, row -> row[column]).range(0);
  }

  private static long mariadbPid() throws IOException {
    try (var processes = Files.list(Path.of("/proc"))) {
      return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            try {
              return Files.readString(p.resolve("comm")).strip().equals("mariadbd");
            } catch (IOException e) {
              return false;
            }
          })
          .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst()
          .orElseThrow(() -> new IllegalStateException("no mariadbd process on this machine"));
    }
  }

  /** utime + stime of a process, in clock ticks. */
  private static long serverTicks(long pid) throws IOException {
    if (pid == 0) {
      return 0; // H2: the server is this JVM
    }
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private void transaction(Connection connection, String workload, long n) throws SQLException {
    switch (workload) {
      case "txn" -> {
        insertOrder(connection, n);
        updateAccount(connection, n);
        connection.commit();
      }
      case "auto" -> updateAccount(connection, n);
      case "neworder" -> newOrder(connection, n);
      default -> throw new IllegalArgumentException(workload);
    }
  }

  private static void insertOrder(Connection connection, long n) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO cpu_orders (id, account_id, amount, status, created_at) VALUES (?, ?, ?, ?, ?)")) {
      insert.setLong(1, n);
      insert.setInt(2, (int) (n % ITEMS) + 1);
      insert.setBigDecimal(3, BigDecimal.valueOf(n % 100_000, 2));
      insert.setString(4, n % 2 == 0 ? "new" : "paid");
      insert.setObject(5, EPOCH.plusNanos(n * 1_000_000));
      insert.executeUpdate();
    }
  }

  private static void updateAccount(Connection connection, long n) throws SQLException {
    int id = (int) (n % ITEMS) + 1;
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE cpu_accounts SET owner = ?, balance = ?, updated_at = ? WHERE id = ?")) {
      update.setString(1, "owner-" + id);
      update.setBigDecimal(2, BigDecimal.valueOf(n % 10_000_000, 2));
      update.setObject(3, EPOCH.plusNanos(n * 1_000_000));
      update.setInt(4, id);
      update.executeUpdate();
    }
  }

  private static void newOrder(Connection connection, long n) throws SQLException {
    int district = (int) (n % DISTRICTS) + 1;
    try (PreparedStatement read = connection.prepareStatement(
        "SELECT d_next_o_id, d_tax FROM cpu_district WHERE d_id = ? FOR UPDATE")) {
      read.setInt(1, district);
      try (ResultSet rs = read.executeQuery()) {
        rs.next();
      }
    }
    try (PreparedStatement bump = connection.prepareStatement(
        "UPDATE cpu_district SET d_next_o_id = d_next_o_id + 1 WHERE d_id = ?")) {
      bump.setInt(1, district);
      bump.executeUpdate();
    }
    int lines = 5;
    try (PreparedStatement order = connection.prepareStatement(
        "INSERT INTO cpu_new_order (o_id, o_d_id, o_entry_d, o_ol_cnt) VALUES (?, ?, ?, ?)")) {
      order.setLong(1, n);
      order.setInt(2, district);
      order.setObject(3, EPOCH.plusNanos(n * 1_000_000));
      order.setInt(4, lines);
      order.executeUpdate();
    }
    try (PreparedStatement item = connection.prepareStatement("SELECT i_price, i_name FROM cpu_item WHERE i_id = ?");
        PreparedStatement stock = connection.prepareStatement("UPDATE cpu_stock SET s_quantity = s_quantity - ?,"
            + " s_ytd = s_ytd + ?, s_order_cnt = s_order_cnt + 1 WHERE s_i_id = ?");
        PreparedStatement line = connection.prepareStatement("INSERT INTO cpu_order_line (ol_o_id, ol_number, ol_i_id,"
            + " ol_quantity, ol_amount, ol_dist_info) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int l = 1; l <= lines; l++) {
        int itemId = (int) ((n * 7 + l * 131) % ITEMS) + 1;
        int quantity = 1 + (int) ((n + l) % 5);
        item.setInt(1, itemId);
        BigDecimal price;
        try (ResultSet rs = item.executeQuery()) {
          rs.next();
          price = rs.getBigDecimal(1);
        }
        stock.setInt(1, quantity);
        stock.setInt(2, quantity);
        stock.setInt(3, itemId);
        stock.executeUpdate();
        line.setLong(1, n);
        line.setInt(2, l);
        line.setInt(3, itemId);
        line.setInt(4, quantity);
        line.setBigDecimal(5, price.multiply(BigDecimal.valueOf(quantity)));
        line.setString(6, String.format(Locale.ROOT, "dist-info-%014d", itemId));
        line.executeUpdate();
      }
    }
    connection.commit();
  }
}
