package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
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
 * Binlog capture's refusal: a transaction the applier cannot apply (rows of a column DDL outside doltsync added, so
 * neither Dolt nor the applier knows it) makes every wait fail within seconds naming the transaction
 * ({@code mdb-<GTID>}) after 5 attempts; once Dolt is repaired and the applier can read the rows, it applies them.
 */
class BinlogRefusalTest {

  private String database;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    if (database != null) {
      TestServers.dropMariadbDatabase(database);
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void aTransactionDoltRefusesFailsWaitersAtOnceAndAppliesOnceRepaired() throws Exception {
    database = TestServers.createMariadbDatabase("binlog_refusal");
    dolt = DoltDatabases.newName("binlog_refusal");
    try (Connection raw = TestServers.mariadb(database); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE t (id integer PRIMARY KEY, v text)");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), dolt),
        "doltsync.capture", "binlog");
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO t VALUES (1, 'a')");
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      try (Connection raw = TestServers.mariadb(database); Statement plain = raw.createStatement()) {
        plain.execute("ALTER TABLE t ADD COLUMN w integer"); // not through doltsync: Dolt never learns of it
      }
      statement.execute("INSERT INTO t VALUES (2, 'b', 7)");
      long started = System.nanoTime();
      assertThatThrownBy(() -> connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(300)))
          .isInstanceOf(QuarantinedTransactionException.class)
          .hasMessageContaining("cannot apply transaction mdb-")
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
