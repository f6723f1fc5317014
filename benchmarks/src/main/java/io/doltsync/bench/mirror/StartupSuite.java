package io.doltsync.bench.mirror;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;

/**
 * A web application's start-up through doltsync (issue 10): the first connection, then a schema script and
 * seed data ({@link StartupScript}), one auto-commit statement at a time, on a fresh primary database (MariaDB)
 * or schema (PostgreSQL) and a fresh Dolt database, against the same on the raw driver. Rounds alternate the
 * sides. Also reports how long the mirror takes after the script to have everything in Dolt, and checks that
 * Dolt then holds every table with the primary's row count. With {@code startup.count} it then runs the script once
 * more per side through a {@link CountingProxy} in front of the primary (doltsync with {@code doltsync.applier=false},
 * so only the capture's statements are on the wire) and reports statements and round trips per statement kind
 * (connect, CREATE, INSERT, ...), load-independent figures; {@code -Dbench.startup.queries=true} also prints what
 * doltsync sent per kind (the first words of each statement).
 */
public final class StartupSuite implements Suite {

  private final BenchOptions options;
  private final Servers servers;

  public StartupSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String database : options.list("startup.databases")) {
      measure(report, database.strip().toLowerCase(Locale.ROOT));
    }
  }

  private void measure(Report report, String database) throws Exception {
    int rounds = options.integer("startup.rounds");
    int owners = options.integer("startup.owners");
    List<String> script = StartupScript.statements(database, owners);
    DoltServer dolt = new DoltServer(servers.dolt());
    double[] raw = new double[rounds];
    double[] mirrored = new double[rounds];
    double[] drained = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        boolean mirrorTurn = (round + k) % 2 == 1;
        Scratch scratch = scratch(database);
        try {
          if (mirrorTurn) {
            String doltDatabase = DoltServer.uniqueName("bench_startup");
            try {
              double[] times = startMirrored(scratch.primary(), dolt, doltDatabase, script);
              mirrored[round] = times[0];
              drained[round] = times[1];
              checkCounts(scratch.primary(), dolt, doltDatabase);
            } finally {
              DoltSync.stopMirrors();
              dolt.dropQuietly(doltDatabase);
            }
          } else {
            raw[round] = startRaw(scratch.primary(), script);
          }
        } finally {
          scratch.drop();
        }
      }
    }
    String benchmark = String.format("%s start-up: first connection + %d auto-commit statements (DDL and seed rows)",
        database, script.size());
    report.add(Row.of(name(), benchmark, "raw driver", "s", Samples.of(raw)));
    report.add(Row.of(name(), benchmark, "doltsync (async)", "s", Samples.of(mirrored))
        .withRatio(Samples.ratios(mirrored, raw)));
    report.add(Row.of(name(), benchmark, "doltsync: script end to all in Dolt", "s", Samples.of(drained)));
    if (Boolean.parseBoolean(options.string("startup.count"))) {
      count(report, database, script, benchmark);
      countMirrorStart(report, database, benchmark);
    }
  }

  /** One more round per side through a counting proxy: statements and round trips per statement kind. */
  private void count(Report report, String database, List<String> script, String benchmark) throws Exception {
    for (boolean mirrored : new boolean[] {false, true}) {
      Scratch scratch = scratch(database);
      java.net.URI uri = java.net.URI.create(scratch.primary().url().substring("jdbc:".length()));
      Map<String, long[]> byKind = new TreeMap<>();
      Map<String, Map<String, Long>> sentByKind = new TreeMap<>();
      Map<String, Long> sent = new java.util.concurrent.ConcurrentHashMap<>();
      try (CountingProxy proxy = new CountingProxy(uri.getHost(), uri.getPort(), database.equals("mariadb")
          ? CountingProxy.Protocol.MYSQL : CountingProxy.Protocol.POSTGRESQL)) {
        proxy.onQuery(text -> sent.merge(queryKind(text), 1L, Long::sum));
        String url = scratch.primary().url().replace(":" + uri.getPort() + "/", ":" + proxy.port() + "/");
        Endpoint proxied = new Endpoint(url, scratch.primary().user(), scratch.primary().password());
        long[] before = {proxy.commands(), proxy.roundTrips()};
        String doltDatabase = DoltServer.uniqueName("bench_startup");
        DoltServer dolt = new DoltServer(servers.dolt());
        try (Connection connection = mirrored ? proxied.connect(Urls.doltsync(url), countProperties(dolt, doltDatabase))
            : proxied.connect()) {
          tally(byKind, sentByKind, sent, "connect", proxy, before);
          try (Statement statement = connection.createStatement()) {
            for (String sql : script) {
              statement.execute(sql);
              tally(byKind, sentByKind, sent, sql.substring(0, sql.indexOf(' ', sql.indexOf(' ') + 1)), proxy, before);
            }
          }
        } finally {
          if (mirrored) {
            DoltSync.stopMirrors();
            dolt.dropQuietly(doltDatabase);
          }
          scratch.drop();
        }
      }
      String side = mirrored ? "doltsync (capture only)" : "raw driver";
      byKind.forEach((kind, figures) -> {
        report.add(Row.of(name(), benchmark, side + ": statements, " + kind, "per round", Samples.of(figures[0])));
        report.add(Row.of(name(), benchmark, side + ": round trips, " + kind, "per round", Samples.of(figures[1])));
      });
      if (mirrored && Boolean.getBoolean("bench.startup.queries")) {
        sentByKind.forEach((kind, texts) ->
            report.note(database + " start-up, doltsync's statements after " + kind + ":" + lines(texts)));
      }
    }
  }

  /**
   * The mirror's start alone: a doltsync connection (applier on, a new Dolt database) with the primary and the Dolt
   * server each behind a counting proxy, closed at once; statements and round trips on each, and the wall time.
   */
  private void countMirrorStart(Report report, String database, String benchmark) throws Exception {
    Scratch scratch = scratch(database);
    DoltServer dolt = new DoltServer(servers.dolt());
    String doltDatabase = DoltServer.uniqueName("bench_startup");
    java.net.URI uri = java.net.URI.create(scratch.primary().url().substring("jdbc:".length()));
    java.net.URI doltUri = java.net.URI.create(dolt.endpoint().url().substring("jdbc:".length()));
    Map<String, Long> primarySent = new TreeMap<>();
    Map<String, Long> doltSent = new TreeMap<>();
    double seconds;
    try (CountingProxy primaryProxy = new CountingProxy(uri.getHost(), uri.getPort(), database.equals("mariadb")
            ? CountingProxy.Protocol.MYSQL : CountingProxy.Protocol.POSTGRESQL);
        CountingProxy doltProxy = new CountingProxy(doltUri.getHost(), doltUri.getPort(), CountingProxy.Protocol.MYSQL)) {
      primaryProxy.onQuery(text -> { synchronized (primarySent) { primarySent.merge(queryKind(text), 1L, Long::sum); } });
      doltProxy.onQuery(text -> { synchronized (doltSent) { doltSent.merge(queryKind(text), 1L, Long::sum); } });
      String url = scratch.primary().url().replace(":" + uri.getPort() + "/", ":" + primaryProxy.port() + "/");
      String doltUrl = dolt.endpoint().withDatabase(doltDatabase).url()
          .replace(":" + doltUri.getPort() + "/", ":" + doltProxy.port() + "/");
      Properties properties = new Properties();
      properties.setProperty("doltsync.target", doltUrl);
      properties.setProperty("doltsync.targetUser", dolt.endpoint().user());
      properties.setProperty("doltsync.targetPassword", dolt.endpoint().password());
      Endpoint proxied = new Endpoint(url, scratch.primary().user(), scratch.primary().password());
      long started = System.nanoTime();
      try (Connection connection = proxied.connect(Urls.doltsync(url), properties)) {
        seconds = (System.nanoTime() - started) / 1e9;
        long[] counts = {primaryProxy.commands(), primaryProxy.roundTrips(), doltProxy.commands(), doltProxy.roundTrips()};
        report.add(Row.of(name(), benchmark, "mirror start: primary statements", "per start", Samples.of(counts[0])));
        report.add(Row.of(name(), benchmark, "mirror start: primary round trips", "per start", Samples.of(counts[1])));
        report.add(Row.of(name(), benchmark, "mirror start: Dolt statements", "per start", Samples.of(counts[2])));
        report.add(Row.of(name(), benchmark, "mirror start: Dolt round trips", "per start", Samples.of(counts[3])));
        report.add(Row.of(name(), benchmark, "mirror start: connect time", "s", Samples.of(seconds)));
        if (Boolean.getBoolean("bench.startup.queries")) {
          synchronized (primarySent) {
            report.note(database + " mirror start, primary statements:" + lines(primarySent));
          }
          synchronized (doltSent) {
            report.note(database + " mirror start, Dolt statements:" + lines(doltSent));
          }
        }
      } finally {
        DoltSync.stopMirrors();
        dolt.dropQuietly(doltDatabase);
        scratch.drop();
      }
    }
  }

  private static String lines(Map<String, Long> texts) {
    StringBuilder line = new StringBuilder();
    texts.forEach((text, n) -> line.append(String.format(Locale.ROOT, "%n    %5d  %s", n, text)));
    return line.toString();
  }

  private static Properties countProperties(DoltServer dolt, String doltDatabase) {
    Properties properties = new Properties();
    properties.setProperty("doltsync.target", dolt.endpoint().withDatabase(doltDatabase).url());
    properties.setProperty("doltsync.targetUser", dolt.endpoint().user());
    properties.setProperty("doltsync.targetPassword", dolt.endpoint().password());
    properties.setProperty("doltsync.applier", "false");
    return properties;
  }

  /** Adds the proxy's counts since {@code before} to {@code kind}, and moves what was sent meanwhile under it. */
  private static void tally(Map<String, long[]> byKind, Map<String, Map<String, Long>> sentByKind,
      Map<String, Long> sent, String kind, CountingProxy proxy, long[] before) {
    long[] figures = byKind.computeIfAbsent(kind, k -> new long[2]);
    figures[0] += proxy.commands() - before[0];
    figures[1] += proxy.roundTrips() - before[1];
    before[0] = proxy.commands();
    before[1] = proxy.roundTrips();
    Map<String, Long> texts = sentByKind.computeIfAbsent(kind, k -> new TreeMap<>());
    for (String text : List.copyOf(sent.keySet())) {
      Long n = sent.remove(text);
      if (n != null) {
        texts.merge(text, n, Long::sum);
      }
    }
  }

  /** A statement's first words, literals and numbers masked. */
  private static String queryKind(String text) {
    String kind = text.replaceAll("'[^']*'?", "'?'").replaceAll("\\b\\d+\\b", "N").replaceAll("\\s+", " ").trim();
    return kind.length() > 70 ? kind.substring(0, 70) : kind;
  }

  private static double startRaw(Endpoint primary, List<String> script) throws SQLException {
    long started = System.nanoTime();
    try (Connection connection = primary.connect()) {
      run(connection, script);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** Seconds of the start-up through doltsync, and seconds from its end until Dolt has everything. */
  private static double[] startMirrored(Endpoint primary, DoltServer dolt, String doltDatabase, List<String> script)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("doltsync.target", dolt.endpoint().withDatabase(doltDatabase).url());
    properties.setProperty("doltsync.targetUser", dolt.endpoint().user());
    properties.setProperty("doltsync.targetPassword", dolt.endpoint().password());
    long started = System.nanoTime();
    try (Connection connection = primary.connect(Urls.doltsync(primary.url()), properties)) {
      run(connection, script);
      long ended = System.nanoTime();
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(10));
      return new double[] {(ended - started) / 1e9, (System.nanoTime() - ended) / 1e9};
    }
  }

  private static void run(Connection connection, List<String> script) throws SQLException {
    java.util.Map<String, double[]> kinds = new java.util.TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String sql : script) {
        long started = System.nanoTime();
        statement.execute(sql);
        String kind = sql.substring(0, sql.indexOf(' ', sql.indexOf(' ') + 1));
        double[] sum = kinds.computeIfAbsent(kind, k -> new double[2]);
        sum[0] += (System.nanoTime() - started) / 1e6;
        sum[1]++;
      }
    }
    if (Boolean.getBoolean("bench.startup.kinds")) {
      kinds.forEach((kind, sum) -> System.out.printf(Locale.ROOT, "[bench] startup %s: %s x%.0f, %.1f ms each%n",
          connection.getClass().getSimpleName(), kind, sum[1], sum[0] / sum[1]));
    }
  }

  private static void checkCounts(Endpoint primary, DoltServer dolt, String doltDatabase) throws SQLException {
    try (Connection source = primary.connect(); Connection target = dolt.connect(doltDatabase)) {
      for (String table : StartupScript.tables()) {
        long expected = Sql.queryLong(source, "SELECT COUNT(*) FROM " + table);
        long actual = Sql.queryLong(target, "SELECT COUNT(*) FROM `" + table + "`");
        if (expected != actual) {
          throw new SQLException("Dolt database " + doltDatabase + " holds " + actual + " rows of " + table
              + ", the primary " + expected);
        }
      }
    }
  }

  /** A fresh MariaDB database or PostgreSQL schema of one side of one round. */
  private record Scratch(Endpoint primary, Endpoint admin, String dropStatement) {
    void drop() throws SQLException {
      try (Connection connection = admin.connect()) {
        Sql.execute(connection, dropStatement);
      }
    }
  }

  private Scratch scratch(String database) throws SQLException {
    String name = DoltServer.uniqueName("bench_startup");
    switch (database) {
      case "mariadb" -> {
        Endpoint server = servers.mariadb();
        try (Connection admin = server.connect()) {
          Sql.execute(admin, "CREATE DATABASE `" + name + "`");
        }
        return new Scratch(server.withDatabase(name), server, "DROP DATABASE IF EXISTS `" + name + "`");
      }
      case "postgresql" -> {
        Endpoint server = new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
            options.string("postgresql.password")).withDatabase(options.string("startup.postgresql.database"));
        try (Connection admin = server.connect()) {
          Sql.execute(admin, "CREATE SCHEMA \"" + name + "\"");
        }
        return new Scratch(new Endpoint(Urls.withParameter(server.url(), "currentSchema", name), server.user(),
            server.password()), server, "DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
      }
      default -> throw new IllegalArgumentException("startup.databases: unknown database " + database);
    }
  }
}
