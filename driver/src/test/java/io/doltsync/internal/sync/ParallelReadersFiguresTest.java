package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.TestServers;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first snapshot of a PostgreSQL table (which shares its snapshot with parallel readers) read through 1, 2 and 4
 * connections, into an {@code embedded:} Dolt (LOAD DATA) and into the shared Dolt test server (no
 * {@code local_infile}: batched INSERTs), against Dolt's own LOAD DATA of the same rows; rounds interleaved (the
 * order rotates each round), each into a fresh Dolt database; then an incremental run after 1% of the rows changed,
 * and the peak heap. {@code -Ddoltsync.readerFigures=1000000 -Ddoltsync.readerRounds=2} for the figures (with
 * {@code -Ddoltsync.readerFiguresServer=true} for the server target); the default is a short run (50,000 rows,
 * embedded, 1 and 2 readers). Figures go to {@code target/reader-figures.txt}.
 */
class ParallelReadersFiguresTest {

  private static final int ROWS = Integer.getInteger("doltsync.readerFigures", 2 * (int) RangeReaders.ROWS_PER_READER);
  private static final int ROUNDS = Integer.getInteger("doltsync.readerRounds", 1);
  private static final boolean SERVER = Boolean.parseBoolean(System.getProperty("doltsync.readerFiguresServer", "false"));

  @AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  @Test
  void firstSnapshotThroughOneTwoAndFourReadersAgainstLoadData() throws Exception {
    SyncSource db = SyncSource.postgres();
    FiguresTable table = FiguresTable.create(db, ROWS);
    db.execute("ANALYZE big");
    Path dir = Files.createTempDirectory("readerfigures");
    List<String> kinds = new ArrayList<>(List.of("embedded 1", "embedded 2", "embedded LOAD DATA"));
    if (ROWS >= 4 * RangeReaders.ROWS_PER_READER) {
      kinds.add(2, "embedded 4");
    }
    if (SERVER) {
      kinds.addAll(List.of("server 1", "server 2", "server 4"));
    }
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    kinds.forEach(k -> seconds.put(k, new ArrayList<>()));
    StringBuilder figures = new StringBuilder();
    SyncOptions last = null;
    int n = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < kinds.size(); i++) {
        String kind = kinds.get((i + round) % kinds.size());
        String database = "figures" + n++;
        boolean embedded = kind.startsWith("embedded");
        String target;
        if (embedded) {
          target = "embedded:" + dir + "/" + database;
        } else {
          target = TestServers.doltUrl(SyncSource.dropLater(SyncSource.Place.DOLT, TestServers.createDoltDatabase("figures")));
        }
        SyncOptions options = options(db, target, kind.endsWith("LOAD DATA") ? 1 : Integer.parseInt(kind.substring(kind.length() - 1)));
        try (Connection warm = SyncEngine.target(options).connectForWriting()) {
          warm.isValid(1); // the embedded server is started before the clock
        }
        double load = loadAverage();
        long started = System.nanoTime();
        if (kind.endsWith("LOAD DATA")) {
          SyncFiguresTest.rawLoad(db, SyncEngine.target(options));
        } else {
          SyncReport report = new SyncEngine(options).run(new SyncEngine.Listener() {});
          assertThat(report.tables().get(0).added()).isEqualTo(ROWS);
          assertThat(report.tables().get(0).readers()).isEqualTo(Math.min(options.readers(),
              Math.max(1, (int) (ROWS / RangeReaders.ROWS_PER_READER))));
          if (kind.startsWith("embedded") && (last == null || options.readers() > last.readers())) {
            last = options;
          }
        }
        double took = (System.nanoTime() - started) / 1e9;
        seconds.get(kind).add(took);
        figures.append(String.format(Locale.ROOT, "round %d, %s: %.1f s (%,.0f rows/s), load %.1f%n", round + 1, kind,
            took, ROWS / took, load));
      }
    }
    seconds.forEach((kind, list) -> figures.append(String.format(Locale.ROOT, "%s: mean %.1f s (%,.0f rows/s)%n", kind,
        list.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        ROWS / list.stream().mapToDouble(Double::doubleValue).average().orElse(1))));

    db.execute("UPDATE big SET qty = qty + 1, changed = " + ROWS + " + id WHERE id % 100 = 0");
    long started = System.nanoTime();
    SyncReport incremental = new SyncEngine(last).run(new SyncEngine.Listener() {});
    double took = (System.nanoTime() - started) / 1e9;
    assertThat(incremental.tables().get(0).rowsRead()).isEqualTo(ROWS / 100);
    assertThat(incremental.tables().get(0).modified()).isEqualTo(ROWS / 100);
    table.close();
    figures.append(String.format(Locale.ROOT, "incremental run, 1%% changed: %.1f s, %,d rows read, %,d modified, load %.1f%n",
        took, incremental.tables().get(0).rowsRead(), incremental.tables().get(0).modified(), loadAverage()));
    figures.append(String.format(Locale.ROOT, "peak heap used %,d MB (max heap %,d MB)%n", table.peakHeapMb(),
        Runtime.getRuntime().maxMemory() >> 20));
    try (Connection dolt = SyncEngine.target(last).connect()) {
      assertThat(SyncSource.rows(dolt, "SELECT COUNT(*), CAST(SUM(qty) AS SIGNED), CAST(SUM(changed) AS SIGNED) FROM big"))
          .isEqualTo(db.sourceRows("SELECT COUNT(*), SUM(qty), SUM(changed) FROM big"));
    }
    System.out.print(figures);
    Files.writeString(Path.of("target", "reader-figures.txt"), figures);
  }

  private static SyncOptions options(SyncSource db, String target, int readers) {
    return FiguresTable.incremental(db, target).withReaders(readers, ReaderLock.NONE);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
