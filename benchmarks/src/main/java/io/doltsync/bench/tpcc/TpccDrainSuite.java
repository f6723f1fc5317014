package io.doltsync.bench.tpcc;

import io.doltsync.DoltSync;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import io.doltsync.bench.core.Urls;
import io.doltsync.bench.mirror.LocalInfileDoltServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Issue 10's applier benchmark: how fast a fixed backlog of TPC-C transactions (New-Order, Payment and Delivery
 * in the specification's proportions, run through doltsync with no applier, so they wait in the journal) is
 * drained into a private Dolt, against Dolt's own rate for the same row changes.
 *
 * <p>Per primary it loads a 1-warehouse TPC-C database, lets doltsync bootstrap it into Dolt, notes Dolt's head,
 * journals {@code drain.transactions} write transactions and keeps a copy of the journal. Every timed variant
 * then starts from the same state: the journal restored from the copy, Dolt reset to the noted head. The
 * variants, rotated in each round: this build's applier ({@link ApplierDrain} in a JVM of its own), an older
 * build's applier (the same, with {@code --drain.oldClasspath}), each in the default mode and with
 * {@code doltsync.groupCommit}, and a hand-written JDBC loop writing the same rows with the same Dolt statements
 * and one {@code dolt_commit} per transaction, or per group ({@link DoltReplay}, its rows read from Dolt's diffs
 * of a first, untimed drain).
 */
public final class TpccDrainSuite implements Suite {

  private static final String JOURNAL = "doltsync_journal";
  private static final String SAVED = "bench_saved_journal";

  private final BenchOptions options;
  private final Servers servers;
  private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
  /** The private Dolt server of the run: its CPU and I/O are read around each drain. */
  private LocalInfileDoltServer doltServer;

