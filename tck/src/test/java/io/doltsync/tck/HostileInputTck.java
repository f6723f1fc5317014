package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite (issue 8) against a primary you provide, through doltsync's public API only (a
 * {@code jdbc:doltsync:} URL, {@code DoltSyncConnection}, {@code DoltSync} verify/reconcile/status) plus plain
 * connections to the primary and to Dolt. One seeded generator per class of bad input: SQL that looks like
 * Dolt's, writes of the mirrored branch, values Dolt cannot store, odd names, commit metadata, writes that bypass
 * doltsync, a value only Dolt refuses. Each case must end in exactly its one allowed {@link HostileOutcome}:
 * refused before the primary commits with both databases unchanged, mirrored faithfully, quarantined and healed
 * by one reconcile, or (for bypassing writes) found by verify and healed by one reconcile. A hang (bounded
 * here), a dead applier or a silent divergence fails. {@code -Dtck.hostileCases=N} sets the cases per class
 * (default 12), {@code -Dtck.seed=S} replays a run.
 */
public abstract class HostileInputTck {

  private static final Duration BOUND = Duration.ofMinutes(10);

  /** The primary under test; called once per test. */
  protected abstract Primary primary();

  @Test
  public void everyHostileInputIsRefusedMirroredOrQuarantinedAndHealed() {
    run(primary());
  }

  /** The run on one primary, bounded in time. */
  static void run(Primary primary) {
    long seed = TckSettings.seed();
    List<String> violations = assertTimeoutPreemptively(BOUND, () -> new HostileInputRun(primary, seed).run(),
        () -> "hostile inputs on " + primary.name() + " did not end within " + BOUND + ", seed " + seed);
    assertThat(violations).as("hostile inputs on " + primary.name() + ", seed " + seed + " (-Dtck.seed=" + seed
        + " replays it)").isEmpty();
  }
}
