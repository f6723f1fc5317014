package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link BranchTableWrite} with SQL's semantics: values are evaluated on the session's connection
 * (so {@code @@<db>_head}, user variables and {@code ?} work), a NULL name or guard matches no row, and the
 * result is an update count. The mirrored branch is refused.
 */
final class BranchTable {

  private final MirroredBranchGuard guard;
  private final BranchRefs refs;

  BranchTable(MirroredBranchGuard guard, BranchRefs refs) {
    this.guard = guard;
    this.refs = refs;
  }

  /** Runs the write; returns its update count. */
  long execute(Connection session, BranchTableWrite write) throws SQLException {
    if (write instanceof BranchTableWrite.Create create) {
      return create(session, create);
    }
    if (write instanceof BranchTableWrite.Move move) {
      return move(session, move);
    }
    return delete(session, (BranchTableWrite.Delete) write);
  }

  private long move(Connection session, BranchTableWrite.Move move) throws SQLException {
    List<String> values = Expressions.evaluate(session, withGuard(List.of(move.name(), move.target()), move.expected()));
    String branch = values.get(0);
    String expected = move.expected() == null ? null : values.get(2);
    if (branch == null || (move.expected() != null && expected == null)) {
      return 0;
    }
    guard.refuseMirrored(branch, "moving it through dolt_branches");
    return refs.move(branch, notNull(values.get(1), "hash"), expected);
  }

  private long delete(Connection session, BranchTableWrite.Delete delete) throws SQLException {
    List<String> values = Expressions.evaluate(session, withGuard(List.of(delete.name()), delete.expected()));
    String branch = values.get(0);
    String expected = delete.expected() == null ? null : values.get(1);
    if (branch == null || (delete.expected() != null && expected == null)) {
      return 0;
    }
    guard.refuseMirrored(branch, "deleting it through dolt_branches");
    return refs.delete(branch, expected);
  }

  private long create(Connection session, BranchTableWrite.Create create) throws SQLException {
    List<SqlText> expressions = new ArrayList<>();
    for (BranchTableWrite.NewBranch branch : create.branches()) {
      expressions.add(branch.name());
      expressions.add(branch.hash());
    }
    List<String> values = Expressions.evaluate(session, expressions);
    for (int i = 0; i < values.size(); i += 2) {
      guard.refuseMirrored(notNull(values.get(i), "name"), "writing it through dolt_branches");
      notNull(values.get(i + 1), "hash");
    }
    long written = 0;
    for (int i = 0; i < values.size(); i += 2) {
      written += refs.put(values.get(i), values.get(i + 1));
    }
    return written;
  }

  private static List<SqlText> withGuard(List<SqlText> expressions, SqlText guard) {
    List<SqlText> all = new ArrayList<>(expressions);
    if (guard != null) {
      all.add(guard);
    }
    return all;
  }

  private static String notNull(String value, String column) throws SQLException {
    if (value == null) {
      throw new SQLIntegrityConstraintViolationException("Column '" + column + "' of dolt_branches cannot be null", "23000");
    }
    return value;
  }
}