  public TpccDrainSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "tpcc-drain";
  }

  @Override
  public void run(Report report) throws Exception {
    try (LocalInfileDoltServer dolt = LocalInfileDoltServer.start()) {
      doltServer = dolt;
      System.out.printf(Locale.ROOT, "[bench] tpcc-drain: private dolt sql-server pid %d%n", dolt.pid());
      for (String database : options.list("drain.databases")) {
        TpccDialect dialect = TpccDialect.named(database);
        String prefix = "drain_" + run + "_" + dialect.label;
        Endpoint server = dialect == TpccDialect.MARIADB ? servers.mariadb() : postgresql();
        try {
          runOn(report, dialect, dialect.create(server, prefix), dolt.endpoint().withDatabase(prefix));
        } catch (Exception e) {
          e.printStackTrace();
          report.note("tpcc-drain on " + dialect.label + " failed: " + e);
        } finally {
          DoltSync.stopMirrors();
          try {
            dialect.drop(server, prefix);
          } catch (SQLException e) {
            System.err.println("[bench] could not drop " + prefix + ": " + e.getMessage());
          }
        }
      }
    }
  }

  private void runOn(Report report, TpccDialect dialect, Endpoint primary, Endpoint dolt) throws Exception {
    long seed = Long.parseLong(options.string("tpcc.seed"));
    SplittableRandom constantsRandom = new SplittableRandom(seed);
    TpccRandom.Constants loadConstants = TpccRandom.Constants.draw(constantsRandom);
    TpccRandom.Constants runConstants = TpccRandom.Constants.forRun(loadConstants, constantsRandom);
    TpccScale scale = new TpccScale(1);
    try (Connection connection = primary.connect(dialect.loaderUrl(primary.url()), new Properties())) {
      long rows = new TpccLoader(scale, seed, loadConstants).load(connection, dialect);
      System.out.printf(Locale.ROOT, "[bench] tpcc-drain: loaded %,d rows into %s%n", rows, primary.url());
    }
    bootstrap(primary, dolt);
    String base;
    try (Connection admin = dolt.connect()) {
      base = Sql.queryString(admin, "SELECT commit_hash FROM dolt_log LIMIT 1", 1);
    }
    int transactions = options.integer("drain.transactions");
    Map<String, Long> mix = fill(primary, dolt, dialect, scale, runConstants, seed, transactions);
    long backlog;
    try (Connection raw = primary.connect()) {
      backlog = Sql.queryLong(raw, "SELECT COUNT(DISTINCT txn) FROM " + JOURNAL);
      Sql.execute(raw, "CREATE TABLE " + SAVED + " AS SELECT * FROM " + JOURNAL);
    }
    String benchmark = dialect.label + " TPC-C backlog of " + backlog + " write transactions " + mix;
    System.out.println("[bench] tpcc-drain: " + benchmark);
    int group = options.integer("drain.groupCommit");
    double timeout = options.number("drain.timeout");
    String newClasspath = System.getProperty("java.class.path");
    String oldClasspath = oldClasspath();

    // an untimed first drain: warms Dolt up, and its commits give the hand loop its rows
    ApplierDrain.Result first = drainInChild(newClasspath, primary, dolt, 1, backlog, timeout);
    DoltReplay replay;
    try (Connection admin = dolt.connect()) {
      long commits = commitsAfter(admin, base);
      report.note(benchmark + ": first drain " + commits + " Dolt commits for " + backlog + " transactions"
          + (commits == backlog ? " (one each)" : " (MISMATCH)") + "; " + first.breakdown());
      replay = DoltReplay.read(admin, base);
    }
    System.out.printf(Locale.ROOT, "[bench] tpcc-drain: hand loop replays %d commits, %d rows%n", replay.commits(),
        replay.rows());

    Map<String, double[]> rates = new LinkedHashMap<>();
    List<String> variants = new ArrayList<>(List.of("applier, this build", "hand loop, 1 tx per dolt_commit",
        "applier, this build, groupCommit=" + group, "hand loop, " + group + " tx per dolt_commit"));
    if (oldClasspath != null) {
      variants.add(1, "applier, main's build");
      variants.add(4, "applier, main's build, groupCommit=" + group);
    }
    String targetParameters = options.string("drain.targetParameters");
    if (!targetParameters.isBlank()) {
      variants.add(1, "applier, this build, " + targetParameters);
    }
    if (!Boolean.parseBoolean(options.string("drain.handLoop"))) {
      variants.removeIf(variant -> variant.startsWith("hand loop"));
    }
    int rounds = options.integer("drain.rounds");
    for (String variant : variants) {
      rates.put(variant, new double[rounds]);
    }
    List<String> breakdowns = new ArrayList<>();
    Map<String, List<String>> doltCosts = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < variants.size(); k++) {
        String variant = variants.get((k + round) % variants.size());
        int perCommit = variant.contains("roupCommit") || variant.contains(group + " tx per") ? group : 1;
        restore(primary, dolt, base);
        double cpuBefore = doltServer.cpuSeconds();
        Map<String, Long> ioBefore = doltServer.io();
        double rate;
        if (variant.startsWith("hand loop")) {
          try (Connection connection = dolt.connect()) {
            rate = replay.replay(connection, perCommit);
            replay.closeStatements();
          }
        } else {
          Endpoint target = !targetParameters.isBlank() && variant.endsWith(targetParameters)
              ? new Endpoint(dolt.url() + (dolt.url().contains("?") ? "&" : "?") + targetParameters, dolt.user(),
                  dolt.password())
              : dolt;
          ApplierDrain.Result drain = drainInChild(variant.contains("main's") ? oldClasspath : newClasspath, primary,
              target,
              perCommit, backlog, timeout);
          rate = drain.rate();
          if (round == rounds - 1) {
            breakdowns.add(variant + ": " + drain.breakdown());
          }
        }
        rates.get(variant)[round] = rate;
        String doltCost = doltCost(cpuBefore, ioBefore, backlog);
        System.out.printf(Locale.ROOT, "[bench] tpcc-drain %s round %d %s: %.1f tx/s (load %.1f); Dolt per entry: %s%n",
            dialect.label, round, variant, rate, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            doltCost);
        doltCosts.computeIfAbsent(variant, key -> new ArrayList<>()).add(doltCost);
      }
    }
    double[] hand = rates.get("hand loop, 1 tx per dolt_commit");
    double[] handGrouped = rates.get("hand loop, " + group + " tx per dolt_commit");
    boolean withHand = hand != null;
    for (Map.Entry<String, double[]> variant : rates.entrySet()) {
      Row row = Row.of(name(), benchmark, variant.getKey(), "tx/s", Samples.of(variant.getValue()));
      if (withHand && variant.getKey().startsWith("applier")) {
        row = row.withRatio(Samples.ratios(variant.getValue(),
            variant.getKey().contains("roupCommit") ? handGrouped : hand));
      }
      report.add(row);
    }
    if (oldClasspath != null) {
      report.add(Row.of(name(), benchmark, "this build / main's build, default mode", "ratio",
          Samples.ratios(rates.get("applier, this build"), rates.get("applier, main's build"))));
      report.add(Row.of(name(), benchmark, "this build / main's build, groupCommit=" + group, "ratio",
          Samples.ratios(rates.get("applier, this build, groupCommit=" + group),
              rates.get("applier, main's build, groupCommit=" + group))));
    }
    breakdowns.forEach(line -> report.note(benchmark + ": " + line));
    doltCosts.forEach((variant, costs) -> report.note(benchmark + ": " + variant + ", Dolt per entry by round: "
        + String.join(" | ", costs)));
    try (Connection raw = primary.connect()) {
      Sql.execute(raw, "DROP TABLE " + SAVED);
    }
  }

  /**
   * Dolt's own work per journal entry since {@code cpuBefore}/{@code ioBefore}: its process's CPU (user + system),
   * bytes it wrote to storage and write system calls (the drain's start-up and the restore are included: small
   * against a few hundred entries).
   */
  private String doltCost(double cpuBefore, Map<String, Long> ioBefore, long entries) {
    double cpu = doltServer.cpuSeconds() - cpuBefore;
    Map<String, Long> io = doltServer.io();
    long written = io.getOrDefault("write_bytes", 0L) - ioBefore.getOrDefault("write_bytes", 0L);
    long writes = io.getOrDefault("syscw", 0L) - ioBefore.getOrDefault("syscw", 0L);
    return String.format(Locale.ROOT, "CPU %.2f ms, %.1f KB written, %.1f write calls", cpu * 1000 / entries,
        written / 1024.0 / entries, (double) writes / entries);
  }

  /** The first doltsync connection bootstraps Dolt from the loaded primary; waits for that commit. */
  private void bootstrap(Endpoint primary, Endpoint dolt) throws Exception {
    long started = System.nanoTime();
    try (Connection ignored = primary.connect(Urls.doltsync(primary.url()), doltsync(dolt, true))) {
      long deadline = started + (long) (options.number("tpcc.bootstrapTimeout") * 1e9);
      while (true) {
        try (Connection connection = dolt.connect()) {
          if (MirrorCheck.doltCommits(connection) >= 2) {
            break;
          }
        } catch (SQLException notYet) {
          // the mirror creates the Dolt database
        }
        if (System.nanoTime() > deadline) {
          throw new SQLException("no bootstrap commit in " + dolt.database());
        }
        Thread.sleep(200);
      }
    } finally {
      DoltSync.stopMirrors();
    }
    System.out.printf(Locale.ROOT, "[bench] tpcc-drain: bootstrap took %.0f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** Journals {@code transactions} committed write transactions with no applier; returns them by type. */
  private Map<String, Long> fill(Endpoint primary, Endpoint dolt, TpccDialect dialect, TpccScale scale,
      TpccRandom.Constants constants, long seed, int transactions) throws SQLException {
    Map<String, Long> mix = new LinkedHashMap<>();
    try (TpccTerminal terminal = new TpccTerminal(primary.connect(Urls.doltsync(primary.url()), doltsync(dolt, false)),
        dialect, scale, new TpccRandom(seed, constants), 1, 1)) {
      int written = 0;
      while (written < transactions) {
        TransactionType type = terminal.next();
        if (type == TransactionType.ORDER_STATUS || type == TransactionType.STOCK_LEVEL) {
          continue;
        }
        if (terminal.run(type) == Outcome.COMMITTED_WRITE) {
          written++;
          mix.merge(type.name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
      }
    } finally {
      DoltSync.stopMirrors();
    }
    return mix;
  }

  private static Properties doltsync(Endpoint dolt, boolean applier) {
    Properties properties = new Properties();
    properties.setProperty("doltsync.target", dolt.url());
    properties.setProperty("doltsync.targetUser", dolt.user());
    properties.setProperty("doltsync.targetPassword", dolt.password());
    properties.setProperty("doltsync.mode", "async");
    properties.setProperty("doltsync.journalTable", JOURNAL);
    properties.setProperty("doltsync.applier", Boolean.toString(applier));
    return properties;
  }

  /** Puts the saved journal back and Dolt's branch at the base commit. */
  private static void restore(Endpoint primary, Endpoint dolt, String base) throws SQLException {
    try (Connection raw = primary.connect()) {
      Sql.execute(raw, "DELETE FROM " + JOURNAL, "INSERT INTO " + JOURNAL + " SELECT * FROM " + SAVED);
    }
    try (Connection connection = dolt.connect(); PreparedStatement reset =
        connection.prepareStatement("CALL dolt_reset('--hard', ?)")) {
      reset.setString(1, base);
      reset.execute();
    }
  }

  private static long commitsAfter(Connection dolt, String base) throws SQLException {
    long commits = 0;
    try (var statement = dolt.createStatement(); var rs = statement.executeQuery("SELECT commit_hash FROM dolt_log")) {
      while (rs.next() && !rs.getString(1).equals(base)) {
        commits++;
      }
    }
    return commits;
  }

  private ApplierDrain.Result drainInChild(String classpath, Endpoint primary, Endpoint dolt, int group, long backlog,
      double timeout) throws Exception {
    return ApplierDrain.inChild(classpath, primary, dolt, JOURNAL, group, backlog, timeout);
  }

  /** The class path of an older build of the driver: this build's benchmark classes, then its dependencies. */
  private String oldClasspath() throws Exception {
    String file = options.string("drain.oldClasspath");
    if (file.isBlank()) {
      return null;
    }
    String own = System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0];
    return own + java.io.File.pathSeparator + Files.readString(Path.of(file)).trim();
  }

  private Endpoint postgresql() {
    Endpoint configured = new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
        options.string("postgresql.password"));
    return configured.withDatabase(options.string("tpcc.postgresql.database"));
  }
}
