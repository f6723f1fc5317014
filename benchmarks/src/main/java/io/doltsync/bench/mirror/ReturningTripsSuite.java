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
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-transaction cost of MariaDB writes whose rows doltsync learns from an appended {@code RETURNING}, counted on
 * the wire: one transaction of a keyless event log and a keyed table, each statement of a kind that copied its table
 * or read its rows before it (a prepared {@code INSERT} with {@code NOW(6)}, the same through a plain
 * {@code Statement}, a keyless {@code DELETE} by a predicate, prepared and plain, and a keyed {@code DELETE} by a
 * non-key column), through a {@link CountingProxy} in front of MariaDB, raw and through doltsync (applier on), with
 * round trips, statements and whole-table copies per transaction; Dolt's tables are compared with the primary's after
 * the doltsync side. Not in the default run: {@code --suites=returningtrips}.
 */
public final class ReturningTripsSuite implements Suite {

  static final String EVENTS = "bench_mdbreturn_events";
  static final String ITEMS = "bench_mdbreturn_items";

  private final BenchOptions options;
  private final Servers servers;
  private long sequence;

  public ReturningTripsSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "returningtrips";
  }

  @Override
  public void run(Report report) throws Exception {
    Endpoint primary = servers.mariadb();
    URI uri = URI.create(primary.url().substring("jdbc:".length()));
    DoltServer dolt = new DoltServer(servers.dolt());
    MirrorConfig capture = new MirrorConfig(DoltServer.uniqueName("bench_mdbreturn"), "bench_journal_mdbreturn",
        EVENTS + "," + ITEMS, true);
    try (CountingProxy proxy = new CountingProxy(uri.getHost(), uri.getPort(), CountingProxy.Protocol.MYSQL)) {
      Endpoint proxied = new Endpoint(primary.url().replace(":" + uri.getPort() + "/", ":" + proxy.port() + "/"),
          primary.user(), primary.password());
      try (Connection admin = primary.connect()) {
        Sql.execute(admin, "DROP TABLE IF EXISTS " + EVENTS, "DROP TABLE IF EXISTS " + ITEMS,
            "DROP TABLE IF EXISTS " + capture.journalTable(),
            "CREATE TABLE " + EVENTS + " (kind INT NOT NULL, at DATETIME(6) NOT NULL, note VARCHAR(20))",
            "CREATE TABLE " + ITEMS + " (id BIGINT PRIMARY KEY, grp INT NOT NULL, note VARCHAR(20))");
        StringBuilder rows = new StringBuilder("INSERT INTO " + EVENTS + " VALUES ");
        for (int i = 0; i < 200; i++) {
          rows.append(i == 0 ? "" : ", ").append("(").append(i % 50).append(", '2025-01-01 00:00:00', 'seed')");
        }
        Sql.execute(admin, rows.toString());
      }
      int transactions = options.integer("trips.transactions");
      try (Connection raw = proxied.connect(); Connection mirrored = capture.connect(proxied, dolt.endpoint())) {
        raw.setAutoCommit(false);
        mirrored.setAutoCommit(false);
        double[] rawCounts = count(proxy, raw, transactions);
        long copiesBefore = new MirrorProbe(capture.doltDatabase()).metrics().getWholeTableCopies();
        double[] doltsyncCounts = count(proxy, mirrored, transactions);
        long copies = new MirrorProbe(capture.doltDatabase()).metrics().getWholeTableCopies() - copiesBefore;
        mirrored.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(10));
        String benchmark = "mariadb keyless log + keyed deletes, 1 txn";
        report.add(Row.of(name(), benchmark, "raw: round trips", "per tx", Samples.of(rawCounts[0])));
        report.add(Row.of(name(), benchmark, "doltsync: round trips", "per tx", Samples.of(doltsyncCounts[0])));
        report.add(Row.of(name(), benchmark, "raw: statements", "per tx", Samples.of(rawCounts[1])));
        report.add(Row.of(name(), benchmark, "doltsync: statements", "per tx", Samples.of(doltsyncCounts[1])));
        report.add(Row.of(name(), benchmark, "doltsync: whole-table copies", "per tx",
            Samples.of(copies / (double) (transactions + 20))));
        try (Connection direct = primary.connect(); Connection mirror = dolt.connect(capture.doltDatabase())) {
          for (String table : new String[] {EVENTS, ITEMS}) {
            List<String> onPrimary = rows(direct, table);
            List<String> onDolt = rows(mirror, table);
            System.out.println("[bench] returningtrips: " + table + " " + onPrimary.size() + " rows on the primary, "
                + (onPrimary.equals(onDolt) ? "equal on Dolt" : "DIFFERENT on Dolt (" + onDolt.size() + " rows)"));
            report.add(Row.of(name(), benchmark, "Dolt = primary: " + table, "1 = equal",
                Samples.of(onPrimary.equals(onDolt) ? 1 : 0)));
          }
        }
      } finally {
        DoltSync.stopMirrors();
        dolt.dropQuietly(capture.doltDatabase());
        try (Connection admin = primary.connect()) {
          Sql.execute(admin, "DROP TABLE IF EXISTS " + capture.journalTable(), "DROP TABLE IF EXISTS " + EVENTS,
              "DROP TABLE IF EXISTS " + ITEMS);
        }
      }
    }
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(rs.getString(c)).append('|');
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  /** Round trips and statements per transaction of {@code transactions} transactions, after a warm-up. */
  private double[] count(CountingProxy proxy, Connection connection, int transactions)
      throws SQLException, InterruptedException {
    for (int i = 0; i < 20; i++) {
      transaction(connection);
    }
    Thread.sleep(200);
    long trips = proxy.roundTrips();
    long commands = proxy.commands();
    for (int i = 0; i < transactions; i++) {
      transaction(connection);
    }
    return new double[] {(proxy.roundTrips() - trips) / (double) transactions,
        (proxy.commands() - commands) / (double) transactions};
  }

  /** One transaction: two events logged (prepared, plain), two deleted by kind, one item added and deleted by group. */
  private void transaction(Connection connection) throws SQLException {
    long n = ++sequence;
    int kind = 100 + (int) (n % 50);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + EVENTS + " (kind, at, note) VALUES (?, NOW(6), ?)")) {
      insert.setInt(1, kind);
      insert.setString(2, "e" + n);
      insert.executeUpdate();
    }
    try (Statement plain = connection.createStatement()) {
      plain.executeUpdate("INSERT INTO " + EVENTS + " (kind, at, note) VALUES (" + kind + ", NOW(6), 'p" + n + "')");
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + EVENTS + " WHERE kind = ? AND note = ?")) {
        delete.setInt(1, kind);
        delete.setString(2, "e" + n);
        delete.executeUpdate();
      }
      plain.executeUpdate("DELETE FROM " + EVENTS + " WHERE kind = " + kind + " AND note = 'p" + n + "'");
      try (PreparedStatement item = connection.prepareStatement(
          "INSERT INTO " + ITEMS + " (id, grp, note) VALUES (?, ?, ?)")) {
        item.setLong(1, n);
        item.setInt(2, (int) (n % 7));
        item.setString(3, "i" + n);
        item.executeUpdate();
      }
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + ITEMS + " WHERE grp = ?")) {
        delete.setInt(1, (int) (n % 7));
        delete.executeUpdate();
      }
    }
    connection.commit();
  }
}
