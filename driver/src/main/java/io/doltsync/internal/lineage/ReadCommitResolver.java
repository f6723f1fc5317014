package io.doltsync.internal.lineage;

import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.mirror.CommitTrailer;
import io.doltsync.internal.mirror.Mirror;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, for the instants at which a scope read the primary, the mirrored Dolt commits holding the state
 * those reads saw: first it waits until every journal entry the primary committed before the last read is
 * in Dolt (the connection's own commits among them, as read-your-history does), then it walks the mirrored
 * branch's log back to the newest commit whose primary commit time ({@code Doltsync-Primary-Commit} in the
 * trailer) is not after the read. One wait and one log walk per scope, none per read.
 *
 * <p>Exact when the primary's clock and the JVM's agree, except for a transaction that wrote its journal
 * entry before a read and committed after it (the window between a commit's last statement and its COMMIT),
 * which is counted as read; with {@code doltsync.groupCommit} a read between two transactions of one group
 * is given the group's commit.
 */
final class ReadCommitResolver {

  private static final Pattern PRIMARY_COMMIT = Pattern.compile("(?m)^" + CommitTrailer.PRIMARY_COMMIT + ": (\\S+)$");
  private static final int LOG_PAGE = 200;

  private final Mirror mirror;
  private final Duration timeout;

  ReadCommitResolver(Mirror mirror, Duration timeout) {
    this.mirror = mirror;
    this.timeout = timeout;
  }

  /** The Dolt commit hash for each instant (primary reads), once the journal before the last of them is applied. */
  Map<Instant, String> resolve(Collection<Instant> reads) throws SQLException {
    Map<Instant, String> hashes = new HashMap<>();
    if (reads.isEmpty()) {
      return hashes;
    }
    Instant first = reads.stream().min(Instant::compareTo).orElseThrow();
    Instant last = reads.stream().max(Instant::compareTo).orElseThrow();
    awaitJournalBefore(last);
    List<Commit> commits = commitsBack(first);
    for (Instant read : reads) {
      for (Commit commit : commits) { // newest first
        if (!commit.primaryCommit().isAfter(read)) {
          hashes.put(read, commit.hash());
          break;
        }
      }
      if (!hashes.containsKey(read)) {
        throw new SQLException("no mirrored Dolt commit is as old as a read at " + read
            + " (was the mirror bootstrapped after it?)", "HY000");
      }
    }
    return hashes;
  }

  /** Waits until no journal entry the primary committed at or before {@code instant} is waiting. */
  void awaitJournalBefore(Instant instant) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JournalTable journal = mirror.journal();
    try (Connection primary = mirror.primary().open()) {
      primary.setAutoCommit(true);
      if (!journal.exists(primary)) {
        return;
      }
      while (true) {
        List<JournalTable.PendingEntry> oldest = journal.readPending(primary, 1);
        if (oldest.isEmpty() || oldest.get(0).committedAt().isAfter(instant)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new SQLTimeoutException("lineage: the journal entries committed before a read of this scope did not"
              + " reach Dolt within " + timeout.toMillis() + " ms (doltsync.syncTimeout)", "HYT00");
        }
        sleep();
      }
    }
  }

  /** The mirrored branch's commits, newest first, back to the first one not after {@code oldest}. */
  private List<Commit> commitsBack(Instant oldest) throws SQLException {
    List<Commit> commits = new ArrayList<>();
    try (Connection dolt = mirror.target().connect();
        PreparedStatement log = dolt.prepareStatement(
            "SELECT commit_hash, date, message FROM dolt_log ORDER BY date DESC LIMIT ? OFFSET ?")) {
      for (int offset = 0; ; offset += LOG_PAGE) {
        log.setInt(1, LOG_PAGE);
        log.setInt(2, offset);
        int read = 0;
        try (ResultSet rs = log.executeQuery()) {
          while (rs.next()) {
            read++;
            Commit commit = new Commit(rs.getString(1), primaryCommitOf(rs.getString(3), rs.getTimestamp(2)));
            commits.add(commit);
            if (!commit.primaryCommit().isAfter(oldest)) {
              return commits;
            }
          }
        }
        if (read < LOG_PAGE) {
          return commits;
        }
      }
    }
  }

  /** The newest primary commit time a commit's trailer names, else its Dolt date. */
  static Instant primaryCommitOf(String message, Timestamp date) {
    Instant newest = null;
    if (CommitTrailer.hasTrailer(message)) {
      Matcher matcher = PRIMARY_COMMIT.matcher(message.substring(message.stripTrailing().lastIndexOf("\n\n") + 1));
      while (matcher.find()) {
        try {
          Instant instant = Instant.parse(matcher.group(1));
          newest = newest == null || instant.isAfter(newest) ? instant : newest;
        } catch (DateTimeParseException ignored) {
          // a foreign trailer line: fall back to the date
        }
      }
    }
    return newest != null ? newest : date.toInstant();
  }

  private static void sleep() throws SQLException {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while resolving lineage commits", "HY008", e);
    }
  }

  private record Commit(String hash, Instant primaryCommit) {}
}
