package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The single-writer oracle against a primary you provide: extend this class in a test of your own project
 * (with the tck's test-jar on its test class path) and return your {@link Primary}. Every Dolt commit must hold,
 * {@code AS OF} that commit, the primary's state after the transaction it mirrors; every changing transaction
 * must be one commit. Knobs: {@code -Dtck.transactions} (default 2000), {@code -Dtck.seed}, {@code -Dtck.exclude}.
 */
public abstract class SingleWriterTck {

  /** The primary under test; called once per test. */
  protected abstract Primary primary();

  /** The run's transactions: {@code tck.transactions}, 2000 by default. */
  protected int transactions() {
    return TckSettings.transactions();
  }

  @Test
  public void everyDoltCommitHoldsThePrimaryStateAfterItsTransaction() throws Exception {
    RunSummary summary = new SingleWriterRun(primary(), transactions(), TckSettings.seed()).run();
    System.out.println(summary.describe());
    assertThat(summary.violations()).as(summary.failure()).isEmpty();
  }
}
