package io.doltsync.bench.tpcc;

import io.doltsync.DoltSync;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.CountingProxy;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import io.doltsync.bench.core.Urls;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What doltsync's capture adds to each TPC-C transaction type, apart from Dolt: one terminal per side (raw
 * driver, doltsync with {@code doltsync.applier=false}), each through a {@link CountingProxy} of its own,
 * runs batches of one transaction type at a time, sides rotated per round. Per type and side it reports
 * round trips and statements on the wire, the client thread's CPU, the CPU of the server thread or process
 * serving the connection (MariaDB's connection thread, PostgreSQL's backend, from {@code /proc/.../schedstat}),
 * wall time, bytes on the wire each way, texts parsed (PostgreSQL) and the journal bytes per transaction. It also
 * prints the statement kinds doltsync's connection sent per type (the first words of each MariaDB text command, or
 * of each PostgreSQL text parsed). Uses only doltsync's public API.
 */
public final class TpccCostSuite implements Suite {

  private static final String JOURNAL = "doltsync_journal";

  private enum Side { RAW, DOLTSYNC }

  private final BenchOptions options;
  private final Servers servers;
  private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

  public TpccCostSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "tpcc-cost";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String database : options.list("cost.databases")) {
      TpccDialect dialect = TpccDialect.named(database);
      List<Runnable> cleanups = new ArrayList<>();
      try {
        runOn(report, dialect, cleanups);
      } catch (Exception e) {
        e.printStackTrace();
        report.note("tpcc-cost on " + dialect.label + " failed: " + e);
      } finally {
        DoltSync.stopMirrors();
        java.util.Collections.reverse(cleanups);
        cleanups.forEach(Runnable::run);
      }
    }
  }

  private void runOn(Report report, TpccDialect dialect, List<Runnable> cleanups) throws Exception {
    Endpoint server = dialect == TpccDialect.MARIADB ? servers.mariadb()
        : new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
            options.string("postgresql.password")).withDatabase(options.string("tpcc.postgresql.database"));
    TpccScale scale = new TpccScale(1);
    String prefix = options.string("cost.prefix") + "_" + run + "_" + dialect.label;
    Map<Side, Endpoint> sides = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      String name = prefix + "_" + side.name().toLowerCase(Locale.ROOT);
      sides.put(side, dialect.create(server, name));
      cleanups.add(() -> {
        try {
          dialect.drop(server, name);
        } catch (SQLException e) {
          System.err.println("[bench] could not drop " + name + ": " + e.getMessage());
        }
      });
    }
    long seed = Long.parseLong(options.string("tpcc.seed"));
    SplittableRandom constantsRandom = new SplittableRandom(seed);
    TpccRandom.Constants loadConstants = TpccRandom.Constants.draw(constantsRandom);
    TpccRandom.Constants runConstants = TpccRandom.Constants.forRun(loadConstants, constantsRandom);
    for (Endpoint side : sides.values()) {
      try (Connection connection = side.connect(dialect.loaderUrl(side.url()), new Properties())) {
        new TpccLoader(scale, seed, loadConstants).load(connection, dialect);
      }
    }
    Endpoint doltServer = servers.dolt();
    try (Connection admin = doltServer.withDatabase("").connect()) {
      Sql.execute(admin, "CREATE DATABASE `" + prefix + "`");
    }
    cleanups.add(() -> {
      try (Connection admin = doltServer.withDatabase("").connect()) {
        Sql.execute(admin, "DROP DATABASE IF EXISTS `" + prefix + "`");
      } catch (SQLException e) {
        System.err.println("[bench] could not drop Dolt database " + prefix + ": " + e.getMessage());
      }
    });
    Endpoint dolt = doltServer.withDatabase(prefix);
    Properties capture = new Properties();
    capture.setProperty("doltsync.target", dolt.url());
    capture.setProperty("doltsync.targetUser", dolt.user());
    capture.setProperty("doltsync.targetPassword", dolt.password());
    capture.setProperty("doltsync.mode", "async");
    capture.setProperty("doltsync.journalTable", JOURNAL);
    capture.setProperty("doltsync.applier", "false");

    CountingProxy.Protocol protocol = dialect == TpccDialect.MARIADB ? CountingProxy.Protocol.MYSQL
        : CountingProxy.Protocol.POSTGRESQL;
    URI uri = URI.create(server.url().substring("jdbc:".length()));
    Map<Side, CountingProxy> proxies = new EnumMap<>(Side.class);
    Map<Side, Measured> terminals = new EnumMap<>(Side.class);
    StatementKinds kinds = new StatementKinds();
    try {
      for (Side side : Side.values()) {
        CountingProxy proxy = new CountingProxy(uri.getHost(), uri.getPort(), protocol);
        proxies.put(side, proxy);
        String url = sides.get(side).url().replace(":" + uri.getPort() + "/", ":" + proxy.port() + "/");
        Endpoint proxied = new Endpoint(url, server.user(), server.password());
        Connection connection = side == Side.RAW ? proxied.connect()
            : proxied.connect(Urls.doltsync(url), capture);
        Path serverThread = serverThread(connection, dialect);
        TpccRandom random = new TpccRandom(seed * 1_000 + side.ordinal() * 100, runConstants);
        terminals.put(side, new Measured(new TpccTerminal(connection, dialect, scale, random, 1, 1), proxy,
            serverThread));
      }
      proxies.get(Side.DOLTSYNC).onQuery(kinds::count);
      try (Connection admin = sides.get(Side.DOLTSYNC).connect()) {
        measure(report, dialect, terminals, kinds, admin);
      }
    } finally {
      for (Measured terminal : terminals.values()) {
        try {
          terminal.terminal.close();
        } catch (SQLException e) {
          System.err.println("[bench] closing a terminal: " + e.getMessage());
        }
      }
      for (CountingProxy proxy : proxies.values()) {
        proxy.close();
      }
    }
  }

  private void measure(Report report, TpccDialect dialect, Map<Side, Measured> terminals, StatementKinds kinds,
      Connection admin) throws Exception {
    int warmUp = options.integer("cost.warmup");
    for (Measured terminal : terminals.values()) {
      for (int i = 0; i < warmUp; i++) {
        terminal.terminal.run(terminal.terminal.next());
      }
    }
    int rounds = options.integer("cost.rounds");
    int perBatch = options.integer("cost.transactions");
    Map<TransactionType, Map<Side, List<double[]>>> figures = new EnumMap<>(TransactionType.class);
    Map<TransactionType, List<Double>> journalBytes = new EnumMap<>(TransactionType.class);
    Map<TransactionType, Map<String, Long>> kindsByType = new EnumMap<>(TransactionType.class);
    for (int round = 0; round < rounds; round++) {
      for (TransactionType type : TransactionType.values()) {
        for (int k = 0; k < 2; k++) {
          Side side = Side.values()[(round + k) % 2];
          long[] journalBefore = side == Side.DOLTSYNC ? journal(admin) : null;
          if (side == Side.DOLTSYNC) {
            kinds.reset();
          }
          double[] batch = terminals.get(side).batch(type, perBatch);
          figures.computeIfAbsent(type, t -> new EnumMap<>(Side.class)).computeIfAbsent(side, s -> new ArrayList<>())
              .add(batch);
          if (side == Side.DOLTSYNC) {
            long[] after = journal(admin);
            double entries = after[0] - journalBefore[0];
            journalBytes.computeIfAbsent(type, t -> new ArrayList<>())
                .add(entries == 0 ? 0 : (after[1] - journalBefore[1]) / batch[Measured.COMMITTED_WRITES]);
            kindsByType.merge(type, kinds.snapshot(), (a, b) -> {
              b.forEach((key, value) -> a.merge(key, value, Long::sum));
              return a;
            });
          }
        }
      }
    }
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    for (TransactionType type : TransactionType.values()) {
      String benchmark = dialect.label + " TPC-C " + type.label + ", 1 terminal, capture only (load "
          + String.format(Locale.ROOT, "%.1f", load) + ")";
      Map<Side, List<double[]>> bySide = figures.get(type);
      for (int f = 0; f < Measured.NAMES.length; f++) {
        if (f == Measured.COMMITTED_WRITES) {
          continue;
        }
        double[] raw = column(bySide.get(Side.RAW), f);
        double[] mirrored = column(bySide.get(Side.DOLTSYNC), f);
        report.add(Row.of(name(), benchmark, "raw: " + Measured.NAMES[f], Measured.UNITS[f], Samples.of(raw)));
        report.add(Row.of(name(), benchmark, "doltsync: " + Measured.NAMES[f], Measured.UNITS[f],
            Samples.of(mirrored)).withRatio(Samples.ratios(mirrored, raw)));
      }
      report.add(Row.of(name(), benchmark, "doltsync: journal bytes per committed write", "B",
          Samples.of(journalBytes.get(type))));
      Map<String, Long> sent = kindsByType.get(type);
      if (sent != null && !sent.isEmpty()) {
        double transactions = (double) rounds * perBatch;
        StringBuilder line = new StringBuilder();
        new TreeMap<>(sent).forEach((kind, count) -> line.append(String.format(Locale.ROOT, "%n    %6.2f  %s",
            count / transactions, kind)));
        report.note(benchmark + (dialect == TpccDialect.MARIADB ? ": doltsync's text commands per transaction, by kind:"
            : ": doltsync's texts parsed per transaction (Query and Parse messages; a text pgjdbc prepared on the"
                + " server is not parsed again), by kind:") + line);
      }
    }
  }

  private static double[] column(List<double[]> batches, int index) {
    return batches.stream().mapToDouble(batch -> batch[index]).toArray();
  }

  /** Journal transactions and payload bytes now. */
  private static long[] journal(Connection admin) throws SQLException {
    try (Statement statement = admin.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(DISTINCT txn), COALESCE(SUM(OCTET_LENGTH(payload)), 0)"
            + " FROM " + JOURNAL)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      return new long[] {0, 0}; // no journal yet: doltsync creates it at the first mirrored commit
    }
  }

  /** The {@code /proc} schedstat file of the server thread (MariaDB) or process (PostgreSQL) serving the connection. */
  private static Path serverThread(Connection connection, TpccDialect dialect) throws SQLException {
    String query = dialect == TpccDialect.MARIADB
        ? "SELECT tid FROM information_schema.processlist WHERE id = CONNECTION_ID()" : "SELECT pg_backend_pid()";
    long id;
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
      rs.next();
      id = rs.getLong(1);
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
    Path path = Path.of("/proc", Long.toString(id), "schedstat");
    if (!Files.isReadable(path)) {
      throw new SQLException("cannot read " + path + ": the server must run on this machine");
    }
    return path;
  }

  /** A terminal with what measures it: its proxy's counters and its server thread's CPU. */
  private static final class Measured {
    static final String[] NAMES = {"round trips", "statements", "client CPU", "server CPU", "wall time",
        "committed writes", "bytes sent", "bytes received", "texts parsed"};
    static final String[] UNITS = {"per tx", "per tx", "µs per tx", "µs per tx", "µs per tx", "per batch",
        "B per tx", "B per tx", "per tx"};
    static final int COMMITTED_WRITES = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final TpccTerminal terminal;
    final CountingProxy proxy;
    final Path serverThread;

    Measured(TpccTerminal terminal, CountingProxy proxy, Path serverThread) {
      this.terminal = terminal;
      this.proxy = proxy;
      this.serverThread = serverThread;
    }

    /** Runs {@code count} transactions of one type; returns the figures per transaction, in {@link #NAMES}' order. */
    double[] batch(TransactionType type, int count) throws IOException {
      long trips = proxy.roundTrips();
      long commands = proxy.commands();
      long sent = proxy.clientBytes();
      long received = proxy.serverBytes();
      long parses = proxy.parses();
      long client = THREADS.getCurrentThreadCpuTime();
      long server = serverNanos();
      long started = System.nanoTime();
      long writes = 0;
      for (int i = 0; i < count; i++) {
        Outcome outcome = terminal.run(type);
        if (outcome == Outcome.COMMITTED_WRITE) {
          writes++;
        } else if (outcome != Outcome.COMMITTED_READ_ONLY && outcome != Outcome.ROLLED_BACK) {
          throw new IllegalStateException(type.label + " ended " + outcome + ": " + terminal.lastFailure());
        }
      }
      long wall = System.nanoTime() - started;
      return new double[] {(proxy.roundTrips() - trips) / (double) count, (proxy.commands() - commands) / (double) count,
          (THREADS.getCurrentThreadCpuTime() - client) / 1e3 / count, (serverNanos() - server) / 1e3 / count,
          wall / 1e3 / count, writes, (proxy.clientBytes() - sent) / (double) count,
          (proxy.serverBytes() - received) / (double) count, (proxy.parses() - parses) / (double) count};
    }

    private long serverNanos() throws IOException {
      return Long.parseLong(Files.readString(serverThread).trim().split(" ")[0]);
    }
  }

  /** Counts text commands by their first words (literals and numbers masked). */
  private static final class StatementKinds {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String text) {
      String kind = text.replaceAll("'[^']*'?", "'?'").replaceAll("\\b\\d+\\b", "N").replaceAll("\\s+", " ").trim();
      counts.computeIfAbsent(kind.length() > 60 ? kind.substring(0, 60) : kind, k -> new LongAdder()).increment();
    }

    void reset() {
      counts.clear();
    }

    Map<String, Long> snapshot() {
      Map<String, Long> copy = new TreeMap<>();
      counts.forEach((kind, count) -> copy.put(kind, count.sum()));
      return copy;
    }
  }
}
