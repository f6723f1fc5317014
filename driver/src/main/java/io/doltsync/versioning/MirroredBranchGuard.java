package io.doltsync.versioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Set;

/**
 * Refuses what would write the mirrored branch, which only doltsync's mirror writes: DML and DDL whose
 * table is on it (unqualified while the session has it checked out, {@code shop.t}, {@code `shop/main`.t},
 * {@code `shop@main`.t}), the procedures that change the session's current branch while that is the
 * mirrored one ({@code dolt_reset}, {@code dolt_merge}, {@code dolt_revert}, {@code dolt_cherry_pick},
 * {@code dolt_pull}, ...), {@code dolt_branch -f/-d/-D/-m/-c} and {@code dolt_checkout -B} on it, table
 * restores by {@code dolt_checkout} on it, and writes to its {@code dolt_branches} row. The refusal is an
 * {@link SQLSyntaxErrorException} with SQLState {@value #SQL_STATE} (access rule violation).
 */
final class MirroredBranchGuard {

  static final String SQL_STATE = "42000";

  private static final Set<String> CURRENT_BRANCH_WRITERS = Set.of("dolt_add", "dolt_cherry_pick", "dolt_clean",
      "dolt_commit_hash_out", "dolt_conflicts_resolve", "dolt_merge", "dolt_pull", "dolt_rebase", "dolt_reset",
      "dolt_revert", "dolt_rm", "dolt_stash", "dolt_update_column_tag");

  private final String database;
  private final String mirroredBranch;

  MirroredBranchGuard(String database, String mirroredBranch) {
    this.database = database;
    this.mirroredBranch = mirroredBranch;
  }

  /** Refuses {@code what} when {@code branch} is the mirrored branch. */
  void refuseMirrored(String branch, String what) throws SQLException {
    if (mirroredBranch.equals(branch)) {
      throw new SQLSyntaxErrorException("branch '" + mirroredBranch + "' of database " + database
          + " is written only by doltsync's mirror; refused: " + what + ". Change the primary database,"
          + " or work on another branch (e.g. CALL dolt_branch('mybranch') and write to `" + database
          + "/mybranch`.<table>)", SQL_STATE);
    }
  }

  /** Refuses a DML or DDL statement that writes a table on the mirrored branch. */
  void checkWrite(SessionPosition position, SqlText statement) throws SQLException {
    for (QualifiedName table : WriteTargets.of(statement)) {
      refuseMirrored(position.branchOf(table.qualifier()), "writing " + table);
    }
  }

  /** Refuses a {@code CALL dolt_*} that would change the mirrored branch. */
  void checkProcedure(Connection connection, SessionPosition position, ProcedureCall call) throws SQLException {
    String name = call.name();
    String qualifier = call.procedure().qualifier();
    if (CURRENT_BRANCH_WRITERS.contains(name)) {
      refuseMirrored(position.branchOf(qualifier), "CALL " + name + " on it");
    } else if (name.equals("dolt_branch")) {
      checkBranch(Expressions.evaluate(connection, call.arguments()));
    } else if (name.equals("dolt_checkout")) {
      checkCheckout(connection, position, qualifier, Expressions.evaluate(connection, call.arguments()));
    }
  }

  /** {@code dolt_branch}: its force, delete, move and copy forms change the branches they name. */
  private void checkBranch(List<String> arguments) throws SQLException {
    CliArguments parsed = CliArguments.parse(arguments, Set.of());
    List<String> names = parsed.positional();
    List<String> changed;
    if (parsed.has("d", "D", "delete")) {
      changed = names;
    } else if (parsed.has("m", "M", "move")) {
      changed = names.subList(0, Math.min(2, names.size()));
    } else if (parsed.has("c", "C", "copy")) {
      changed = names.size() > 1 ? names.subList(1, 2) : List.of();
    } else {
      changed = parsed.has("f", "force") && !names.isEmpty() ? names.subList(0, 1) : List.of();
    }
    for (String branch : changed) {
      refuseMirrored(branch, "CALL dolt_branch(" + String.join(", ", arguments) + ")");
    }
  }

  /** {@code dolt_checkout}: {@code -B} resets the branch it names; naming tables restores them on the current branch. */
  private void checkCheckout(Connection connection, SessionPosition position, String qualifier, List<String> arguments)
      throws SQLException {
    CliArguments parsed = CliArguments.parse(arguments, Set.of("b", "B"));
    refuseMirrored(parsed.value("B"), "CALL dolt_checkout('-B', ...) resetting it");
    if (parsed.has("b", "B") || !mirroredBranch.equals(position.branchOf(qualifier))) {
      return;
    }
    List<String> names = parsed.positional();
    boolean restoresTables = parsed.hasSeparator() || names.size() > 1
        || (names.size() == 1 && !names.get(0).equals(mirroredBranch) && !isBranch(connection, names.get(0)));
    if (restoresTables) {
      refuseMirrored(mirroredBranch, "CALL dolt_checkout restoring tables " + names + " on it");
    }
  }

  private static boolean isBranch(Connection connection, String name) throws SQLException {
    String count = SqlRunner.value(connection, "SELECT (SELECT COUNT(*) FROM dolt_branches WHERE name = ?)"
        + " + (SELECT COUNT(*) FROM dolt_remote_branches WHERE name LIKE CONCAT('remotes/%/', ?))", name, name);
    return !"0".equals(count);
  }
}
