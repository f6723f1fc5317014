package io.doltsync.internal.writeback;

import static io.doltsync.internal.writeback.WritebackTest.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.WritebackConflictException;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restore against concurrent writers, on each primary. A row that equals the revision at the restore's base
 * but was changed since (here out of band, so the timing is certain) is a conflict under the strict rule,
 * never left different; while a restore's transaction is open, a concurrent update of any row of the
 * restored table waits until it commits (or times out), and an insert under a new key waits on MariaDB
 * (gap locks) but not on PostgreSQL and H2, where it is the inserting transaction's own row: the restore
 * neither sees nor deletes it, and its Dolt commit holds the revision's rows plus that row.
 */
class RestoreConcurrencyTest {

  private static final String ROWS = "SELECT id, v FROM rc_item ORDER BY id";

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void restoreEndsAtTheRevisionOrReportsTheConcurrentChange(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("rc");
    try (PrimaryKind.Space space = kind.createSpace("rc")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Connection other = DriverManager.getConnection(url, kind.credentials());
          Connection inserter = DriverManager.getConnection(url, kind.credentials());
          Connection plain = space.connect();
          Connection dolt = TestServers.dolt(doltDb)) {
        try (Statement statement = app.createStatement()) {
          statement.execute("CREATE TABLE rc_item (id INT PRIMARY KEY, v INT)");
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
          values.add("(" + i * 10 + ", " + i + ")");
        }
        String c1 = transaction(app, "INSERT INTO rc_item VALUES " + String.join(", ", values));
        List<List<String>> atC1 = QueryRows.rows(app, ROWS);
        transaction(app, "UPDATE rc_item SET v = v + 1000 WHERE id <= 50", "DELETE FROM rc_item WHERE id = 60",
            "INSERT INTO rc_item VALUES (5, 5)");
        List<List<String>> changed = QueryRows.rows(app, ROWS);

        // a row the revision and the restore's base agree on, changed after the base was read: a conflict
        for (int id : new int[] {150, 400}) {
          execute(plain, "UPDATE rc_item SET v = -1 WHERE id = " + id);
          long commits = DoltDatabases.commitCount(doltDb);
          assertThatThrownBy(() -> DoltSync.restore(app, c1, WritebackOptions.DEFAULT))
              .isInstanceOfSatisfying(WritebackConflictException.class, e -> {
                assertThat(e.conflicts()).hasSize(1);
                assertThat(e.conflicts().get(0).key().toString()).isEqualTo("[" + id + "]");
                assertThat(String.valueOf(value(e.conflicts().get(0).current(), "v"))).isEqualTo("-1");
              });
          assertThat(DoltDatabases.commitCount(doltDb)).as("no commit").isEqualTo(commits);
          execute(plain, "UPDATE rc_item SET v = " + id / 10 + " WHERE id = " + id);
          assertThat(QueryRows.rows(app, ROWS)).as("nothing written").isEqualTo(changed);
        }
        // a row deleted, and one inserted, after the base: conflicts too
        execute(plain, "DELETE FROM rc_item WHERE id = 200");
        execute(plain, "INSERT INTO rc_item VALUES (1000, 7)");
        assertThatThrownBy(() -> DoltSync.restore(app, c1, WritebackOptions.DEFAULT))
            .isInstanceOfSatisfying(WritebackConflictException.class, e -> assertThat(e.conflicts())
                .extracting(c -> c.key().toString()).containsExactlyInAnyOrder("[200]", "[1000]"));
        execute(plain, "INSERT INTO rc_item VALUES (200, 20)");
        execute(plain, "DELETE FROM rc_item WHERE id = 1000");
        assertThat(QueryRows.rows(app, ROWS)).isEqualTo(changed);

        // inside an open transaction the restore's locks hold until commit
        app.setAutoCommit(false);
        WritebackReport restored = DoltSync.restore(app, c1, WritebackOptions.DEFAULT);
        assertThat(restored.conflictCount()).isZero();
        CompletableFuture<Void> update = CompletableFuture.runAsync(() -> write(other, "UPDATE rc_item SET v = v + 100 WHERE id = 300"));
        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> write(inserter, "INSERT INTO rc_item VALUES (7777, 1)"));
        boolean gapLocks = kind == PrimaryKind.MARIADB;
        if (!gapLocks) {
          insert.get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(1_500);
        assertThat(!update.isDone() || update.isCompletedExceptionally())
            .as("an update of a row the restore locked waits or times out").isTrue();
        if (gapLocks) {
          assertThat(insert.isDone()).as("MariaDB's gap locks keep a new key out").isFalse();
        }
        app.commit();
        app.setAutoCommit(true);
        String restoreCommit = app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        boolean updated = succeeded(update);
        insert.get(60, TimeUnit.SECONDS);

        List<List<String>> atRestore = QueryRows.rows(dolt, "SELECT id, v FROM rc_item AS OF '" + restoreCommit + "' ORDER BY id");
        List<List<String>> expected = new ArrayList<>(atC1);
        if (!gapLocks) {
          expected.add(List.of("7777", "1"));
        }
        assertThat(atRestore).as("the restore's commit: the revision's rows, plus a new key inserted beside it where"
            + " there are no gap locks").isEqualTo(expected);
        List<List<String>> finalRows = new ArrayList<>(atC1);
        if (updated) {
          finalRows.set(29, List.of("300", "130"));
        }
        finalRows.add(List.of("7777", "1"));
        assertThat(QueryRows.rows(app, ROWS)).as("the waiting update ran after the restore").isEqualTo(finalRows);
      } finally {
        DoltDatabases.drop(doltDb);
      }
    }
  }

  /** Runs one statement as a transaction of its own; a lock timeout surfaces as the future's failure. */
  private static void write(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean succeeded(CompletableFuture<Void> future) throws InterruptedException {
    try {
      future.get(60, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Object value(java.util.Map<String, Object> row, String column) {
    return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst().orElseThrow().getValue();
  }
}
