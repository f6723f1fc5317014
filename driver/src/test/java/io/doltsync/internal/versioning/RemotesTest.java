package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.rows;
import static io.doltsync.internal.versioning.DoltFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remotes reach Dolt unchanged: clone from, push to, fetch and pull from the second test server, a
 * {@code dolt sql-server} serving remotesapi.
 */
class RemotesTest {

  private static String bootstrapDatabase;
  private static final List<String> LOCAL_DATABASES = new ArrayList<>();
  private static final List<String> REMOTE_DATABASES = new ArrayList<>();
  private final List<VersioningSession> sessions = new ArrayList<>();

  @BeforeAll
  static void createDatabase() throws Exception {
    bootstrapDatabase = TestServers.createDoltDatabase("vs_remotes");
    LOCAL_DATABASES.add(bootstrapDatabase);
  }

  @AfterEach
  void closeSessions() throws Exception {
    for (VersioningSession session : sessions) {
      session.close();
    }
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    try (Connection local = TestServers.dolt(); Connection remote = TestServers.doltRemote();
         Statement onLocal = local.createStatement(); Statement onRemote = remote.createStatement()) {
      for (String database : LOCAL_DATABASES) {
        onLocal.execute("DROP DATABASE " + database);
      }
      for (String database : REMOTE_DATABASES) {
        onRemote.execute("DROP DATABASE " + database);
      }
    }
  }

  @Test
  void cloneThenPushTheMirroredBranch() throws Exception {
    String origin = remoteDatabaseWithOrders();
    String local = cloneOf(origin);
    MirrorStandIn mirror = new MirrorStandIn(local);
    VersioningSession session = session(local, mirror);
    String mirrored = mirror.mirror("INSERT INTO orders VALUES (2, 'pear')");

    List<List<String>> pushed = rows(run(session, "CALL dolt_push('origin', 'main')"));

    assertThat(pushed.get(0).get(0)).isEqualTo("0");
    assertThat(remoteValue(origin, "SELECT HASHOF('main')")).isEqualTo(mirrored);
    assertThat(remoteValue(origin, "SELECT item FROM orders WHERE id = 2")).isEqualTo("pear");
  }

  @Test
  void remoteAddThenFetch() throws Exception {
    String origin = remoteDatabaseWithOrders();
    String local = cloneOf(origin);
    VersioningSession session = session(local, new MirrorStandIn(local));
    String feature = remoteCommitOnNewBranch(origin, "upstream_feature");

    run(session, "CALL dolt_remote('add', 'second', '" + TestServers.doltRemotesApiUrl(origin) + "')");
    run(session, "CALL dolt_fetch('second')");

    assertThat(rows(run(session, "SELECT name FROM dolt_remotes ORDER BY name")))
        .containsExactly(List.of("origin"), List.of("second"));
    assertThat(rows(run(session, "SELECT hash FROM dolt_remote_branches WHERE name = 'remotes/second/upstream_feature'")))
        .containsExactly(List.of(feature));
  }

  @Test
  void pullIntoAWorkBranchButNotIntoTheMirroredOne() throws Exception {
    String origin = remoteDatabaseWithOrders();
    String local = cloneOf(origin);
    VersioningSession session = session(local, new MirrorStandIn(local));
    String localMain = DoltFixture.value(run(session, "SELECT HASHOF('main')"));
    String remoteMain = remoteCommit(origin, "INSERT INTO orders VALUES (3, 'plum')");

    run(session, "CALL dolt_checkout('-b', 'work')");
    run(session, "CALL dolt_pull('origin', 'main')");
    assertThat(rows(run(session, "SELECT HASHOF('work'), HASHOF('main')")))
        .containsExactly(List.of(remoteMain, localMain));

    run(session, "CALL dolt_checkout('main')");
    assertThatThrownBy(() -> run(session, "CALL dolt_pull('origin', 'main')"))
        .isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("written only by doltsync's mirror");
  }

  @Test
  void nonFastForwardPushCarriesDoltsHintAndForceOverrides() throws Exception {
    String origin = remoteDatabaseWithOrders();
    String local = cloneOf(origin);
    MirrorStandIn mirror = new MirrorStandIn(local);
    VersioningSession session = session(local, mirror);
    remoteCommit(origin, "INSERT INTO orders VALUES (4, 'remote only')");
    String mirrored = mirror.mirror("INSERT INTO orders VALUES (5, 'local only')");

    assertThatThrownBy(() -> run(session, "CALL dolt_push('origin', 'main')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("non-fast-forward")
        .hasMessageContaining("hint: Updates were rejected because the tip of your current branch is behind");

    run(session, "CALL dolt_push('--force', 'origin', 'main')");
    assertThat(remoteValue(origin, "SELECT HASHOF('main')")).isEqualTo(mirrored);
  }

  private VersioningSession session(String database, PrimaryTransactions primary) {
    VersioningSession session = new VersioningSession(() -> TestServers.dolt(database), database, "main", primary);
    sessions.add(session);
    return session;
  }

  /** Clones a database of the remote server into a new database of the main server, through a session. */
  private String cloneOf(String origin) throws SQLException {
    String local = TestServers.uniqueName("vs_clone");
    VersioningSession bootstrap = session(bootstrapDatabase, new MirrorStandIn(bootstrapDatabase));
    run(bootstrap, "CALL dolt_clone('" + TestServers.doltRemotesApiUrl(origin) + "', '" + local + "')");
    LOCAL_DATABASES.add(local);
    return local;
  }

  private static String remoteDatabaseWithOrders() throws SQLException {
    String database = TestServers.createDoltRemoteDatabase("vs_origin");
    REMOTE_DATABASES.add(database);
    remoteCommit(database, "CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(40))",
        "INSERT INTO orders VALUES (1, 'apple')");
    return database;
  }

  private static String remoteCommit(String database, String... writes) throws SQLException {
    try (Connection remote = TestServers.doltRemote(database); Statement statement = remote.createStatement()) {
      for (String write : writes) {
        statement.execute(write);
      }
      return SqlRunner.value(remote, "CALL dolt_commit('-Am', 'on the remote')");
    }
  }

  private static String remoteCommitOnNewBranch(String database, String branch) throws SQLException {
    try (Connection remote = TestServers.doltRemote(database); Statement statement = remote.createStatement()) {
      statement.execute("CALL dolt_checkout('-b', '" + branch + "')");
      statement.execute("INSERT INTO orders VALUES (6, 'feature fruit')");
      return SqlRunner.value(remote, "CALL dolt_commit('-am', 'feature on the remote')");
    }
  }

  private static String remoteValue(String database, String sql) throws SQLException {
    try (Connection remote = TestServers.doltRemote(database)) {
      return SqlRunner.value(remote, sql);
    }
  }
}
