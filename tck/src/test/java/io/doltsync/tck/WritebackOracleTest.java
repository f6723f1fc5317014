package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write-back oracle on every primary: random transactions, then random reverts (strict and cell-wise),
 * restores and publishes while a second application connection keeps writing the same rows. After each
 * write-back the Dolt commit that mirrors it must hold exactly the state the operation defines, computed
 * here from Dolt {@code AS OF} reads of its parent commit and of the revisions involved; the write-back
 * must be exactly one commit; a conflict must leave no commit. {@code -Dtck.writebackOps} (default
 * {@value WritebackOracleRun#DEFAULT_OPERATIONS}) sets the number of write-backs per primary.
 */
class WritebackOracleTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#selected")
  void everyWritebackCommitHoldsTheStateItsOperationDefines(TckPrimary primaries) throws Exception {
    int operations = Integer.getInteger("tck.writebackOps", WritebackOracleRun.DEFAULT_OPERATIONS);
    WritebackOracleRun run = new WritebackOracleRun(primaries.primary(), operations, TckSettings.seed());
    WritebackOracleRun.Summary summary = run.run();
    System.out.println(summary);
    assertThat(summary.violations()).as(summary.toString()).isEmpty();
    assertThat(summary.applied()).as("write-backs that made a commit").isPositive();
  }
}
