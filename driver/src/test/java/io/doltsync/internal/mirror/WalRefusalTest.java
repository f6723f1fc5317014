package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.capture.wal.WalCaptureValuesTest;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction the wal applier cannot apply (its rows need a column Dolt lacks: DDL ran on a plain connection)
 * is refused after a few attempts: the wait fails at once, long before its timeout, naming the transaction and the
 * failure; once Dolt is repaired the applier applies it and goes on by itself.
 */
public class WalRefusalTest {

  private String schema;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    if (schema != null) {
      try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
        WalCaptureValuesTest.dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void aTransactionDoltRefusesFailsWaitersAtOnceAndAppliesOnceRepaired() throws Exception {
    schema = TestServers.createPostgresSchema("pgwal2_refusal");
    dolt = DoltDatabases.newName("pgwal2_refusal");
    try (Connection raw = TestServers.postgres(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE t (id integer PRIMARY KEY, v text)");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "wal");
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO t VALUES (1, 'a')");
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      try (Connection raw = TestServers.postgres(schema); Statement plain = raw.createStatement()) {
        plain.execute("ALTER TABLE t ADD COLUMN w integer"); // not through doltsync: Dolt never learns of it
      }
      statement.execute("INSERT INTO t VALUES (2, 'b', 7)");
      long started = System.nanoTime();
      assertThatThrownBy(() -> connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(300)))
          .isInstanceOf(QuarantinedTransactionException.class)
          .hasMessageContaining("cannot apply transaction pg-")
          .hasMessageContaining("5 attempts");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused long before the wait's timeout")
          .isLessThan(Duration.ofSeconds(120));
      try (Connection doltConnection = TestServers.dolt(dolt); Statement repair = doltConnection.createStatement()) {
        repair.execute("ALTER TABLE `t` ADD COLUMN `w` integer");
        repair.execute("CALL DOLT_COMMIT('-Am', 'repair: the column the primary gained')");
      }
      awaitApplied(connection, Duration.ofSeconds(120));
      try (Connection doltConnection = TestServers.dolt(dolt); Statement select = doltConnection.createStatement();
          ResultSet rs = select.executeQuery("SELECT id, v, w FROM `t` ORDER BY id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getString(2)).isEqualTo("b");
        assertThat(rs.getInt(3)).isEqualTo(7);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  /** Waits until a wait no longer fails as refused (the applier retries the transaction every few seconds). */
  private static void awaitApplied(Connection connection, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
        return;
      } catch (QuarantinedTransactionException refused) {
        if (System.nanoTime() > deadline) {
          throw refused;
        }
        Thread.sleep(500);
      }
    }
  }
}
