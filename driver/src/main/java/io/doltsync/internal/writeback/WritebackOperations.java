package io.doltsync.internal.writeback;

import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import io.doltsync.internal.mirror.Mirror;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import io.doltsync.internal.logging.DoltSyncLoggers;

/**
 * Revert, restore and publish: each resolves what the user named against the mirrored Dolt database (and
 * refuses a Dolt database that mirrors another primary), turns it into a {@link WritebackPlan} and runs it
 * on the application's doltsync connection.
 *
 * <ul>
 *   <li><b>revert</b> {@code C} (or {@code A..B}): from the rows of {@code C} (or {@code B}) back to those of
 *       {@code C~1} (or {@code A}); the commits must be on the mirrored branch.
 *   <li><b>restore</b> {@code R}: from the mirrored branch's head back to the rows of {@code R} (any revision:
 *       hash, branch, tag, {@code main~3}, a date-time), after the journal drained so that the head is the
 *       primary's state.
 *   <li><b>publish</b> {@code B}: the changes of branch {@code B} since its merge base with the mirrored
 *       branch, merged cell-wise with what the primary changed since. The branch itself is left as it is:
 *       the mirrored branch is written only by the mirror, so it is not merged; it is not deleted, since it is
 *       the reviewed record and publishing it again changes nothing (its changes are already there).
 * </ul>
 */
public final class WritebackOperations {

  private static final Logger LOG = DoltSyncLoggers.get(WritebackOperations.class);

  private final Mirror mirror;
  private final Connection app;

  /** @param app the application's connection, opened through doltsync on {@code mirror} */
  public WritebackOperations(Mirror mirror, Connection app) {
    this.mirror = mirror;
    this.app = app;
  }

  public WritebackReport revert(String revision, WritebackOptions options) throws SQLException {
    try (Connection dolt = open()) {
      DoltRevisions revisions = new DoltRevisions(dolt, mirror.target().branch());
      String head = revisions.branchHead(revisions.branch());
      String text = revision == null ? "" : revision.trim();
      String from;
      String to;
      String head8;
      int range = text.indexOf("..");
      if (range >= 0) {
        from = revisions.resolve(text.substring(0, range));
        to = revisions.resolve(text.substring(range + 2));
        if (!revisions.isAncestor(from, to)) {
          throw new SQLDataException("revert " + text + ": " + from + " is not an ancestor of " + to, DoltRevisions.INVALID_REVISION);
        }
        head8 = "Revert " + shortHash(from) + ".." + shortHash(to);
      } else {
        to = revisions.resolve(text);
        from = revisions.parent(to);
        head8 = "Revert " + shortHash(to);
      }
      requireOnBranch(revisions, to, head, text);
      MergeRule rule = options.skipConflicts() ? MergeRule.CELL : MergeRule.ROW;
      return run(dolt, options, new WritebackPlan("revert", text, to, from, rule, Set.of(), List.of(from, to), head8, false));
    }
  }

  public WritebackReport restore(String revision, WritebackOptions options) throws SQLException {
    awaitDrained(mirror.syncTimeout());
    try (Connection dolt = open()) {
      DoltRevisions revisions = new DoltRevisions(dolt, mirror.target().branch());
      String head = revisions.branchHead(revisions.branch());
      String target = revisions.resolve(revision);
      Set<String> only = new LinkedHashSet<>();
      options.tables().forEach(t -> only.add(t.toLowerCase(Locale.ROOT)));
      String scope = only.isEmpty() ? "" : " " + String.join(", ", only);
      MergeRule rule = options.skipConflicts() ? MergeRule.CELL : MergeRule.ROW;
      String label = revision.trim().equals(target) ? shortHash(target) : revision.trim() + " (" + shortHash(target) + ")";
      return run(dolt, options, new WritebackPlan("restore", revision.trim(), head, target, rule, only, List.of(target),
          "Restore" + scope + " to " + label, rule == MergeRule.ROW));
    }
  }

  public WritebackReport publish(String branch, WritebackOptions options) throws SQLException {
    try (Connection dolt = open()) {
      DoltRevisions revisions = new DoltRevisions(dolt, mirror.target().branch());
      String name = branch == null ? "" : branch.trim();
      if (name.equalsIgnoreCase(revisions.branch())) {
        throw new SQLDataException("publish " + name + ": that is the mirrored branch itself", DoltRevisions.INVALID_REVISION);
      }
      String tip = revisions.branchHead(name);
      String head = revisions.branchHead(revisions.branch());
      String base = revisions.mergeBase(tip, head);
      if (base == null || base.isEmpty()) {
        throw new SQLDataException("branch " + name + " has no common history with " + revisions.branch(),
            DoltRevisions.INVALID_REVISION);
      }
      return run(dolt, options.withTables(List.of()), new WritebackPlan("publish", name, base, tip, MergeRule.CELL,
          Set.of(), List.of(base, tip), "Publish " + name + " (" + shortHash(tip) + ")", false));
    }
  }

  private WritebackReport run(Connection dolt, WritebackOptions options, WritebackPlan plan) throws SQLException {
    try (Connection primary = mirror.primary().open()) {
      primary.setAutoCommit(true);
      mirror.catalog().reload(primary);
    }
    return new WritebackRun(mirror, app, dolt, options).run(plan);
  }

  private Connection open() throws SQLException {
    Connection dolt = mirror.target().connect();
    try {
      mirror.requireMirrorsThisPrimary(dolt);
      return dolt;
    } catch (SQLException | RuntimeException e) {
      dolt.close();
      throw e;
    }
  }

  private static void requireOnBranch(DoltRevisions revisions, String commit, String head, String named)
      throws SQLException {
    if (!revisions.isAncestor(commit, head)) {
      throw new SQLDataException("commit " + named + " (" + commit + ") is not on the mirrored branch "
          + revisions.branch() + "; nothing was written", DoltRevisions.INVALID_REVISION);
    }
  }

  /**
   * Waits until the journal on the primary is empty, so that the mirrored branch's head is the primary's state.
   *
   * @throws SQLTimeoutException (HYT00) when entries are still pending after {@code wait}: a restore from a head
   *         behind the primary would compare against the wrong rows, so it writes nothing
   */
  private void awaitDrained(Duration wait) throws SQLException {
    try (Connection primary = mirror.primary().open()) {
      primary.setAutoCommit(true);
      if (!mirror.journal().exists(primary)) {
        return;
      }
      long deadline = System.nanoTime() + wait.toNanos();
      long pending;
      while ((pending = mirror.journal().pendingCount(primary)) > 0) {
        if (System.nanoTime() >= deadline) {
          String message = "restore: the journal did not drain within " + wait.toMillis()
              + " ms (doltsync.syncTimeout); " + pending + " committed transaction(s) are not in Dolt yet, so the"
              + " mirrored branch's head is not the primary's state; nothing was written";
          LOG.warn("doltsync {}", message);
          throw new SQLTimeoutException(message, "HYT00");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the journal to drain", "HY008", e);
        }
      }
    }
  }

  static String shortHash(String hash) {
    return hash.length() > 8 ? hash.substring(0, 8) : hash;
  }
}
