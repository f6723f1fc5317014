package io.doltsync.internal.writeback;

import io.doltsync.internal.dialect.CanonicalValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for one row, what a write-back writes, given the image it expects the primary to hold
 * ({@code base}), the image it wants ({@code target}) and what the primary holds now ({@code current});
 * an absent row is {@code null}.
 *
 * <ul>
 *   <li>{@link #ROW}: the row must be exactly as expected (or already as wanted); any other change to it is
 *       a conflict of the whole row. Revert and restore use it by default.
 *   <li>{@link #CELL}: Dolt's cell-wise merge: only the cells the write-back changes matter; a cell that
 *       is still the base value takes the target value, one that already holds it stays, one changed to a
 *       third value is a conflict. A row deleted on one side and changed on the other, or inserted on both
 *       with different values, is a conflict of the whole row. Publish uses it, and revert and restore with
 *       {@code skipConflicts}.
 * </ul>
 */
enum MergeRule {
  ROW,
  CELL;

  /** What to do with one row. {@code changed} holds the columns an update sets; {@code conflicting} the conflicting ones. */
  record Outcome(Kind kind, List<Integer> changed, boolean conflict, List<Integer> conflicting) {

    static final Outcome NOTHING = new Outcome(Kind.NOTHING, List.of(), false, List.of());
    static final Outcome INSERT = new Outcome(Kind.INSERT, List.of(), false, List.of());
    static final Outcome DELETE = new Outcome(Kind.DELETE, List.of(), false, List.of());
    static final Outcome ROW_CONFLICT = new Outcome(Kind.NOTHING, List.of(), true, List.of());
  }

  enum Kind { NOTHING, INSERT, UPDATE, DELETE }

  Outcome decide(Object[] base, Object[] target, Object[] current) {
    if (base == null && target == null) {
      return Outcome.NOTHING;
    }
    if (base == null) {
      if (current == null) {
        return Outcome.INSERT;
      }
      return sameRow(current, target) ? Outcome.NOTHING : new Outcome(Kind.NOTHING, List.of(), true, differing(current, target));
    }
    if (target == null) {
      if (current == null) {
        return Outcome.NOTHING;
      }
      return sameRow(current, base) ? Outcome.DELETE : new Outcome(Kind.NOTHING, List.of(), true, differing(current, base));
    }
    if (current == null) {
      return Outcome.ROW_CONFLICT;
    }
    if (sameRow(current, target)) {
      return Outcome.NOTHING;
    }
    if (this == ROW) {
      return sameRow(current, base) ? new Outcome(Kind.UPDATE, differing(base, target), false, List.of())
          : new Outcome(Kind.NOTHING, List.of(), true, differing(current, base));
    }
    List<Integer> changed = new ArrayList<>();
    List<Integer> conflicting = new ArrayList<>();
    for (int i = 0; i < base.length; i++) {
      if (CanonicalValues.same(base[i], target[i]) || CanonicalValues.same(current[i], target[i])) {
        continue;
      }
      if (CanonicalValues.same(current[i], base[i])) {
        changed.add(i);
      } else {
        conflicting.add(i);
      }
    }
    return new Outcome(changed.isEmpty() ? Kind.NOTHING : Kind.UPDATE, changed, !conflicting.isEmpty(), conflicting);
  }

  static boolean sameRow(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!CanonicalValues.same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static List<Integer> differing(Object[] a, Object[] b) {
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (!CanonicalValues.same(a[i], b[i])) {
        columns.add(i);
      }
    }
    return columns;
  }
}
