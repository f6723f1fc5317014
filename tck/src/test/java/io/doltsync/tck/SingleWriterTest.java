package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-writer oracle on every primary: for every Dolt commit, the state {@code AS OF} that commit
 * equals the primary's state after the transaction it mirrors.
 */
class SingleWriterTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#singleWriter")
  void everyDoltCommitHoldsThePrimaryStateAfterItsTransaction(Primaries primaries) throws Exception {
    RunSummary summary = new SingleWriterRun(primaries.primary(), TckSettings.transactions(), TckSettings.seed()).run();
    System.out.println(summary.describe());
    assertThat(summary.violations()).as(summary.failure()).isEmpty();
  }
}
