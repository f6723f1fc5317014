package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dolt stopped under load and started again: the primary keeps committing while Dolt is away, and once
 * it is back the mirror catches up with every transaction, each exactly once.
 */
class DoltOutageTest {

  private static final int WRITERS = 2;
  private static final Duration BEFORE = Duration.ofSeconds(2);
  private static final Duration OUTAGE = Duration.ofSeconds(4);
  private static final Duration AFTER = Duration.ofSeconds(2);

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#concurrent")
  void theMirrorCatchesUpAfterDoltComesBack(TckPrimary primaries) throws Exception {
    run(primaries.primary());
  }

  /** The outage run on one primary. */
  static void run(Primary primary) throws Exception {
    long seed = TckSettings.seed();
    try (DoltProcess dolt = DoltProcess.start();
        TckEnvironment environment = TckEnvironment.create(primary, dolt.freshDatabase(), seed)) {
      FaultWorkload.createTables(environment.primary());
      try (FaultWriters writers = new FaultWriters(environment, WRITERS, seed, 0)) {
        environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
        writers.start();
        Thread.sleep(BEFORE.toMillis());
        dolt.stop();
        int beforeOutage = writers.committedCount();
        Thread.sleep(OUTAGE.toMillis());
        int duringOutage = writers.committedCount() - beforeOutage;
        dolt.restart();
        Thread.sleep(AFTER.toMillis());
        writers.stopAndAwaitMirrored(TckEnvironment.MIRROR_TIMEOUT);
        System.out.println("[tck] Dolt outage on " + primary.name() + ": " + writers.committedCount()
            + " transactions, " + duringOutage + " committed while Dolt was down, slowest commit "
            + writers.slowestCommit().toMillis() + " ms, seed " + seed + "\n" + writers.describeStatements());

        assertThat(duringOutage).as("transactions committed while Dolt was down").isGreaterThan(0);
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
}
