package io.doltsync.internal.verify;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the shape of a Dolt table with the one doltsync gives the mirror of a primary table: column
 * names and order, types, nullability and primary key.
 */
public final class SchemaComparison {

  private SchemaComparison() {}

  /** The differences, empty when the shapes agree; a missing Dolt table is one difference. */
  public static List<String> differences(Connection dolt, TableSchema schema, SourceDialect dialect, boolean textFallback)
      throws SQLException {
    Map<String, String> expected;
    try {
      expected = DoltDdl.expectedShape(schema, dialect, textFallback);
    } catch (UnmappableTypeException e) {
      return List.of("cannot be mirrored: " + e.getMessage());
    }
    String table = DoltDdl.doltName(schema.name());
    Map<String, String> actual = actualShape(dolt, table);
    if (actual.isEmpty()) {
      return List.of("table " + table + " is missing in Dolt");
    }
    List<String> differences = new ArrayList<>();
    if (!List.copyOf(expected.keySet()).equals(List.copyOf(actual.keySet()))) {
      differences.add("columns: primary " + names(expected) + ", Dolt " + names(actual));
    }
    for (Map.Entry<String, String> column : expected.entrySet()) {
      String found = actual.get(column.getKey());
      if (found != null && !sameType(normalize(column.getValue()), normalize(found))) {
        differences.add(column.getKey() + ": expected " + column.getValue() + ", Dolt has " + found);
      }
    }
    for (String rule : doltOnlyRules(dolt, table)) {
      differences.add("a rule only Dolt has: " + rule);
    }
    return differences;
  }

  /**
   * The CHECK constraints and foreign keys of a Dolt table, as {@code SHOW CREATE TABLE} prints them. doltsync
   * never creates either (Dolt receives complete rows), so each was added by another client of Dolt, and each
   * can make Dolt refuse rows the primary holds: quarantined entries that reconcile could not heal by rows alone
   * (found by the chaos run). Reporting them as schema differences makes reconcile create the table again.
   */
  static List<String> doltOnlyRules(Connection dolt, String table) throws SQLException {
    List<String> rules = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + DoltDdl.quote(table))) {
      if (rs.next()) {
        for (String line : rs.getString(2).split("\n")) {
          String definition = line.strip();
          if (definition.endsWith(",")) {
            definition = definition.substring(0, definition.length() - 1);
          }
          String upper = definition.toUpperCase(Locale.ROOT);
          if (upper.startsWith("CONSTRAINT ") && (upper.contains(" CHECK ") || upper.contains(" FOREIGN KEY "))
              || upper.startsWith("CHECK ") || upper.startsWith("FOREIGN KEY ")) {
            rules.add(definition);
          }
        }
      }
    }
    return rules;
  }

  private static List<String> names(Map<String, String> shape) {
    return shape.keySet().stream().filter(k -> !k.equals("primary key")).toList();
  }

  /** Equal, or the expected type without parameters and Dolt's with its default ones ({@code time}, {@code time(6)}). */
  public static boolean sameType(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    String expectedBase = expected.replace(" not null", "");
    String actualBase = actual.replace(" not null", "");
    return expected.endsWith(" not null") == actual.endsWith(" not null") && !expectedBase.contains("(")
        && actualBase.startsWith(expectedBase + "(");
  }

  /** Dolt prints integer display widths only for tinyint(1); spaces after commas vary. */
  public static String normalize(String type) {
    return type.toLowerCase(Locale.ROOT).replace(", ", ",").trim();
  }

  /**
   * Column name to type (and " not null"), then "primary key"; empty when the table does not exist. Uses
   * {@code SHOW} statements, which read only the current database (information_schema on a shared Dolt
   * server resolves every database, and fails while another one is being dropped).
   */
  public static Map<String, String> actualShape(Connection dolt, String table) throws SQLException {
    Map<String, String> shape = new LinkedHashMap<>();
    if (!doltTables(dolt).contains(table)) {
      return shape;
    }
    List<String[]> key = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW FULL COLUMNS FROM " + DoltDdl.quote(table))) {
      while (rs.next()) {
        shape.put(rs.getString("Field"), rs.getString("Type").toLowerCase(Locale.ROOT)
            + ("NO".equalsIgnoreCase(rs.getString("Null")) ? " not null" : ""));
      }
    }
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW KEYS FROM " + DoltDdl.quote(table))) {
      while (rs.next()) {
        if ("PRIMARY".equals(rs.getString("Key_name"))) {
          key.add(new String[] {rs.getString("Seq_in_index"), rs.getString("Column_name")});
        }
      }
    }
    key.sort(java.util.Comparator.comparingInt(k -> Integer.parseInt(k[0])));
    shape.put("primary key", String.join(",", key.stream().map(k -> k[1]).toList()));
    return shape;
  }

  /** The base tables of the Dolt database on the connection's branch. */
  public static List<String> doltTables(Connection dolt) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW FULL TABLES")) {
      while (rs.next()) {
        if ("BASE TABLE".equalsIgnoreCase(rs.getString(2))) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }
}
