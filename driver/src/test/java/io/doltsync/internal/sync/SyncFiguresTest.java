package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.DoltLoadData;
import io.doltsync.internal.dolt.DoltTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sync's figures on a MariaDB table into an embedded Dolt (whose server allows LOAD DATA): the first snapshot
 * (a bulk copy) against Dolt's own LOAD DATA of the same rows, interleaved (sync, raw, raw, sync); an incremental
 * run and snapshot runs after 1% of the rows changed, spread over every key range or in consecutive keys (seconds,
 * rows read); the JVM's peak heap. 20,000 rows by
 * default (a correctness check at scale: the incremental run reads exactly the changed rows and Dolt equals the
 * source); {@code -Ddoltsync.syncFigures=1000000} for the figures.
 */
class SyncFiguresTest {

  @org.junit.jupiter.api.AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  private static final int ROWS = Integer.getInteger("doltsync.syncFigures", 20_000);

  @Test
  void snapshotIncrementalAndLoadDataFigures() throws Exception {
    SyncSource db = SyncSource.mariadb();
    FiguresTable table = FiguresTable.create(db, ROWS);
    Path dir = Files.createTempDirectory("syncfigures");
    StringBuilder figures = new StringBuilder();
    double[] syncSeconds = new double[2];
    double[] rawSeconds = new double[2];
    for (int round = 0; round < 4; round++) {
      boolean sync = round == 0 || round == 3;
      String database = "figures" + round;
      SyncOptions options = FiguresTable.incremental(db, "embedded:" + dir + "/" + database);
      long started = System.nanoTime();
      if (sync) {
        SyncReport report = new SyncEngine(options).run(new SyncEngine.Listener() {});
        assertThat(report.tables().get(0).added()).isEqualTo(ROWS);
        syncSeconds[round == 0 ? 0 : 1] = (System.nanoTime() - started) / 1e9;
        if (round == 3) {
          incremental(db, options, figures);
        }
      } else {
        rawLoad(db, SyncEngine.target(options));
        rawSeconds[round - 1] = (System.nanoTime() - started) / 1e9;
      }
    }
    table.close();
    double sync = (syncSeconds[0] + syncSeconds[1]) / 2;
    double raw = (rawSeconds[0] + rawSeconds[1]) / 2;
    figures.insert(0, String.format(Locale.ROOT, "sync figures, %,d rows: first snapshot %.1f s and %.1f s (%,.0f rows/s);"
        + " Dolt LOAD DATA of the same rows (read from MariaDB, loaded in 20,000-row statements) %.1f s and %.1f s"
        + " (%,.0f rows/s); sync/raw time %.2f%n", ROWS, syncSeconds[0], syncSeconds[1], ROWS / sync, rawSeconds[0],
        rawSeconds[1], ROWS / raw, sync / raw));
    figures.append(String.format(Locale.ROOT, "peak heap used %,d MB (max heap %,d MB)%n", table.peakHeapMb(),
        Runtime.getRuntime().maxMemory() >> 20));
    System.out.print(figures);
    Files.writeString(Path.of("target", "sync-figures.txt"), figures);
  }

