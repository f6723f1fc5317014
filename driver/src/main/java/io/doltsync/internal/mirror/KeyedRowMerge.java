package io.doltsync.internal.mirror;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row changes of one keyed table across the entries of a group commit, merged per key, so that the whole
 * group reaches Dolt as a few large statements whatever the order the entries interleaved their kinds of change
 * in: one {@code REPLACE} of every row written whole, in order (an in-place change of a row the group wrote whole is
 * folded into a further copy of it: a key written twice is written twice, so every value any entry stored is
 * still sent, and one Dolt would refuse still fails the group), then the delete of every key whose last full-row
 * change is a delete, then the in-place updates ({@code UPDATE ... SET c = ?, d = d + ?}, each matching exactly
 * one row) of keys the group never wrote whole, grouped by the columns and kinds they change.
 *
 * <p>Exact only where changes to different keys commute and keys compare exactly: the writer uses it for tables
 * with a primary key and no other unique index (a {@code REPLACE} of one key could otherwise delete another's row),
 * and only for keys that are integers (compared by value, as Dolt compares them). A change it cannot fold in
 * without changing what Dolt would end with, or what it would refuse, is refused ({@code false}): the caller then
 * queues what is merged so far and starts a new merge with that change, so the order of changes is kept where it
 * matters. That is: a second in-place update of a key not written whole that sets a value (combining it with the
 * first would drop a value Dolt might refuse; added amounts are summed, {@link #addTo}), an in-place update after a
 * delete of its key (it must fail, as alone), and a full-row change after an in-place update (whose check that the
 * row exists in Dolt must come first). A group whose merged statements Dolt refuses is applied one entry at a time by the applier,
 * so a refused entry is still isolated and quarantined alone.
 */
final class KeyedRowMerge {

  private enum Full { NONE, DELETED, ROW }

  /** One key's merged changes. */
  private static final class KeyState {
    final Object[] key;
    /** The first change was an in-place update: the row must exist in Dolt before the group (its count is checked). */
    boolean checked;
    Full full = Full.NONE;
    /** The row as last written whole (with later in-place changes folded in). */
    Object[] row;
    /** The in-place update of a key never written whole (one change per column: later added amounts summed in), in order. */
    final LinkedHashMap<String, Change> updates = new LinkedHashMap<>();

    KeyState(Object[] key) {
      this.key = key;
    }
  }

  /** A column's new value, or an amount added to it. */
  private record Change(boolean add, Object value) {}

  /** In-place updates of one shape: key columns then changed columns, and each changed column's kind. */
  record UpdateShape(List<String> columns, List<String> kinds) {}

  private final List<String> keyColumns;
  private List<String> rowColumns;
  private int[] keyPositions;
  private final Map<List<BigInteger>, KeyState> keys = new LinkedHashMap<>();
  /** Every row written whole, in order (a key's later copy after its earlier one). */
  private final List<Object[]> rows = new ArrayList<>();

  KeyedRowMerge(List<String> keyColumns) {
    this.keyColumns = List.copyOf(keyColumns);
  }

  List<String> keyColumns() {
    return keyColumns;
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  /** Whether every value is an integer ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}). */
  static boolean integerKey(Object[] key) {
    for (Object value : key) {
      if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
          || value instanceof BigInteger)) {
        return false;
      }
    }
    return true;
  }

  private static List<BigInteger> normalized(Object[] key) {
    List<BigInteger> normalized = new ArrayList<>(key.length);
    for (Object value : key) {
      normalized.add(value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue()));
    }
    return normalized;
  }

  /** Folds in the delete of the row with this key (aligned with the key columns); false when it cannot. */
  boolean delete(Object[] key) {
    if (key.length != keyColumns.size() || !integerKey(key)) {
      return false;
    }
    KeyState state = keys.get(normalized(key));
    if (state != null && state.checked) {
      return false;
    }
    if (state == null) {
      state = new KeyState(key.clone());
      keys.put(normalized(key), state);
    }
    state.full = Full.DELETED;
    state.row = null;
    return true;
  }

  /** Folds in the upsert of a complete row (aligned with {@code columns}); false when it cannot. */
  boolean upsert(List<String> columns, Object[] row) {
    if (rowColumns != null && !rowColumns.equals(columns) || row.length != columns.size()) {
      return false;
    }
    int[] positions = rowColumns != null ? keyPositions : positions(columns);
    if (positions == null) {
      return false;
    }
    Object[] key = new Object[positions.length];
    for (int k = 0; k < key.length; k++) {
      key[k] = row[positions[k]];
    }
    if (!integerKey(key)) {
      return false;
    }
    KeyState state = keys.get(normalized(key));
    if (state != null && state.checked) {
      return false;
    }
    if (rowColumns == null) {
      rowColumns = List.copyOf(columns);
      keyPositions = positions;
    }
    if (state == null) {
      state = new KeyState(key);
      keys.put(normalized(key), state);
    }
    state.full = Full.ROW;
    state.row = row.clone();
    rows.add(state.row);
    return true;
  }

  private int[] positions(List<String> columns) {
    int[] positions = new int[keyColumns.size()];
    for (int k = 0; k < positions.length; k++) {
      positions[k] = columns.indexOf(keyColumns.get(k));
      if (positions[k] < 0) {
        return null;
      }
    }
    return positions;
  }

  /**
   * Folds in the in-place update of one row: {@code columns} are the key columns then the changed ones, {@code row}
   * the key then each changed column's value or amount, {@code kinds} each changed column's {@code SET} or
   * {@code ADD}; false when it cannot.
   */
  boolean update(List<String> columns, List<String> kinds, Object[] row) {
    int keyCount = keyColumns.size();
    if (!columns.subList(0, Math.min(keyCount, columns.size())).equals(keyColumns)
        || columns.size() != keyCount + kinds.size() || row.length != columns.size()) {
      return false;
    }
    Object[] key = java.util.Arrays.copyOf(row, keyCount);
    if (!integerKey(key) || columns.subList(keyCount, columns.size()).stream().anyMatch(keyColumns::contains)) {
      return false;
    }
    KeyState state = keys.get(normalized(key));
    if (state != null && state.full == Full.DELETED) {
      return false; // Dolt would match no row: sent in order, the update fails as it would alone
    }
    if (state != null && state.full == Full.ROW) {
      Object[] folded = state.row.clone();
      for (int c = 0; c < kinds.size(); c++) {
        int at = rowColumns.indexOf(columns.get(keyCount + c));
        if (at < 0) {
          return false;
        }
        Object value = row[keyCount + c];
        if ("ADD".equals(kinds.get(c))) {
          value = sum(folded[at], value);
          if (value == null && folded[at] != null) {
            return false;
          }
        }
        folded[at] = value;
      }
      state.row = folded;
      rows.add(folded);
      return true;
    }
    if (state != null) {
      return addTo(state, columns.subList(keyCount, columns.size()), kinds, row, keyCount);
    }
    state = new KeyState(key);
    state.checked = true;
    for (int c = 0; c < kinds.size(); c++) {
      state.updates.put(columns.get(keyCount + c), new Change("ADD".equals(kinds.get(c)), row[keyCount + c]));
    }
    keys.put(normalized(key), state);
    return true;
  }

  /**
   * Adds a later in-place update of a key to its earlier one when every column it changes is an added amount and the
   * earlier change of that column, if any, is one too: the amounts are summed exactly ({@link #sum}). Dolt then
   * stores one sum where it would have stored each partial one; the primary stored each partial value in a column of
   * the same integer or decimal type, so whenever Dolt held the primary's row, the partial values fit as the final
   * one does and nothing Dolt would have refused is skipped. A value set is never combined (the earlier one, which
   * Dolt might refuse, would be dropped): false, and the update goes after the merge.
   */
  private static boolean addTo(KeyState state, List<String> changed, List<String> kinds, Object[] row, int keyCount) {
    LinkedHashMap<String, Change> combined = new LinkedHashMap<>(state.updates);
    for (int c = 0; c < kinds.size(); c++) {
      if (!"ADD".equals(kinds.get(c))) {
        return false;
      }
      Change earlier = combined.get(changed.get(c));
      Object amount = row[keyCount + c];
      if (earlier != null) {
        amount = earlier.add() ? sum(earlier.value(), amount) : null;
        if (amount == null) {
          return false;
        }
      }
      combined.put(changed.get(c), new Change(true, amount));
    }
    state.updates.clear();
    state.updates.putAll(combined);
    return true;
  }

  /**
   * An exact sum: integers (up to a long) or decimals; {@code null} for anything else (and for a NULL value, which the
   * caller keeps as NULL). A decimal amount has the column's scale (the capture's, {@code ColumnChange}), so the sum
   * is the value Dolt's {@code c = c + ?} would store.
   */
  static Object sum(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (isWhole(a) && isWhole(b)) {
      try {
        return Math.addExact(((Number) a).longValue(), ((Number) b).longValue());
      } catch (ArithmeticException overflow) {
        return null;
      }
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.add(y);
    }
    return null;
  }

  private static boolean isWhole(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
  }

  /** The keys whose last full-row change is a delete, in first-changed order (aligned with the key columns). */
  List<Object[]> deletedKeys() {
    List<Object[]> deleted = new ArrayList<>();
    for (KeyState state : keys.values()) {
      if (state.full == Full.DELETED) {
        deleted.add(state.key);
      }
    }
    return deleted;
  }

  /** The columns of {@link #upserts}' rows ({@code null} when there are none). */
  List<String> rowColumns() {
    return rowColumns;
  }

  /** Every row written whole and every copy of one changed in place afterwards, in order (the last copy wins). */
  List<Object[]> upserts() {
    return rows;
  }

  /** The in-place updates of keys never written whole, each key's combined into one row, by shape. */
  Map<UpdateShape, List<Object[]>> updates() {
    Map<UpdateShape, List<Object[]>> updates = new LinkedHashMap<>();
    for (KeyState state : keys.values()) {
      if (state.full != Full.NONE || state.updates.isEmpty()) {
        continue;
      }
      List<String> columns = new ArrayList<>(keyColumns);
      List<String> kinds = new ArrayList<>();
      Object[] row = java.util.Arrays.copyOf(state.key, keyColumns.size() + state.updates.size());
      int c = keyColumns.size();
      for (Map.Entry<String, Change> change : state.updates.entrySet()) {
        columns.add(change.getKey());
        kinds.add(change.getValue().add() ? "ADD" : "SET");
        row[c++] = change.getValue().value();
      }
      updates.computeIfAbsent(new UpdateShape(columns, kinds), shape -> new ArrayList<>()).add(row);
    }
    return updates;
  }
}
