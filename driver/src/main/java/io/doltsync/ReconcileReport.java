package io.doltsync;

import java.util.List;

/**
 * What {@link DoltSync#reconcile} did: the Dolt commit that made the mirrored branch equal to the primary
 * for the tables that differed, and what it changed per table.
 *
 * @param commitHash the Dolt commit, empty when nothing differed (no commit was made)
 * @param message    the commit message's first line, e.g. {@code Reconcile: orders (+1 ~2 -0)}
 * @param tables     one entry per reconciled table
 */
public record ReconcileReport(String commitHash, String message, List<TableChange> tables) {

  public ReconcileReport {
    tables = List.copyOf(tables);
  }

  /**
   * One reconciled table.
   *
   * @param table     the table
   * @param inserted  rows the primary had and Dolt lacked
   * @param updated   rows that differed
   * @param deleted   rows Dolt had and the primary lacked
   * @param wholeTable true when the table was copied whole (keyless, schema differences, or too many rows)
   */
  public record TableChange(String table, long inserted, long updated, long deleted, boolean wholeTable) {}
}
