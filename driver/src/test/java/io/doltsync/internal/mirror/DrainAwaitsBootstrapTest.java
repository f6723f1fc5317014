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
 * stopped it; Dolt held no copy. Here the bootstrap is held up by a {@code LOCK TABLES ... WRITE} on the primary until
 * after the connect has given up waiting for it (10 s) and the drain has started.
 */
class DrainAwaitsBootstrapTest {

  private static final long RELEASE_AFTER_MILLIS = 2_000;

  @Test
  void drainingWaitsForABootstrapThatOutlastsTheConnect() throws Exception {
    String database = TestServers.createMariadbDatabase("drainboot");
    String doltDb = TestServers.uniqueName("drainboot");
    try (Connection locker = TestServers.mariadb(database); Statement lock = locker.createStatement()) {
      lock.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT)");
      lock.execute("INSERT INTO items SELECT seq, seq * 7 FROM seq_1_to_500");
      lock.execute("LOCK TABLES items WRITE");
      String url = DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), doltDb);
      CompletableFuture<Void> unlock = CompletableFuture.completedFuture(null);
      try (Connection app = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
        // the connect gave up waiting for the bootstrap (10 s); release the table a little after the drain starts
        unlock = CompletableFuture.runAsync(() -> {
          try {
            lock.execute("UNLOCK TABLES");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, CompletableFuture.delayedExecutor(RELEASE_AFTER_MILLIS, TimeUnit.MILLISECONDS));
        assertThat(DoltSync.awaitJournalDrained(app, Duration.ofSeconds(120))).as("journal drained").isZero();
        assertThat(unlock).as("the drain returned only after the bootstrap could read the table").isDone();
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
