package io.doltsync.bench.tpcc;

import io.doltsync.DoltSync;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Goal;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import io.doltsync.bench.core.Urls;
import io.doltsync.bench.mirror.LocalInfileDoltServer;
import io.doltsync.bench.mirror.MirrorProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 10's TPC-C benchmark: the five transactions on BenchBase's schema, through the raw driver and through
 * doltsync (only the URL differs), in interleaved rounds, for each number of terminals and each primary.
 * Each side has a primary database (on PostgreSQL a schema) of its own, loaded alike, so the doltsync side's primary holds exactly
 * what doltsync saw; Dolt gets a fresh database. Per round it reports tpmC and transactions/s with the
 * ratio to raw, deadlocks and lock timeouts per side, the journal backlog while doltsync ran and the time
 * the applier then took to drain it. At the end it checks that Dolt's head equals the doltsync side's
 * primary in every table and that Dolt's commits carry each committed write transaction once.
 *
 * <p>With {@code --tpcc.rates} it also asks whether the applier keeps up at a given rate: the doltsync side alone
 * runs paced to each rate ({@link TpccTerminals#run(double, double)}) while the journal backlog is sampled every
 * second; {@link BacklogTrend} calls its second half flat or growing, and the private Dolt server's CPU per
 * transaction applied during the round and drained after it is reported. {@code --tpcc.groupCommit} sets the
 * mirror's {@code doltsync.groupCommit}. With {@code --tpcc.capture=wal} (PostgreSQL) the doltsync side captures from
 * the WAL: its backlog is then the slot's distance from the server's WAL ({@link SlotBacklog}), its drain the
 * terminals' {@code awaitMirrored}, and the slot and publication are dropped at the end.
 *
 * <p>Uses only doltsync's public API (the URL and {@link DoltSync}). It ends with {@link DoltSync#shutdown()}
 * so the databases can be dropped: run it last in a run (it is last in the suite order).
 */
public final class TpccSuite implements Suite {

  private static final Goal GOAL = Goal.ratioAtLeast(0.90, "raw");
  private static final String JOURNAL = "doltsync_journal";

  /** The two sides of a comparison, in their order within round 0. */
  private enum Side {
    RAW("raw"), DOLTSYNC("doltsync");

    final String label;

    Side(String label) {
      this.label = label;
    }
  }

  private final BenchOptions options;
  private final Servers servers;
  private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
  /** The Dolt server of the run: the shared one, or a private one with local_infile ({@code tpcc.dolt}). */
  private Endpoint doltServer;
  /** The private Dolt server, whose CPU is read around each doltsync round and drain; null when shared. */
  private LocalInfileDoltServer privateDolt;

  public TpccSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "tpcc";
  }

  @Override
  public void run(Report report) throws Exception {
    List<Runnable> cleanups = new ArrayList<>();
    privateDolt = options.string("tpcc.dolt").equals("shared") ? null : LocalInfileDoltServer.start();
    doltServer = privateDolt == null ? servers.dolt() : privateDolt.endpoint();
    try {
      for (String database : options.list("tpcc.databases")) {
        TpccDialect dialect = TpccDialect.named(database);
        try {
          runOn(report, dialect, cleanups);
        } catch (Exception e) {
          e.printStackTrace();
          report.note("tpcc on " + dialect.label + " failed: " + e);
        }
      }
    } finally {
      DoltSync.shutdown(); // stops the appliers, so the databases can go
      if (Boolean.parseBoolean(options.string("tpcc.keep"))) {
        report.note("tpcc: databases kept (--tpcc.keep=true), run id " + run);
      } else {
        Collections.reverse(cleanups);
        cleanups.forEach(Runnable::run);
      }
      if (privateDolt != null) {
        privateDolt.close();
      }
    }
  }

  private void runOn(Report report, TpccDialect dialect, List<Runnable> cleanups) throws Exception {
    Endpoint server = dialect == TpccDialect.MARIADB ? servers.mariadb() : postgresql();
    TpccScale scale = new TpccScale(options.integer("tpcc.warehouses"));
    String prefix = "tpcc_" + run + "_" + dialect.label;
    Endpoint raw = createDatabase(dialect, server, prefix + "_raw", cleanups);
    Endpoint mirrored = createDatabase(dialect, server, prefix + "_doltsync", cleanups);
    Endpoint dolt = doltServer.withDatabase(prefix);
    cleanups.add(() -> dropDoltQuietly(prefix));
    boolean captureOnly = captureOnly();
    boolean wal = walCapture(dialect, captureOnly);
    String benchmark = dialect.label + " TPC-C " + scale.warehouses() + "W" + (captureOnly ? " capture only" : "")
        + (wal ? " wal capture" : "")
        + (options.integer("tpcc.groupCommit") > 1 ? ", groupCommit=" + options.integer("tpcc.groupCommit") : "");

    long seed = Long.parseLong(options.string("tpcc.seed"));
    SplittableRandom constantsRandom = new SplittableRandom(seed);
    TpccRandom.Constants loadConstants = TpccRandom.Constants.draw(constantsRandom);
    TpccRandom.Constants runConstants = TpccRandom.Constants.forRun(loadConstants, constantsRandom);
    long rows = load(report, benchmark, dialect, scale, seed, loadConstants, raw, mirrored);

    Properties doltsync = new Properties();
    doltsync.setProperty("doltsync.target", dolt.url());
    doltsync.setProperty("doltsync.targetUser", dolt.user());
    doltsync.setProperty("doltsync.targetPassword", dolt.password());
    doltsync.setProperty("doltsync.mode", "async");
    doltsync.setProperty("doltsync.journalTable", JOURNAL);
    int groupCommit = options.integer("tpcc.groupCommit");
    doltsync.setProperty("doltsync.groupCommit", Integer.toString(groupCommit));
    doltsync.setProperty("doltsync.capture", wal ? "wal" : "journal");
    if (wal) {
      cleanups.add(() -> dropSlot(mirrored, prefix));
    }
    String doltsyncUrl = Urls.doltsync(mirrored.url());

    List<Integer> terminalCounts = options.list("tpcc.terminals").stream().map(Integer::parseInt).toList();
    int maxTerminals = Collections.max(terminalCounts);
    List<TpccTerminal> rawTerminals = new ArrayList<>();
    List<TpccTerminal> doltsyncTerminals = new ArrayList<>();
    double drainTimeout = options.number("tpcc.drainTimeout");
    try (Connection doltAdmin = awaitBootstrap(report, benchmark, rows, mirrored, doltsyncUrl, doltsync, dolt,
        doltsyncTerminals, dialect, scale, runConstants, seed, options.number("tpcc.bootstrapTimeout"));
        Backlog backlog = wal ? new SlotBacklog(mirrored.connect(), slotName(mirrored, prefix),
            () -> doltsyncTerminals.stream().map(TpccTerminal::connection).toList())
            : new JournalBacklog(mirrored.connect(), JOURNAL)) {
      long commitsBefore = MirrorCheck.doltCommits(doltAdmin);
      long transactionsBefore = MirrorCheck.doltTransactions(doltAdmin);
      if (captureOnly) {
        // the bootstrap's mirror ran an applier: stop it, and capture from here on with none in this JVM
        doltsyncTerminals.remove(0).close();
        DoltSync.stopMirrors();
        doltsync.setProperty("doltsync.applier", "false");
      }
      for (int i = 0; i < maxTerminals; i++) {
        rawTerminals.add(terminal(raw.connect(), dialect, scale, runConstants, seed, Side.RAW, i));
        if (i > 0 || captureOnly) {
          doltsyncTerminals.add(terminal(mirrored.connect(doltsyncUrl, doltsync), dialect, scale, runConstants, seed,
              Side.DOLTSYNC, i));
        }
      }
      Drainer drainer = captureOnly ? new ChildDrainer(backlog, mirrored, dolt, drainTimeout)
          : () -> backlog.awaitEmpty(drainTimeout);
      MirrorBacklog unapplied = captureOnly ? null : new MirrorBacklog(new MirrorProbe(dolt.database()));
      Rounds rounds = new Rounds(report, benchmark, dialect, rawTerminals, doltsyncTerminals, backlog, unapplied,
          drainer, drainTimeout);
      rounds.warmUp(options.number("tpcc.warmup"));
      List<Double> rates = options.list("tpcc.rates").stream().map(Double::parseDouble).toList();
      for (int terminals : terminalCounts) {
        for (double rate : rates) {
          rounds.measure(terminals, rate, options.integer("tpcc.rounds"), options.number("tpcc.seconds"));
        }
      }
      verify(report, benchmark, mirrored, doltAdmin, backlog, drainer, commitsBefore, transactionsBefore,
          rounds.committedWrites);
    } finally {
      for (TpccTerminal terminal : rawTerminals) {
        closeQuietly(terminal);
      }
      for (TpccTerminal terminal : doltsyncTerminals) {
        closeQuietly(terminal);
      }
    }
  }

  /** Loads both sides' databases alike, side by side; reports the raw load rate; returns the rows of one. */
  private long load(Report report, String benchmark, TpccDialect dialect, TpccScale scale, long seed,
      TpccRandom.Constants constants, Endpoint raw, Endpoint mirrored) throws Exception {
    ExecutorService loaders = Executors.newFixedThreadPool(2);
    try {
      long started = System.nanoTime();
      List<Future<Long>> loads = new ArrayList<>();
      for (Endpoint side : List.of(raw, mirrored)) {
        loads.add(loaders.submit(() -> {
          try (Connection connection = side.connect(dialect.loaderUrl(side.url()), new Properties())) {
            return new TpccLoader(scale, seed, constants).load(connection, dialect);
          }
        }));
      }
      long rows = loads.get(0).get();
      loads.get(1).get();
      double seconds = (System.nanoTime() - started) / 1e9;
      report.add(Row.of(name(), benchmark, "load through the raw driver (both sides at once)", "rows/s",
          Samples.of(2 * rows / seconds)));
      System.out.printf(Locale.ROOT, "[bench] tpcc: loaded %,d rows into each of %s and %s in %.0f s%n", rows,
          raw.url(), mirrored.url(), seconds);
      return rows;
    } finally {
      loaders.shutdownNow();
    }
  }

  /**
   * Opens the first doltsync connection (it starts the mirror, which bootstraps Dolt from the primary) and
   * waits for the bootstrap commit, before any transaction: a transaction committed during the bootstrap
   * may be contained in its snapshot and then makes no commit of its own. Returns a Dolt connection.
   */
  private Connection awaitBootstrap(Report report, String benchmark, long rows, Endpoint mirrored, String doltsyncUrl,
      Properties doltsync, Endpoint dolt, List<TpccTerminal> doltsyncTerminals, TpccDialect dialect, TpccScale scale,
      TpccRandom.Constants constants, long seed, double timeout) throws Exception {
    long started = System.nanoTime();
    Connection first = mirrored.connect(doltsyncUrl, doltsync);
    doltsyncTerminals.add(terminal(first, dialect, scale, constants, seed, Side.DOLTSYNC, 0));
    long deadline = started + (long) (timeout * 1e9);
    while (true) {
      try {
        Connection connection = dolt.connect();
        if (MirrorCheck.doltCommits(connection) >= 2) { // Dolt's initial commit and the bootstrap's
          double seconds = (System.nanoTime() - started) / 1e9;
          report.add(Row.of(name(), benchmark, "doltsync bootstrap (first connection to its Dolt commit)", "rows/s",
              Samples.of(rows / seconds)));
          return connection;
        }
        connection.close();
      } catch (SQLException notYet) {
        // the Dolt database is created by the mirror's start
      }
      if (System.nanoTime() > deadline) {
        throw new SQLException("no bootstrap commit in Dolt database " + dolt.database() + " after " + timeout + " s");
      }
      Thread.sleep(200);
    }
  }

  private void verify(Report report, String benchmark, Endpoint mirrored, Connection dolt, Backlog backlog,
      Drainer drainer, long commitsBefore, long transactionsBefore, long committedWrites) throws Exception {
    double drained = drainer.drain();
    if (Double.isNaN(drained)) {
      report.note(benchmark + ": " + backlog.what() + " still " + backlog.count() + " " + backlog.unit()
          + " after the last round's drain timed out: Dolt not compared");
      return;
    }
    long commits = MirrorCheck.doltCommits(dolt) - commitsBefore;
    long transactions = MirrorCheck.doltTransactions(dolt) - transactionsBefore;
    List<MirrorCheck.TableResult> tables;
    try (Connection primary = mirrored.connect()) {
      tables = MirrorCheck.compareTables(primary, dolt);
    }
    long equal = tables.stream().filter(MirrorCheck.TableResult::equal).count();
    report.add(Row.of(name(), benchmark, "check: tables where Dolt's head equals the primary (of "
        + tables.size() + ")", "tables", Samples.of(equal)));
    report.add(Row.of(name(), benchmark, "check: Dolt commits per committed write transaction ("
        + commits + " / " + committedWrites + ")", "ratio", Samples.of(committedWrites == 0 ? Double.NaN
        : (double) commits / committedWrites)));
    report.note(benchmark + ": " + (equal == tables.size() ? "Dolt's head equals the primary in every table"
        : "Dolt's head DIFFERS from the primary") + "; " + commits + " Dolt commits carrying " + transactions
        + " transactions for " + committedWrites + " committed write transactions"
        + (transactions == committedWrites ? (commits == committedWrites ? " (one each)" : " (each once)")
            : " (MISMATCH)") + "; " + tables);
  }

  /** The private Dolt server's CPU seconds so far (user and system), NaN with a shared one. */
  private double doltCpuSeconds() {
    return privateDolt == null ? Double.NaN : privateDolt.cpuSeconds();
  }

  /** {@code --tpcc.applier}: jvm (the default deployment) or none (capture only; a child JVM drains between rounds). */
  private boolean captureOnly() {
    String applier = options.string("tpcc.applier").toLowerCase(Locale.ROOT);
    return switch (applier) {
      case "jvm" -> false;
      case "none" -> true;
      default -> throw new IllegalArgumentException("--tpcc.applier: jvm or none, not " + applier);
    };
  }

  /**
   * {@code --tpcc.capture}: journal (the default) or wal (PostgreSQL only, with the applier in this JVM: a child
   * JVM's drain reads the journal).
   */
  private boolean walCapture(TpccDialect dialect, boolean captureOnly) {
    String capture = options.string("tpcc.capture").toLowerCase(Locale.ROOT);
    switch (capture) {
      case "journal" -> {
        return false;
      }
      case "wal" -> {
        if (dialect != TpccDialect.POSTGRESQL) {
          throw new IllegalArgumentException("--tpcc.capture=wal: PostgreSQL only (--tpcc.databases=postgresql)");
        }
        if (captureOnly) {
          throw new IllegalArgumentException("--tpcc.capture=wal needs --tpcc.applier=jvm");
        }
        return true;
      }
      default -> throw new IllegalArgumentException("--tpcc.capture: journal or wal, not " + capture);
    }
  }

  /** The wal capture slot (and publication) of the doltsync side's mirror into Dolt database {@code doltDatabase}. */
  private static String slotName(Endpoint mirrored, String doltDatabase) throws SQLException {
    try (Connection connection = mirrored.connect()) {
      return io.doltsync.internal.capture.wal.WalSlot.of(connection, JOURNAL, doltDatabase, "main").name();
    }
  }

  /** Drops the doltsync side's slot and publication (after {@link DoltSync#shutdown()} stopped its applier). */
  private static void dropSlot(Endpoint mirrored, String doltDatabase) {
    try (Connection connection = mirrored.connect()) {
      String slot = slotName(mirrored, doltDatabase);
      for (int attempt = 0; attempt < 50; attempt++) { // the stopped applier's walsender ends a moment later
        if (Sql.queryLong(connection, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot
            + "' AND active") == 0) {
          break;
        }
        Thread.sleep(100);
      }
      Sql.execute(connection, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
          + " WHERE slot_name = '" + slot + "'");
      Sql.execute(connection, "DROP PUBLICATION IF EXISTS \"" + slot + "\"");
    } catch (SQLException e) {
      System.err.println("[bench] could not drop the wal slot of " + doltDatabase + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Empties the journal after a doltsync round; returns the seconds it took, NaN when it timed out. */
  private interface Drainer {
    double drain() throws Exception;
  }

  /**
   * The capture-only variant's drain: this JVM runs no applier, so one runs in a JVM of its own
   * ({@link ApplierDrain}) until the journal is empty, outside the timed rounds.
   */
  private static final class ChildDrainer implements Drainer {
    private final Backlog backlog;
    private final Endpoint primary;
    private final Endpoint dolt;
    private final double timeout;

    ChildDrainer(Backlog backlog, Endpoint primary, Endpoint dolt, double timeout) {
      this.backlog = backlog;
      this.primary = primary;
      this.dolt = dolt;
      this.timeout = timeout;
    }

    @Override
    public double drain() throws Exception {
      long started = System.nanoTime();
      long pending = backlog.count();
      if (pending > 0) {
        ApplierDrain.inChild(System.getProperty("java.class.path"), primary, dolt, JOURNAL, 1, pending, timeout);
      }
      double rest = backlog.awaitEmpty(timeout);
      return Double.isNaN(rest) ? Double.NaN : (System.nanoTime() - started) / 1e9;
    }
  }

  private TpccTerminal terminal(Connection connection, TpccDialect dialect, TpccScale scale,
      TpccRandom.Constants constants, long seed, Side side, int index) throws SQLException {
    String isolation = options.string("tpcc.isolation").toLowerCase(Locale.ROOT);
    switch (isolation) {
      case "default" -> { }
      case "read-committed" -> connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      case "repeatable-read" -> connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      case "serializable" -> connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      default -> throw new IllegalArgumentException("--tpcc.isolation: default, read-committed, repeatable-read"
          + " or serializable, not " + isolation);
    }
    int warehouse = index % scale.warehouses() + 1;
    int district = (index / scale.warehouses()) % TpccScale.DISTRICTS_PER_WAREHOUSE + 1;
    TpccRandom random = new TpccRandom(seed * 1_000 + side.ordinal() * 100 + index, constants);
    return new TpccTerminal(connection, dialect, scale, random, warehouse, district);
  }

  private Endpoint createDatabase(TpccDialect dialect, Endpoint server, String name, List<Runnable> cleanups)
      throws SQLException {
    Endpoint side = dialect.create(server, name);
    cleanups.add(() -> {
      try {
        dialect.drop(server, name);
      } catch (SQLException e) {
        System.err.println("[bench] could not drop " + dialect.label + " " + name + ": " + e.getMessage());
      }
    });
    return side;
  }

  /** The PostgreSQL server at the database named by {@code --tpcc.postgresql.database}, which must exist. */
  private Endpoint postgresql() {
    Endpoint configured = new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
        options.string("postgresql.password"));
    return configured.withDatabase(options.string("tpcc.postgresql.database"));
  }

  private void dropDoltQuietly(String database) {
    try (Connection connection = doltServer.withDatabase("").connect()) {
      Sql.execute(connection, "DROP DATABASE IF EXISTS `" + database + "`");
    } catch (SQLException e) {
      System.err.println("[bench] could not drop Dolt database " + database + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(TpccTerminal terminal) {
    try {
      terminal.close();
    } catch (SQLException e) {
      System.err.println("[bench] closing a terminal: " + e.getMessage());
    }
  }

  /** Warm-up and timed rounds over both sides; counts the doltsync side's committed write transactions. */
  private final class Rounds {

    private final Report report;
    private final String benchmark;
    private final TpccDialect dialect;
    private final List<TpccTerminal> rawTerminals;
    private final List<TpccTerminal> doltsyncTerminals;
    private final Backlog backlog;
    /** The mirror's own count of unapplied transactions (null when this JVM runs no applier). */
    private final MirrorBacklog unapplied;
    private final Drainer drainer;
    private final double drainTimeout;
    long committedWrites;

    Rounds(Report report, String benchmark, TpccDialect dialect, List<TpccTerminal> rawTerminals,
        List<TpccTerminal> doltsyncTerminals, Backlog backlog, MirrorBacklog unapplied, Drainer drainer,
        double drainTimeout) {
      this.report = report;
      this.benchmark = benchmark;
      this.dialect = dialect;
      this.rawTerminals = rawTerminals;
      this.doltsyncTerminals = doltsyncTerminals;
      this.backlog = backlog;
      this.unapplied = unapplied;
      this.drainer = drainer;
      this.drainTimeout = drainTimeout;
    }

    void warmUp(double seconds) throws Exception {
      if (seconds <= 0) {
        return;
      }
      for (Side side : Side.values()) {
        TpccCounts counts = terminals(side, rawTerminals.size()).run(seconds);
        if (side == Side.DOLTSYNC) {
          committedWrites += counts.count(Outcome.COMMITTED_WRITE);
          double drain = drainer.drain();
          System.out.printf(Locale.ROOT, "[bench] tpcc warm-up: doltsync %.1f tx/s, drained in %.1f s%n",
              counts.committedPerSecond(), drain);
        }
      }
    }

    /**
     * Timed rounds at {@code terminals}: unpaced ({@code rate} 0), raw and doltsync rotated; or the doltsync side
     * alone paced to {@code rate} transactions/s, to see whether the journal backlog stays flat at that rate.
     */
    void measure(int terminals, double rate, int rounds, double seconds) throws Exception {
      String title = benchmark + ", " + terminals + " terminal" + (terminals == 1 ? "" : "s")
          + (rate > 0 ? String.format(Locale.ROOT, ", paced at %.0f tx/s", rate) : "");
      List<Side> sides = rate > 0 ? List.of(Side.DOLTSYNC) : List.of(Side.values());
      double[][] tpmC = new double[2][rounds];
      double[][] perSecond = new double[2][rounds];
      double[][] deadlocks = new double[2][rounds];
      double[][] lockTimeouts = new double[2][rounds];
      double[][] otherFailures = new double[2][rounds];
      double[] backlogMax = new double[rounds];
      double[] backlogEnd = new double[rounds];
      double[] applied = new double[rounds];
      double[] drain = new double[rounds];
      double[] drainRate = new double[rounds];
      double[] growth = new double[rounds];
      double[] writeRate = new double[rounds];
      double[] cpuPerApplied = new double[rounds];
      double[] unappliedEnd = new double[rounds];
      double[] cpuPerDrained = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < sides.size(); k++) {
          Side side = sides.get((round + k) % sides.size());
          double cpuBefore = doltCpuSeconds();
          if (side == Side.DOLTSYNC) {
            backlog.startSampling();
            if (unapplied != null) {
              unapplied.start();
            }
          }
          TpccTerminals running = terminals(side, terminals);
          TpccCounts counts = running.run(seconds, rate);
          int s = side.ordinal();
          tpmC[s][round] = counts.tpmC();
          perSecond[s][round] = counts.committedPerSecond();
          deadlocks[s][round] = counts.count(Outcome.DEADLOCK);
          lockTimeouts[s][round] = counts.count(Outcome.LOCK_TIMEOUT);
          otherFailures[s][round] = counts.count(Outcome.SERIALIZATION_FAILURE) + counts.count(Outcome.ERROR);
          noteFailures(title, side, running, counts);
          if (side == Side.DOLTSYNC) {
            List<Long> samples = backlog.stopSampling();
            MirrorBacklog.Samples mirror = unapplied == null ? null : unapplied.stop();
            long writes = counts.count(Outcome.COMMITTED_WRITE);
            committedWrites += writes;
            backlogMax[round] = Collections.max(samples);
            backlogEnd[round] = samples.get(samples.size() - 1);
            // the journal's rows of applied entries go only after the applier's batch: the mirror's counters are exact
            applied[round] = mirror != null ? mirror.applied() / counts.seconds()
                : !(backlog instanceof JournalBacklog) ? Double.NaN
                : (writes - (backlogEnd[round] - samples.get(0))) / counts.seconds();
            writeRate[round] = writes / counts.seconds();
            List<Long> trend = mirror != null ? mirror.unapplied() : samples;
            growth[round] = BacklogTrend.slope(trend);
            unappliedEnd[round] = trend.get(trend.size() - 1);
            System.out.printf(Locale.ROOT, "[bench] tpcc %s round %d: unapplied transactions each second %s (%s %s);"
                + " %s%n", title, round, trend, backlog.what(), samples, BacklogTrend.verdict(trend, writeRate[round]));
            double cpuAfterRound = doltCpuSeconds();
            cpuPerApplied[round] = 1000 * (cpuAfterRound - cpuBefore) / (applied[round] * counts.seconds());
            drain[round] = drainer.drain();
            drainRate[round] = unappliedEnd[round] / drain[round];
            cpuPerDrained[round] = 1000 * (doltCpuSeconds() - cpuAfterRound) / unappliedEnd[round];
            if (Double.isNaN(drain[round])) {
              report.note(title + ": " + backlog.what() + " not drained " + drainTimeout + " s after round " + round
                  + "; the next rounds start with a backlog");
            }
          }
          System.out.printf(Locale.ROOT, "[bench] tpcc %s round %d %s: tpmC %.0f, %.1f tx/s, %s%n", title, round,
              side.label, counts.tpmC(), counts.committedPerSecond(), counts.byOutcome());
        }
      }
      for (Side side : sides) {
        int s = side.ordinal();
        Row tpm = Row.of(name(), title, side.label, "tpmC", Samples.of(tpmC[s]));
        Row tps = Row.of(name(), title, side.label, "tx/s", Samples.of(perSecond[s]));
        if (side == Side.DOLTSYNC && sides.size() == 2) {
          tpm = tpm.withRatio(Samples.ratios(tpmC[s], tpmC[0])).withGoal(GOAL);
          tps = tps.withRatio(Samples.ratios(perSecond[s], perSecond[0])).withGoal(GOAL);
        }
        report.add(tpm);
        report.add(tps);
        report.add(Row.of(name(), title, side.label + " deadlocks", "per round", Samples.of(deadlocks[s])));
        report.add(Row.of(name(), title, side.label + " lock timeouts", "per round", Samples.of(lockTimeouts[s])));
        report.add(Row.of(name(), title, side.label + " other failures", "per round", Samples.of(otherFailures[s])));
      }
      report.add(Row.of(name(), title, "doltsync " + backlog.what() + ", max during round", backlog.unit(),
          Samples.of(backlogMax)));
      report.add(Row.of(name(), title, "doltsync " + backlog.what() + " at round end", backlog.unit(),
          Samples.of(backlogEnd)));
      report.add(Row.of(name(), title, "transactions applied to Dolt during round", "tx/s", Samples.of(applied)));
      report.add(Row.of(name(), title, "unapplied transactions at round end", "transactions",
          Samples.of(unappliedEnd)));
      report.add(Row.of(name(), title, "drain time after round", "s", Samples.of(drain)));
      report.add(Row.of(name(), title, "drain rate after round (unapplied at end / drain time)", "tx/s",
          Samples.of(drainRate)));
      report.add(Row.of(name(), title, "doltsync committed write transactions", "tx/s", Samples.of(writeRate)));
      report.add(Row.of(name(), title, "unapplied growth during round (least squares, second half)", "tx/s",
          Samples.of(growth)));
      if (privateDolt != null && !captureOnly()) {
        report.add(Row.of(name(), title, "Dolt CPU per transaction applied during the round", "ms",
            Samples.of(cpuPerApplied)));
        report.add(Row.of(name(), title, "Dolt CPU per transaction drained after the round", "ms",
            Samples.of(cpuPerDrained)));
      }
    }

    private void noteFailures(String title, Side side, TpccTerminals running, TpccCounts counts) {
      for (Outcome outcome : List.of(Outcome.SERIALIZATION_FAILURE, Outcome.ERROR)) {
        String example = counts.count(outcome) > 0 ? running.exampleFailure(outcome, dialect) : null;
        if (example != null) {
          report.note(title + " " + side.label + ": " + counts.count(outcome) + " "
              + outcome.name().toLowerCase(Locale.ROOT) + ", e.g. " + example);
        }
      }
    }

    private TpccTerminals terminals(Side side, int count) {
      List<TpccTerminal> all = side == Side.RAW ? rawTerminals : doltsyncTerminals;
      return new TpccTerminals(all.subList(0, count));
    }
  }
}
