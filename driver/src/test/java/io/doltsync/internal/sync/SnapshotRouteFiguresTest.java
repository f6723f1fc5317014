package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.verify.ChunkedDiff;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The two snapshot routes on a MariaDB table into an embedded Dolt, each run after 1% of the rows changed
 * (spread over every key range), in interleaved rounds (diff, copy, copy, diff): seconds per run, and where a
 * diff's time goes (waiting on Dolt vs on MariaDB, timed on the connections of a bare chunked comparison).
 * 5,000 rows by default (both routes must commit exactly the changed rows); {@code -Ddoltsync.routeFigures=1000000}
 * for the figures (written to {@code target/snapshot-route-figures.txt}).
 */
class SnapshotRouteFiguresTest {

  @org.junit.jupiter.api.AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  private static final int ROWS = Integer.getInteger("doltsync.routeFigures", 5_000);

  @Test
  void diffAndCopyRoutesAfterOnePercentChanged() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE big (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT NOT NULL,"
        + " price DECIMAL(10,2) NOT NULL, changed BIGINT NOT NULL)",
        "INSERT INTO big SELECT seq, CONCAT('item ', seq), seq % 1000, seq / 100, seq FROM seq_1_to_" + ROWS);
    Path dir = Files.createTempDirectory("routefigures");
    SyncOptions o = db.options();
    SyncOptions options = new SyncOptions(o.sourceUrl(), o.sourceUser(), o.sourcePassword(), "embedded:" + dir + "/figures",
        "root", "", "main", List.of("big"), List.of(), Map.of(), SyncMode.SNAPSHOT, Map.of(), Map.of(), Map.of(), Set.of(),
        Duration.ZERO, Duration.ZERO, null, o.author(), 10_000);
    long started = System.nanoTime();
    new SyncEngine(options).run(new SyncEngine.Listener() {});
    StringBuilder figures = new StringBuilder(String.format(Locale.ROOT, "snapshot routes, %,d rows; first copy %.1f s%n",
        ROWS, (System.nanoTime() - started) / 1e9));
    SnapshotRoute[] rounds = {SnapshotRoute.DIFF, SnapshotRoute.COPY, SnapshotRoute.COPY, SnapshotRoute.DIFF};
    for (int round = 0; round < rounds.length; round++) {
      db.execute("UPDATE big SET qty = qty + 1 WHERE id % 100 = " + round);
      started = System.nanoTime();
      SyncReport report = new SyncEngine(options.withSnapshotRoute(rounds[round])).run(new SyncEngine.Listener() {});
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(report.tables().get(0).modified()).as("round %d", round).isEqualTo(ROWS / 100);
      assertThat(report.tables().get(0).added() + report.tables().get(0).deleted()).isZero();
      figures.append(String.format(Locale.ROOT, "round %d, %s: %.1f s, %,d rows read, %,d modified%n", round,
          rounds[round].label(), seconds, report.tables().get(0).rowsRead(), report.tables().get(0).modified()));
    }
    db.execute("UPDATE big SET qty = qty + 1 WHERE id % 100 = 99");
    figures.append(whereADiffsTimeGoes(db, options));
    try (Connection dolt = SyncEngine.target(options).connect()) {
      assertThat(SyncSource.rows(dolt, "SELECT COUNT(*), CAST(SUM(qty) AS SIGNED) FROM big AS OF 'main'"))
          .isEqualTo(db.sourceRows("SELECT COUNT(*) - 0, CAST(SUM(qty) AS SIGNED) - "
              + (ROWS / 100) + " FROM big"));
    }
    System.out.print(figures);
    Files.writeString(Path.of("target", "snapshot-route-figures.txt"), figures);
  }

  /** A bare chunked comparison (no writes) with both connections timed. */
  private static String whereADiffsTimeGoes(SyncSource db, SyncOptions options) throws Exception {
    SourceDialect dialect = SourceDialects.forUrl(options.sourceUrl());
    AtomicLong sourceNanos = new AtomicLong();
    AtomicLong doltNanos = new AtomicLong();
    AtomicLong differences = new AtomicLong();
    try (Connection source = db.connect(); Connection dolt = SyncEngine.target(options).connect()) {
      source.setAutoCommit(false);
      dialect.beginConsistentSnapshot(source);
      TableSchema schema = dialect.readTable(source, "big");
      long started = System.nanoTime();
      ChunkedDiff.compare(TimedConnection.wrap(source, sourceNanos), TimedConnection.wrap(dolt, doltNanos), dialect, schema,
          "big", options.chunkRows(), (s, d) -> differences.incrementAndGet(), done -> {});
      double seconds = (System.nanoTime() - started) / 1e9;
      source.rollback();
      assertThat(differences.get()).isEqualTo(ROWS / 100);
      return String.format(Locale.ROOT, "a chunked comparison alone (1%% differing, no writes): %.1f s, of which waiting"
          + " on Dolt %.1f s, on MariaDB %.1f s, in the JVM %.1f s%n", seconds, doltNanos.get() / 1e9,
          sourceNanos.get() / 1e9, seconds - (doltNanos.get() + sourceNanos.get()) / 1e9);
    }
  }
}
