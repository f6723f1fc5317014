package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
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
 * Binlog capture's exactly-once: the applier fails right after a Dolt commit (so it reads the transaction again
 * from the log after reconnecting), or stops while transactions commit (also before it applied any, resuming from
 * the bootstrap's position), at random points of a run of marker transactions; afterwards Dolt holds every marker
 * exactly once, one commit per transaction. Also: the refusals of a server or user binlog capture cannot use.
 */
class BinlogCrashTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

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
  void aCrashAfterTheDoltCommitAppliesNothingTwiceAndLosesNothing() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    database = TestServers.createMariadbDatabase("binlog_crash");
    dolt = DoltDatabases.newName("binlog_crash");
    try (Connection raw = TestServers.mariadb(database); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE marker (seq integer PRIMARY KEY, note text)");
      statement.execute("CREATE TABLE other (id integer)");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), dolt),
        "doltsync.capture", "binlog");
    int markers = 60;
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD)) {
      Mirror mirror = ((MirrorSession) connection.unwrap(ConnectionWrapper.class).session()).mirror();
      BinlogApplier applier = mirror.binlogApplier();
      assertThat(applier).isNotNull();
      // stopped before it applied anything: it resumes from the position the bootstrap read at
      applier.stop();
      applier.start();
      try (Statement statement = connection.createStatement()) {
        for (int seq = 1; seq <= markers; seq++) {
          int fault = random.nextInt(10);
          if (fault == 0) {
            applier.crashesAfterCommit.addAndGet(1 + random.nextInt(2));
          } else if (fault == 1) {
            applier.stop();
            statement.execute("INSERT INTO marker VALUES (" + seq + ", 'while stopped')");
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
      try (Connection primary = TestServers.mariadb(database); Statement count = primary.createStatement();
          ResultSet rs = count.executeQuery("SELECT (SELECT count(*) FROM marker) + (SELECT count(*) FROM other)")) {
        rs.next();
        primaryTransactions = rs.getLong(1);
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT COUNT(*) FROM dolt_log WHERE message LIKE '%Doltsync-Transaction: mdb-%'")) {
        rs.next();
        assertThat(rs.getLong(1)).as("seed %d: one Dolt commit per primary transaction", seed)
            .isEqualTo(primaryTransactions);
      }
    }
  }

  /**
   * The applier stopped while rows, a DDL statement through doltsync and rows of the new shape commit: once started
   * it reads the rows before the DDL with the schema Dolt's table still has (the primary's is the new one by then).
   */
  @Test
  void aBacklogAcrossDdlAppliesAfterARestart() throws Exception {
    database = TestServers.createMariadbDatabase("binlog_backlog");
    dolt = DoltDatabases.newName("binlog_backlog");
    try (Connection raw = TestServers.mariadb(database); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE t (id integer PRIMARY KEY, v varchar(10))");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), dolt),
        "doltsync.capture", "binlog");
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement statement = connection.createStatement()) {
      BinlogApplier applier = ((MirrorSession) connection.unwrap(ConnectionWrapper.class).session()).mirror()
          .binlogApplier();
      statement.execute("INSERT INTO t VALUES (1, 'a')");
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
      applier.stop();
      statement.execute("INSERT INTO t VALUES (2, 'b')");
      statement.execute("UPDATE t SET v = 'c' WHERE id = 1");
      statement.execute("ALTER TABLE t ADD COLUMN w integer DEFAULT 5");
      statement.execute("INSERT INTO t VALUES (3, 'd', 7)");
      statement.execute("ALTER TABLE t DROP COLUMN v");
      statement.execute("INSERT INTO t VALUES (4, 9)");
      applier.start();
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    }
    try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, w FROM t ORDER BY id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + ":" + rs.getInt(2));
      }
      assertThat(rows).containsExactly("1:5", "2:5", "3:7", "4:9");
    }
  }

  @Test
  void binlogCaptureIsRefusedOnPostgreSql() throws Exception {
    String schema = TestServers.createPostgresSchema("binlog_refuse");
    String doltDatabase = DoltDatabases.newName("binlog_refuse");
    try {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.withParameter(
          DoltSyncUrls.mirroring(TestServers.postgresUrl(), doltDatabase), "currentSchema", schema),
          "doltsync.capture", "binlog");
      assertThatThrownBy(() -> DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD).close())
          .isInstanceOf(SQLException.class).hasMessageContaining("MariaDB primaries only");
    } finally {
      try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      DoltDatabases.drop(doltDatabase);
    }
  }

  /** A user without REPLICATION SLAVE / CLIENT is refused, naming the privileges (on a server with the binlog on). */
  @Test
  void aUserWithoutReplicationPrivilegesIsRefusedNamingThem() throws Exception {
    database = TestServers.createMariadbDatabase("binlog_grants");
    dolt = DoltDatabases.newName("binlog_grants");
    String user = "binlog_nogrant_" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
    try (Connection server = TestServers.mariadb(); Statement statement = server.createStatement()) {
      statement.execute("CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY 'pw'");
      statement.execute("GRANT ALL PRIVILEGES ON " + database + ".* TO '" + user + "'@'127.0.0.1'");
    }
    try {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), dolt),
          "doltsync.capture", "binlog");
      assertThatThrownBy(() -> DriverManager.getConnection(url, user, "pw").close())
          .isInstanceOf(SQLException.class)
          .hasMessageMatching("(?s).*(REPLICATION SLAVE|log_bin is OFF).*");
    } finally {
      try (Connection server = TestServers.mariadb(); Statement statement = server.createStatement()) {
        statement.execute("DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
      }
    }
  }
}
