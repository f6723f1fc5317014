package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an application observed while running a scenario: one line per observation ("label = value"),
 * with values described by type and content, and exceptions by class, SQLState, vendor code and message.
 * Two runs of a scenario behave identically when their transcripts are equal. Names that differ between
 * runs only because each run has its own database or schema are replaced by placeholders.
 */
final class Transcript {

  private final List<String> lines = new ArrayList<>();
  private final Map<String, String> placeholders = new LinkedHashMap<>();
  private final List<Pattern> volatileParts;

  /**
   * @param volatileParts patterns of message parts that legitimately differ between two connections (e.g. a
   *                      connection id), removed from every line
   */
  Transcript(List<Pattern> volatileParts) {
    this.volatileParts = volatileParts;
  }

  /** Replaces {@code name} (case-insensitively) by {@code <placeholder>} in every later line. */
  Transcript placeholder(String name, String placeholder) {
    placeholders.put(name, "<" + placeholder + ">");
    return this;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Records a value. */
  void add(String label, Object value) {
    String line = label + " = " + describe(value);
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      line = line.replaceAll("(?i)" + Pattern.quote(p.getKey()), p.getValue());
    }
    for (Pattern pattern : volatileParts) {
      line = pattern.matcher(line).replaceAll("");
    }
    lines.add(line);
  }

  /** Runs a call and records its outcome: the value, or the exception it threw. Returns the value or null. */
  <T> T attempt(String label, SqlCall<T> call) {
    try {
      T value = call.call();
      add(label, value);
      return value;
    } catch (SQLException e) {
      add(label, e);
      return null;
    }
  }

  /** Runs an action and records "ok" or the exception it threw. Returns whether it succeeded. */
  boolean attemptAction(String label, SqlAction action) {
    try {
      action.run();
      add(label, "ok");
      return true;
    } catch (SQLException e) {
      add(label, e);
      return false;
    }
  }

  /**
   * Records every column label and type and every row of a result set, then closes it.
   *
   * @return the rows read, as {@code getObject} values, for the caller's own assertions
   */
  List<List<Object>> addRows(String label, ResultSet rows) throws SQLException {
    List<List<Object>> read = new ArrayList<>();
    if (rows == null) {
      add(label, null);
      return read;
    }
    try (rows) {
      ResultSetMetaData meta = rows.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + ":" + meta.getColumnType(i) + ":" + meta.getColumnTypeName(i));
      }
      add(label + ".columns", columns);
      while (rows.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.add(rows.getObject(i));
        }
        add(label + ".row" + read.size(), values.stream().map(Transcript::describe).toList());
        read.add(values);
      }
      add(label + ".rowCount", read.size());
    }
    return read;
  }

  /** Records selected columns (by label) of every row of a result set, then closes it. */
  void addRows(String label, ResultSet rows, String... columnLabels) throws SQLException {
    try (rows) {
      int row = 0;
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (String column : columnLabels) {
          values.add(column + "=" + describe(rows.getObject(column)));
        }
        add(label + ".row" + row++, values);
      }
      add(label + ".rowCount", row);
    }
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof SQLException e) {
      return e.getClass().getName() + "[state=" + e.getSQLState() + ", code=" + e.getErrorCode() + ", message="
          + e.getMessage() + "]";
    }
    if (value instanceof byte[] bytes) {
      return "byte[" + HexFormat.of().formatHex(bytes) + "]";
    }
    if (value instanceof int[] ints) {
      return "int" + Arrays.toString(ints);
    }
    if (value instanceof long[] longs) {
      return "long" + Arrays.toString(longs);
    }
    if (value instanceof String || value instanceof Boolean || value instanceof List<?>) {
      return value.toString();
    }
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    if (value instanceof java.sql.Wrapper || value instanceof java.sql.Savepoint) {
      // driver objects differ in class between a raw and a wrapped run: record which JDBC type they are
      for (Class<?> type : JDBC_TYPES) {
        if (type.isInstance(value)) {
          return "<" + type.getSimpleName() + ">";
        }
      }
    }
    return value.getClass().getSimpleName() + ":" + value;
  }

  private static final List<Class<?>> JDBC_TYPES = List.of(java.sql.CallableStatement.class,
      java.sql.PreparedStatement.class, java.sql.Statement.class, java.sql.ResultSet.class, java.sql.Connection.class,
      java.sql.DatabaseMetaData.class, java.sql.Savepoint.class, java.sql.Wrapper.class);

  @FunctionalInterface
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  @FunctionalInterface
  interface SqlAction {
    void run() throws SQLException;
  }
}
