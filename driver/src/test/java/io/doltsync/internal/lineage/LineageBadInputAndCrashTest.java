package io.doltsync.internal.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.lineage.Lineage;
import io.doltsync.lineage.LineageScope;
import io.doltsync.lineage.LineageUnit;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.internal.mirror.MirrorSession;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input to lineage scopes, each class from a generator (names, unknown runs, commits Dolt does not
 * have, ends without a begin, a step recorded twice), and a scope a crashed job left running, which the
 * next start of its flow closes as failed. One MariaDB database and one Dolt database for the class.
 */
class LineageBadInputAndCrashTest {

  private static final int CASES = 12;
  private static String primary;
  private static String dolt;
  private static String url;

  @BeforeAll
  static void databases() throws SQLException {
    primary = TestServers.createMariadbDatabase("linbad");
    dolt = DoltDatabases.newName("linbad");
    url = DoltSyncUrls.mirroring(TestServers.mariadbUrl(primary), dolt);
    try (Connection c = open(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, price INT)");
      s.execute("INSERT INTO items VALUES (1, 1)");
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    DoltDatabases.drop(dolt);
    try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + primary);
    }
  }

  private static Connection open() throws SQLException {
    return DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
  }

  @Test
  void badNamesAreRefusedBeforeAnythingIsRecorded() throws SQLException {
    Random random = new Random(3);
    try (Connection c = open()) {
      for (int i = 0; i < CASES; i++) {
        String bad = switch (i % 4) {
          case 0 -> " ".repeat(random.nextInt(4));
          case 1 -> "step" + (char) random.nextInt(32) + "x";
          case 2 -> "x".repeat(LineageUnit.MAX_NAME_LENGTH + 1 + random.nextInt(50));
          default -> null;
        };
        int position = random.nextInt(3);
        String flow = position == 0 ? bad : "flow";
        String run = position == 1 ? bad : "run";
        String step = position == 2 ? bad : "step";
        assertThatThrownBy(() -> DoltSync.lineage(c, flow, run, step)).as("%s/%s/%s", flow, run, step)
            .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
      }
    }
  }

  @Test
  void aPinnedCommitDoltDoesNotHaveIsAClearError() throws SQLException {
    Random random = new Random(5);
    String alphabet = "0123456789abcdefghijklmnopqrstuv";
    try (Connection c = open()) {
      for (int i = 0; i < CASES; i++) {
        StringBuilder revision = new StringBuilder();
        switch (i % 3) {
          case 0 -> { // a well-formed hash that names no commit
            for (int j = 0; j < 32; j++) {
              revision.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
          }
          case 1 -> revision.append("no-such-branch-").append(random.nextInt(1_000_000));
          default -> revision.append("main~").append(1000 + random.nextInt(1000)); // beyond the history
        }
        LineageUnit unit = LineageUnit.of("pins", "run" + i, "step").pinnedTo(revision.toString());
        assertThatThrownBy(() -> DoltSync.lineage(c, unit)).as(revision.toString())
            .isInstanceOf(SQLException.class).hasMessageContaining("does not exist")
            .hasMessageContaining(revision.toString())
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
      }
    }
  }

  @Test
  void aReplayOfAnUnknownRunIsAClearError() throws SQLException {
    Random random = new Random(7);
    Lineage lineage = new Lineage(() -> TestServers.dolt(dolt));
    for (int i = 0; i < CASES; i++) {
      String run = "unknown-" + Long.toHexString(random.nextLong());
      assertThatThrownBy(() -> lineage.replay("flow", run, "step")).isInstanceOf(SQLException.class)
          .hasMessageContaining("nothing is recorded").hasMessageContaining(run)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }
  }

  @Test
  void endingWithoutABeginAndClosingOutOfOrderAreClearErrors() throws SQLException {
    Random random = new Random(11);
    try (Connection c = open()) {
      MirrorSession session = (MirrorSession) c.unwrap(ConnectionWrapper.class).session();
      assertThatThrownBy(() -> session.endLineage(false, null)).isInstanceOf(SQLException.class)
          .hasMessageContaining("no lineage scope is open")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
      for (int round = 0; round < 3; round++) {
        int depth = 2 + random.nextInt(3);
        List<LineageScope> scopes = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
          scopes.add(DoltSync.lineage(c, "nest" + round, "run", "level" + d));
        }
        for (int d = 0; d < depth - 1; d++) { // every scope but the innermost refuses to close
          LineageScope outer = scopes.get(d);
          assertThatThrownBy(outer::close).isInstanceOf(SQLException.class).hasMessageContaining("not the innermost")
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
        }
        for (int d = depth - 1; d >= 0; d--) {
          scopes.get(d).close();
        }
        assertThatThrownBy(() -> session.endLineage(false, null)).isInstanceOf(SQLException.class);
      }
    }
  }

  @Test
  void aStepRecordedOnceCannotBeRecordedAgain() throws SQLException {
    try (Connection c = open()) {
      DoltSync.lineage(c, "once", "r1", "load").close();
      assertThatThrownBy(() -> DoltSync.lineage(c, "once", "r1", "load")).isInstanceOf(SQLException.class)
          .hasMessageContaining("already recorded")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23000"));
      LineageScope open = DoltSync.lineage(c, "once", "r2", "load");
      try (Connection other = open()) {
        assertThatThrownBy(() -> DoltSync.lineage(other, "once", "r2", "load")).isInstanceOf(SQLException.class)
            .hasMessageContaining("already open")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
      }
      open.close();
    }
  }

  @Test
  void aScopeACrashedJobLeftRunningIsClosedAsFailedOnTheNextStart() throws SQLException {
    Lineage lineage = new Lineage(() -> TestServers.dolt(dolt));
    try (Connection c = open()) {
      Mirror mirror = ((MirrorSession) c.unwrap(ConnectionWrapper.class).session()).mirror();
      // what a job that crashed in its step leaves behind: its scope journaled as running by another process
      String crashed = mirror.journalInternal(List.of(LineageTables.runChange(LineageUnit.of("nightly", "r1", "load"),
          LineageTables.RUNNING, "other-host:4242", Instant.now(), null, null, null)), "crashed job's begin", null);
      mirror.awaitTransaction(crashed, Duration.ofSeconds(60));
      assertThat(lineage.state("nightly", "r1", "load")).isEqualTo("running");
      try (LineageScope next = DoltSync.lineage(c, "nightly", "r2", "load")) {
        assertThat(next.isOpen()).isTrue();
      }
    }
    assertThat(lineage.state("nightly", "r1", "load")).isEqualTo("failed");
    assertThat(lineage.state("nightly", "r2", "load")).isEqualTo("completed");
    try (Connection d = TestServers.dolt(dolt); Statement s = d.createStatement();
        var rs = s.executeQuery("SELECT error FROM " + LineageTables.RUNS + " WHERE run_id = 'r1'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).contains("crashed job").contains("nightly/r2/load");
    }
  }
}
