package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.doltsync.testing.DropDatabasesAfterClass;
import io.doltsync.testing.TestServers;
import io.doltsync.internal.versioning.LocalDoltServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pushing to a {@code dolt sql-server} serving remotesapi (the second test server): two pushers racing on one
 * remote branch, each non-fast-forward policy, {@code --force} only when asked, a sync that pushes after its
 * commit, and {@code --user} with the password in the pushing server's DOLT_REMOTE_PASSWORD.
 */
@ExtendWith(DropDatabasesAfterClass.class)
class DoltPushTest {

  /** A remote database with one commit, cloned twice into the main test server; returns {remote, a, b}. */
  private static String[] remoteAndTwoClones() throws SQLException {
    String remote = TestServers.createDoltRemoteDatabase("push");
    try (Connection r = TestServers.doltRemote(remote); Statement s = r.createStatement()) {
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, v VARCHAR(20))");
      s.execute("INSERT INTO items VALUES (1, 'one')");
      s.execute("CALL dolt_commit('-Am', 'first')");
    }
    String a = TestServers.uniqueName("pusha");
    String b = TestServers.uniqueName("pushb");
    try (Connection d = TestServers.dolt(); Statement s = d.createStatement()) {
      s.execute("CALL dolt_clone('" + TestServers.doltRemotesApiUrl(remote) + "', '" + a + "')");
      s.execute("CALL dolt_clone('" + TestServers.doltRemotesApiUrl(remote) + "', '" + b + "')");
    }
    return new String[] {remote, a, b};
  }

  private static void commit(String database, String sql) throws SQLException {
    try (Connection d = TestServers.dolt(database); Statement s = d.createStatement()) {
      s.execute(sql);
      s.execute("CALL dolt_commit('-am', 'local change')");
    }
  }

  private static String remoteItems(String remote) throws SQLException {
    try (Connection r = TestServers.doltRemote(remote)) {
      return String.join(",", SyncSource.rows(r, "SELECT CONCAT(id, '=', v) FROM items ORDER BY id"));
    }
  }

  @Test
  void aRacingPusherFailsWithTheHintOrMergesWhenAskedAndForcesOnlyWhenAsked() throws Exception {
    String[] dbs = remoteAndTwoClones();
    commit(dbs[1], "INSERT INTO items VALUES (2, 'from a')");
    commit(dbs[2], "INSERT INTO items VALUES (3, 'from b')");
    try (Connection a = TestServers.dolt(dbs[1])) {
      DoltPush.push(a, "origin", "main", null, false, DoltPush.OnReject.FAIL);
    }
    try (Connection b = TestServers.dolt(dbs[2])) {
      Throwable rejected = catchThrowable(() -> DoltPush.push(b, "origin", "main", null, false, DoltPush.OnReject.FAIL));
      assertThat(rejected).isInstanceOf(SQLException.class).hasMessageContaining("non-fast-forward")
          .hasMessageContaining("--on-reject merge").hasMessageContaining("--force");
      assertThat(((SQLException) rejected).getSQLState()).isEqualTo("40001");
      assertThat(remoteItems(dbs[0])).isEqualTo("1=one,2=from a");

      DoltPush.Result merged = DoltPush.push(b, "origin", "main", null, false, DoltPush.OnReject.MERGE);
      assertThat(merged.merges()).isEqualTo(1);
      assertThat(remoteItems(dbs[0])).isEqualTo("1=one,2=from a,3=from b");
    }

    commit(dbs[1], "UPDATE items SET v = 'a says' WHERE id = 1");
    try (Connection a = TestServers.dolt(dbs[1])) {
      DoltPush.push(a, "origin", "main", null, false, DoltPush.OnReject.MERGE);
    }
    commit(dbs[2], "UPDATE items SET v = 'b says' WHERE id = 1");
    try (Connection b = TestServers.dolt(dbs[2])) {
      String head = SyncSource.rows(b, "SELECT HASHOF('main')").get(0);
      Throwable conflict = catchThrowable(() -> DoltPush.push(b, "origin", "main", null, false, DoltPush.OnReject.MERGE));
      assertThat(conflict).isInstanceOf(SQLException.class).hasMessageContaining("conflict")
          .hasMessageContaining("nothing was pushed or merged");
      assertThat(SyncSource.rows(b, "SELECT HASHOF('main')")).containsExactly(head);
      assertThat(remoteItems(dbs[0])).startsWith("1=a says");

      DoltPush.push(b, "origin", "main", null, true, DoltPush.OnReject.FAIL);
      assertThat(remoteItems(dbs[0])).startsWith("1=b says");
    }
  }

  @Test
  void aSyncPushesAfterTheRunThatCommitted() throws Exception {
    String[] dbs = remoteAndTwoClones();
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(20))", "INSERT INTO orders VALUES (1, 'apple')");
    SyncOptions o = db.options();
    SyncOptions options = new SyncOptions(o.sourceUrl(), o.sourceUser(), o.sourcePassword(), TestServers.doltUrl(dbs[1]),
        "root", "", "main", List.of("*"), List.of(), Map.of(), SyncMode.SNAPSHOT, Map.of(), Map.of(), Map.of(), Set.of(),
        Duration.ZERO, Duration.ZERO, null, o.author(), 100);
    SyncService service = new SyncService(new SyncEngine(options), new SyncHealth(Duration.ofHours(1)),
        new SyncService.PushSettings("origin", null, null, false, DoltPush.OnReject.MERGE), "main");

    SyncReport report = service.runOnce(new SyncEngine.Listener() {});

    try (Connection r = TestServers.doltRemote(dbs[0])) {
      assertThat(SyncSource.rows(r, "SELECT HASHOF('main')")).containsExactly(report.commitHash());
      assertThat(SyncSource.rows(r, "SELECT item FROM orders")).containsExactly("apple");
    }
  }

  @Test
  void pushWithUserTakesThePasswordFromThePushingServersEnvironment() throws Exception {
    String remote = TestServers.createDoltRemoteDatabase("pushauth");
    String user = TestServers.uniqueName("pusher");
    String password = "pw-" + TestServers.uniqueName("x");
    try (Connection r = TestServers.doltRemote(remote); Statement s = r.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      s.execute("CALL dolt_commit('-Am', 'first')");
      s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
      s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'");
    }
    try (LocalDoltServer pushing = LocalDoltServer.start(Map.of("DOLT_REMOTE_PASSWORD", password), false)) {
      try (Connection root = pushing.connect(""); Statement s = root.createStatement()) {
        s.execute("CALL dolt_clone('--user', '" + user + "', '" + TestServers.doltRemotesApiUrl(remote) + "', 'local')");
      }
      try (Connection local = pushing.connect("local"); Statement s = local.createStatement()) {
        s.execute("INSERT INTO t VALUES (7)");
        s.execute("CALL dolt_commit('-am', 'seven')");
        DoltPush.push(local, "origin", "main", user, false, DoltPush.OnReject.FAIL);
      } finally {
        try (Connection r = TestServers.doltRemote(); Statement s = r.createStatement()) {
          s.execute("DROP USER '" + user + "'@'%'");
        }
      }
    }
    try (Connection r = TestServers.doltRemote(remote)) {
      assertThat(SyncSource.rows(r, "SELECT id FROM t")).containsExactly("7");
    }
  }
}
