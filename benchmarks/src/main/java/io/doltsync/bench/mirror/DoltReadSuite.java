package io.doltsync.bench.mirror;

import io.doltsync.DoltSyncConnection;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import io.doltsync.DoltSync;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Issue 4's read path: the latency of a Dolt-routed query ({@code dolt_log}) typed into the application's
 * doltsync connection, against the same query on a direct Dolt connection. doltsync is measured on a
 * connection that has committed nothing and on one whose last commit is already in Dolt (the
 * read-your-history wait should then cost nothing).
 */
public final class DoltReadSuite implements Suite {

  private static final String QUERY = "SELECT commit_hash, message FROM dolt_log LIMIT 1";

  private final BenchOptions options;
  private final Servers servers;

  public DoltReadSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "dolt-read";
  }

  @Override
  public void run(Report report) throws Exception {
    Endpoint primary = servers.mariadb();
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig mirror = new MirrorConfig(DoltServer.uniqueName("bench_read"), "bench_journal_read",
        OrderWorkload.TABLES, true);
    int queries = options.integer("read.queries");
    try (Connection admin = primary.connect()) {
      OrderWorkload.recreateTables(admin);
      Sql.execute(admin, "DROP TABLE IF EXISTS " + mirror.journalTable());
      try (Connection committed = mirror.connect(primary, dolt.endpoint());
          Connection fresh = mirror.connect(primary, dolt.endpoint());
          Connection direct = dolt.connect(mirror.doltDatabase())) {
        committed.setAutoCommit(false);
        OrderWorkload.transaction(committed, 1);
        committed.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(5));
        double[][] millis = new double[3][queries];
        Connection[] connections = {direct, fresh, committed};
        for (int i = 0; i < queries; i++) {
          for (int k = 0; k < connections.length; k++) {
            millis[k][i] = timeQuery(connections[k]);
          }
        }
        String benchmark = "latency of " + QUERY;
        report.add(Row.of(name(), benchmark, "direct Dolt connection", "ms", Samples.of(millis[0])));
        report.add(Row.of(name(), benchmark, "doltsync, connection without commits", "ms", Samples.of(millis[1])));
        report.add(Row.of(name(), benchmark, "doltsync, after a mirrored commit", "ms", Samples.of(millis[2])));
      }
    } finally {
      DoltSync.stopMirrors();
      dolt.dropQuietly(mirror.doltDatabase());
    }
  }

  private static double timeQuery(Connection connection) throws SQLException {
    long started = System.nanoTime();
    try (PreparedStatement select = connection.prepareStatement(QUERY); ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("dolt_log is empty");
      }
    }
    return (System.nanoTime() - started) / 1e6;
  }
}
