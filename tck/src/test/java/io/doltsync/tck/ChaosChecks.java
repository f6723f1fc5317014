package io.doltsync.tck;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.QuarantineTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chaos run's verdicts. {@link #quarantine} reads what the applier set aside (before reconcile clears it):
 * each entry's markers, or that it could not be decoded. {@link #exactlyOnce} then holds the history against
 * the writers' ledger: every transaction whose commit returned is in Dolt exactly once, either as a commit of
 * its own (its message names its marker) or, when its entry was quarantined, through the reconcile commit (or a
 * later copy of the whole marker table); nothing rolled back or refused is anywhere; no transaction has two
 * commits, no trailer is on two commits.
 * {@link #driftSeenByVerify} compares verify's verdict with an independent reading of both databases.
 */
final class ChaosChecks {

  private ChaosChecks() {}

  private static final java.util.regex.Pattern MESSAGE = java.util.regex.Pattern.compile("^chaos transaction (\\d+)$",
      java.util.regex.Pattern.MULTILINE);

  /** The commit message of the transaction with marker {@code seq}. */
  static String message(int seq) {
    return "chaos transaction " + seq;
  }

  /** The marker a commit message names, or -1. */
  static int seqOf(String message) {
    java.util.regex.Matcher matcher = MESSAGE.matcher(message == null ? "" : message);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  /** What the quarantine held: the marker of each decodable entry, and the transaction ids of undecodable ones. */
  record Quarantine(Map<String, Integer> markerByTransaction, Set<String> undecodable) {
    Set<Integer> markers() {
      return new TreeSet<>(markerByTransaction.values());
    }

    int entries() {
      return markerByTransaction.size() + undecodable.size();
    }
  }

  static Quarantine quarantine(TckEnvironment environment, Connection primary) throws SQLException {
    QuarantineTable table = new QuarantineTable(environment.dialect(), TckEnvironment.JOURNAL_TABLE);
    Map<String, Integer> markers = new TreeMap<>();
    Set<String> undecodable = new TreeSet<>();
    String quoted = environment.dialect().quoteIdentifier(table.quarantineName());
    for (QuarantineTable.Quarantined entry : table.quarantined(primary)) {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      try (PreparedStatement select = primary.prepareStatement("SELECT payload FROM " + quoted
          + " WHERE txn = ? ORDER BY chunk")) {
        select.setString(1, entry.transactionId());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            payload.writeBytes(rs.getBytes(1));
          }
        }
      }
      try {
        markers.put(entry.transactionId(), seqOf(JournalCodec.decode(payload.toByteArray()).message()));
      } catch (IOException | RuntimeException e) {
        undecodable.add(entry.transactionId());
      }
    }
    return new Quarantine(markers, undecodable);
  }

  /** The history against the ledger; {@code quarantined} is what the quarantine held before reconcile. */
  static List<String> exactlyOnce(TckEnvironment environment, ChaosLedger ledger, Quarantine quarantined,
      Collection<String> forged, ChaosSummary summary) throws SQLException {
    List<String> violations = new ArrayList<>();
    try (Connection primary = environment.primary().connect(); Connection dolt = environment.dolt().connect()) {
      Set<Integer> inPrimary = seqs(primary, "SELECT seq FROM marker");
      Map<String, DoltCommit> commits = new HashMap<>();
      List<DoltCommit> log = DoltDatabase.log(dolt);
      log.forEach(c -> commits.put(c.hash(), c));
      Map<Integer, List<String>> addedBy = new TreeMap<>();
      try (Statement statement = dolt.createStatement();
          ResultSet rs = statement.executeQuery(
              "SELECT to_seq, to_commit FROM dolt_diff_marker WHERE diff_type = 'added'")) {
        while (rs.next()) {
          addedBy.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
      Set<Integer> quarantinedMarkers = quarantined.markers();
      for (int seq : ledger.committed()) {
        if (!inPrimary.contains(seq)) {
          violations.add("marker " + seq + ": its commit returned, but the primary lacks it");
        }
        List<String> by = addedBy.getOrDefault(seq, List.of());
        if (by.size() != 1) {
          violations.add("marker " + seq + " was added to Dolt " + by.size() + " times " + by);
          continue;
        }
        DoltCommit commit = commits.get(by.get(0));
        if (commit == null) {
          violations.add("marker " + seq + " was added by " + by.get(0) + ", which is not on the branch");
        } else if (quarantinedMarkers.contains(seq)) {
          // its own entry was set aside: reconcile (or a later whole-table copy of marker) brought the row
          if (commit.title().startsWith("Reconcile:")) {
            summary.healedByReconcile++;
          } else if (commit.transactionIds().size() != 1) {
            violations.add("quarantined marker " + seq + " came back through commit " + commit.hash() + " '"
                + commit.title() + "', which is neither reconcile nor a doltsync transaction");
          }
        } else if (commit.title().startsWith("Reconcile:")) {
          violations.add("marker " + seq + " reached Dolt only through reconcile, but no quarantined entry held it"
              + " (silent divergence)");
        } else if (commit.transactionIds().size() != 1 || seqOf(commit.message()) != seq) {
          violations.add("marker " + seq + " was added by commit " + commit.hash() + " '" + commit.title()
              + "', not by its own transaction's commit");
        }
      }
      for (int seq : ledger.neverCommitted()) {
        if (inPrimary.contains(seq) || addedBy.containsKey(seq)) {
          violations.add("marker " + seq + " was rolled back or refused at commit, but the "
              + (inPrimary.contains(seq) ? "primary" : "Dolt history") + " has it");
        }
      }
      for (Map.Entry<String, Integer> entry : quarantined.markerByTransaction().entrySet()) {
        if (!ledger.committed().contains(entry.getValue())) {
          violations.add("quarantined entry " + entry.getKey() + " names marker " + entry.getValue()
              + ", whose commit never returned");
        }
      }
      Map<String, String> seenTransactions = new HashMap<>();
      Map<Integer, String> commitOfSeq = new HashMap<>();
      boolean afterBootstrap = false;
      for (DoltCommit commit : log) {
        if (commit.isBootstrap()) {
          afterBootstrap = true;
          continue;
        }
        List<String> ids = commit.transactionIds();
        for (String id : ids) {
          String earlier = seenTransactions.put(id, commit.hash());
          if (earlier != null) {
            violations.add("transaction " + id + " is in Dolt twice: commits " + earlier + " and " + commit.hash());
          }
        }
        if (!afterBootstrap) {
          continue;
        }
        if (ids.isEmpty()) {
          summary.foreignCommits++;
        } else if (commit.title().startsWith("Reconcile:")) {
          summary.reconcileCommits++;
        } else {
          summary.transactionCommits++;
          int seq = seqOf(commit.message());
          String earlier = seq < 0 ? null : commitOfSeq.put(seq, commit.hash());
          if (seq < 0 || !ledger.committed().contains(seq) || quarantinedMarkers.contains(seq)) {
            violations.add("doltsync commit " + commit.hash() + " '" + commit.title() + "' is no transaction whose"
                + " commit returned and that was not quarantined");
          } else if (earlier != null) {
            violations.add("the transaction of marker " + seq + " is in Dolt twice: " + earlier + ", " + commit.hash());
          }
        }
      }
      Set<String> forgedNotQuarantined = new TreeSet<>(forged);
      forgedNotQuarantined.removeAll(quarantined.undecodable());
      if (!forgedNotQuarantined.isEmpty()) {
        violations.add("forged journal rows that were not quarantined: " + forgedNotQuarantined);
      }
      Set<String> undecodableNotForged = new TreeSet<>(quarantined.undecodable());
      undecodableNotForged.removeAll(forged);
      if (!undecodableNotForged.isEmpty()) {
        violations.add("entries the application wrote were quarantined as undecodable: " + undecodableNotForged);
      }
    }
    return violations;
  }

  /**
   * The tables an independent reading finds different (the primary through plain JDBC against Dolt's
   * working set of the branch, value by value) must all be among those verify reports; a table verify
   * reports that the reading finds equal must have a schema difference.
   */
  static List<String> driftSeenByVerify(TckEnvironment environment, io.doltsync.VerifyReport report)
      throws SQLException {
    List<String> violations = new ArrayList<>();
    Set<String> differing = new TreeSet<>();
    try (Connection primary = environment.primary().connect(); Connection dolt = environment.dolt().connect()) {
      DatabaseState expected = environment.reader().readPrimary(primary, null);
      DatabaseState actual = environment.reader().readDolt(dolt, "WORKING", expected);
      Set<String> names = new TreeSet<>(expected.tables().keySet());
      names.addAll(actual.tables().keySet());
      for (String name : names) {
        TableState a = expected.table(name);
        TableState b = actual.table(name);
        if (a == null || b == null || !a.sameAs(b)) {
          differing.add(name);
        }
      }
    }
    Set<String> reported = new TreeSet<>();
    for (io.doltsync.VerifyReport.TableReport table : report.differingTables()) {
      String name = table.table().toLowerCase(Locale.ROOT);
      reported.add(name);
      if (!differing.contains(name) && table.schemaDifferences().isEmpty()) {
        violations.add("verify reports " + table.differingRows() + " differing rows in " + name
            + ", which an independent reading finds equal");
      }
    }
    Set<String> missed = new TreeSet<>(differing);
    missed.removeAll(reported);
    if (!missed.isEmpty()) {
      violations.add("verify missed drift in " + missed + " (silent divergence)");
    }
    return violations;
  }

  private static Set<Integer> seqs(Connection connection, String sql) throws SQLException {
    Set<Integer> seqs = new TreeSet<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        seqs.add(rs.getInt(1));
      }
    }
    return seqs;
  }
}
