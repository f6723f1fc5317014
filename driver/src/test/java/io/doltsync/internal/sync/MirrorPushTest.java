package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DropDatabasesAfterClass;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver's mirror pushes its branch to a Dolt remote after {@code doltsync.pushEvery} applied commits. */
@ExtendWith(DropDatabasesAfterClass.class)
class MirrorPushTest {

  @Test
  void theMirrorPushesAfterEveryNAppliedCommits() throws Exception {
    String remote = TestServers.createDoltRemoteDatabase("mirrorpush");
    String local = TestServers.uniqueName("mirrorpush");
    try (Connection d = TestServers.dolt(); Statement s = d.createStatement()) {
      s.execute("CALL dolt_clone('" + TestServers.doltRemotesApiUrl(remote) + "', '" + local + "')");
    }
    String primary = TestServers.createMariadbDatabase("mirrorpush");
    String url = "jdbc:doltsync:" + TestServers.mariadbUrl(primary).substring("jdbc:".length()) + "?doltsync.target="
        + TestServers.doltUrl(local) + "&doltsync.mode=sync&doltsync.push=origin&doltsync.pushEvery=3"
        + "&doltsync.pushInterval=0";
    try (Connection app = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement statement = app.createStatement()) {
      statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))");
      statement.execute("INSERT INTO notes VALUES (1, 'one')");
      Thread.sleep(1_500);
      try (Connection r = TestServers.doltRemote(remote)) {
        assertThat(SyncSource.rows(r, "SHOW TABLES")).as("two commits: not pushed yet").isEmpty();
      }
      statement.execute("INSERT INTO notes VALUES (2, 'two')");
      String head;
      try (Connection d = TestServers.dolt(local)) {
        head = SyncSource.rows(d, "SELECT HASHOF('main')").get(0);
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      List<String> remoteHead = List.of();
      while (System.nanoTime() < deadline) {
        try (Connection r = TestServers.doltRemote(remote)) {
          remoteHead = SyncSource.rows(r, "SELECT HASHOF('main')");
        }
        if (remoteHead.equals(List.of(head))) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(remoteHead).containsExactly(head);
      try (Connection r = TestServers.doltRemote(remote)) {
        assertThat(SyncSource.rows(r, "SELECT id, body FROM notes ORDER BY id")).containsExactly("1|one", "2|two");
      }
    } finally {
      io.doltsync.internal.mirror.MirrorRegistry.closeAll();
    }
  }
}
