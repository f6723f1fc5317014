package io.doltsync.bench.mirror;

import io.doltsync.bench.core.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Issue 10's primary-side cost of capture, one process per role so that two builds of doltsync (on the
 * class path of each process) can be compared in interleaved rounds by a script
 * ({@code scripts/capture-cost.sh}):
 * <ul>
 *   <li>{@code setup <db> <names...>}: creates the workload's tables in the primary and a Dolt database per name;</li>
 *   <li>{@code applier <db> <name>}: opens a doltsync connection whose applier runs (journal {@code <name>_journal},
 *       Dolt database {@code <name>}) and keeps it open until killed;</li>
 *   <li>{@code writer <db> <name|raw> <workload> <seconds>}: runs the workload through the raw driver or doltsync
 *       with the applier elsewhere, and prints its rate and the server's counters per transaction over the
 *       timed part (global counters: the applier's own work on the primary is in them, so is anyone else's).</li>
 * </ul>
 * {@code <db>} is {@code mariadb} (database {@code doltsync_bench}) or {@code postgresql} (schema
 * {@code cc_bench} of {@code doltsync_test}); the workload is {@code txn} (insert + update by key, one
 * transaction) or {@code auto} (update by key, auto-commit).
 */
public final class CaptureCost {

  private static final String DOLT = "jdbc:mariadb://127.0.0.1:33307/";
  private static final String PG_SCHEMA = "cc_bench";

  private CaptureCost() {}

  public static void main(String[] args) throws Exception {
    String db = args[1];
    switch (args[0]) {
      case "setup" -> setup(db, java.util.Arrays.copyOfRange(args, 2, args.length));
      case "applier" -> applier(db, args[2]);
      case "writer" -> writer(db, args[2], args[3], Double.parseDouble(args[4]),
          args.length > 5 ? Double.parseDouble(args[5]) : 0);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static String primaryUrl(String db) {
    return db.equals("postgresql")
        ? "jdbc:postgresql://127.0.0.1:35432/doltsync_test?currentSchema=" + PG_SCHEMA
        : "jdbc:mariadb://127.0.0.1:33306/doltsync_bench";
  }

  private static Connection raw(String db) throws SQLException {
    return DriverManager.getConnection(primaryUrl(db), "doltsync", "doltsync");
  }

  private static Connection doltsync(String db, String name, boolean applier) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "doltsync");
    properties.setProperty("password", "doltsync");
    properties.setProperty("doltsync.target", DOLT + name);
    properties.setProperty("doltsync.targetUser", "root");
    properties.setProperty("doltsync.targetPassword", "");
    properties.setProperty("doltsync.mode", "async");
    properties.setProperty("doltsync.journalTable", name + "_journal");
    properties.setProperty("doltsync.include", OrderWorkload.TABLES);
    properties.setProperty("doltsync.applier", Boolean.toString(applier));
    return DriverManager.getConnection("jdbc:doltsync:" + primaryUrl(db).substring("jdbc:".length()), properties);
  }

