package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A deadlock inside doltsync's own locking key query must reach the application. InnoDB rolls back the
 * whole victim transaction; had doltsync swallowed the error (and fallen back to a whole-table copy), the
 * application's statement would run in a fresh transaction and its commit would succeed without the
 * earlier writes: found by {@link DoltOutageTest} as markers missing from the primary.
 */
class DeadlockDuringCaptureTest {

  @Test
  void theVictimSeesTheDeadlockOrKeepsItsWholeTransaction() throws Exception {
    long seed = TckSettings.seed();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (TckEnvironment environment = TckEnvironment.create(new MariaDbPrimary(), DoltDatabase.fresh(), seed)) {
      Connection victim = environment.openDoltSync();
      environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
      Connection other = environment.openPrimary();
      victim.setAutoCommit(false);
      other.setAutoCommit(false);
      execute(victim, "INSERT INTO note (id, customer_id, body) VALUES (900, NULL, 'first write')");
      execute(other, "UPDATE stock SET qty = qty + 1 WHERE warehouse = 1");
      // a range UPDATE: doltsync first locks its rows with SELECT ... FOR UPDATE, which waits for `other`
      Future<?> rangeUpdate = thread.submit(() -> execute(victim, "UPDATE stock SET note = 'range' WHERE warehouse = 1"));
      Thread.sleep(500);
      try {
        execute(other, "UPDATE note SET body = 'other' WHERE id = 900");
        other.commit();
      } catch (SQLException otherWasTheVictim) {
        other.rollback();
      }
      try {
        rangeUpdate.get();
        victim.commit();
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(SQLException.class);
        assertThat(((SQLException) e.getCause()).getSQLState()).as("the deadlock the application sees").isEqualTo("40001");
        victim.rollback();
        environment.succeeded();
        return;
      }
      try (Statement statement = other.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM note WHERE id = 900")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the first write of a transaction whose commit succeeded").isEqualTo(1);
      }
      environment.succeeded();
    } finally {
      thread.shutdownNow();
    }
  }

  private static Void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
    return null;
  }
}
