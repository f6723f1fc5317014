package io.doltsync.internal.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a table with a primary key. A key of integer columns is compared by {@link OrderedMerge} (both sides
 * read in key order, chunks of {@code max(chunkRows, 5000)} rows, merged in the JVM). Other keys are compared in
 * key ranges of {@code chunkRows} primary rows, the two databases' digests of a range computed concurrently. Range bounds come
 * from the primary's key order; each range's digest (count, XOR and sum of row-text hashes) is computed
 * inside each database, and the columns without an exact text are compared in the JVM for that range
 * only (on Oracle, which lacks the functions a digest needs, every range is compared in the JVM). A
 * range whose digests differ is read row by row from both sides; a row one side lacks in the
 * range is looked up by key on that side, since Dolt's binary collation may order text keys differently
 * from the primary. Memory holds one range at a time.
 */
final class KeyedTableVerifier {

  private static final int KEYS_PER_LOOKUP = 200;
  /** Fewest rows per side and chunk of an ordered merge. */
  static final int MERGE_ROWS = 5_000;

  private final TableSide primary;
  private final TableSide dolt;
  private final HashedColumns columns;
  private final int chunkRows;
  private final int mergeRows;
  private final Differences differences;
  private final String primaryText;
  private final String doltText;
  private BothSides both;

  KeyedTableVerifier(TableSide primary, TableSide dolt, HashedColumns columns, int chunkRows, Differences differences) {
    this(primary, dolt, columns, chunkRows, Math.max(chunkRows, MERGE_ROWS), differences);
  }

  /** @param mergeRows rows per side and chunk when the table is compared by {@link OrderedMerge} */
  KeyedTableVerifier(TableSide primary, TableSide dolt, HashedColumns columns, int chunkRows, int mergeRows,
      Differences differences) {
    this.mergeRows = mergeRows;
    this.primary = primary;
    this.dolt = dolt;
    this.columns = columns;
    this.chunkRows = chunkRows;
    this.differences = differences;
    this.primaryText = primary.rowText(columns.hashed(), columns.texts());
    this.doltText = dolt.rowText(columns.hashed(), columns.texts());
  }

  /** Compares the whole table; returns the primary rows compared. */
  long run(ProgressSink progress) throws SQLException {
    try (BothSides sides = new BothSides()) {
      both = sides;
      if (OrderedMerge.applies(primary, columns)) {
        return new OrderedMerge(primary, dolt, columns, mergeRows, differences)
            .run(sides, progress);
      }
      return runByDigests(progress);
    } finally {
      both = null;
    }
  }

  private long runByDigests(ProgressSink progress) throws SQLException {
    long compared = 0;
    Object[] lower = null;
    while (true) {
      Object[] upper = primary.keyAfter(lower == null ? null : primary.typedKey(lower), chunkRows - 1);
      compared += compareRange(lower, upper);
      progress.rows(compared);
      if (upper == null) {
        return compared;
      }
      lower = upper;
    }
  }

  /** Compares the rows in (lower, upper]; returns the primary's row count there. */
  private long compareRange(Object[] lower, Object[] upper) throws SQLException {
    List<Object> primaryParameters = new ArrayList<>();
    String primaryCondition = primary.rangeCondition(lower == null ? null : primary.typedKey(lower),
        upper == null ? null : primary.typedKey(upper), primaryParameters);
    List<Object> doltParameters = new ArrayList<>();
    String doltCondition = dolt.rangeCondition(lower, upper, doltParameters);
    if (!primary.canDigest()) {
      return narrow(primaryCondition, primaryParameters, doltCondition, doltParameters);
    }
    BothSides.Results<TableSide.Digest> digests = both.run(
        () -> primary.digest(primary.digestQuery(primaryText, primaryCondition), primaryParameters),
        () -> dolt.digest(dolt.digestQuery(doltText, doltCondition), doltParameters));
    TableSide.Digest primaryDigest = digests.primary();
    TableSide.Digest doltDigest = digests.dolt();
    boolean same = primaryDigest.same(doltDigest);
    if (same && !columns.inJvm().isEmpty()) {
      same = sameRows(columns.keyAndJvm(), primaryCondition, primaryParameters, doltCondition, doltParameters);
    }
    if (!same) {
      narrow(primaryCondition, primaryParameters, doltCondition, doltParameters);
    }
    return primaryDigest.count();
  }

