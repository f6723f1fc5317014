package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of the application between its primary commits and their mirroring: a child JVM commits
 * transactions through doltsync and is killed at a random point; another doltsync connection (here, in
 * the test JVM) must then mirror every transaction the child saw commit, each exactly once. With the
 * child's applier off, everything it committed is still in the journal when it dies; with it on, the
 * kill also lands inside applies (a Dolt commit made but its journal entry not yet deleted, ...).
 * H2 is left out: its in-memory database cannot be shared with a second process.
 */
class ApplicationCrashTest {

  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

  /** Every primary another process can reach, with the killed JVM's applier off and on. */
  static Stream<Arguments> cases() {
    return Primaries.sharedWithOtherProcesses().flatMap(p -> Stream.of(Arguments.of(p, false), Arguments.of(p, true)));
  }

  @ParameterizedTest(name = "{0}, applier in the killed JVM: {1}")
  @MethodSource("cases")
  void everyCommittedTransactionSurvivesTheApplicationsDeath(TckPrimary primaries, boolean childApplies) throws Exception {
    run(primaries.primary(), primaries.childArgument(), childApplies);
  }

  /**
   * The run on one primary. {@code primaryArgument} tells the child JVM which primary it writes to: a
   * {@link Primaries} name, or the class name of a {@link Primary} with a public no-argument constructor.
   */
  static void run(Primary primary, String primaryArgument, boolean childApplies) throws Exception {
    long seed = TckSettings.seed();
    Random random = new Random(seed);
    int killAfter = TckSettings.scaled(20 + random.nextInt(40));
    try (TckEnvironment environment = TckEnvironment.create(primary, DoltDatabase.fresh(), seed)) {
      FaultWorkload.createTables(environment.primary());
      try (Connection bootstrapping = environment.openDoltSync()) {
        environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
      }
      DoltSync.stopMirrors();

      Set<Integer> committed = new ConcurrentSkipListSet<>();
      Process child = startChild(environment, primaryArgument, childApplies, seed);
      try {
        awaitCommits(child, committed, killAfter);
        Thread.sleep(random.nextInt(40));
      } finally {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      System.out.println("[tck] application crash on " + primary.name() + " (applier in child: " + childApplies
          + "): killed after " + committed.size() + " reported commits, seed " + seed);

      environment.openDoltSync();
      List<String> violations = ExactlyOnceCheck.verify(environment, committed);
      if (violations.isEmpty()) {
        environment.succeeded();
      }
      assertThat(violations).as("seed " + seed).isEmpty();
    }
  }

  private static Process startChild(TckEnvironment environment, String primaryArgument, boolean applier, long seed)
      throws Exception {
    PrimaryDatabase database = environment.primary();
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashingApplication.class.getName(), primaryArgument,
        database.doltSyncUrl(), database.user(), database.password(), environment.dolt().targetUrl(),
        Boolean.toString(applier), Long.toString(seed))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /** Reads the child's reports until {@code count} commits were reported. */
  private static void awaitCommits(Process child, Set<Integer> committed, int count) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    Thread pump = new Thread(() -> {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.startsWith(CrashingApplication.COMMITTED)) {
            committed.add(Integer.parseInt(line.substring(CrashingApplication.COMMITTED.length()).trim()));
          }
        }
      } catch (Exception e) {
        // the child died: what it reported so far is what counts
      }
    }, "tck-child-output");
    pump.setDaemon(true);
    pump.start();
    long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
    while (committed.size() < count) {
      assertThat(child.isAlive()).as("the child application died by itself").isTrue();
      assertThat(System.nanoTime()).as("the child reported too few commits in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
