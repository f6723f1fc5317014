package io.doltsync.internal.sync;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Pushes a branch of a Dolt database to a Dolt remote ({@code dolt_push}), with {@code --user} when given: Dolt
 * then reads the password from {@code DOLT_REMOTE_PASSWORD} in the environment of the Dolt server that pushes
 * (an {@code embedded:} target's server inherits doltsync's own environment). A non-fast-forward rejection is
 * handled by the {@link OnReject} policy; {@code --force} is used only when asked for.
 */
public final class DoltPush {

  private static final Logger LOG = DoltSyncLoggers.get(DoltPush.class);
  private static final int ATTEMPTS = 3;

  /** What to do when the remote's branch has commits the local one lacks. */
  public enum OnReject {
    /** Fail with the hint (the default). */
    FAIL,
    /** Fetch the remote branch and merge it when it merges without conflicts, then push again. */
    MERGE;

    public static OnReject parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "fail" -> FAIL;
        case "merge" -> MERGE;
        default -> throw new IllegalArgumentException("--on-reject must be fail or merge, not " + text);
      };
    }
  }

  /** The outcome: merges made before the push succeeded. */
  public record Result(String remote, String branch, int merges) {}

  private DoltPush() {}

  /** Adds {@code remote} with {@code url} unless a remote of that name exists. */
  public static void ensureRemote(Connection dolt, String remote, String url) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement("SELECT url FROM dolt_remotes WHERE name = ?")) {
      select.setString(1, remote);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    call(dolt, "dolt_remote", List.of("add", remote, url));
  }

  public static Result push(Connection dolt, String remote, String branch, String user, boolean force, OnReject onReject)
      throws SQLException {
    List<String> arguments = new ArrayList<>();
    if (user != null && !user.isBlank()) {
      arguments.addAll(List.of("--user", user));
    }
    if (force) {
      arguments.add("--force");
    }
    arguments.addAll(List.of(remote, branch));
    int merges = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        call(dolt, "dolt_push", arguments);
        LOG.info("doltsync push: {} pushed to {}{}", branch, remote, merges > 0 ? " after " + merges + " merge(s)" : "");
        return new Result(remote, branch, merges);
      } catch (SQLException e) {
        if (!isNonFastForward(e) || force) {
          throw e;
        }
        if (onReject == OnReject.FAIL || attempt >= ATTEMPTS) {
          throw new SQLException("the remote " + remote + "'s branch " + branch + " has commits that " + branch
              + " lacks (non-fast-forward). Rerun with --on-reject merge to fetch and merge them when they merge"
              + " without conflicts, or with --force to overwrite the remote's branch (its commits are then lost"
              + " from it). Dolt said: " + e.getMessage(), "40001", e);
        }
        mergeRemote(dolt, remote, branch, user);
        merges++;
      }
    }
  }

  private static void mergeRemote(Connection dolt, String remote, String branch, String user) throws SQLException {
    List<String> fetch = new ArrayList<>();
    if (user != null && !user.isBlank()) {
      fetch.addAll(List.of("--user", user));
    }
    fetch.addAll(List.of(remote, branch));
    call(dolt, "dolt_fetch", fetch);
    long conflicts;
    try (PreparedStatement merge = dolt.prepareStatement("CALL dolt_merge(?)")) {
      merge.setString(1, remote + "/" + branch);
      try (ResultSet rs = merge.executeQuery()) {
        conflicts = rs.next() ? rs.getLong("conflicts") : 0;
      }
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("conflict")) {
        throw e;
      }
      conflicts = -1; // in auto-commit mode Dolt rolls the conflicted merge back itself
    }
    if (conflicts != 0) {
      if (conflicts > 0) {
        call(dolt, "dolt_merge", List.of("--abort"));
      }
      throw new SQLException("the remote " + remote + "'s branch " + branch + " has commits that conflict with " + branch
          + "; nothing was pushed or merged. Resolve by hand, or push with --force"
          + " to overwrite the remote's branch", "40001");
    }
    LOG.info("doltsync push: merged {}/{} into {} (no conflicts)", remote, branch, branch);
  }

  static boolean isNonFastForward(SQLException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("non-fast-forward") || message.contains("fast forward") || message.contains("fast-forward");
  }

  private static void call(Connection dolt, String procedure, List<String> arguments) throws SQLException {
    String sql = "CALL " + procedure + "(" + String.join(", ", Collections.nCopies(arguments.size(), "?")) + ")";
    try (PreparedStatement call = dolt.prepareStatement(sql)) {
      for (int i = 0; i < arguments.size(); i++) {
        call.setString(i + 1, arguments.get(i));
      }
      call.execute();
    }
  }
}