  private boolean sameRows(List<Integer> positions, String primaryCondition, List<Object> primaryParameters,
      String doltCondition, List<Object> doltParameters) throws SQLException {
    Map<List<Object>, Object[]> primaryRows = read(primary, positions, primaryCondition, primaryParameters);
    Map<List<Object>, Object[]> doltRows = read(dolt, positions, doltCondition, doltParameters);
    if (primaryRows.size() != doltRows.size()) {
      return false;
    }
    for (Map.Entry<List<Object>, Object[]> row : primaryRows.entrySet()) {
      Object[] other = doltRows.get(row.getKey());
      if (other == null || !Differences.sameRow(row.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /** Reads the range's rows from both sides and records the rows that differ; returns the primary's rows there. */
  private long narrow(String primaryCondition, List<Object> primaryParameters, String doltCondition,
      List<Object> doltParameters) throws SQLException {
    List<Integer> all = columns.all();
    Map<List<Object>, Object[]> primaryRows = read(primary, all, primaryCondition, primaryParameters);
    Map<List<Object>, Object[]> doltRows = read(dolt, all, doltCondition, doltParameters);
    List<Object[]> onlyInPrimary = new ArrayList<>();
    for (Map.Entry<List<Object>, Object[]> row : primaryRows.entrySet()) {
      Object[] other = doltRows.remove(row.getKey());
      if (other == null) {
        onlyInPrimary.add(row.getValue());
      } else {
        differences.keyed(keyOf(row.getValue()), row.getValue(), other);
      }
    }
    lookUp(onlyInPrimary, dolt, true);
    lookUp(new ArrayList<>(doltRows.values()), primary, false);
    return primaryRows.size();
  }

  /** Looks up on {@code other} the rows one side had in a range and the other lacked there. */
  private void lookUp(List<Object[]> rows, TableSide other, boolean rowsArePrimary) throws SQLException {
    for (int from = 0; from < rows.size(); from += KEYS_PER_LOOKUP) {
      List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + KEYS_PER_LOOKUP));
      List<Object[]> keys = new ArrayList<>(slice.size());
      for (Object[] row : slice) {
        Object[] key = keyOf(row);
        keys.add(other.isDolt() ? key : other.typedKey(key));
      }
      List<Object> parameters = new ArrayList<>();
      String condition = other.keysCondition(keys, parameters);
      Map<List<Object>, Object[]> found = read(other, columns.all(), condition, parameters);
      for (Object[] row : slice) {
        Object[] match = found.get(CanonicalKey.of(keyOf(row)));
        differences.keyed(keyOf(row), rowsArePrimary ? row : match, rowsArePrimary ? match : row);
      }
    }
  }

  /** Compares the listed keys again on both sides (a recheck after the journal drained). */
  void recheck(List<List<Object>> keys) throws SQLException {
    for (int from = 0; from < keys.size(); from += KEYS_PER_LOOKUP) {
      List<Object[]> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_LOOKUP)).stream()
          .map(List::toArray).toList();
      List<Object> primaryParameters = new ArrayList<>();
      String primaryCondition = primary.keysCondition(slice.stream().map(primary::typedKey).toList(), primaryParameters);
      List<Object> doltParameters = new ArrayList<>();
      String doltCondition = dolt.keysCondition(slice, doltParameters);
      Map<List<Object>, Object[]> primaryRows = read(primary, columns.all(), primaryCondition, primaryParameters);
      Map<List<Object>, Object[]> doltRows = read(dolt, columns.all(), doltCondition, doltParameters);
      for (Object[] key : slice) {
        List<Object> canonical = CanonicalKey.of(key);
        Object[] p = primaryRows.get(canonical);
        Object[] d = doltRows.get(canonical);
        if (p != null || d != null) {
          differences.keyed(key, p, d);
        }
      }
    }
  }

  /** Rows by canonical key; the positions must start with the key columns or be all columns. */
  private Map<List<Object>, Object[]> read(TableSide side, List<Integer> positions, String condition,
      List<Object> parameters) throws SQLException {
    boolean allColumns = positions.size() == columns.hashed().size() + columns.inJvm().size();
    Map<List<Object>, Object[]> rows = new LinkedHashMap<>();
    side.scan(positions, condition, parameters, row -> rows.put(
        CanonicalKey.of(allColumns ? keyOf(row) : java.util.Arrays.copyOf(row, columns.key().size())), row));
    return rows;
  }

  private Object[] keyOf(Object[] row) {
    Object[] key = new Object[columns.key().size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = row[columns.key().get(i)];
    }
    return key;
  }
}
