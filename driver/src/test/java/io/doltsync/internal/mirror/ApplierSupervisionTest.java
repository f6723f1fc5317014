package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.MirrorHealth;
import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.DropDatabasesAfterClass;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The applier survives any {@link Throwable}: an {@link Error} thrown while it applies an entry restarts it
 * after a back-off, and an entry that keeps killing it ends in quarantine while later entries are applied.
 * The applier is assembled here from its real parts (H2 primary, Dolt test server), with a Dolt writer that
 * throws where the test says.
 */
@ExtendWith(DropDatabasesAfterClass.class)
class ApplierSupervisionTest {

  private final PrimaryKind kind = PrimaryKind.H2;
  private PrimaryKind.Space space;
  private String doltDatabase;
  private Applier applier;

  @AfterEach
  void cleanUp() throws SQLException {
    if (applier != null) {
      applier.stop();
    }
    if (doltDatabase != null) {
      DoltDatabases.drop(doltDatabase);
    }
    if (space != null) {
      space.close();
    }
  }

  @Test
  void anErrorWhileApplyingRestartsTheApplierAndTheEntryIsStillMirrored() throws Exception {
    AtomicInteger errors = new AtomicInteger();
    MirrorMetrics metrics = startApplier(change -> errors.getAndIncrement() == 0);

    commit("INSERT INTO items VALUES (1, 'one')");
    commit("INSERT INTO items VALUES (2, 'two')");

    awaitDoltRows("1 one;2 two;", Duration.ofSeconds(60));
    assertThat(errors.get()).isGreaterThan(1);
    assertThat(metrics.getApplierRestarts()).isEqualTo(1);
    assertThat(metrics.getQuarantinedEntries()).isZero();
    assertThat(metrics.getHealth()).isEqualTo(MirrorHealth.HEALTHY);
  }

  @Test
  void anEntryThatKeepsKillingTheApplierIsQuarantinedAndLaterEntriesAreApplied() throws Exception {
    MirrorMetrics metrics = startApplier(change -> change.upserts().stream()
        .anyMatch(row -> Arrays.asList(row).contains("boom")));

    commit("INSERT INTO items VALUES (1, 'boom')");
    commit("INSERT INTO items VALUES (2, 'two')");

    awaitDoltRows("2 two;", Duration.ofSeconds(60));
    assertThat(metrics.getApplierRestarts()).isEqualTo(Applier.Settings.DEFAULT.quarantineAfterAttempts());
    assertThat(metrics.getQuarantinedEntries()).isEqualTo(1);
    assertThat(metrics.getHealth()).isEqualTo(MirrorHealth.DEGRADED);
    assertThat(metrics.getLastError()).contains("OutOfMemoryError", "tables items");
    try (Connection raw = space.connect()) {
      QuarantineTable quarantine = new QuarantineTable(SourceDialects.forUrl(space.url()), "doltsync_journal");
      assertThat(quarantine.divergedTables(raw)).containsOnlyKeys("items");
      assertThat(quarantine.quarantined(raw)).singleElement()
          .satisfies(q -> assertThat(q.error()).contains("OutOfMemoryError"));
    }
  }

  @Test
  void anEntryThatKillsTheApplierInsideAGroupCommitIsAppliedAloneThenQuarantined() throws Exception {
    MirrorMetrics metrics = startApplier(change -> change.upserts().stream()
        .anyMatch(row -> Arrays.asList(row).contains("boom")), CommitPolicy.grouping(10));
    applier.stop();
    // a backlog the restarted applier takes as one group
    commit("INSERT INTO items VALUES (1, 'one')");
    commit("INSERT INTO items VALUES (2, 'boom')");
    commit("INSERT INTO items VALUES (3, 'three')");
    applier.start();
    applier.wake();

    awaitDoltRows("1 one;3 three;", Duration.ofSeconds(90));
    assertThat(metrics.getQuarantinedEntries()).isEqualTo(1);
    // the group's failure restarted the applier once; the entry alone then failed its own attempts
    assertThat(metrics.getApplierRestarts()).isEqualTo(1 + Applier.Settings.DEFAULT.quarantineAfterAttempts());
    try (Connection raw = space.connect()) {
      QuarantineTable quarantine = new QuarantineTable(SourceDialects.forUrl(space.url()), "doltsync_journal");
      assertThat(quarantine.quarantined(raw)).singleElement()
          .satisfies(q -> assertThat(q.error()).contains("OutOfMemoryError"));
    }
  }

  @Test
  void anInterruptOfTheApplierThreadDoesNotEndMirroring() throws Exception {
    MirrorMetrics metrics = startApplier(change -> false);
    commit("INSERT INTO items VALUES (1, 'one')");
    awaitDoltRows("1 one;", Duration.ofSeconds(60));

    // found by the chaos run: an interrupt made the idle applier leave its loop for good, silently
    Thread thread = applierThread();
    for (int i = 0; i < 3; i++) {
      thread.interrupt();
      Thread.sleep(100);
    }
    commit("INSERT INTO items VALUES (2, 'two')");

    awaitDoltRows("1 one;2 two;", Duration.ofSeconds(60));
    assertThat(applierThread()).isSameAs(thread);
    assertThat(metrics.getApplierRestarts()).isZero();
    assertThat(metrics.getHealth()).isEqualTo(MirrorHealth.HEALTHY);
  }

