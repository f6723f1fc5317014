package io.doltsync.samples.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The WildFly sample end to end: the WildFly the build unpacked from Maven Central and configured (doltsync's
 * module, LedgerDS and PaymentsXADS) is started, the ledger application deployed, and two tellers work through
 * HTTP with BASIC logins. Dolt must then hold one commit per committed transaction, authored by the logged-in
 * teller, in the Dolt database of each datasource the transaction wrote (a payment writes both: one global
 * transaction, XA plus the last resource), and nothing of the payment that was rolled back.
 *
 * <p>Opt-in, it needs the {@code wildfly} profile: {@code ./mvnw -pl samples/wildfly -am -Pwildfly test
 * -Dtest=WildFlySampleTest -Dsurefire.failIfNoSpecifiedTests=false}; and the Dolt test server (127.0.0.1:33307, or
 * {@code DOLTSYNC_DOLT_PORT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlySampleTest {

  private static final Duration DEPLOYMENT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration MIRROR_TIMEOUT = Duration.ofMinutes(2);

  private final String run = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Path home;
  private Path log;
  private Process server;
  private String base;

  @BeforeAll
  void startServerAndDeploy() throws Exception {
    home = Path.of(System.getProperty("wildfly.home"));
    Path exploded = Path.of(System.getProperty("wildfly.deployment"));
    assertThat(home.resolve("bin/standalone.sh")).as("WildFly, unpacked by the build (-Pwildfly)").exists();
    assertThat(home.resolve("modules/io/doltsync/main/doltsync-driver.jar")).as("doltsync's module").exists();
    assertThat(exploded.resolve("WEB-INF/classes")).as("the exploded application").exists();
    try (Connection dolt = dolt("")) {
      assertThat(dolt.isValid(5)).as("the Dolt test server at port %d", doltPort()).isTrue();
    }

    Path deployments = home.resolve("standalone/deployments");
    try (Stream<Path> old = Files.list(deployments)) {
      for (Path stale : old.filter(p -> p.getFileName().toString().startsWith("ledger.war")).toList()) {
        deleteTree(stale);
      }
    }
    copyTree(exploded, deployments.resolve("ledger.war"));
    Files.writeString(deployments.resolve("ledger.war.dodeploy"), "");

    int offset = freePortOffset();
    base = "http://127.0.0.1:" + (8080 + offset) + "/ledger/api/";
    log = home.resolve("standalone/log/sample-" + run + ".out");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
        "-Djboss.socket.binding.port-offset=" + offset, "-Djboss.bind.address=127.0.0.1",
        "-Djboss.bind.address.management=127.0.0.1", "-Ddoltsync.sample.run=" + run,
        "-Ddoltsync.sample.dolt=127.0.0.1:" + doltPort())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
    long began = System.nanoTime();
    server = builder.start();
    awaitDeployment(deployments);
    System.out.printf("WildFly started and deployed the ledger in %.1f s%n", (System.nanoTime() - began) / 1e9);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
      tree.forEach(ProcessHandle::destroy);
      server.destroy();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
      }
      for (ProcessHandle process : tree) {
        process.onExit().get(30, TimeUnit.SECONDS);
      }
    }
    try (Connection dolt = dolt(""); Statement sql = dolt.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS ledger_" + run);
      sql.execute("DROP DATABASE IF EXISTS payments_" + run);
    }
    if (home != null) {
      try (Stream<Path> files = Files.list(home.resolve("standalone/data"))) {
        for (Path file : files.filter(p -> p.getFileName().toString().contains("-" + run + ".")).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  void committedTransactionsBecomeDoltCommitsByTheLoggedInUserAndTheRolledBackPaymentNothing() throws Exception {
    assertThat(call("ann", "GET", "whoami", Map.of())).isEqualTo("200 ann");
    assertThat(call("eve", "GET", "whoami", Map.of())).as("an unknown user").startsWith("401");

    assertThat(call("ann", "POST", "accounts", Map.of("name", "ann", "balance", "100"))).isEqualTo("201 ann");
    assertThat(call("bob", "POST", "accounts", Map.of("name", "bob", "balance", "20"))).isEqualTo("201 bob");
    assertThat(call("bob", "POST", "payments", Map.of("payer", "bob", "payee", "ann", "amount", "15")))
        .isEqualTo("200 1");
    // XA payment row written, balances moved, then refused: rolled back in both databases
    assertThat(call("bob", "POST", "payments", Map.of("payer", "bob", "payee", "ann", "amount", "50")))
        .startsWith("409");
    assertThat(call("ann", "POST", "payments", Map.of("payer", "ann", "payee", "bob", "amount", "30")))
        .matches("200 \\d+");
    assertThat(call("ann", "GET", "accounts", Map.of())).isEqualTo("200 ann=85\nbob=35");

    // The last committed transaction reached Dolt, so every earlier one did (the mirror keeps the primary's order).
    List<String> ledgerLog = awaitRows("ledger_" + run, "SELECT committer, email FROM dolt_log "
        + "WHERE message LIKE '%Doltsync-Transaction:%' ORDER BY commit_order", rows -> rows.size() >= 5);
    List<String> paymentsLog = awaitRows("payments_" + run, "SELECT committer, email FROM dolt_log "
        + "WHERE message LIKE '%Doltsync-Transaction:%' ORDER BY commit_order", rows -> rows.size() >= 3);
    // ledger: the table, ann's account, bob's account, bob's payment, ann's payment
    assertThat(ledgerLog.subList(1, ledgerLog.size())).containsExactly(
        "ann|ann@ledger.example", "bob|bob@ledger.example", "bob|bob@ledger.example", "ann|ann@ledger.example");
    // payments: the table, bob's payment, ann's payment; the refused payment nowhere
    assertThat(paymentsLog.subList(1, paymentsLog.size())).containsExactly(
        "bob|bob@ledger.example", "ann|ann@ledger.example");
    assertThat(rows("ledger_" + run, "SELECT name, balance FROM accounts ORDER BY name"))
        .containsExactly("ann|85", "bob|35");
    assertThat(rows("payments_" + run, "SELECT payer, payee, amount FROM payments ORDER BY id"))
        .containsExactly("bob|ann|15", "ann|bob|30");
    assertThat(rows("ledger_" + run, "SELECT balance FROM accounts AS OF 'HEAD~1' WHERE name = 'ann'"))
        .as("ann's balance before her payment, from Dolt's history").containsExactly("115");
  }

  // ---- the server ----------------------------------------------------------------------------------

  private void awaitDeployment(Path deployments) throws Exception {
    long deadline = System.nanoTime() + DEPLOYMENT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(deployments.resolve("ledger.war.deployed"))) {
        return;
      }
      if (Files.exists(deployments.resolve("ledger.war.failed"))) {
        throw new AssertionError("the deployment failed: " + Files.readString(deployments.resolve("ledger.war.failed"))
            + "\n" + tail());
      }
      if (!server.isAlive()) {
        throw new AssertionError("WildFly exited with " + server.exitValue() + "\n" + tail());
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the ledger was not deployed within " + DEPLOYMENT_TIMEOUT + "\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** A WildFly port offset whose HTTP (8080) and management (9990) ports are free now. */
  private static int freePortOffset() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = 1000 + (int) (Math.random() * 20000);
      if (free(8080 + offset) && free(9990 + offset) && free(8443 + offset) && free(9993 + offset)) {
        return offset;
      }
    }
    throw new IOException("no free port offset for WildFly");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** An HTTP call as a logged-in user (password: the user's name + "-secret"): "status body". */
  private String call(String user, String method, String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    String credentials = Base64.getEncoder().encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + credentials);
    request = method.equals("GET") ? request.GET() : request.header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body().strip();
  }

  // ---- Dolt ------------------------------------------------------------------------------------------

  private static int doltPort() {
    String port = System.getenv("DOLTSYNC_DOLT_PORT");
    return port == null || port.isBlank() ? 33307 : Integer.parseInt(port.trim());
  }

  private static Connection dolt(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + doltPort() + "/" + database, "root", "");
  }

  private static List<String> rows(String database, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection dolt = dolt(database); Statement sql = dolt.createStatement(); ResultSet rs = sql.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static List<String> awaitRows(String database, String query, Predicate<List<String>> condition)
      throws Exception {
    long deadline = System.nanoTime() + MIRROR_TIMEOUT.toNanos();
    List<String> last = null;
    SQLException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = rows(database, query);
        if (condition.test(last)) {
          return last;
        }
      } catch (SQLException notYet) {
        lastError = notYet;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Dolt's " + database + " did not reach the expected state; last read: " + last, lastError);
  }

  // ---- files ---------------------------------------------------------------------------------------

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
