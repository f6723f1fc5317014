package io.doltsync.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The fault suites against a primary you provide (see {@link SingleWriterTck}): Dolt stopped under load, Dolt
 * killed while big transactions are applied, forged journal entries, the chaos run, and the application JVM
 * killed with its applier off and on. They start their own {@code dolt sql-server} processes (a {@code dolt}
 * binary on the PATH or in {@code ~/go/bin}) besides the shared Dolt server.
 */
public abstract class FaultTck {

  /** The primary under test; called once per test. */
  protected abstract Primary primary();

  /**
   * True when a second JVM can reach the primary's databases (false for in-memory ones). The application-crash
   * test then starts a JVM that creates the primary with its class's public no-argument constructor.
   */
  protected boolean reachableFromOtherProcesses() {
    return true;
  }

  @Test
  public void theMirrorCatchesUpAfterDoltComesBack() throws Exception {
    DoltOutageTest.run(primary());
  }

  @Test
  public void everyTransactionOnceAfterDoltDiesMidApply() throws Exception {
    DoltCrashDuringApplyTest.run(primary());
  }

  @Test
  public void poisonEntriesAreQuarantinedAndEveryTransactionIsMirroredExactlyOnce() throws Exception {
    PoisonEntryTest.run(primary());
  }

  @Test
  public void reconcileHealsWhatChaosLeavesAndEveryTransactionIsInDoltOnce() {
    ChaosTest.run(primary());
  }

  @Test
  public void everyCommittedTransactionSurvivesTheApplicationsDeathWithItsApplierOff() throws Exception {
    applicationCrash(false);
  }

  @Test
  public void everyCommittedTransactionSurvivesTheApplicationsDeathWithItsApplierOn() throws Exception {
    applicationCrash(true);
  }

  private void applicationCrash(boolean childApplies) throws Exception {
    assumeTrue(reachableFromOtherProcesses(), "the primary declares its databases unreachable from another JVM");
    Primary primary = primary();
    ApplicationCrashTest.run(primary, primary.getClass().getName(), childApplies);
  }
}
