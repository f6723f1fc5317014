package io.doltsync.tck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks every run ends with: the journal drained, Dolt's head equal to the primary, each transaction once. */
final class MirrorChecks {

  private MirrorChecks() {}

  /** Waits until the primary's journal holds no entry (every committed transaction is in Dolt). */
  static void awaitJournalDrained(TckEnvironment environment, Connection primary, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pending = pendingJournalRows(environment, primary);
    while (pending > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the journal still holds " + pending + " rows after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(200);
      pending = pendingJournalRows(environment, primary);
    }
  }

  /** Rows in the primary's journal; 0 while doltsync has not created it (it does on first use). */
  static long pendingJournalRows(TckEnvironment environment, Connection primary) throws SQLException {
    boolean exists = false;
    try (Statement statement = primary.createStatement();
        ResultSet rs = statement.executeQuery(environment.primary().primary().baseTablesQuery())) {
      while (rs.next()) {
        exists |= rs.getString(1).equalsIgnoreCase(TckEnvironment.JOURNAL_TABLE);
      }
    }
    if (!exists) {
      return 0;
    }
    String journal = environment.dialect().quoteIdentifier(TckEnvironment.JOURNAL_TABLE);
    try (Statement statement = primary.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + journal)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Differences between the primary's committed state and Dolt's latest commit. */
  static List<String> headDifferences(TckEnvironment environment, Connection primary) throws SQLException {
    DatabaseState expected = environment.reader().readPrimary(primary, null);
    try (Connection dolt = environment.dolt().connect()) {
      List<DoltCommit> log = DoltDatabase.log(dolt);
      String head = log.get(log.size() - 1).hash();
      DatabaseState actual = environment.reader().readDolt(dolt, head, expected);
      List<String> differences = new ArrayList<>();
      for (String difference : expected.differencesFrom(actual)) {
        differences.add("Dolt head " + head + " differs from the primary: " + difference);
      }
      return differences;
    }
  }

  /**
   * Every commit after the bootstrap carries exactly one {@code Doltsync-Transaction} trailer and no two
   * carry the same one.
   */
  static List<String> trailerViolations(List<DoltCommit> log) {
    return trailerViolations(log, false);
  }

  /**
   * As {@link #trailerViolations(List)}; with {@code grouped} (group commit), a commit may name several
   * transactions, but at least one, and each transaction still once.
   */
  static List<String> trailerViolations(List<DoltCommit> log, boolean grouped) {
    List<String> violations = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean afterBootstrap = false;
    for (DoltCommit commit : log) {
      if (commit.isBootstrap()) {
        afterBootstrap = true;
        continue;
      }
      if (!afterBootstrap) {
        continue;
      }
      List<String> ids = commit.transactionIds();
      if (grouped ? ids.isEmpty() : ids.size() != 1) {
        violations.add("commit " + commit.hash() + " has " + ids.size() + " Doltsync-Transaction trailers");
      }
      for (String id : ids) {
        String earlier = seen.put(id, commit.hash());
        if (earlier != null) {
          violations.add("transaction " + id + " is in Dolt twice: commits " + earlier + " and " + commit.hash());
        }
      }
    }
    return violations;
  }
}
