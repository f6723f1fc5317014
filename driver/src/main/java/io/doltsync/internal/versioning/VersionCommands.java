package io.doltsync.internal.versioning;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;

/**
 * What {@code DOLT_COMMIT(...)}, {@code COMMIT(...)} and {@code MERGE(...)} do on a doltsync connection,
 * whether written as functions or (for DOLT_COMMIT) as a procedure. Each returns a commit hash.
 */
final class VersionCommands {

  private static final Logger LOG = DoltSyncLoggers.get(VersionCommands.class);

  private final String mirroredBranch;
  private final PrimaryTransactions primary;
  private final DetachedHead head;

  VersionCommands(String mirroredBranch, PrimaryTransactions primary, DetachedHead head) {
    this.mirroredBranch = mirroredBranch;
    this.primary = primary;
    this.head = head;
  }

  /** Runs one function call with its evaluated arguments. */
  String run(Connection connection, VersionFunctionCall.Function function, List<String> arguments)
      throws SQLException {
    return switch (function) {
      case DOLT_COMMIT -> doltCommit(connection, arguments);
      case COMMIT -> commit(connection, arguments);
      case MERGE -> head.merge(connection, arguments);
    };
  }

  /**
   * {@code DOLT_COMMIT}: commits the current primary transaction and waits for its mirrored Dolt commit; on
   * a detached head it commits the detached working set instead; with {@code --branch <b>} naming another
   * branch than the mirrored one it is Dolt's own {@code dolt_commit} on that branch.
   *
   * @return the commit hash, or null when nothing changed and {@code --skip-empty} was given
   */
  String doltCommit(Connection connection, List<String> arguments) throws SQLException {
    CommitOptions options = CommitOptions.parse(arguments);
    if (options.branch() != null && !options.branch().equals(mirroredBranch)) {
      return SqlRunner.value(connection, SqlRunner.call("dolt_commit", arguments.size()), arguments.toArray());
    }
    if (options.branch() == null && head.isDetached()) {
      return head.commit(connection, options);
    }
    String hash = primary.commitAndAwait(options.metadata(), options.allowEmpty());
    LOG.debug("DOLT_COMMIT committed the primary transaction as {}", hash);
    if (hash == null && !options.skipEmpty()) {
      throw new SQLException("nothing to commit: the primary transaction changed no mirrored table"
          + " (it is committed; use --allow-empty for an empty Dolt commit)", "HY000");
    }
    return hash;
  }

  /** {@code COMMIT}: commits the detached working set (always, even unchanged) and moves the head to it. */
  private String commit(Connection connection, List<String> arguments) throws SQLException {
    CommitOptions options = CommitOptions.parse(arguments);
    if (options.branch() != null) {
      throw new SQLException("COMMIT() commits the detached head and takes no --branch;"
          + " use DOLT_COMMIT('--branch', ...) for a branch", "42000");
    }
    return head.commit(connection, options.allowingEmpty());
  }
}
