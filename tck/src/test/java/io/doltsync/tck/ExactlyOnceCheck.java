package io.doltsync.tck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fault tests' verdict, once the journal has drained: every transaction a writer saw commit is in
 * Dolt (zero lost), none twice (zero duplicated: one commit per transaction, unique trailers, each
 * marker added once), and Dolt's head equals the primary.
 */
final class ExactlyOnceCheck {

  private ExactlyOnceCheck() {}

  static List<String> verify(TckEnvironment environment, Collection<Integer> reportedCommitted) throws Exception {
    List<String> violations = new ArrayList<>();
    try (Connection primary = environment.primary().connect(); Connection dolt = environment.dolt().connect()) {
      MirrorChecks.awaitJournalDrained(environment, primary, TckEnvironment.MIRROR_TIMEOUT);
      Set<Integer> inPrimary = markers(primary, "SELECT seq FROM marker");
      Set<Integer> inDolt = markers(dolt, "SELECT seq FROM marker");
      Set<Integer> lostOnPrimary = new TreeSet<>(reportedCommitted);
      lostOnPrimary.removeAll(inPrimary);
      if (!lostOnPrimary.isEmpty()) {
        violations.add("the primary lacks markers whose commit returned successfully: " + lostOnPrimary);
      }
      Set<Integer> lost = new TreeSet<>(inPrimary);
      lost.removeAll(inDolt);
      if (!lost.isEmpty()) {
        violations.add("committed transactions missing in Dolt (lost): markers " + lost);
      }
      Set<Integer> twice = markers(dolt, "SELECT to_seq FROM dolt_diff_marker WHERE diff_type = 'added'"
          + " GROUP BY to_seq HAVING COUNT(*) > 1");
      if (!twice.isEmpty()) {
        violations.add("transactions applied twice: markers added more than once " + twice);
      }
      List<DoltCommit> log = DoltDatabase.log(dolt);
      violations.addAll(MirrorChecks.trailerViolations(log));
      int bootstrap = 0;
      while (bootstrap < log.size() && !log.get(bootstrap).isBootstrap()) {
        bootstrap++;
      }
      int bootstrapped = markers(dolt, "SELECT seq FROM marker AS OF '" + log.get(bootstrap).hash() + "'").size();
      int commits = log.size() - bootstrap - 1;
      if (commits != inPrimary.size() - bootstrapped) {
        violations.add("Dolt has " + commits + " commits after the bootstrap for " + (inPrimary.size() - bootstrapped)
            + " committed transactions (one commit per transaction expected)");
      }
      violations.addAll(MirrorChecks.headDifferences(environment, primary));
      System.out.println("[tck] exactly-once: " + reportedCommitted.size() + " commits reported by writers, "
          + inPrimary.size() + " markers in the primary, " + inDolt.size() + " in Dolt, " + commits
          + " Dolt commits after the bootstrap (" + bootstrapped + " markers in it)");
    }
    return violations;
  }

  private static Set<Integer> markers(Connection connection, String sql) throws SQLException {
    Set<Integer> seqs = new TreeSet<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        seqs.add(rs.getInt(1));
      }
    }
    return seqs;
  }
}
