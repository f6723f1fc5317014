package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.CapturedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parallel range readers on one source snapshot, into an {@code embedded:} Dolt (which allows LOAD DATA, so every
 * run copies). A writer commits transactions 1, 2, ... during the runs: transaction k moves one unit from a row in
 * the first quarter of the key range to a row in the last quarter (so the two rows are read by different readers)
 * and sets the marker, read by the run's own connection, to k. Each commit must hold exactly the state after
 * transaction m, m being its marker: every reader saw the snapshot the run's connection saw.
 */
class ParallelReadersTest {

  private static final int ROWS = 4 * (int) RangeReaders.ROWS_PER_READER;

  @AfterEach
  void dropWhatTheTestCreated() throws SQLException {
    SyncSource.dropCreated();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void parallelRunsDuringConcurrentWritesEachCommitOneSourceState(String kind) throws Exception {
    SyncSource db = kind.equals("mariadb") ? SyncSource.mariadb() : SyncSource.postgres();
    db.execute("CREATE TABLE big (id INT PRIMARY KEY, n INT NOT NULL)",
        "CREATE TABLE marker (id INT PRIMARY KEY, k BIGINT NOT NULL)", "INSERT INTO marker VALUES (1, 0)",
        kind.equals("mariadb") ? "INSERT INTO big SELECT seq, 100 FROM seq_1_to_" + ROWS
            : "INSERT INTO big SELECT g, 100 FROM generate_series(1, " + ROWS + ") g");
    SyncOptions options = embedded(db).withSnapshotRoute(SnapshotRoute.COPY).withReaders(4, ReaderLock.FLUSH_TABLES);
    SyncEngine engine = new SyncEngine(options);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    Thread writer = new Thread(() -> {
      try (var c = db.connect(); var s = c.createStatement()) {
        c.setAutoCommit(false);
        for (long k = 1; !stop.get(); k++) {
          s.execute("UPDATE big SET n = n - 1 WHERE id = " + from(k));
          s.execute("UPDATE big SET n = n + 1 WHERE id = " + to(k));
          s.execute("UPDATE marker SET k = " + k);
          c.commit();
          written.set(k);
          Thread.sleep(2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    while (written.get() == 0 && writer.isAlive()) {
      Thread.sleep(10);
    }
    List<String> commits = new ArrayList<>();
    List<Integer> readers = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
      while (commits.size() < 3 && System.nanoTime() < deadline) {
        SyncReport report = engine.run(new SyncEngine.Listener() {});
        if (report.commitHash() != null) {
          commits.add(report.commitHash());
          readers.add(report.tables().stream().filter(t -> t.dolt().equals("big")).findFirst().orElseThrow().readers());
        }
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(commits).hasSizeGreaterThanOrEqualTo(2);
    assertThat(readers).as("readers of each run").containsOnly(4);
    try (Connection dolt = SyncEngine.target(options).connect()) {
      for (String commit : commits) {
        long m = Long.parseLong(SyncSource.rows(dolt, "SELECT k FROM marker AS OF '" + commit + "'").get(0));
        assertThat(m).as("the writer wrote during the runs").isPositive();
        assertThat(SyncSource.rows(dolt, "SELECT id, n FROM big AS OF '" + commit + "' WHERE n <> 100 ORDER BY id"))
            .as("commit %s, after transaction %d", commit, m).isEqualTo(changedAfter(m));
        assertThat(SyncSource.rows(dolt, "SELECT COUNT(*), CAST(SUM(n) AS SIGNED) FROM big AS OF '" + commit + "'"))
            .containsExactly(ROWS + "|" + 100L * ROWS);
      }
    }
  }

  /** Without the lock, a MariaDB source is read through one connection, whatever {@code --readers} says. */
  @Test
  void aMariaDbSourceWithoutTheReadersLockIsReadThroughOneConnection() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE big (id INT PRIMARY KEY, n INT NOT NULL)",
        "INSERT INTO big SELECT seq, 100 FROM seq_1_to_" + ROWS);
    SyncReport report = new SyncEngine(embedded(db).withReaders(4, ReaderLock.NONE)).run(new SyncEngine.Listener() {});
    assertThat(report.tables().get(0).readers()).isEqualTo(1);
    assertThat(report.tables().get(0).added()).isEqualTo(ROWS);
  }

  /**
   * With {@code --readers-lock flush-tables}, only a run that copies a table through several readers takes the global
   * read lock: the first run (a new 100k-row table) does, the next one (the diff route) copies nothing and must not
   * lock the whole server.
   */
  @Test
  void onlyARunThatCopiesThroughSeveralReadersTakesTheGlobalReadLock() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE big (id INT PRIMARY KEY, n INT NOT NULL)",
        "INSERT INTO big SELECT seq, 100 FROM seq_1_to_" + ROWS);
    SyncOptions options = embedded(db).withReaders(4, ReaderLock.FLUSH_TABLES);
    String locked = "under FLUSH TABLES WITH READ LOCK";
    try (CapturedOutput output = CapturedOutput.start()) {
      SyncReport first = new SyncEngine(options).run(new SyncEngine.Listener() {});
      assertThat(first.tables().get(0).readers()).isEqualTo(4);
      assertThat(output.text()).as("the first run copies through 4 readers").contains(locked);
    }
    db.execute("UPDATE big SET n = 101 WHERE id = 7");
    try (CapturedOutput output = CapturedOutput.start()) {
      SyncReport diff = new SyncEngine(options.withSnapshotRoute(SnapshotRoute.DIFF)).run(new SyncEngine.Listener() {});
      assertThat(diff.tables().get(0).modified()).isEqualTo(1);
      assertThat(diff.tables().get(0).readers()).isEqualTo(1);
      assertThat(output.text()).as("a diff run copies nothing").doesNotContain(locked);
    }
  }

  /** Transaction k takes one from this row (first quarter of the keys)... */
  private static long from(long k) {
    return 1 + (k * 7919) % (ROWS / 4);
  }

  /** ...and gives it to this one (last quarter). */
  private static long to(long k) {
    return ROWS - (k * 104729) % (ROWS / 4);
  }

  private static List<String> changedAfter(long m) {
    Map<Long, Long> n = new TreeMap<>();
    for (long k = 1; k <= m; k++) {
      n.merge(from(k), -1L, Long::sum);
      n.merge(to(k), 1L, Long::sum);
    }
    List<String> rows = new ArrayList<>();
    n.forEach((id, delta) -> {
      if (delta != 0) {
        rows.add(id + "|" + (100 + delta));
      }
    });
    return rows;
  }

  private static SyncOptions embedded(SyncSource db) throws Exception {
    Path dir = Files.createTempDirectory("parallelreaders");
    SyncOptions o = db.options();
    return new SyncOptions(o.sourceUrl(), o.sourceUser(), o.sourcePassword(), "embedded:" + dir + "/" + db.doltDatabase(),
        "root", "", "main", o.include(), o.exclude(), o.tableMap(), o.mode(), o.modes(), o.cursors(), o.keys(),
        o.fullRefresh(), o.lookBack(), o.keyScanEvery(), o.message(), o.author(), 10_000);
  }
}