  /** Changes 1% of the rows; an incremental run, then a snapshot-mode run over the same change. */
  private static void incremental(SyncSource db, SyncOptions options, StringBuilder figures) throws Exception {
    int changed = ROWS / 100;
    db.execute("UPDATE big SET qty = qty + 1, changed = " + ROWS + " + id WHERE id % 100 = 0");
    long started = System.nanoTime();
    SyncReport report = new SyncEngine(options).run(new SyncEngine.Listener() {});
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(report.tables().get(0).rowsRead()).isEqualTo(changed);
    assertThat(report.tables().get(0).modified()).isEqualTo(changed);
    figures.append(String.format(Locale.ROOT, "incremental run, 1%% changed: %.1f s, %,d rows read, %,d modified%n",
        seconds, report.tables().get(0).rowsRead(), report.tables().get(0).modified()));
    db.execute("UPDATE big SET qty = qty + 1 WHERE id % 100 = 50");
    SyncOptions snapshot = new SyncOptions(options.sourceUrl(), options.sourceUser(), options.sourcePassword(),
        options.target(), "root", "", "main", options.include(), List.of(), Map.of(), SyncMode.SNAPSHOT, Map.of(), Map.of(),
        Map.of(), Set.of(), Duration.ZERO, Duration.ZERO, null, options.author(), 10_000)
        .withSnapshotRoute(SnapshotRoute.DIFF);
    started = System.nanoTime();
    SyncReport diff = new SyncEngine(snapshot).run(new SyncEngine.Listener() {});
    seconds = (System.nanoTime() - started) / 1e9;
    assertThat(diff.tables().get(0).modified()).isEqualTo(changed);
    figures.append(String.format(Locale.ROOT, "snapshot run (chunked hashes), 1%% changed, spread over every key range:"
        + " %.1f s, %,d rows compared, %,d modified%n", seconds, diff.tables().get(0).rowsRead(),
        diff.tables().get(0).modified()));
    db.execute("UPDATE big SET qty = qty + 1 WHERE id <= " + changed);
    started = System.nanoTime();
    SyncReport clustered = new SyncEngine(snapshot).run(new SyncEngine.Listener() {});
    seconds = (System.nanoTime() - started) / 1e9;
    assertThat(clustered.tables().get(0).modified()).isEqualTo(changed);
    figures.append(String.format(Locale.ROOT, "snapshot run (chunked hashes), 1%% changed, in consecutive keys:"
        + " %.1f s, %,d rows compared, %,d modified%n", seconds, clustered.tables().get(0).rowsRead(),
        clustered.tables().get(0).modified()));
    try (Connection dolt = SyncEngine.target(options).connect()) {
      assertThat(SyncSource.rows(dolt, "SELECT COUNT(*), CAST(SUM(qty) AS SIGNED), CAST(SUM(changed) AS SIGNED) FROM big"))
          .isEqualTo(db.sourceRows("SELECT COUNT(*), CAST(SUM(qty) AS SIGNED), CAST(SUM(changed) AS SIGNED) FROM big"));
    }
  }

  /**
   * Reads the rows from the source (streamed: in a transaction, for PostgreSQL's fetch size) and loads them into a
   * fresh Dolt table with LOAD DATA, 20,000 rows a statement.
   */
  static void rawLoad(SyncSource db, DoltTarget target) throws Exception {
    try (Connection dolt = target.connectForWriting(); Connection source = db.connect();
        Statement create = dolt.createStatement()) {
      source.setAutoCommit(false);
      create.execute("CREATE TABLE big (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT NOT NULL,"
          + " price DECIMAL(10,2) NOT NULL, changed BIGINT NOT NULL)");
      String load = DoltLoadData.statement("big", List.of("id", "name", "qty", "price", "changed"));
      try (PreparedStatement select = source.prepareStatement("SELECT id, name, qty, price, changed FROM big")) {
        select.setFetchSize(1000);
        try (ResultSet rs = select.executeQuery()) {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          int rows = 0;
          while (true) {
            boolean more = rs.next();
            if (more) {
              DoltLoadData.writeRow(new Object[] {rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4),
                  rs.getLong(5)}, buffer);
              rows++;
            }
            if (rows == 20_000 || (!more && rows > 0)) {
              try (Statement statement = dolt.createStatement()) {
                statement.getClass().getMethod("setLocalInfileInputStream", InputStream.class)
                    .invoke(statement, new ByteArrayInputStream(buffer.toByteArray()));
                assertThat(statement.executeLargeUpdate(load)).isEqualTo(rows);
              }
              buffer.reset();
              rows = 0;
            }
            if (!more) {
              break;
            }
          }
        }
      }
      create.execute("CALL dolt_commit('-Am', 'raw load')");
    }
  }
}
