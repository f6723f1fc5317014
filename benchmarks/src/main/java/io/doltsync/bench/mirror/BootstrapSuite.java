package io.doltsync.bench.mirror;

import io.doltsync.DoltSyncConnection;
import io.doltsync.bench.BenchOptions;
import io.doltsync.bench.Servers;
import io.doltsync.bench.Suite;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Goal;
import io.doltsync.bench.core.Report;
import io.doltsync.bench.core.Row;
import io.doltsync.bench.core.Samples;
import io.doltsync.bench.core.Sql;
import io.doltsync.DoltSync;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Issue 3's bootstrap benchmark: a MariaDB table of N narrow rows copied into a fresh Dolt database by
 * doltsync's bootstrap (timed from the first connection to the bootstrap being in Dolt, everything a user
 * waits for), against Dolt loading the same rows from a CSV file with {@code LOAD DATA INFILE} into the
 * same table definition, plus its commit, and (where the server allows it) streaming the same CSV from the
 * client with {@code LOAD DATA LOCAL INFILE}, the bulk path the bootstrap itself uses. Iterations alternate
 * the variants. By default ({@code bootstrap.dolt=private}) the suite runs on a Dolt server of its own that
 * allows {@code LOAD DATA LOCAL INFILE} ({@link LocalInfileDoltServer}); with {@code bootstrap.dolt=shared} it
 * runs on the run's Dolt server, where the bootstrap falls back to INSERTs if that server refuses the bulk path.
 */
public final class BootstrapSuite implements Suite {

  private static final Goal GOAL = Goal.ratioAtLeast(0.70, "LOAD DATA");
  private static final String TABLE = "bench_boot";
  private static final String JOURNAL = "bench_journal_boot";

  private final BenchOptions options;
  private final Servers servers;

  public BootstrapSuite(BenchOptions options, Servers servers) {
    this.options = options;
    this.servers = servers;
  }

  @Override
  public String name() {
    return "bootstrap";
  }

  @Override
  public void run(Report report) throws Exception {
    if (options.string("bootstrap.dolt").equals("shared")) {
      run(report, new DoltServer(servers.dolt()), "shared Dolt", () -> Double.NaN);
      return;
    }
    try (LocalInfileDoltServer server = LocalInfileDoltServer.start()) {
      run(report, new DoltServer(server.endpoint()), "private Dolt, local_infile=1", server::cpuSeconds);
    }
  }

  private void run(Report report, DoltServer dolt, String where, DoubleSupplier doltCpu) throws Exception {
    Endpoint primary = servers.mariadb();
    int rows = options.integer("bootstrap.rows");
    int iterations = options.integer("bootstrap.iterations");
    double[] bootstrap = new double[iterations];
    double[] loadData = new double[iterations];
    double[] loadLocal = new double[iterations];
    double[] bootstrapCpu = new double[iterations];
    double[] loadDataCpu = new double[iterations];
    double[] loadLocalCpu = new double[iterations];
    boolean localAllowed = true;
    Path csv = Files.createTempFile("doltsync-bench-", ".csv");
    try {
      try (Connection admin = primary.connect()) {
        fillTable(admin, rows);
        exportCsv(admin, csv);
      }
      for (int i = 0; i < iterations; i++) {
        String bootstrapped = DoltServer.uniqueName("bench_boot");
        try {
          double cpu = doltCpu.getAsDouble();
          bootstrap[i] = bootstrap(primary, dolt, bootstrapped, rows);
          bootstrapCpu[i] = cpuMillisPerThousandRows(doltCpu, cpu, rows);
          String ddl = dolt.showCreateTable(bootstrapped, TABLE);
          cpu = doltCpu.getAsDouble();
          loadData[i] = loadData(dolt, ddl, csv, rows);
          loadDataCpu[i] = cpuMillisPerThousandRows(doltCpu, cpu, rows);
          if (localAllowed) {
            try {
              cpu = doltCpu.getAsDouble();
              loadLocal[i] = loadDataLocal(dolt, ddl, csv, rows);
              loadLocalCpu[i] = cpuMillisPerThousandRows(doltCpu, cpu, rows);
            } catch (SQLException e) {
              System.err.println("[bench] Dolt refuses LOAD DATA LOCAL INFILE, so doltsync's bootstrap used INSERTs: "
                  + e.getMessage());
              localAllowed = false;
            }
          }
        } finally {
          dolt.dropQuietly(bootstrapped);
        }
      }
    } finally {
      Files.deleteIfExists(csv);
      try (Connection admin = primary.connect()) {
        Sql.execute(admin, "DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + JOURNAL);
      }
    }
    String benchmark = String.format("copy a %,d-row table into Dolt (%s)", rows, where);
    report.add(Row.of(name(), benchmark, "Dolt LOAD DATA INFILE + commit", "rows/s", Samples.of(loadData)));
    report.add(Row.of(name(), benchmark, "doltsync bootstrap (first connection)", "rows/s", Samples.of(bootstrap))
        .withRatio(Samples.ratios(bootstrap, loadData)).withGoal(GOAL));
    if (localAllowed) {
      report.add(Row.of(name(), benchmark, "Dolt LOAD DATA LOCAL INFILE (client stream) + commit", "rows/s",
          Samples.of(loadLocal)));
      report.add(Row.of(name(), benchmark, "doltsync bootstrap vs LOAD DATA LOCAL", "rows/s", Samples.of(bootstrap))
          .withRatio(Samples.ratios(bootstrap, loadLocal)));
    }
    if (!Double.isNaN(bootstrapCpu[0])) {
      String cpu = "Dolt server CPU per 1,000 rows (includes its commit and clean-up)";
      report.add(Row.of(name(), benchmark, cpu + ": LOAD DATA INFILE", "ms", Samples.of(loadDataCpu)));
      if (localAllowed) {
        report.add(Row.of(name(), benchmark, cpu + ": LOAD DATA LOCAL INFILE", "ms", Samples.of(loadLocalCpu)));
      }
      report.add(Row.of(name(), benchmark, cpu + ": doltsync bootstrap", "ms", Samples.of(bootstrapCpu))
          .withRatio(Samples.ratios(bootstrapCpu, loadDataCpu)));
    }
  }

  private static double cpuMillisPerThousandRows(DoubleSupplier doltCpu, double before, int rows) {
    return (doltCpu.getAsDouble() - before) * 1000 / (rows / 1000.0);
  }

  /** (Re)creates the table with rows 1..n, generated by MariaDB's sequence engine. */
  private static void fillTable(Connection primary, int rows) throws SQLException {
    Sql.execute(primary, "DROP TABLE IF EXISTS " + TABLE,
        "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, account_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,"
            + " status VARCHAR(16) NOT NULL, created_at DATETIME NOT NULL)",
        "INSERT INTO " + TABLE + " SELECT seq, seq % 1000 + 1, (seq % 100000) / 100,"
            + " ELT(seq % 3 + 1, 'new', 'paid', 'shipped'), TIMESTAMP '2025-01-01 00:00:00' + INTERVAL seq SECOND"
            + " FROM seq_1_to_" + rows);
  }

  /** Writes the table as CSV to a file the Dolt server (on this machine) can read. */
  private static void exportCsv(Connection primary, Path csv) throws SQLException, IOException {
    Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-r--r--"));
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        Statement select = primary.createStatement()) {
      select.setFetchSize(1000);
      try (ResultSet rs = select.executeQuery("SELECT id, account_id, amount, status,"
          + " DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') FROM " + TABLE + " ORDER BY id")) {
        while (rs.next()) {
          out.write(rs.getString(1) + ',' + rs.getString(2) + ',' + rs.getString(3) + ',' + rs.getString(4) + ','
              + rs.getString(5) + '\n');
        }
      }
    }
  }

