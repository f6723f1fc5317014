package io.doltsync.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one run. Each option is read from, in order: a {@code --key=value} argument, a
 * {@code -Dbench.key=value} system property, the {@code --quick} preset (when given), and the default.
 * The defaults make a full run of about 10–15 minutes on 2 cores; {@code --quick} is a smoke run of a
 * couple of minutes whose figures only show that everything works.
 */
public final class BenchOptions {

  /** One option: its key, full-run default, quick-run default and description. */
  private record Spec(String key, String full, String quick, String help) {}

  private static final List<Spec> SPECS = List.of(
      new Spec("suites", "overhead,writes,mirror-rate,lag,bootstrap,dolt-read,jmh", null,
          "comma-separated suites to run, in this order"),
      new Spec("overhead.databases", "h2,mariadb,postgresql", null, "databases of the wrapper-overhead suite"),
      new Spec("overhead.threads", "1", null, "client threads (one pooled connection each)"),
      new Spec("overhead.rows", "1000", "200", "rows in the key-value table"),
      new Spec("overhead.warmup", "2", "0.5", "warm-up seconds per access path and workload"),
      new Spec("overhead.rounds", "5", "2", "timed rounds (each runs every access path once, in rotated order)"),
      new Spec("overhead.seconds", "1", "0.5", "seconds per access path per round"),
      new Spec("writes.databases", "mariadb", null, "primaries of the write-transaction suite (mariadb, postgresql)"),
      new Spec("writes.warmup", "2", "0.5", "warm-up seconds per variant of the write-transaction suite"),
      new Spec("writes.rounds", "5", "2", "timed rounds of the write-transaction suite"),
      new Spec("writes.applierInJvm", "true", null,
          "whether the writes suite also runs doltsync with the applier in its JVM (each round then waits for the drain)"),
      new Spec("writes.seconds", "2", "1", "seconds per variant per round"),
      new Spec("trips.transactions", "200", "50", "transactions counted per workload and side by the roundtrips suite"),
      new Spec("rate.transactions", "1000", "150", "journal backlog drained (and applied directly) per iteration"),
      new Spec("rate.iterations", "3", "1", "iterations of the mirror-rate suite"),
      new Spec("rate.groupCommit", "20", null,
          "doltsync.groupCommit of the mirror-rate suite's group-commit variant (transactions per Dolt commit)"),
      new Spec("contention.databases", "mariadb,postgresql", null, "primaries of the journal-contention suite"),
      new Spec("contention.writers", "8", null, "writer connections of the journal-contention suite"),
      new Spec("contention.rounds", "3", "1", "rounds of the journal-contention suite (each runs raw and doltsync)"),
      new Spec("contention.seconds", "10", "3", "seconds per side per round of the journal-contention suite"),
      new Spec("contention.groupCommit", "1", null, "doltsync.groupCommit of the contention suite's mirror"),
      new Spec("contention.postgresql.database", "doltsync_test", null,
          "existing PostgreSQL database the contention suite makes its schema in"),
      new Spec("lag.seconds", "30", "5", "seconds of fixed-rate writing in the lag suite"),
      new Spec("lag.rate", "0", null, "transactions/s of the lag suite; 0 = half the measured mirror rate"),
      new Spec("lag.workers", "16", "8", "writer connections of the lag suite"),
      new Spec("lag.groupCommit", "1", null, "doltsync.groupCommit of the lag suite's mirror (transactions per Dolt commit)"),
      new Spec("bootstrap.rows", "200000", "20000", "rows of the bootstrap table"),
      new Spec("bootstrap.iterations", "3", "1", "iterations of the bootstrap suite"),
      new Spec("bootstrap.dolt", "private", null,
          "private: the bootstrap suite starts its own Dolt server with local_infile=1 (the bulk path); shared: dolt.url"),
      new Spec("startup.databases", "mariadb,postgresql", null, "primaries of the start-up suite"),
      new Spec("startup.rounds", "3", "1", "rounds of the start-up suite (each runs raw and doltsync)"),
      new Spec("startup.owners", "40", "10", "owners in the start-up suite's seed data (pets and visits scale with it)"),
      new Spec("startup.count", "true", null,
          "whether the start-up suite also counts statements and round trips per statement kind (one more round per side)"),
      new Spec("startup.postgresql.database", "doltsync_test", null,
          "existing PostgreSQL database the start-up suite makes its schemas in"),
      new Spec("read.queries", "30", "10", "Dolt-routed queries timed per variant in the dolt-read suite"),
      new Spec("jmh.forks", "1", null, "JMH forks per benchmark"),
      new Spec("jmh.warmup", "5", "1", "JMH warm-up iterations"),
      new Spec("jmh.iterations", "5", "2", "JMH measurement iterations"),
      new Spec("jmh.time", "1", "0.3", "seconds per JMH iteration"),
      new Spec("jmh.include", "io\\.doltsync\\.bench\\.jmh\\..*", null, "regular expression of JMH benchmarks"),
      new Spec("drain.databases", "mariadb,postgresql", null, "primaries of the tpcc-drain suite (not in the default suites)"),
      new Spec("drain.transactions", "300", "60", "TPC-C write transactions in the backlog each tpcc-drain variant drains"),
      new Spec("drain.rounds", "3", "1", "rounds of the tpcc-drain suite (each runs every variant once, rotated)"),
      new Spec("drain.groupCommit", "20", null, "doltsync.groupCommit of the tpcc-drain suite's grouped variants"),
      new Spec("drain.handLoop", "true", null, "whether tpcc-drain also times the hand-written JDBC loop"),
      new Spec("drain.timeout", "900", null, "seconds one drain of the tpcc-drain suite may take"),
      new Spec("drain.oldClasspath", "", null,
          "a file holding an older build's bench-classpath.txt: tpcc-drain then also drains with that build's applier"),
      new Spec("cost.databases", "mariadb,postgresql", null, "primaries of the tpcc-cost suite (not in the default suites)"),
      new Spec("cost.rounds", "5", "1", "rounds of the tpcc-cost suite (each runs every transaction type on both sides, rotated)"),
      new Spec("cost.transactions", "200", "20", "transactions of one type per batch in the tpcc-cost suite"),
      new Spec("cost.warmup", "300", "50", "mixed TPC-C transactions per side before the tpcc-cost suite measures"),
      new Spec("cost.prefix", "tpcccost", null, "first part of the names of the databases the tpcc-cost suite creates"),
      new Spec("drain.targetParameters", "", null, "JDBC parameters for the Dolt URL of one more tpcc-drain variant"
          + " (this build, default mode), e.g. useServerPrepStmts=true&allowMultiQueries=false"),
      new Spec("tpcc.databases", "mariadb,postgresql", null, "primaries of the TPC-C suite (not in the default suites)"),
      new Spec("tpcc.dolt", "private", null,
          "private: the TPC-C suite starts its own Dolt server (local_infile=1), deleted at the end; shared: dolt.url"),
      new Spec("tpcc.applier", "jvm", null,
          "jvm: the doltsync terminals' JVM runs the applier (Dolt works during the rounds); none: capture only"
          + " (doltsync.applier=false), a JVM of its own drains the journal after each doltsync round"),
      new Spec("tpcc.capture", "journal", null,
          "doltsync.capture of the doltsync side: journal, or wal (PostgreSQL logical decoding; --tpcc.databases=postgresql,"
          + " --tpcc.applier=jvm): its backlog is then the slot's KiB behind the server's WAL"),
      new Spec("tpcc.warehouses", "1", null, "TPC-C scale factor (warehouses)"),
      new Spec("tpcc.terminals", "1,4,8", "1,4", "comma-separated terminal counts, each measured in its own rounds"),
      new Spec("tpcc.groupCommit", "1", null,
          "doltsync.groupCommit of the TPC-C suite's mirror (transactions per Dolt commit under backlog; 1: one each)"),
      new Spec("tpcc.rates", "0", null, "comma-separated fixed rates (TPC-C transactions/s over all terminals), each"
          + " measured in its own rounds: terminals paced, doltsync side only, journal backlog sampled each second"
          + " (flat or growing); 0: unpaced, raw and doltsync"),
      new Spec("tpcc.warmup", "10", "2", "warm-up seconds per side, with the most terminals"),
      new Spec("tpcc.rounds", "3", "1", "timed rounds per terminal count (each runs raw and doltsync, rotated)"),
      new Spec("tpcc.seconds", "60", "5", "seconds per side per round"),
      new Spec("tpcc.drainTimeout", "600", "120", "seconds to wait for the journal to drain after a round"),
      new Spec("tpcc.bootstrapTimeout", "1800", null, "seconds to wait for doltsync's bootstrap of the loaded database"),
      new Spec("tpcc.isolation", "default", null,
          "isolation of the terminals: default (the database's), read-committed, repeatable-read, serializable"),
      new Spec("tpcc.seed", "20261206", null, "seed of the load and the terminals"),
      new Spec("tpcc.postgresql.database", "doltsync_test", null,
          "existing PostgreSQL database the TPC-C suite makes its schemas in (the test user may not create databases)"),
      new Spec("tpcc.keep", "false", null, "keep the primary and Dolt databases after the run"),
      new Spec("mariadb.url", "jdbc:mariadb://127.0.0.1:33306/doltsync_bench", null,
          "MariaDB primary (database created if missing)"),
      new Spec("mariadb.user", "doltsync", null, "MariaDB user"),
      new Spec("mariadb.password", "doltsync", null, "MariaDB password"),
      new Spec("postgresql.url", "jdbc:postgresql://127.0.0.1:35432/doltsync_bench", null,
          "PostgreSQL primary (database created if missing)"),
      new Spec("postgresql.user", "doltsync", null, "PostgreSQL user"),
      new Spec("postgresql.password", "doltsync", null, "PostgreSQL password"),
      new Spec("dolt.url", "jdbc:mariadb://127.0.0.1:33307", null, "Dolt sql-server, without a database"),
      new Spec("dolt.user", "root", null, "Dolt user"),
      new Spec("dolt.password", "", null, "Dolt password"),
      new Spec("out", "benchmarks/target/bench-results.csv", null, "CSV file of every row"));

