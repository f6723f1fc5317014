package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a single-writer run's Dolt history against what the {@link HistoryRecorder} expected: the
 * bootstrap commit holds the initial state, then exactly one commit per expected commit, in order, each
 * holding ({@code AS OF}) exactly the primary's state after that transaction, with the hash
 * {@code awaitMirrored} returned, the author and message the application set (else the primary user as
 * author), and a {@code Doltsync-Transaction} trailer no other commit has.
 */
final class HistoryVerifier {

  private static final int MAX_STATE_FAILURES = 3;

  private final AsOfComparisons comparisons;
  private final String primaryUser;
  private final List<String> violations = new ArrayList<>();
  private int commitsChecked;

  HistoryVerifier(AsOfComparisons comparisons, String primaryUser) {
    this.comparisons = comparisons;
    this.primaryUser = primaryUser;
  }

  /** Number of Dolt commits whose content was compared. */
  int commitsChecked() {
    return commitsChecked;
  }

  /** Every violation found; empty when the history is right. */
  List<String> verify(DatabaseState initial, List<ExpectedCommit> expected, DoltDatabase database) throws SQLException {
    try (Connection dolt = database.connect()) {
      List<DoltCommit> log = DoltDatabase.log(dolt);
      int bootstrap = bootstrapIndex(log);
      if (bootstrap < 0) {
        return violations;
      }
      compare("the bootstrap commit " + log.get(bootstrap).hash(), initial, dolt, log.get(bootstrap).hash(), null);
      List<DoltCommit> commits = log.subList(bootstrap + 1, log.size());
      if (commits.size() != expected.size()) {
        violations.add("Dolt has " + commits.size() + " commits after the bootstrap, but " + expected.size()
            + " transactions (or implicitly committed parts) changed the primary");
      }
      violations.addAll(MirrorChecks.trailerViolations(log));
      int stateFailures = 0;
      for (int i = 0; i < Math.min(commits.size(), expected.size()) && stateFailures < MAX_STATE_FAILURES; i++) {
        DoltCommit commit = commits.get(i);
        ExpectedCommit wanted = expected.get(i);
        String where = "Dolt commit #" + (i + 1) + " " + commit.hash() + " ('" + commit.title() + "')";
        if (wanted.hash() != null && !wanted.hash().equals(commit.hash())) {
          violations.add(where + ": awaitMirrored returned " + wanted.hash() + " for " + wanted.transaction().describe());
        }
        checkMetadata(where, commit, wanted);
        if (!compare(where, wanted.state(), dolt, commit.hash(), wanted.transaction())) {
          stateFailures++;
        }
        commitsChecked++;
      }
    }
    return violations;
  }

  private int bootstrapIndex(List<DoltCommit> log) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).isBootstrap()) {
        found.add(i);
      }
    }
    if (found.size() != 1) {
      violations.add("expected exactly one bootstrap commit, found " + found.size());
      return found.isEmpty() ? -1 : found.get(0);
    }
    return found.get(0);
  }

  private void checkMetadata(String where, DoltCommit commit, ExpectedCommit wanted) {
    TransactionPlan.CommitMetadata metadata = wanted.metadata();
    if (metadata == null) {
      if (!commit.author().equalsIgnoreCase(primaryUser)) {
        violations.add(where + ": author " + commit.author() + " <" + commit.email() + ">, expected the primary user "
            + primaryUser + " (no author was set for " + wanted.transaction().describe() + ")");
      }
      return;
    }
    if (!commit.author().equals(metadata.author()) || !commit.email().equals(metadata.email())) {
      violations.add(where + ": author " + commit.author() + " <" + commit.email() + ">, expected "
          + metadata.author() + " <" + metadata.email() + ">");
    }
    if (!commit.body().equals(metadata.message())) {
      violations.add(where + ": message '" + commit.body() + "', expected '" + metadata.message() + "'");
    }
  }

  /** Compares Dolt at a commit with the expected state; records and returns false on a difference. */
  private boolean compare(String where, DatabaseState expected, Connection dolt, String hash, TransactionPlan cause)
      throws SQLException {
    List<String> differences = comparisons.differences(dolt, hash, expected);
    if (differences.isEmpty()) {
      return true;
    }
    violations.add(where + " differs from the primary" + (cause == null ? "" : " after " + cause.describe())
        + "\n  " + String.join("\n  ", differences));
    return false;
  }
}
