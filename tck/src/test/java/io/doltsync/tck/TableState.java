package io.doltsync.tck;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.spi.ColumnSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One table's content as canonical values: its column names (lower case, in table order), the primary's
 * schema of each column (to read the same columns back from Dolt), and its rows sorted by a canonical
 * text key, so two states compare as multisets of rows (keyless tables may hold duplicates).
 */
final class TableState {

  private static final int MAX_REPORTED_ROWS = 8;

  private final String name;
  private final List<String> columns;
  private final List<ColumnSchema> schemas;
  private final List<Object[]> rows;
  private final List<String> rowKeys;

  TableState(String name, List<String> columns, List<ColumnSchema> schemas, List<Object[]> rows) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.schemas = schemas;
    List<Object[]> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(TableState::rowKey));
    this.rows = List.copyOf(sorted);
    this.rowKeys = this.rows.stream().map(TableState::rowKey).toList();
  }

  String name() {
    return name;
  }

  List<String> columns() {
    return columns;
  }

  /** The primary's schema of each column, parallel to {@link #columns()}. */
  List<ColumnSchema> schemas() {
    return schemas;
  }

  List<Object[]> rows() {
    return rows;
  }

  /** True when both hold the same columns and the same multiset of rows, compared canonically. */
  boolean sameAs(TableState other) {
    if (this == other) {
      return true;
    }
    if (!columns.equals(other.columns) || rows.size() != other.rows.size()) {
      return false;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (!sameRow(rows.get(i), other.rows.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Readable differences from {@code actual}, empty when {@link #sameAs} holds. */
  List<String> differencesFrom(TableState actual) {
    List<String> differences = new ArrayList<>();
    if (sameAs(actual)) {
      return differences;
    }
    if (!columns.equals(actual.columns)) {
      differences.add(name + ": columns " + columns + " expected, but " + actual.columns);
      return differences;
    }
    Map<String, Integer> expectedCounts = counts(rowKeys);
    Map<String, Integer> actualCounts = counts(actual.rowKeys);
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    expectedCounts.forEach((key, count) -> {
      if (count > actualCounts.getOrDefault(key, 0)) {
        missing.add(key);
      }
    });
    actualCounts.forEach((key, count) -> {
      if (count > expectedCounts.getOrDefault(key, 0)) {
        extra.add(key);
      }
    });
    differences.add(name + " " + columns + ": " + rows.size() + " rows expected, " + actual.rows.size() + " found");
    missing.stream().limit(MAX_REPORTED_ROWS).forEach(row -> differences.add("  missing (or different) " + row));
    extra.stream().limit(MAX_REPORTED_ROWS).forEach(row -> differences.add("  unexpected (or different) " + row));
    if (missing.isEmpty() && extra.isEmpty()) {
      differences.add("  same row keys but values differ canonically (types?): expected " + describe(rows)
          + " but found " + describe(actual.rows));
    }
    return differences;
  }

  private static boolean sameRow(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!CanonicalValues.same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Integer> counts(List<String> keys) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    keys.forEach(key -> counts.merge(key, 1, Integer::sum));
    return counts;
  }

  /** A text form of a row in which canonically equal values print alike. */
  static String rowKey(Object[] row) {
    StringJoiner joiner = new StringJoiner(", ", "(", ")");
    for (Object value : row) {
      joiner.add(cellKey(value));
    }
    return joiner.toString();
  }

  private static String cellKey(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] bytes) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Double || value instanceof Float) {
      return Double.toString(((Number) value).doubleValue());
    }
    if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString());
      return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof String text) {
      return "'" + text + "'";
    }
    return value.toString();
  }

  private static String describe(List<Object[]> rows) {
    return rows.stream().limit(3).map(row -> Arrays.stream(row)
        .map(v -> v == null ? "NULL" : v + ":" + v.getClass().getSimpleName()).toList().toString()).toList().toString();
  }
}
