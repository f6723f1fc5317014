package io.doltsync.internal.verify;

import io.doltsync.internal.dialect.IntegerKeys;
import java.sql.SQLException;
import java.util.List;

/**
 * Compares a table keyed by integers by reading both sides in key order, {@code rows} rows at a time from each
 * (the two reads run concurrently), and merging them: a key on one side only, or a row whose values differ, is
 * a difference. Every column is compared in the JVM with the canonical values, so no database hashes anything.
 * Chosen over the digests because Dolt evaluates a row digest about ten times slower than it returns the row
 * (measured on a 1M-row table: 10,000-row digest 1.2–3 s, the same rows read in key order 0.15–0.2 s). Only for
 * integer keys, which every database orders alike; text keys may be collated differently. Memory holds two
 * chunks.
 */
final class OrderedMerge {

  private final TableSide primary;
  private final TableSide dolt;
  private final HashedColumns columns;
  private final int rows;
  private final Differences differences;

  OrderedMerge(TableSide primary, TableSide dolt, HashedColumns columns, int rows, Differences differences) {
    this.primary = primary;
    this.dolt = dolt;
    this.columns = columns;
    this.rows = rows;
    this.differences = differences;
  }

  /**
   * Whether the table's key is made of integer columns whose canonical text both databases agree on (not stored
   * through the text fallback), so that both order it the same way.
   */
  static boolean applies(TableSide primary, HashedColumns columns) {
    if (columns.key().isEmpty()) {
      return false;
    }
    for (int position : columns.key()) {
      if (!IntegerKeys.isIntegerType(primary.column(position).jdbcType()) || !columns.hashed().contains(position)) {
        return false;
      }
    }
    return true;
  }

  /** Compares the whole table; returns the primary rows compared. */
  long run(BothSides both, ProgressSink progress) throws SQLException {
    long compared = 0;
    Object[] lower = null;
    while (true) {
      Object[] from = lower;
      BothSides.Results<List<Object[]>> chunk = both.run(
          () -> primary.firstRows(from == null ? null : primary.typedKey(from), rows),
          () -> dolt.firstRows(from, rows));
      List<Object[]> primaryRows = chunk.primary();
      List<Object[]> doltRows = chunk.dolt();
      Object[] bound = bound(primaryRows, doltRows);
      compared += merge(primaryRows, doltRows, bound);
      progress.rows(compared);
      if (bound == null) {
        return compared;
      }
      lower = bound;
    }
  }

  /**
   * The last key both chunks cover: the smaller of their last keys when both are full, the full one's last key
   * when one is, or null (the end of the table) when neither is.
   */
  private Object[] bound(List<Object[]> primaryRows, List<Object[]> doltRows) {
    Object[] primaryLast = primaryRows.size() == rows ? keyOf(primaryRows.get(rows - 1)) : null;
    Object[] doltLast = doltRows.size() == rows ? keyOf(doltRows.get(rows - 1)) : null;
    if (primaryLast == null || doltLast == null) {
      return primaryLast == null ? doltLast : primaryLast;
    }
    return IntegerKeys.compare(primaryLast, doltLast) <= 0 ? primaryLast : doltLast;
  }

  /** Merges the rows up to {@code bound} (all when null); returns the primary rows merged. */
  private long merge(List<Object[]> primaryRows, List<Object[]> doltRows, Object[] bound) throws SQLException {
    int p = 0;
    int d = 0;
    while (true) {
      Object[] left = p < primaryRows.size() && within(primaryRows.get(p), bound) ? primaryRows.get(p) : null;
      Object[] right = d < doltRows.size() && within(doltRows.get(d), bound) ? doltRows.get(d) : null;
      if (left == null && right == null) {
        return p;
      }
      int c = left == null ? 1 : right == null ? -1 : IntegerKeys.compare(keyOf(left), keyOf(right));
      if (c == 0) {
        differences.keyed(keyOf(left), left, right);
      } else if (c < 0) {
        differences.keyed(keyOf(left), left, null);
      } else {
        differences.keyed(keyOf(right), null, right);
      }
      if (c <= 0) {
        p++;
      }
      if (c >= 0) {
        d++;
      }
    }
  }

  private boolean within(Object[] row, Object[] bound) {
    return bound == null || IntegerKeys.compare(keyOf(row), bound) <= 0;
  }

  private Object[] keyOf(Object[] row) {
    Object[] key = new Object[columns.key().size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = row[columns.key().get(i)];
    }
    return key;
  }
}
