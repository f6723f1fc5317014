package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The multi-writer oracle against a primary you provide (see {@link SingleWriterTck}): three writers of one
 * application instance with an applier and one of a second instance, on overlapping keys. Dolt must end equal
 * to the primary, with every transaction once and every row's history in the primary's order. Scaled by
 * {@code -Dtck.transactions} (100 transactions per writer at the default 2000).
 */
public abstract class MultiWriterTck {

  private static final int TRANSACTIONS_PER_WRITER = 100;

  /** The primary under test; called once per test. */
  protected abstract Primary primary();

  @Test
  public void concurrentWritersMirrorInThePrimarysOrder() throws Exception {
    RunSummary summary = new MultiWriterRun(primary(), TckSettings.scaled(TRANSACTIONS_PER_WRITER), TckSettings.seed()).run();
    System.out.println(summary.describe());
    assertThat(summary.violations()).as(summary.failure()).isEmpty();
  }
}
