package io.doltsync.tck;

import io.doltsync.DoltSync;
import io.doltsync.StatusReport;
import io.doltsync.VerifyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hostile-input run on one primary: every generator's cases, each checked for its one allowed outcome
 * ({@link HostileCaseRunner}), then a final {@code verify} of every mirrored table that must be clean with
 * nothing quarantined. Prints, per class of input, how many cases ended in each outcome.
 */
final class HostileInputRun {

  /** Cases per class of bad input ({@code -Dtck.hostileCases}, default 12). */
  static final int CASES = Integer.getInteger("tck.hostileCases", 12);

  private final Primary primary;
  private final long seed;

  HostileInputRun(Primary primary, long seed) {
    this.primary = primary;
    this.seed = seed;
  }

  /** Runs every class; returns the violations (empty: every case had its expected outcome). */
  List<String> run() throws Exception {
    Random random = new Random(seed);
    List<String> violations = new ArrayList<>();
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    long started = System.nanoTime();
    try (HostileWorld world = HostileWorld.create(primary)) {
      HostileCaseRunner runner = new HostileCaseRunner(world);
      List<HostileCase> cases = new ArrayList<>();
      cases.addAll(DoltLookalikeCases.cases(world, new Random(random.nextLong()), CASES));
      cases.addAll(MirroredBranchWriteCases.cases(world, new Random(random.nextLong()), CASES));
      cases.addAll(UnstorableValueCases.cases(world, new Random(random.nextLong()), CASES));
      cases.addAll(HostileNameCases.cases(world, new Random(random.nextLong()), CASES));
      cases.addAll(CommitMetadataCases.cases(world, new Random(random.nextLong()), CASES));
      cases.addAll(OutOfBandCases.cases(world, new Random(random.nextLong()), Math.max(2, CASES / 3)));
      cases.addAll(DoltOnlyRuleCases.cases(world, new Random(random.nextLong()), Math.max(1, CASES / 12)));
      for (HostileCase hostile : cases) {
        List<String> found;
        try {
          found = runner.run(hostile);
        } catch (Throwable e) {
          found = List.of(hostile.kind() + " [" + hostile.text() + "]: expected " + hostile.expected() + ", got " + e);
          try {
            world.app().setAutoCommit(true);
          } catch (Exception ignored) {
            // the next case reports a broken connection itself
          }
        }
        String outcome = found.isEmpty() ? hostile.expected().name() : "FAILED";
        counts.computeIfAbsent(hostile.kind(), k -> new LinkedHashMap<>()).merge(outcome, 1, Integer::sum);
        violations.addAll(found);
      }
      VerifyReport all = DoltSync.verify(world.app());
      if (!all.inSync()) {
        violations.add("silent divergence at the end: verify finds " + all.differingTables());
      }
      StatusReport status = DoltSync.status(world.app());
      if (!status.healthy()) {
        violations.add("status at the end is not healthy: " + status);
      }
      System.out.println(table(counts, (System.nanoTime() - started) / 1_000_000_000.0) + "  refusals: "
          + runner.refusals() + "\n  verify at the end: " + all.tables().size() + " tables, " + all.rowsCompared()
          + " rows compared, in sync: " + all.inSync());
      if (Boolean.getBoolean("tck.hostileListTables")) {
        System.out.println("  verified tables: " + all.tables().stream().map(VerifyReport.TableReport::table).toList());
      }
      if (violations.isEmpty()) {
        world.succeeded();
      }
    }
    return violations;
  }

  private String table(Map<String, Map<String, Integer>> counts, double seconds) {
    StringBuilder text = new StringBuilder(String.format("[tck] hostile inputs on %s, seed %d, %.1f s%n", primary.name(),
        seed, seconds));
    text.append(String.format("  %-36s %8s %8s %11s %12s %6s%n", "class", "REFUSED", "MIRRORED", "QUARANTINED",
        "DRIFT_HEALED", "FAILED"));
    counts.forEach((kind, byOutcome) -> text.append(String.format("  %-36s %8d %8d %11d %12d %6d%n", kind,
        byOutcome.getOrDefault("REFUSED", 0), byOutcome.getOrDefault("MIRRORED", 0),
        byOutcome.getOrDefault("QUARANTINED", 0), byOutcome.getOrDefault("DRIFT_HEALED", 0),
        byOutcome.getOrDefault("FAILED", 0))));
    return text.toString();
  }

}