  @Test
  void whileDoltIsUnreachableCommitsDoNotCutTheBackOffShort() throws Exception {
    int deadPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    doltDatabase = DoltDatabases.newName("supervised");
    MirrorMetrics metrics = startApplier(change -> false, CommitPolicy.onePerTransaction(),
        "jdbc:mariadb://127.0.0.1:" + deadPort + "/" + doltDatabase);
    long before = metrics.getApplyFailures();
    long started = System.nanoTime();
    for (int i = 1; i <= 30; i++) {
      commit("INSERT INTO items VALUES (" + i + ", 'x')");
      Thread.sleep(100);
    }
    long attempts = metrics.getApplyFailures() - before;
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    // the back-off doubles from 100 ms to 5 s: 5 attempts in the first 3.1 s, 7 in 11 s; before, every
    // commit woke the applier into one more attempt (30 here)
    assertThat(attempts).as("connection attempts in %d s with 30 commits", seconds).isBetween(1L, 3L + seconds);
    assertThat(metrics.getHealth()).isEqualTo(MirrorHealth.DOWN);
  }

  private Thread applierThread() {
    String name = "doltsync-applier-" + doltDatabase + "-main";
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
        .findFirst().orElseThrow(() -> new AssertionError("no live thread " + name));
  }

  private MirrorMetrics startApplier(Predicate<TableChange> fails) throws Exception {
    return startApplier(fails, CommitPolicy.onePerTransaction());
  }

  /** Starts an applier whose Dolt writer throws an {@link OutOfMemoryError} for the changes {@code fails} picks. */
  private MirrorMetrics startApplier(Predicate<TableChange> fails, CommitPolicy policy) throws Exception {
    doltDatabase = DoltDatabases.newName("supervised");
    return startApplier(fails, policy, TestServers.doltUrl(doltDatabase));
  }

  /** Starts an applier writing {@code targetUrl}; see {@link #startApplier(Predicate, CommitPolicy)}. */
  private MirrorMetrics startApplier(Predicate<TableChange> fails, CommitPolicy policy, String targetUrl)
      throws Exception {
    space = kind.createSpace("supervised");
    if (doltDatabase == null) {
      doltDatabase = DoltDatabases.newName("supervised");
    }
    try (Connection app = DriverManager.getConnection(appUrl(), kind.credentials());
        Statement statement = app.createStatement()) {
      statement.execute("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))");
    }
    Properties options = new Properties();
    options.setProperty("doltsync.target", targetUrl);
    DoltSyncConfig config = DoltSyncConfig.resolve(options, Map.of());
    DoltTarget target = DoltTarget.from(config, space.name());
    SourceDialect dialect = SourceDialects.forUrl(space.url());
    JournalTable journal = new JournalTable(dialect, "doltsync_journal");
    DoltWriter realWriter = new DoltWriter(dialect, false);
    EntryWriter failing = new EntryWriter() {
      @Override
      public void reset() {
        realWriter.reset();
      }

      @Override
      public void apply(Connection dolt, TableChange change) throws SQLException {
        if (fails.test(change)) {
          throw new OutOfMemoryError("simulated: a row too large for the heap");
        }
        realWriter.apply(dolt, change);
      }

      @Override
      public String commit(Connection dolt, String message, String authorName, String authorEmail, Instant date,
          boolean allowEmpty) throws SQLException {
        return realWriter.commit(dolt, message, authorName, authorEmail, date, allowEmpty);
      }
    };
    MirrorMetrics metrics = new MirrorMetrics();
    applier = new Applier(target, space::connect, new JournalReader(journal, new QuarantineTable(dialect,
        journal.name())), failing, policy,
        new Bootstrap(dialect, new TableFilter(List.of(), List.of(), journal.name()), journal, realWriter,
            new ValueCheck(dialect, false, ValueCheck.Policy.ERROR), "test:1",
            new PrimaryIdentity("h2:mem:" + space.name(), false, target)),
        metrics, new CommitWaiters(), Applier.Settings.DEFAULT);
    applier.start();
    applier.awaitFirstCycle(Duration.ofSeconds(60));
    return metrics;
  }

  /** A doltsync URL whose JVM applies nothing itself: the hand-assembled applier does. */
  private String appUrl() {
    return DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDatabase), "doltsync.applier", "false");
  }

  private void commit(String sql) throws SQLException {
    try (Connection app = DriverManager.getConnection(appUrl(), kind.credentials());
        Statement statement = app.createStatement()) {
      statement.executeUpdate(sql);
    }
    applier.wake();
  }

  private void awaitDoltRows(String expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String rows = "";
    while (System.nanoTime() < deadline) {
      rows = doltRows();
      if (rows.equals(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(rows).isEqualTo(expected);
  }

  private String doltRows() throws SQLException {
    StringBuilder rows = new StringBuilder();
    try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT id, note FROM items ORDER BY id")) {
        while (rs.next()) {
          rows.append(rs.getInt(1)).append(' ').append(rs.getString(2)).append(';');
        }
      } catch (SQLException e) {
        return "(no table yet: " + e.getMessage() + ")";
      }
    }
    return rows.toString();
  }
}
