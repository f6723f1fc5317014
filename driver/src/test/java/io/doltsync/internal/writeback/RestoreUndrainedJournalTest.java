package io.doltsync.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.WritebackOptions;
import io.doltsync.jdbc.DoltSyncDriver;
import io.doltsync.testing.CapturedOutput;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restore waits up to {@code doltsync.syncTimeout} for the journal to drain; when it does not (here: no applier
 * runs), the restore says so, as an {@link SQLTimeoutException} (HYT00) and a warning, and writes nothing on
 * either side. Once an applier drains the journal, the same restore runs.
 */
class RestoreUndrainedJournalTest {

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aRestoreWhoseJournalDoesNotDrainFailsWithATimeoutAndWritesNothing(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("wbdrain");
    try (PrimaryKind.Space space = kind.createSpace("wbdrain")) {
      String url = DoltSyncUrls.mirroring(space.url(), doltDb);
      String revision;
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE wb_items (id INT PRIMARY KEY, v INT)");
        statement.executeUpdate("INSERT INTO wb_items VALUES (1, 1)");
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        revision = head(doltDb);
      } finally {
        DoltSync.shutdown();
        DoltSyncDriver.register();
      }
      String withoutApplier = DoltSyncUrls.withParameter(DoltSyncUrls.withParameter(url, "doltsync.applier", "false"),
          "doltsync.syncTimeout", "1s");
      try (Connection app = DriverManager.getConnection(withoutApplier, kind.credentials());
          Statement statement = app.createStatement()) {
        statement.executeUpdate("UPDATE wb_items SET v = 2 WHERE id = 1");
        statement.executeUpdate("INSERT INTO wb_items VALUES (2, 2)");
        long commits = DoltDatabases.commitCount(doltDb);
        try (CapturedOutput output = CapturedOutput.start()) {
          long started = System.nanoTime();
          assertThatThrownBy(() -> DoltSync.restore(app, revision, WritebackOptions.DEFAULT))
              .isInstanceOf(SQLTimeoutException.class)
              .hasMessageContaining("doltsync.syncTimeout")
              .hasMessageContaining("2 committed transaction(s)")
              .hasMessageContaining("nothing was written")
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"));
          assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
          assertThat(output.text()).contains("WARN").contains("the journal did not drain within 1000 ms");
        }
        assertThat(QueryRows.rows(app, "SELECT id, v FROM wb_items ORDER BY id"))
            .isEqualTo(List.of(List.of("1", "2"), List.of("2", "2")));
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
      } finally {
        DoltSync.shutdown();
        DoltSyncDriver.register();
      }
      try (Connection app = DriverManager.getConnection(url, kind.credentials())) {
        DoltSync.restore(app, revision, WritebackOptions.DEFAULT);
        assertThat(QueryRows.rows(app, "SELECT id, v FROM wb_items ORDER BY id")).isEqualTo(List.of(List.of("1", "1")));
      } finally {
        DoltSync.shutdown();
        DoltSyncDriver.register();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static String head(String doltDb) throws SQLException {
    try (Connection dolt = TestServers.dolt(doltDb)) {
      return QueryRows.rows(dolt, "SELECT HASHOF('main')").get(0).get(0);
    }
  }
}