  private static void setup(String db, String[] names) throws SQLException {
    if (db.equals("postgresql")) {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:35432/doltsync_test",
          "doltsync", "doltsync")) {
        Sql.execute(admin, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA);
      }
    } else {
      try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:33306/", "doltsync", "doltsync")) {
        Sql.execute(admin, "CREATE DATABASE IF NOT EXISTS doltsync_bench");
      }
    }
    try (Connection admin = raw(db)) {
      if (db.equals("postgresql")) {
        OrderWorkload.recreatePostgresTables(admin);
      } else {
        OrderWorkload.recreateTables(admin);
      }
      for (String name : names) {
        Sql.execute(admin, "DROP TABLE IF EXISTS " + name + "_journal", "DROP TABLE IF EXISTS " + name + "_quarantine",
            "DROP TABLE IF EXISTS " + name + "_diverged");
      }
    }
    try (Connection dolt = DriverManager.getConnection(DOLT, "root", "")) {
      for (String name : names) {
        Sql.execute(dolt, "DROP DATABASE IF EXISTS `" + name + "`", "CREATE DATABASE `" + name + "`");
      }
    }
  }

  private static void applier(String db, String name) throws Exception {
    try (Connection connection = doltsync(db, name, true)) {
      System.out.println("applier up");
      javax.management.ObjectName bean = new javax.management.ObjectName(
          "io.doltsync:type=Mirror,name=" + javax.management.ObjectName.quote(name + "/main"));
      while (true) {
        Thread.sleep(10_000);
        String breakdown = String.valueOf(java.lang.management.ManagementFactory.getPlatformMBeanServer()
            .getAttribute(bean, "ApplyBreakdown"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+ entries).*(JOURNAL_DELETE[^;)]*\\))")
            .matcher(breakdown);
        System.out.println("APPLIER " + name + " " + (m.find() ? m.group(1) + "; " + m.group(2) : breakdown));
      }
    }
  }

  /** Runs the workload for {@code seconds} after a warm-up; at most {@code rate} transactions a second when positive. */
  private static void writer(String db, String name, String workload, double seconds, double rate) throws Exception {
    boolean postgres = db.equals("postgresql");
    long base = (System.nanoTime() & 0xffffffffL) * 1000; // distinct order ids per process
    try (Connection connection = name.equals("raw") ? raw(db) : doltsync(db, name, false);
        Connection counters = raw(db)) {
      boolean auto = workload.equals("auto");
      connection.setAutoCommit(auto);
      long n = base;
      long warmEnd = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < warmEnd) {
        run(connection, auto, ++n);
      }
      Map<String, Long> before = counters(counters, postgres);
      long started = System.nanoTime();
      long end = started + (long) (seconds * 1e9);
      long count = 0;
      while (System.nanoTime() < end) {
        if (rate > 0) {
          long due = started + (long) (count * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        run(connection, auto, ++n);
        count++;
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      if (postgres) {
        Thread.sleep(1_500); // PostgreSQL publishes its statistics at most once a second
      }
      Map<String, Long> after = counters(counters, postgres);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "RESULT %s %s %s tx/s=%.1f", db, name,
          workload, count / elapsed));
      for (Map.Entry<String, Long> counter : after.entrySet()) {
        long delta = counter.getValue() - before.getOrDefault(counter.getKey(), 0L);
        line.append(String.format(Locale.ROOT, " %s=%.2f", counter.getKey(), delta / (double) count));
      }
      System.out.println(line);
    }
  }

  private static void run(Connection connection, boolean auto, long n) throws SQLException {
    if (auto) {
      OrderWorkload.autocommitUpdate(connection, n);
    } else {
      OrderWorkload.transaction(connection, n);
    }
  }

  private static final String[] MARIADB_COUNTERS = {"Innodb_os_log_fsyncs", "Innodb_data_fsyncs", "Innodb_log_writes",
      "Innodb_buffer_pool_write_requests", "Innodb_buffer_pool_read_requests", "Handler_commit", "Handler_write",
      "Handler_update", "Handler_delete", "Handler_read_key", "Handler_read_next", "Handler_read_first",
      "Handler_read_rnd_next", "Com_insert", "Com_update", "Com_delete", "Com_select", "Com_commit", "Questions",
      "Innodb_row_lock_waits"};

  private static Map<String, Long> counters(Connection connection, boolean postgres) throws SQLException {
    Map<String, Long> values = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      if (postgres) {
        statement.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet rs = statement.executeQuery("SELECT wal_records, wal_fpi, wal_bytes, wal_write, wal_sync"
            + " FROM pg_stat_wal")) {
          rs.next();
          for (int i = 1; i <= 5; i++) {
            values.put(rs.getMetaData().getColumnLabel(i), rs.getLong(i));
          }
        }
        try (ResultSet rs = statement.executeQuery("SELECT xact_commit, blks_hit, blks_read, tup_returned,"
            + " tup_fetched, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database"
            + " WHERE datname = current_database()")) {
          rs.next();
          for (int i = 1; i <= 8; i++) {
            values.put(rs.getMetaData().getColumnLabel(i), rs.getLong(i));
          }
        }
      } else {
        try (ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS")) {
          Map<String, Long> all = new LinkedHashMap<>();
          while (rs.next()) {
            try {
              all.put(rs.getString(1), Long.parseLong(rs.getString(2)));
            } catch (NumberFormatException e) {
              // not a counter
            }
          }
          for (String name : MARIADB_COUNTERS) {
            values.put(name, all.getOrDefault(name, 0L));
          }
        }
      }
    }
    return values;
  }
}
