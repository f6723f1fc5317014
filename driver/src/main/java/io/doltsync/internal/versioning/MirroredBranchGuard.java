package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Set;

/**
 * Refuses what would write the mirrored branch, which only doltsync's mirror writes: DML and DDL whose
 * table is on it (unqualified while the session has it checked out, {@code shop.t}, {@code `shop/main`.t},
 * {@code `shop@main`.t}), also behind WITH or EXPLAIN ANALYZE, the procedures that change the session's
 * current branch while that is the mirrored one (every {@code dolt_*} procedure but those known to leave
 * the working set alone, and every procedure that is not Dolt's), {@code dolt_branch -f/-d/-D/-m/-c} and
 * {@code dolt_checkout -B} on it, table restores by {@code dolt_checkout} on it, writes to its
 * {@code dolt_branches} row, and on every branch (a qualified name reaches the mirrored branch from any of
 * them) anything whose effect doltsync cannot read: HANDLER, DO, an EXECUTE of a text it has not seen
 * prepared, a write whose table it cannot find, a procedure that is not Dolt's. The refusal is an
 * {@link SQLSyntaxErrorException} with SQLState {@value #SQL_STATE} (access rule violation).
 */
final class MirroredBranchGuard {

  static final String SQL_STATE = "42000";

  /**
   * Dolt procedures that leave the current branch's working set alone; every other {@code dolt_*} procedure
   * ({@code dolt_reset}, {@code dolt_merge}, {@code dolt_add}, ... and any Dolt adds later) is refused on the
   * mirrored branch. {@code dolt_branch} and {@code dolt_checkout} are read argument by argument.
   */
  private static final Set<String> WORKING_SET_NEUTRAL = Set.of("dolt_backup", "dolt_clone", "dolt_count_commits",
      "dolt_fetch", "dolt_gc", "dolt_purge_dropped_databases", "dolt_push", "dolt_remote", "dolt_tag",
      "dolt_thread_dump", "dolt_undrop");

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

  /**
   * Refuses what doltsync cannot read, whatever branch the session is on: its effect may reach the mirrored
   * branch through a qualified name ({@code `shop/main`.t}).
   */
  void refuseUnreadable(String what) throws SQLException {
    throw new SQLSyntaxErrorException("branch '" + mirroredBranch + "' of database " + database
        + " is written only by doltsync's mirror, and doltsync cannot tell whether this writes it; refused on"
        + " every branch: " + what + ". Name the tables the statement writes in its own text (not through a"
        + " prepared variable or a procedure)", SQL_STATE);
  }

  /**
   * Refuses a DML or DDL statement that writes a table on the mirrored branch; one whose targets cannot be
   * read is refused on every branch.
   */
  void checkWrite(SessionPosition position, SqlText statement) throws SQLException {
    List<QualifiedName> targets = WriteTargets.of(statement);
    if (targets == null) {
      refuseUnreadable("a write whose tables doltsync cannot read: " + verb(statement));
      return;
    }
    for (QualifiedName table : targets) {
      refuseMirrored(position.branchOf(table.qualifier()), "writing " + table);
    }
  }

  /** Refuses a statement doltsync cannot tell the effects of (HANDLER, DO, ...), on every branch. */
  void checkUnknown(SqlText statement) throws SQLException {
    refuseUnreadable("a statement doltsync cannot read (" + verb(statement) + ")");
  }

  /** Refuses a CALL of a procedure that is not Dolt's, on every branch: its body may write any branch by name. */
  private void checkOtherProcedure(ProcedureCall call) throws SQLException {
    refuseUnreadable("CALL " + call.procedure() + " (not a Dolt procedure: what it writes cannot be known)");
  }

  private static String verb(SqlText statement) {
    String verb = statement.token(0).text();
    return statement.token(1).isName() ? verb + " " + statement.token(1).text() : verb;
  }

  /** Refuses a {@code CALL dolt_*} that would change the mirrored branch, and every other procedure. */
  void checkProcedure(Connection connection, SessionPosition position, ProcedureCall call) throws SQLException {
    String name = call.name();
    String qualifier = call.procedure().qualifier();
    if (!name.startsWith("dolt_")) {
      checkOtherProcedure(call);
    } else if (name.equals("dolt_branch")) {
      checkBranch(Expressions.evaluate(connection, call.arguments()));
    } else if (name.equals("dolt_checkout")) {
      checkCheckout(connection, position, qualifier, Expressions.evaluate(connection, call.arguments()));
    } else if (!WORKING_SET_NEUTRAL.contains(name) && !name.startsWith("dolt_stats_")) {
      refuseMirrored(position.branchOf(qualifier), "CALL " + name + " on it");
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
