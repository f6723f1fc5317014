package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.doltsync.testing.TestServers;
import org.junit.jupiter.api.Test;

/**
 * Two syncs into one Dolt database and branch never interleave: the second waits for the first (up to
 * {@code lockWait}) or fails as busy; a sync process that dies holding the lock (SIGKILL) releases it.
 */
class SyncLockTest {

  @org.junit.jupiter.api.AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  @Test
  void aSecondProcessWaitsOrFailsAsBusyAndAKilledHolderReleasesTheLock() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    long commitsBefore = db.doltCommits();
    Process holder = holder(db);
    try {
      awaitHolding(holder);

      SyncFailure busy = catchThrowableOfType(
          () -> new SyncEngine(db.options().withLockWait(Duration.ofSeconds(1))).run(new SyncEngine.Listener() {}),
          SyncFailure.class);
      assertThat(busy.side()).isEqualTo(SyncFailure.Side.BUSY);
      assertThat(busy.getSQLState()).isEqualTo("HYT00");
      assertThat(busy.getMessage()).contains("another sync is running into branch 'main'")
          .contains("--lock-wait 1s");
      assertThat(db.doltCommits()).isEqualTo(commitsBefore);

      CompletableFuture<SyncReport> waiting = CompletableFuture.supplyAsync(() -> {
        try {
          return new SyncEngine(db.options().withLockWait(Duration.ofSeconds(90))).run(new SyncEngine.Listener() {});
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(1_500);
      assertThat(waiting).as("the second run waits while the first holds the lock").isNotDone();
      Instant killed = Instant.now();
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      SyncReport report = waiting.get(120, TimeUnit.SECONDS);
      assertThat(report.snapshotTime()).isAfter(killed);
      assertThat(report.commitHash()).isNotNull();
      assertThat(db.doltCommits()).isEqualTo(commitsBefore + 1);
      assertThat(db.doltRows("SELECT id, v FROM t ORDER BY id")).containsExactly("1|a", "2|b");
      assertThat(db.doltRows("SELECT committer FROM dolt_log LIMIT 1")).containsExactly("Sync Test");
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void twoConcurrentRunsCommitOneAfterTheOther() throws Exception {
    SyncSource db = SyncSource.postgres();
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a')");
    new SyncEngine(db.options()).run(new SyncEngine.Listener() {});
    db.execute("UPDATE t SET v = 'b' WHERE id = 1");
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Instant> firstWentOn = new java.util.concurrent.atomic.AtomicReference<>();
    CompletableFuture<SyncReport> first = CompletableFuture.supplyAsync(() -> run(db, new SyncEngine.Listener() {
      @Override
      public void rows(String table, long done, long total) {
        firstInside.countDown();
        try {
          secondStarted.await(30, TimeUnit.SECONDS);
          Thread.sleep(1_000); // the second run is now in GET_LOCK
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        firstWentOn.set(Instant.now());
      }
    }));
    assertThat(firstInside.await(60, TimeUnit.SECONDS)).isTrue();
    db.execute("UPDATE t SET v = 'c' WHERE id = 1");
    CompletableFuture<SyncReport> second = CompletableFuture.supplyAsync(() -> {
      secondStarted.countDown();
      return run(db, new SyncEngine.Listener() {});
    });
    SyncReport a = first.get(120, TimeUnit.SECONDS);
    SyncReport b = second.get(120, TimeUnit.SECONDS);

    assertThat(b.snapshotTime()).as("the second run read its snapshot after the first went on to commit")
        .isAfter(firstWentOn.get());
    assertThat(a.commitHash()).isNotNull();
    assertThat(b.commitHash()).isNotNull();
    assertThat(db.doltRows("SELECT v FROM t AS OF '" + a.commitHash() + "'")).containsExactly("b");
    assertThat(db.doltRows("SELECT v FROM t AS OF '" + b.commitHash() + "'")).containsExactly("c");
    assertThat(db.doltRows("SELECT parent_hash FROM dolt_commit_ancestors WHERE commit_hash = '" + b.commitHash() + "'"))
        .containsExactly(a.commitHash());
  }

  private static SyncReport run(SyncSource db, SyncEngine.Listener listener) {
    try {
      return new SyncEngine(db.options()).run(listener);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Process holder(SyncSource db) throws Exception {
    return SyncHoldingTheLock.start(db);
  }

  private static void awaitHolding(Process holder) throws Exception {
    SyncHoldingTheLock.awaitHolding(holder);
  }
}