  /**
   * Connects through doltsync to a fresh Dolt database and waits until a first transaction is in Dolt,
   * which the applier applies only after the bootstrap; returns rows per second of the whole wait.
   */
  private static double bootstrap(Endpoint primary, DoltServer dolt, String database, int rows) throws Exception {
    MirrorConfig mirror = new MirrorConfig(database, JOURNAL, TABLE, true);
    try (Connection admin = primary.connect()) {
      Sql.execute(admin, "DROP TABLE IF EXISTS " + mirror.journalTable());
    }
    long started = System.nanoTime();
    try (Connection connection = mirror.connect(primary, dolt.endpoint())) {
      connection.setAutoCommit(false);
      Sql.execute(connection, "UPDATE " + TABLE + " SET status = status WHERE id = 1");
      connection.commit();
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(30));
      double seconds = (System.nanoTime() - started) / 1e9;
      checkCount(dolt, database, rows);
      return rows / seconds;
    } finally {
      DoltSync.stopMirrors();
    }
  }

  /** Loads the CSV into a fresh database holding the same table definition; returns rows per second. */
  private static double loadData(DoltServer dolt, String ddl, Path csv, int rows) throws SQLException {
    String database = DoltServer.uniqueName("bench_load");
    dolt.create(database);
    try (Connection connection = dolt.connect(database)) {
      Sql.execute(connection, ddl);
      long started = System.nanoTime();
      Sql.execute(connection, "LOAD DATA INFILE '" + csv.toAbsolutePath().toString().replace("'", "''")
          + "' INTO TABLE `" + TABLE + "` FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n'",
          "CALL dolt_commit('-Am', 'load data')");
      double seconds = (System.nanoTime() - started) / 1e9;
      checkCount(dolt, database, rows);
      return rows / seconds;
    } finally {
      dolt.dropQuietly(database);
    }
  }

  /**
   * Streams the CSV from this JVM into a fresh database holding the same table definition with
   * {@code LOAD DATA LOCAL INFILE}, the bulk path doltsync's bootstrap uses; returns rows per second.
   */
  private static double loadDataLocal(DoltServer dolt, String ddl, Path csv, int rows) throws SQLException, IOException {
    String database = DoltServer.uniqueName("bench_load_local");
    dolt.create(database);
    try (Connection connection = dolt.connect(database, "allowLocalInfile=true");
        InputStream in = Files.newInputStream(csv)) {
      Sql.execute(connection, ddl);
      long started = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
        statement.execute("LOAD DATA LOCAL INFILE 'rows' INTO TABLE `" + TABLE
            + "` FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n'");
        statement.execute("CALL dolt_commit('-Am', 'load data local')");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      checkCount(dolt, database, rows);
      return rows / seconds;
    } finally {
      dolt.dropQuietly(database);
    }
  }

  private static void checkCount(DoltServer dolt, String database, int rows) throws SQLException {
    try (Connection connection = dolt.connect(database)) {
      long count = Sql.queryLong(connection, "SELECT COUNT(*) FROM `" + TABLE + "`");
      if (count != rows) {
        throw new SQLException("Dolt database " + database + " holds " + count + " rows of " + TABLE + ", not " + rows);
      }
    }
  }
}
