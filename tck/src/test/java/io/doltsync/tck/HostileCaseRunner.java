package io.doltsync.tck;

import io.doltsync.DoltSync;
import io.doltsync.MirrorHealth;
import io.doltsync.MirrorStatus;
import io.doltsync.ReconcileReport;
import io.doltsync.StatusReport;
import io.doltsync.VerifyReport;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link HostileCase} and checks that it had its expected {@link HostileOutcome} and no other: a refusal
 * leaves both databases as they were, a mirror equals the primary, a quarantine or a drift is healed by one
 * reconcile; and after every case the applier is alive and nothing is silently different.
 */
final class HostileCaseRunner {

  private final HostileWorld world;
  private final Map<String, Map<String, Integer>> refusals = new LinkedHashMap<>();

  HostileCaseRunner(HostileWorld world) {
    this.world = world;
  }

  /** Per class of input, how many refusals had each exception class and SQLState. */
  Map<String, Map<String, Integer>> refusals() {
    return refusals;
  }

  /** Runs the case; returns what went wrong (empty: it had its expected outcome). */
  List<String> run(HostileCase hostile) throws Exception {
    world.setUp(hostile.setup());
    List<String> violations = switch (hostile.expected()) {
      case REFUSED -> refused(hostile);
      case MIRRORED -> mirrored(hostile);
      case QUARANTINED -> quarantined(hostile);
      case DRIFT_HEALED -> driftHealed(hostile);
    };
    violations = new ArrayList<>(violations);
    violations.addAll(applierAlive());
    return violations.stream().map(v -> hostile.kind() + " [" + hostile.text() + "]: " + v).toList();
  }

  private List<String> refused(HostileCase hostile) throws Exception {
    Map<String, List<String>> primaryBefore = primaryRows(hostile);
    Map<String, List<String>> doltBefore = doltRows(hostile);
    String doltStateBefore = world.doltState();
    List<String> violations = new ArrayList<>();
    try {
      hostile.attack().run(world);
      violations.add("expected a refusal, but it was accepted");
    } catch (SQLException e) {
      if (e.getMessage() == null || e.getMessage().isBlank() || e.getSQLState() == null) {
        violations.add("refused without a clear message and SQLState: " + e);
      }
      refusals.computeIfAbsent(hostile.kind(), k -> new java.util.TreeMap<>())
          .merge(e.getClass().getSimpleName() + " " + e.getSQLState(), 1, Integer::sum);
    } finally {
      if (!world.app().getAutoCommit()) {
        world.app().rollback();
        world.app().setAutoCommit(true);
      }
    }
    world.doltSync().awaitMirrored(HostileWorld.TIMEOUT);
    if (!primaryRows(hostile).equals(primaryBefore)) {
      violations.add("primary changed: " + primaryBefore + " -> " + primaryRows(hostile));
    }
    if (!doltRows(hostile).equals(doltBefore)) {
      violations.add("Dolt changed: " + doltBefore + " -> " + doltRows(hostile));
    }
    String doltStateAfter = world.doltState();
    if (!doltStateAfter.equals(doltStateBefore)) {
      violations.add("Dolt's branch moved or its working set changed: " + doltStateBefore + " -> " + doltStateAfter);
    }
    return violations;
  }

  private List<String> mirrored(HostileCase hostile) throws Exception {
    hostile.attack().run(world);
    if (!world.app().getAutoCommit()) {
      world.app().setAutoCommit(true);
    }
    world.doltSync().awaitMirrored(HostileWorld.TIMEOUT);
    return differences(hostile);
  }

  private List<String> quarantined(HostileCase hostile) throws Exception {
    hostile.attack().run(world);
    List<String> violations = new ArrayList<>();
    StatusReport status = awaitQuarantine();
    if (status.quarantined() == 0) {
      violations.add("nothing quarantined within " + HostileWorld.TIMEOUT + ": " + status);
      return violations;
    }
    violations.addAll(healedByOneReconcile(hostile, "after the quarantine"));
    StatusReport after = DoltSync.status(world.app());
    if (!after.healthy()) {
      violations.add("reconcile left quarantined entries or diverged marks: " + after);
    }
    return violations;
  }

  private List<String> driftHealed(HostileCase hostile) throws Exception {
    hostile.attack().run(world);
    List<String> violations = new ArrayList<>();
    VerifyReport found = DoltSync.verify(world.app(), hostile.tables(), io.doltsync.VerifyProgress.NONE);
    List<String> differing = found.differingTables().stream().map(VerifyReport.TableReport::table).toList();
    if (!differing.stream().map(t -> t.toLowerCase()).toList()
        .containsAll(hostile.tables().stream().map(t -> t.toLowerCase()).toList())) {
      violations.add("verify did not find the drift: it named " + differing);
    }
    violations.addAll(healedByOneReconcile(hostile, "after the drift"));
    return violations;
  }

  private List<String> healedByOneReconcile(HostileCase hostile, String when) throws Exception {
    List<String> violations = new ArrayList<>();
    ReconcileReport healed = DoltSync.reconcile(world.app());
    if (healed.commitHash() == null || !healed.message().startsWith("Reconcile")) {
      violations.add("reconcile " + when + " made no Reconcile commit: " + healed);
    }
    VerifyReport again = DoltSync.verify(world.app(), hostile.tables(), io.doltsync.VerifyProgress.NONE);
    if (!again.inSync()) {
      violations.add("verify not clean after one reconcile " + when + ": " + again.differingTables());
    }
    violations.addAll(differences(hostile));
    return violations;
  }

  private StatusReport awaitQuarantine() throws Exception {
    long deadline = System.nanoTime() + HostileWorld.TIMEOUT.toNanos();
    StatusReport status = DoltSync.status(world.app());
    while (status.quarantined() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = DoltSync.status(world.app());
    }
    return status;
  }

  /** Differences between the primary and Dolt's head for the case's tables. */
  private List<String> differences(HostileCase hostile) {
    List<String> violations = new ArrayList<>();
    for (String table : hostile.tables()) {
      List<String> primary = world.primaryRows(table);
      List<String> dolt = world.doltRows(table);
      if (primary == null || !primary.equals(dolt)) {
        violations.add("table " + table + " differs: primary " + primary + ", Dolt " + dolt
            + (dolt == null ? " (Dolt's tables like it: " + world.doltTablesLike(table.substring(0, Math.min(3,
            table.length()))) + ")" : ""));
      }
    }
    return violations;
  }

  private List<String> applierAlive() {
    List<String> violations = new ArrayList<>();
    for (MirrorStatus mirror : DoltSync.mirrorStatus()) {
      if (mirror.health() == MirrorHealth.DOWN || !mirror.applierActive()) {
        violations.add("applier not running: " + mirror);
      }
    }
    return violations;
  }

  private Map<String, List<String>> primaryRows(HostileCase hostile) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    hostile.tables().forEach(t -> rows.put(t, world.primaryRows(t)));
    return rows;
  }

  private Map<String, List<String>> doltRows(HostileCase hostile) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    hostile.tables().forEach(t -> rows.put(t, world.doltRows(t)));
    return rows;
  }
}
