package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-writer oracle on every primary: for every Dolt commit, the state {@code AS OF} that commit
 * equals the primary's state after the transaction it mirrors. MariaDB also runs through mysql-connector-j
 * (as the primary's driver and Dolt's client), with a fifth of the transactions (enough for every statement kind
 * the generator offers to succeed at least once; a tenth missed TRUNCATE with some seeds once the workload grew).
 */
class SingleWriterTest {

  private static final int CONNECTOR_J_TRANSACTIONS = TckSettings.DEFAULT_TRANSACTIONS / 5;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#singleWriter")
  void everyDoltCommitHoldsThePrimaryStateAfterItsTransaction(TckPrimary primaries) throws Exception {
    // the driver variant (MariaDB again, through mysql-connector-j) runs a fifth of the transactions
    int transactions = primaries.is(Primaries.MARIADB_CONNECTORJ) ? TckSettings.scaled(CONNECTOR_J_TRANSACTIONS)
        : TckSettings.transactions();
    RunSummary summary = new SingleWriterRun(primaries.primary(), transactions, TckSettings.seed()).run();
    System.out.println(summary.describe());
    assertThat(summary.violations()).as(summary.failure()).isEmpty();
  }
}