  private final Map<String, String> arguments;
  private final boolean quick;

  private BenchOptions(Map<String, String> arguments, boolean quick) {
    this.arguments = arguments;
    this.quick = quick;
  }

  /** Parses {@code --key=value} and {@code --quick}; unknown keys are an error. */
  public static BenchOptions parse(String... args) {
    Map<String, String> arguments = new HashMap<>();
    boolean quick = Boolean.getBoolean("bench.quick");
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
        continue;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --key=value or --quick, not: " + arg);
      }
      String key = arg.substring(2, eq);
      spec(key);
      arguments.put(key, arg.substring(eq + 1));
    }
    return new BenchOptions(arguments, quick);
  }

  public static void printHelp(PrintStream out) {
    out.println("usage: scripts/bench.sh [--quick] [--key=value ...]   (or -Dbench.key=value)");
    for (Spec spec : SPECS) {
      out.printf(Locale.ROOT, "  --%-22s %s (default %s%s)%n", spec.key(), spec.help(),
          spec.full().isEmpty() ? "empty" : spec.full(), spec.quick() == null ? "" : ", quick " + spec.quick());
    }
  }

  public boolean isQuick() {
    return quick;
  }

  public String string(String key) {
    Spec spec = spec(key);
    String value = arguments.get(key);
    if (value == null) {
      value = System.getProperty("bench." + key);
    }
    if (value == null && quick) {
      value = spec.quick();
    }
    return value != null ? value : spec.full();
  }

  public int integer(String key) {
    return Integer.parseInt(string(key).trim());
  }

  public double number(String key) {
    return Double.parseDouble(string(key).trim());
  }

  public List<String> list(String key) {
    return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  private static Spec spec(String key) {
    return SPECS.stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown option --" + key + " (see --help)"));
  }
}
