package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code DoltSync.awaitJournalDrained} (what {@code bin/doltsync apply} runs) returns only once a bootstrap that
 * outlasts the connect's 10 s wait has committed. Found running BenchBase's TPC-C: {@code apply} on its 600,000-row
 * database printed "journal applied" and exited 0 while the bootstrap was still copying (the journal was empty), then
 * stopped it; Dolt held no copy. Here the bootstrap is held up by a {@code LOCK TABLES ... WRITE} on the primary for
 * longer than the connect waits.
 */
class DrainAwaitsBootstrapTest {

  private static final long HOLD_MILLIS = 13_000;   // longer than Mirror's 10 s initial bootstrap wait

  @Test
  void drainingWaitsForABootstrapThatOutlastsTheConnect() throws Exception {
    String database = TestServers.createMariadbDatabase("drainboot");
    String doltDb = TestServers.uniqueName("drainboot");
    try (Connection locker = TestServers.mariadb(database); Statement lock = locker.createStatement()) {
      lock.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT)");
      lock.execute("INSERT INTO items SELECT seq, seq * 7 FROM seq_1_to_500");
      lock.execute("LOCK TABLES items WRITE");
      CompletableFuture<Void> unlock = CompletableFuture.runAsync(() -> {
        try {
          lock.execute("UNLOCK TABLES");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, CompletableFuture.delayedExecutor(HOLD_MILLIS, TimeUnit.MILLISECONDS));
      String url = DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), doltDb);
      try (Connection app = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
        assertThat(unlock).as("the bootstrap is still held up when the connection is open").isNotDone();
        assertThat(DoltSync.awaitJournalDrained(app, Duration.ofSeconds(120))).as("journal drained").isZero();
        assertThat(unlock).isDone();
        try (Connection dolt = TestServers.dolt(doltDb); Statement s = dolt.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(v) FROM items")) {
          rs.next();
          assertThat(rs.getLong(1)).as("rows in Dolt when the drain returns").isEqualTo(500);
          assertThat(rs.getLong(2)).isEqualTo(7L * 500 * 501 / 2);
        }
      } finally {
        unlock.join();
        MirrorRegistry.closeAll();
      }
    } finally {
      try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS `" + database + "`");
      }
      DoltDatabases.drop(doltDb);
    }
  }
}
