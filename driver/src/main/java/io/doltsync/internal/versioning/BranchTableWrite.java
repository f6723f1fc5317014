package io.doltsync.internal.versioning;

import java.util.List;

/**
 * A write to {@code dolt_branches}, which Dolt made read-only in 2022 and doltsync makes writable again.
 * Values are SQL expressions, evaluated on Dolt.
 */
sealed interface BranchTableWrite {

  /**
   * {@code INSERT INTO dolt_branches (name, hash) VALUES (...), ...}: creates branches, or moves those that
   * exist, as the 2020 table did ({@code INSERT INTO dolt_branches (name, hash) VALUES ('master', @@mydb_head)}).
   */
  record Create(List<NewBranch> branches) implements BranchTableWrite {
    public Create {
      branches = List.copyOf(branches);
    }
  }

  /** One row of an INSERT. */
  record NewBranch(SqlText name, SqlText hash) {}

  /**
   * {@code UPDATE dolt_branches SET hash = <target> WHERE name = <name> [AND hash = <expected>]}: moves a
   * branch; with the hash guard, only when it is at {@code expected} (compare-and-swap).
   *
   * @param expected the guard, or null without one
   */
  record Move(SqlText name, SqlText target, SqlText expected) implements BranchTableWrite {}

  /**
   * {@code DELETE FROM dolt_branches WHERE name = <name> [AND hash = <expected>]}: deletes a branch.
   *
   * @param expected the guard, or null without one
   */
  record Delete(SqlText name, SqlText expected) implements BranchTableWrite {}
}
