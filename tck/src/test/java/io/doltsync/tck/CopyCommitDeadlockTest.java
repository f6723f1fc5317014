package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: a transaction that copies tables whole at commit (here a procedure call, which copies every mirrored
 * table) while another writer of one of those tables waits for its row lock. Raw, the first commits and the second
 * goes on; a share lock on the copied table at commit would wait for the second writer, which waits for the first:
 * a deadlock only doltsync made. Both must commit, and Dolt must end equal to the primary.
 */
class CopyCommitDeadlockTest {

  @Test
  void aCopyAtCommitDoesNotWaitForAWriterThatWaitsForIt() throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (TckEnvironment environment = TckEnvironment.create(new PostgresPrimary(), DoltDatabase.fresh(), TckSettings.seed())) {
      Connection copier = environment.openDoltSync();
      Connection writer = environment.openDoltSync();
      environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
      copier.setAutoCommit(false);
      writer.setAutoCommit(false);
      execute(copier, "UPDATE item SET name = 'copier' WHERE id = 1");
      execute(writer, "INSERT INTO event_log (kind, ref, amount) VALUES ('writer', 1, 1.50)"); // holds event_log
      Future<?> waiting = thread.submit(() -> {
        execute(writer, "UPDATE item SET name = 'writer' WHERE id = 1"); // waits for the copier's row lock
        writer.commit();
        return null;
      });
      Thread.sleep(300);
      execute(copier, "CALL restock(2, 5)"); // copies every mirrored table at commit, event_log too
      copier.commit();
      waiting.get(60, TimeUnit.SECONDS);

      for (Connection connection : new Connection[] {copier, writer}) {
        connection.unwrap(DoltSyncConnection.class).awaitMirrored(TckEnvironment.MIRROR_TIMEOUT);
      }
      try (Connection observer = environment.openPrimary()) {
        MirrorChecks.awaitJournalDrained(environment, observer, TckEnvironment.MIRROR_TIMEOUT);
        assertThat(MirrorChecks.headDifferences(environment, observer)).as("Dolt's head against the primary").isEmpty();
      }
      environment.succeeded();
    } finally {
      thread.shutdownNow();
    }
  }

  private static Void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }
}
