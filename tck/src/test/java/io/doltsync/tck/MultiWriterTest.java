package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multi-writer oracle on every primary: concurrent writers of two application instances; Dolt ends
 * equal to the primary, every transaction once, every row's history in the primary's order.
 */
class MultiWriterTest {

  /** Transactions per writer at the default scale. */
  private static final int TRANSACTIONS_PER_WRITER = 100;
  /** Transactions per writer of the group-commit run (shorter: it checks the same invariants). */
  private static final int GROUPED_TRANSACTIONS_PER_WRITER = 40;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#concurrent")
  void concurrentWritersMirrorInThePrimarysOrder(TckPrimary primaries) throws Exception {
    RunSummary summary = new MultiWriterRun(primaries.primary(), TckSettings.scaled(TRANSACTIONS_PER_WRITER),
        TckSettings.seed()).run();
    System.out.println(summary.describe());
    assertThat(summary.violations()).as(summary.failure()).isEmpty();
  }

  /**
   * The same with group commit ({@code doltsync.groupCommit=20}): under the writers' backlog one Dolt commit
   * carries several transactions; Dolt still ends equal to the primary, every transaction once, and no row's
   * version goes back along the branch.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#concurrent")
  void concurrentWritersMirrorExactlyThroughGroupCommits(TckPrimary primaries) throws Exception {
    RunSummary summary = new MultiWriterRun(primaries.primary(), TckSettings.scaled(GROUPED_TRANSACTIONS_PER_WRITER),
        TckSettings.seed(), 20).run();
    System.out.println(summary.describe());
    assertThat(summary.violations()).as(summary.failure()).isEmpty();
  }
}
