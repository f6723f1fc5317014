package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint of a sync service in every state, over HTTP: starting, healthy, source down, Dolt down,
 * lagging; and the interval loop going on after failures.
 */
class SyncHealthTest {

  @org.junit.jupiter.api.AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private record Answer(int code, String body) {}

  private static Answer get(HealthServer server, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private static SyncOptions pointing(SyncOptions o, String sourceUrl, String target) {
    return new SyncOptions(sourceUrl, o.sourceUser(), o.sourcePassword(), target, o.targetUser(), o.targetPassword(),
        o.branch(), List.of("*"), List.of(), Map.of(), SyncMode.SNAPSHOT, Map.of(), Map.of(), Map.of(), Set.of(),
        Duration.ZERO, Duration.ZERO, null, o.author(), 100);
  }

  @Test
  void reportsStartingHealthySourceDownDoltDownAndLagging() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    SyncHealth health = new SyncHealth(Duration.ofSeconds(60)); // a run on a loaded machine may take seconds
    try (HealthServer server = HealthServer.start(0, health)) {
      Answer starting = get(server, "/health");
      assertThat(starting.code()).isEqualTo(503);
      assertThat(starting.body()).contains("\"status\":\"starting\"").contains("\"last_run\":null");
      assertThat(get(server, "/live").code()).isEqualTo(200);

      SyncService good = new SyncService(new SyncEngine(db.options()), health, null, "main");
      SyncReport report = good.runOnce(new SyncEngine.Listener() {});
      Answer healthy = get(server, "/health");
      assertThat(healthy.code()).isEqualTo(200);
      assertThat(healthy.body()).contains("\"status\":\"healthy\"").contains("\"commit\":\"" + report.commitHash() + "\"")
          .contains("\"t\":{\"mode\":\"snapshot\",\"rows_read\":2,\"added\":2,\"modified\":0,\"deleted\":0,"
              + "\"missing_copied\":0}")
          .contains("\"last_error\":null");

      SyncService sourceDown = new SyncService(new SyncEngine(pointing(db.options(), "jdbc:mariadb://127.0.0.1:1/none",
          db.doltUrl())), health, null, "main");
      assertThat(catchThrowable(() -> sourceDown.runOnce(new SyncEngine.Listener() {}))).isInstanceOf(SyncFailure.class);
      Answer noSource = get(server, "/health");
      assertThat(noSource.code()).isEqualTo(503);
      assertThat(noSource.body()).contains("\"status\":\"source down\"").contains("cannot reach the source")
          .doesNotContain(db.options().sourcePassword() + "\"");

      SyncService doltDown = new SyncService(new SyncEngine(pointing(db.options(), db.url(),
          "jdbc:mariadb://127.0.0.1:1/nowhere")), health, null, "main");
      assertThat(catchThrowable(() -> doltDown.runOnce(new SyncEngine.Listener() {}))).isInstanceOf(SyncFailure.class);
      assertThat(get(server, "/health").body()).contains("\"status\":\"dolt down\"").contains("cannot reach Dolt");

      good.runOnce(new SyncEngine.Listener() {});
      assertThat(get(server, "/health").body()).contains("\"status\":\"healthy\"").contains("\"runs\":4");
      java.time.Instant later = java.time.Instant.now().plusSeconds(61);
      assertThat(health.status(later)).isEqualTo(SyncHealth.Status.LAGGING);
      assertThat(health.json(later)).contains("\"status\":\"lagging\"");
    }
  }

  /**
   * Over HTTP, with real time passing: a refused run reports {@code failing} (503), a good run afterwards
   * {@code healthy} (200), and once its snapshot is older than the maximum lag, {@code lagging} (503).
   */
  @Test
  void failingThenHealthyThenLaggingOverHttpAsTimePasses() throws Exception {
    SyncSource db = SyncSource.postgres();
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a')");
    SyncHealth health = new SyncHealth(Duration.ofSeconds(2));
    try (HealthServer server = HealthServer.start(0, health)) {
      SyncOptions o = db.options();
      SyncOptions refusedOptions = new SyncOptions(o.sourceUrl(), o.sourceUser(), o.sourcePassword(), o.target(),
          o.targetUser(), o.targetPassword(), o.branch(), List.of("*"), List.of(), Map.of(), SyncMode.SNAPSHOT,
          Map.of("t", SyncMode.INCREMENTAL), Map.of(), Map.of(), Set.of(), Duration.ZERO, Duration.ZERO, null, o.author(), 100);
      SyncService refused = new SyncService(new SyncEngine(refusedOptions), health, null, "main");
      assertThat(catchThrowable(() -> refused.runOnce(new SyncEngine.Listener() {}))).isInstanceOf(SyncFailure.class);
      Answer failing = get(server, "/health");
      assertThat(failing.code()).isEqualTo(503);
      assertThat(failing.body()).contains("\"status\":\"failing\"").contains("needs a cursor column");

      new SyncService(new SyncEngine(db.options()), health, null, "main").runOnce(new SyncEngine.Listener() {});
      Answer healthy = get(server, "/health");
      assertThat(healthy.code()).isEqualTo(200);
      assertThat(healthy.body()).contains("\"status\":\"healthy\"");

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Answer lagging = get(server, "/health");
      while (lagging.code() == 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        lagging = get(server, "/health");
      }
      assertThat(lagging.code()).isEqualTo(503);
      assertThat(lagging.body()).contains("\"status\":\"lagging\"");
      assertThat(get(server, "/live").code()).isEqualTo(200);
    }
  }

  /** A run that found another sync holding the branch's lock is no failure: the status stays, the reason is shown. */
  @Test
  void aRunThatFoundTheLockHeldLeavesTheStatusAndShowsWhy() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
    SyncHealth health = new SyncHealth(Duration.ofMinutes(1));
    SyncService service = new SyncService(new SyncEngine(db.options().withLockWait(Duration.ZERO)), health, null, "main");
    service.runOnce(new SyncEngine.Listener() {});
    try (var other = db.dolt(); var statement = other.createStatement()) {
      statement.executeQuery("SELECT GET_LOCK('" + SyncLock.name(db.doltDatabase(), "main") + "', 0)").close();
      Throwable busy = catchThrowable(() -> service.runOnce(new SyncEngine.Listener() {}));
      assertThat(busy).isInstanceOf(SyncFailure.class);
      assertThat(((SyncFailure) busy).side()).isEqualTo(SyncFailure.Side.BUSY);
    }
    String json = health.json(java.time.Instant.now());
    assertThat(json).contains("\"status\":\"healthy\"").contains("\"failures\":0").contains("another sync is running");
  }

  @Test
  void theIntervalLoopRunsAgainAfterAFailure() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
    SyncHealth health = new SyncHealth(Duration.ofMinutes(1));
    SyncService service = new SyncService(new SyncEngine(db.options()), health, null, "main");
    Thread loop = new Thread(() -> service.runForever(Duration.ofMillis(200), new SyncEngine.Listener() {}));
    loop.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!health.json(java.time.Instant.now()).contains("\"runs\":3") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      db.execute("INSERT INTO t VALUES (2)");
      while (!db.doltRows("SELECT COUNT(*) FROM t").equals(List.of("2")) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      loop.interrupt();
      loop.join(30_000);
    }
    assertThat(health.json(java.time.Instant.now())).contains("\"status\":\"healthy\"");
    assertThat(db.doltRows("SELECT COUNT(*) FROM t")).containsExactly("2");
    assertThat(db.doltCommits()).isEqualTo(3);
  }
}
