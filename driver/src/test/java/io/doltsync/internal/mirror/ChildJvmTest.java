package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only a JVM of its own can show: the applier drains the journal when the JVM exits
 * ({@code doltsync.drainOnShutdown}), and a transaction far larger than the heap commits and is mirrored
 * exactly (the journal is streamed in and out in chunks). The application is {@link ChildApplication}.
 */
class ChildJvmTest {

  /**
   * A 16 MB BLOB and 20,000 rows in one transaction under a 128 MB heap by default (Dolt's apply of the rows
   * dominates the test's time); issue 8's figures with {@code -Ddoltsync.test.bigRows=200000
   * -Ddoltsync.test.bigHeap=256m}.
   */
  private static final int BIG_ROWS = Integer.getInteger("doltsync.test.bigRows", 20_000);
  private static final int BLOB_BYTES = Integer.getInteger("doltsync.test.blobBytes", 16_000_000);
  private static final String BIG_HEAP = System.getProperty("doltsync.test.bigHeap", "128m");

  private final PrimaryKind kind = PrimaryKind.MARIADB;
  private PrimaryKind.Space space;
  private String doltDatabase;

  @AfterEach
  void cleanUp() throws SQLException {
    if (doltDatabase != null) {
      DoltDatabases.drop(doltDatabase);
    }
    if (space != null) {
      space.close();
    }
  }

  @Test
  void theApplierDrainsTheBacklogWhenTheJvmExits() throws Exception {
    int count = 100;
    prepare("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))");

    List<String> drained = runChild(List.of(), "backlog", "180s", Integer.toString(count));
    long pendingAtExit = reported(drained, "PENDING");
    assertThat(pendingAtExit).as("the child left a backlog when it returned from main").isPositive();
    assertThat(journalRows()).as("journal rows after the child exited").isZero();
    assertThat(doltCount("items")).isEqualTo(count);
    System.out.println("ChildJvmTest: drained a backlog of " + pendingAtExit + " entries at JVM exit");
  }

  @Test
  void withoutDrainingTheBacklogWaitsInTheJournal() throws Exception {
    int count = 100;
    prepare("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))");

    List<String> output = runChild(List.of(), "backlog", "0", Integer.toString(count));
    long pendingAtExit = reported(output, "PENDING");
    assertThat(pendingAtExit).isPositive();
    assertThat(journalRows()).as("journal rows after the child exited").isPositive();
    assertThat(doltCount("items")).isLessThan(count);
  }

  @Test
  void aTransactionLargerThanTheHeapAllowsCommitsAndIsMirroredExactly() throws Exception {
    prepare("CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(20))", "CREATE TABLE blobs (id INT PRIMARY KEY, data LONGBLOB)");

    List<String> output = runChild(List.of("-Xmx" + BIG_HEAP), "big", "30s", Integer.toString(BIG_ROWS),
        Integer.toString(BLOB_BYTES));
    assertThat(output).contains("COMMITTED");
    assertThat(output).anySatisfy(line -> assertThat(line).startsWith("MIRRORED "));
    assertThat(doltCount("big")).isEqualTo(BIG_ROWS);
    try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(CAST(SUBSTRING(v, 2) AS SIGNED)) FROM big"
          + " WHERE v = CONCAT('v', id)")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(BIG_ROWS);
        assertThat(rs.getLong(2)).isEqualTo((long) BIG_ROWS * (BIG_ROWS + 1) / 2);
      }
      try (ResultSet rs = statement.executeQuery("SELECT data FROM blobs WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        byte[] expected = new byte[BLOB_BYTES];
        new Random(42).nextBytes(expected);
        assertThat(sha256(rs.getBytes(1))).isEqualTo(sha256(expected));
      }
    }
    assertThat(journalRows()).isZero();
  }

  /** Creates the tables through doltsync and lets this JVM's applier bootstrap Dolt, then stops it. */
  private void prepare(String... ddl) throws Exception {
    space = kind.createSpace("childjvm");
    doltDatabase = DoltDatabases.newName("childjvm");
    try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
        kind.credentials()); Statement statement = app.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }
    MirrorRegistry.closeAll();
  }

  private List<String> runChild(List<String> jvmOptions, String mode, String drain, String... args) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", ChildApplication.class.getName(), mode,
        DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDatabase), "doltsync.drainOnShutdown", drain),
        space.url(), kind.user(), kind.password()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.out.println("[child] " + line);
        lines.add(line);
      }
    }
    assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as("child exit status; output: %s", lines).isZero();
    return lines;
  }

  private static long reported(List<String> lines, String key) {
    return lines.stream().filter(l -> l.startsWith(key + " ")).mapToLong(l -> Long.parseLong(l.substring(key.length() + 1)))
        .findFirst().orElseThrow(() -> new AssertionError("the child did not report " + key + ": " + lines));
  }

  private long journalRows() throws SQLException {
    try (Connection raw = space.connect(); Statement statement = raw.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM doltsync_journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long doltCount(String table) throws SQLException {
    try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
