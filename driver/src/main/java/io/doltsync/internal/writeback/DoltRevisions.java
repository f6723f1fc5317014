package io.doltsync.internal.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Resolves what a user names (a commit hash, a branch, a tag, {@code main~3}, or a date-time, read as UTC
 * like the mirror's commit dates) to a Dolt commit hash, and answers ancestry questions, on a connection to
 * the mirrored Dolt database.
 */
final class DoltRevisions {

  /** SQLState of an unknown revision or one that is not where the operation needs it. */
  static final String INVALID_REVISION = "22023";

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?Z?");
  private static final Pattern HASH = Pattern.compile("[0-9a-v]{32}");

  private final Connection dolt;
  private final String branch;

  DoltRevisions(Connection dolt, String branch) {
    this.dolt = dolt;
    this.branch = branch;
  }

  String branch() {
    return branch;
  }

  /** The commit hash {@code revision} names; a date-time names the last commit of the mirrored branch at that time. */
  String resolve(String revision) throws SQLException {
    String text = revision == null ? "" : revision.trim();
    if (text.isEmpty()) {
      throw new SQLDataException("a revision is required", INVALID_REVISION);
    }
    if (TIMESTAMP.matcher(text).matches()) {
      return atTime(text);
    }
    try (PreparedStatement select = dolt.prepareStatement("SELECT HASHOF(?)")) {
      select.setString(1, text);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        String hash = rs.getString(1);
        if (hash == null || !HASH.matcher(hash).matches()) {
          throw unknown(text, null);
        }
        return hash;
      }
    } catch (SQLDataException e) {
      throw e;
    } catch (SQLException e) {
      throw unknown(text, e);
    }
  }

  /** The first parent of {@code hash}. */
  String parent(String hash) throws SQLException {
    try {
      return resolve(hash + "~1");
    } catch (SQLDataException e) {
      throw new SQLDataException("commit " + hash + " has no parent (the first commit of the branch cannot be"
          + " reverted)", INVALID_REVISION, e);
    }
  }

  /** The head commit of a branch; fails naming the branch when there is none of that name. */
  String branchHead(String name) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement("SELECT hash FROM dolt_branches WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new SQLDataException("no Dolt branch named " + name, INVALID_REVISION);
        }
        return rs.getString(1);
      }
    }
  }

  /** True when {@code ancestor} is {@code descendant} or one of its ancestors. */
  boolean isAncestor(String ancestor, String descendant) throws SQLException {
    return ancestor.equals(mergeBase(ancestor, descendant));
  }

  String mergeBase(String a, String b) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement("SELECT DOLT_MERGE_BASE(?, ?)")) {
      select.setString(1, a);
      select.setString(2, b);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private String atTime(String text) throws SQLException {
    LocalDateTime time;
    try {
      String iso = text.replace(' ', 'T').replace("Z", "");
      time = iso.length() == 10 ? LocalDateTime.parse(iso + "T00:00:00") : LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw unknown(text, e);
    }
    try (PreparedStatement select = dolt.prepareStatement(
        "SELECT commit_hash FROM dolt_log WHERE date <= ? ORDER BY date DESC LIMIT 1")) {
      select.setString(1, time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")));
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new SQLDataException("the Dolt branch " + branch + " has no commit at or before " + text,
              INVALID_REVISION);
        }
        return rs.getString(1);
      }
    }
  }

  private static SQLDataException unknown(String revision, Throwable cause) {
    return new SQLDataException("unknown Dolt revision '" + revision + "'" + (cause == null ? "" : ": " + cause.getMessage()),
        INVALID_REVISION, cause);
  }
}
