package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.capture.wal.WalCaptureValuesTest;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wal capture's exactly-once: the applier fails between a Dolt commit and the slot's confirmation (so the slot sends
 * the transaction again), or stops while transactions commit, at random points of a run of marker transactions;
 * afterwards Dolt holds every marker exactly once, one commit per transaction.
 */
class WalCrashTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private String schema;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    if (schema != null) {
      try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
        WalCaptureValuesTestAccess.dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void aCrashBetweenDoltCommitAndSlotConfirmationAppliesNothingTwiceAndLosesNothing() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    schema = TestServers.createPostgresSchema("pgwal_crash");
    dolt = DoltDatabases.newName("pgwal_crash");
    try (Connection raw = TestServers.postgres(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE marker (seq integer PRIMARY KEY, note text)");
      statement.execute("CREATE TABLE other (id integer)");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "wal");
    int markers = 60;
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
      Mirror mirror = ((MirrorSession) connection.unwrap(ConnectionWrapper.class).session()).mirror();
      WalApplier applier = mirror.walApplier();
      assertThat(applier).isNotNull();
      try (Statement statement = connection.createStatement()) {
        for (int seq = 1; seq <= markers; seq++) {
          int fault = random.nextInt(10);
          if (fault == 0) {
            applier.crashesBeforeConfirm.addAndGet(1 + random.nextInt(2));
          } else if (fault == 1) {
            applier.stop();
            statement.execute("INSERT INTO marker VALUES (" + (seq) + ", 'while stopped')");
            statement.execute("INSERT INTO other VALUES (" + seq + ")"); // another mirrored table: a commit too
            applier.start();
            seq++;
            if (seq > markers) {
              break;
            }
          }
          statement.execute("INSERT INTO marker VALUES (" + seq + ", 'm')");
          if (random.nextInt(5) == 0) {
            connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
          }
        }
      }
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    }
    try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement()) {
      List<Integer> inDolt = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SELECT seq FROM marker ORDER BY seq")) {
        while (rs.next()) {
          inDolt.add(rs.getInt(1));
        }
      }
      List<Integer> expected = new ArrayList<>();
      for (int seq = 1; seq <= markers; seq++) {
        expected.add(seq);
      }
      assertThat(inDolt).as("seed %d: markers in Dolt", seed).isEqualTo(expected);
      try (ResultSet rs = statement.executeQuery("SELECT to_seq, COUNT(*) FROM dolt_diff_marker"
          + " WHERE diff_type = 'added' GROUP BY to_seq HAVING COUNT(*) > 1")) {
        assertThat(rs.next()).as("seed %d: a marker added twice", seed).isFalse();
      }
      long primaryTransactions;
      try (Connection primary = TestServers.postgres(schema); Statement count = primary.createStatement();
          ResultSet rs = count.executeQuery("SELECT (SELECT count(*) FROM marker) + (SELECT count(*) FROM other)")) {
        rs.next();
        primaryTransactions = rs.getLong(1);
      }
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM dolt_log WHERE message LIKE '%Doltsync-Transaction: pg-%'")) {
        rs.next();
        assertThat(rs.getLong(1)).as("seed %d: one Dolt commit per primary transaction", seed)
            .isEqualTo(primaryTransactions);
      }
    }
  }

  @Test
  void walCaptureIsRefusedOnMariaDb() throws Exception {
    String database = TestServers.createMariadbDatabase("pgwal_refuse");
    String doltDatabase = DoltDatabases.newName("pgwal_refuse");
    try {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), doltDatabase),
          "doltsync.capture", "wal");
      assertThatThrownBy(() -> DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD).close())
          .isInstanceOf(SQLException.class).hasMessageContaining("PostgreSQL primaries only");
    } finally {
      TestServers.dropMariadbDatabase(database);
      DoltDatabases.drop(doltDatabase);
    }
  }

  /** The values test's slot clean-up, reached from this package. */
  private static final class WalCaptureValuesTestAccess {
    static void dropSlots(Connection server, String schema) throws SQLException {
      WalCaptureValuesTest.dropSlots(server, schema);
    }
  }
}
