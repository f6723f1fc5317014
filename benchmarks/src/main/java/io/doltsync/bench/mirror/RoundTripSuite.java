package io.doltsync.bench.mirror;

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
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10's per-transaction cost on the application's thread, counted on the wire: the small-transaction
 * workloads ({@link OrderWorkload}: insert + update by key in one transaction; a lone auto-commit update) run
 * through a {@link CountingProxy} in front of the primary, through the raw driver and through doltsync with
 * the applier elsewhere ({@code doltsync.applier=false}: only capture and journal), and each side's round trips
 * and statements per transaction are reported. Not in the default run: {@code --suites=roundtrips}.
 */
public final class RoundTripSuite implements Suite {

  private final BenchOptions options;
  private final Servers servers;
  private final AtomicLong sequence = new AtomicLong(1_000_000);

  public RoundTripSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "roundtrips";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String database : options.string("writes.databases").split(",")) {
      switch (database.strip().toLowerCase(Locale.ROOT)) {
        case "mariadb" -> run(report, "mariadb", servers.mariadb(), false);
        case "postgresql" -> {
          Endpoint server = new Endpoint(options.string("postgresql.url"), options.string("postgresql.user"),
              options.string("postgresql.password")).withDatabase(options.string("contention.postgresql.database"));
          String schema = DoltServer.uniqueName("bench_trips");
          try (Connection admin = server.connect()) {
            Sql.execute(admin, "CREATE SCHEMA \"" + schema + "\"");
          }
          try {
            run(report, "postgresql", new Endpoint(Urls.withParameter(server.url(), "currentSchema", schema),
                server.user(), server.password()), true);
          } finally {
            try (Connection admin = server.connect()) {
              Sql.execute(admin, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
          }
        }
        default -> throw new IllegalArgumentException("writes.databases: unknown database " + database);
      }
    }
  }

  private void run(Report report, String label, Endpoint primary, boolean postgres) throws Exception {
    URI uri = URI.create(primary.url().substring("jdbc:".length()));
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig capture = new MirrorConfig(DoltServer.uniqueName("bench_trips"), "bench_journal_trips",
        OrderWorkload.TABLES, false);
    try (CountingProxy proxy = new CountingProxy(uri.getHost(), uri.getPort(),
        postgres ? CountingProxy.Protocol.POSTGRESQL : CountingProxy.Protocol.MYSQL)) {
      Endpoint proxied = new Endpoint(primary.url().replace(":" + uri.getPort() + "/", ":" + proxy.port() + "/"),
          primary.user(), primary.password());
      try (Connection admin = primary.connect()) {
        if (postgres) {
          OrderWorkload.recreatePostgresTables(admin);
        } else {
          OrderWorkload.recreateTables(admin);
        }
        Sql.execute(admin, "DROP TABLE IF EXISTS " + capture.journalTable());
      }
      int transactions = options.integer("trips.transactions");
      try (Connection raw = proxied.connect(); Connection mirrored = capture.connect(proxied, dolt.endpoint())) {
        for (boolean autoCommit : new boolean[] {false, true}) {
          String workload = autoCommit ? "update by key, autocommit" : "insert + update by key, 1 txn";
          double[] rawCounts = count(proxy, raw, autoCommit, transactions);
          double[] doltsyncCounts = count(proxy, mirrored, autoCommit, transactions);
          String benchmark = label + " " + workload;
          report.add(Row.of(name(), benchmark, "raw: round trips", "per tx", Samples.of(rawCounts[0])));
          report.add(Row.of(name(), benchmark, "doltsync: round trips", "per tx", Samples.of(doltsyncCounts[0])));
          report.add(Row.of(name(), benchmark, "raw: statements", "per tx", Samples.of(rawCounts[1])));
          report.add(Row.of(name(), benchmark, "doltsync: statements", "per tx", Samples.of(doltsyncCounts[1])));
        }
      } finally {
        DoltSync.stopMirrors();
        dolt.dropQuietly(capture.doltDatabase());
        try (Connection admin = primary.connect()) {
          Sql.execute(admin, "DROP TABLE IF EXISTS " + capture.journalTable());
        }
      }
    }
  }

  /** Round trips and statements per transaction of {@code transactions} transactions, after a warm-up. */
  private double[] count(CountingProxy proxy, Connection connection, boolean autoCommit, int transactions)
      throws SQLException, InterruptedException {
    connection.setAutoCommit(autoCommit);
    for (int i = 0; i < 50; i++) {
      run(connection, autoCommit);
    }
    Thread.sleep(200);
    long trips = proxy.roundTrips();
    long commands = proxy.commands();
    for (int i = 0; i < transactions; i++) {
      run(connection, autoCommit);
    }
    return new double[] {(proxy.roundTrips() - trips) / (double) transactions,
        (proxy.commands() - commands) / (double) transactions};
  }

  private void run(Connection connection, boolean autoCommit) throws SQLException {
    if (autoCommit) {
      OrderWorkload.autocommitUpdate(connection, sequence.incrementAndGet());
    } else {
      OrderWorkload.transaction(connection, sequence.incrementAndGet());
    }
  }
}
