package io.doltsync.tck;

import io.doltsync.DoltSync;
import io.doltsync.ReconcileReport;
import io.doltsync.StatusReport;
import io.doltsync.VerifyReport;
import io.doltsync.internal.mirror.ApplierControl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One chaos run on one primary: writers, out-of-band writers and the chaos monkey run together for a while
 * against a {@code dolt sql-server} of the run's own; then, once the journal drained, {@code verify} must see
 * every drift an independent reading sees, one {@code reconcile} must heal it, and a second {@code verify}
 * must find nothing, with the quarantine and diverged marks cleared and every transaction in Dolt once.
 */
final class ChaosRun {

  static final int WRITERS = 3;
  /** How long the end may take at most: writers finishing, the journal draining, verify and reconcile. */
  static final Duration SETTLE = Duration.ofSeconds(120);

  private final Primary primary;
  private final long seed;
  private final Duration chaos;

  ChaosRun(Primary primary, long seed, Duration chaos) {
    this.primary = primary;
    this.seed = seed;
    this.chaos = chaos;
  }

  /** Runs it; returns the violations (empty when the mirror held), after printing the summary. */
  List<String> run() throws Exception {
    ChaosSummary summary = new ChaosSummary();
    summary.primary = primary.name();
    summary.seed = seed;
    summary.chaos = chaos;
    List<String> violations = new ArrayList<>();
    ChaosLedger ledger = new ChaosLedger();
    try (DoltProcess dolt = DoltProcess.start();
        TckEnvironment environment = TckEnvironment.create(primary, dolt.freshDatabase(), seed)) {
      ChaosSchema.createTables(environment.primary());
      try (ChaosWriters writers = new ChaosWriters(environment, WRITERS, seed, ledger)) {
        environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
        ChaosSchema.addDoltOnlyRule(environment.dolt());
        Connection application = writers.connection();
        ApplierControl applier = ApplierControl.of(application);
        OutOfBandWriters outOfBand = new OutOfBandWriters(environment, seed);
        ChaosMonkey monkey = new ChaosMonkey(environment, dolt, applier, seed ^ primary.name().hashCode());
        writers.start(applier::queueDepth);
        outOfBand.start();
        monkey.start();
        Thread.sleep(chaos.toMillis());
        monkey.stop();
        outOfBand.stop();
        writers.stop(SETTLE);
        violations.addAll(writers.violations());
        long settled = System.nanoTime();

        try (Connection observer = environment.openPrimary()) {
          try {
            MirrorChecks.awaitJournalDrained(environment, observer, SETTLE);
          } catch (AssertionError stalled) {
            throw new AssertionError(stalled.getMessage() + "; the mirror: " + applier.describe(), stalled);
          }
          summary.drain = Duration.ofNanos(System.nanoTime() - settled);
          long healing = System.nanoTime();
          ChaosChecks.Quarantine quarantined = ChaosChecks.quarantine(environment, observer);
          VerifyReport before = DoltSync.verify(application);
          violations.addAll(ChaosChecks.driftSeenByVerify(environment, before));
          ReconcileReport healed = DoltSync.reconcile(application, before);
          VerifyReport after = DoltSync.verify(application);
          StatusReport status = DoltSync.status(application);
          summary.heal = Duration.ofNanos(System.nanoTime() - healing);
          if (!after.inSync()) {
            violations.add("verify after reconcile still finds differences: " + after.differingTables());
          }
          if (status.quarantined() != 0 || !status.divergedTables().isEmpty()) {
            violations.add("after reconcile the quarantine still holds " + status.quarantined()
                + " entries, diverged tables " + status.divergedTables());
          }
          violations.addAll(statusThroughSql(application));
          violations.addAll(MirrorChecks.headDifferences(environment, observer));
          violations.addAll(workingSetClean(environment));
          violations.addAll(ChaosChecks.exactlyOnce(environment, ledger, quarantined, monkey.forged(), summary));

          summary.committed = ledger.committed().size();
          summary.poisoned = ledger.poisoned().size();
          summary.rolledBack = ledger.rolledBackCount();
          summary.refusedAtCommit = ledger.refusedAtCommitCount();
          summary.quarantinedEntries = quarantined.entries();
          summary.quarantinedApplicationEntries = quarantined.markerByTransaction().size();
          summary.forgedRows = monkey.forged().size();
          summary.driftTables = before.differingTables().size();
          summary.driftRows = before.tables().stream().mapToLong(VerifyReport.TableReport::differingRows).sum();
          summary.applierRestarts = applier.restarts();
          summary.faults = monkey.counts().toString();
          summary.outOfBand = outOfBand.describe();
          summary.reconcileMessage = healed.message().isEmpty() ? "nothing to reconcile" : healed.message();
        }
        System.out.println(summary);
        System.out.println("    statements:\n" + writers.describeStatements());
        if (ledger.refusedAtCommitCount() == 0 && writers.storesUnstorableValues() && summary.committed > 200) {
          violations.add("no transaction with a value Dolt cannot store was tried: the run proves nothing of it");
        }
        if (violations.isEmpty()) {
          environment.succeeded();
          dolt.succeeded();
        }
      }
    }
    return violations;
  }

  /** What the application sees through SQL once everything is healed: {@code CALL DOLTSYNC_STATUS()}. */
  private static List<String> statusThroughSql(Connection application) throws SQLException {
    try (Statement statement = application.createStatement();
        ResultSet rs = statement.executeQuery("CALL DOLTSYNC_STATUS()")) {
      if (!rs.next()) {
        return List.of("CALL DOLTSYNC_STATUS() returned no row");
      }
      if (!rs.getBoolean("healthy") || rs.getLong("quarantined") != 0
          || !(rs.getString("diverged_tables") == null || rs.getString("diverged_tables").isEmpty())) {
        return List.of("CALL DOLTSYNC_STATUS() after reconcile: healthy " + rs.getBoolean("healthy") + ", quarantined "
            + rs.getLong("quarantined") + ", diverged tables '" + rs.getString("diverged_tables") + "'");
      }
      return List.of();
    }
  }

  /** The branch's working set holds nothing uncommitted once everything is healed. */
  private static List<String> workingSetClean(TckEnvironment environment) throws SQLException {
    try (Connection dolt = environment.dolt().connect(); Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT table_name, status FROM dolt_status")) {
      List<String> dirty = new ArrayList<>();
      while (rs.next()) {
        dirty.add(rs.getString(1) + " " + rs.getString(2));
      }
      return dirty.isEmpty() ? List.of() : List.of("Dolt's working set is not clean after reconcile: " + dirty);
    }
  }
}
