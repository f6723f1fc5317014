package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dolt killed (SIGKILL) in the middle of applies: transactions are large, so an apply takes long enough
 * for a kill while the journal is non-empty to land inside one. After a restart the mirror holds every
 * transaction exactly once.
 */
class DoltCrashDuringApplyTest {

  private static final int BULK_ROWS = 3000;
  private static final int KILLS = 2;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#concurrent")
  void everyTransactionOnceAfterDoltDiesMidApply(TckPrimary primaries) throws Exception {
    run(primaries.primary());
  }

  /** The run on one primary: its Dolt killed twice while big transactions are applied. */
  static void run(Primary primary) throws Exception {
    long seed = TckSettings.seed();
    Random random = new Random(seed);
    try (DoltProcess dolt = DoltProcess.start();
        TckEnvironment environment = TckEnvironment.create(primary, dolt.freshDatabase(), seed)) {
      FaultWorkload.createTables(environment.primary());
      try (FaultWriters writers = new FaultWriters(environment, 1, seed, BULK_ROWS);
          Connection observer = environment.openPrimary()) {
        environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
        writers.start();
        for (int kill = 0; kill < KILLS; kill++) {
          awaitApplying(environment, observer);
          Thread.sleep(random.nextInt(300));
          dolt.kill();
          Thread.sleep(1000);
          dolt.restart();
        }
        Thread.sleep(1000);
        writers.stopAndAwaitMirrored(TckEnvironment.MIRROR_TIMEOUT);
        System.out.println("[tck] Dolt killed " + KILLS + " times during applies on " + primary.name() + ": "
            + writers.committedCount() + " transactions of " + BULK_ROWS + " rows, seed " + seed);
        List<String> violations = new ArrayList<>(ExactlyOnceCheck.verify(environment, writers.committed()));
        violations.addAll(writers.unexpectedErrors());
        if (violations.isEmpty()) {
          environment.succeeded();
          dolt.succeeded();
        }
        assertThat(violations).as("seed " + seed).isEmpty();
      }
    }
  }

  /** Waits until the applier has work: the journal is not empty. */
  private static void awaitApplying(TckEnvironment environment, Connection observer) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (MirrorChecks.pendingJournalRows(environment, observer) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the journal never held work for the applier");
      }
      Thread.sleep(20);
    }
  }
}
