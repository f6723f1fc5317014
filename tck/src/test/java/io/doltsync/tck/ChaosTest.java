package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chaos run (issue 8): concurrent writers, poison, writes that bypass doltsync on both sides, and the
 * applier and Dolt killed at random moments; afterwards one reconcile heals everything verify finds and
 * every transaction is in Dolt once (see {@link ChaosRun}). {@code -Dtck.chaosSeconds=3600} makes it a soak;
 * {@code -Dtck.seed=...} replays a run's choices (the threads' timing still varies).
 */
class ChaosTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#selected")
  void reconcileHealsWhatChaosLeavesAndEveryTransactionIsInDoltOnce(TckPrimary primaries) {
    run(primaries.primary());
  }

  /** The chaos run on one primary, bounded in time. */
  static void run(Primary primary) {
    long seed = TckSettings.seed();
    Duration chaos = Duration.ofSeconds(TckSettings.chaosSeconds());
    // no stall: the whole run, settling included, is bounded
    List<String> violations = assertTimeoutPreemptively(chaos.plus(Duration.ofMinutes(8)),
        () -> new ChaosRun(primary, seed, chaos).run(), () -> "chaos run on "
            + primary.name() + " did not end in time, seed " + seed);
    assertThat(violations).as("chaos on " + primary.name() + ", seed " + seed
        + " (-Dtck.seed=" + seed + " replays its choices)").isEmpty();
  }
}
