package io.doltsync.internal.writeback;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.verify.SchemaComparison;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a write-back whose rows would not fit the primary: the rule is that a table's columns (names
 * and Dolt types) must be the same at every revision involved and at the mirrored branch's head, and the
 * head must have the shape doltsync gives the primary table now. A column added, dropped, renamed or
 * retyped since fails before anything is written, naming the table and the column.
 */
final class SchemaGuard {

  /** SQLState of a schema difference between a revision and the primary. */
  static final String SCHEMA_DIFFERS = "42S22";

  private final Connection dolt;
  private final SourceDialect dialect;
  private final boolean textFallback;

  SchemaGuard(Connection dolt, SourceDialect dialect, boolean textFallback) {
    this.dolt = dolt;
    this.dialect = dialect;
    this.textFallback = textFallback;
  }

  void check(TableSchema schema, List<String> revisions) throws SQLException {
    String table = DoltDdl.doltName(schema.name());
    List<String> headDifferences = SchemaComparison.differences(dolt, schema, dialect, textFallback);
    if (!headDifferences.isEmpty()) {
      throw new SQLSyntaxErrorException("table " + schema.name() + ": the mirrored Dolt branch's shape differs from"
          + " the primary's (" + String.join("; ", headDifferences) + "); run reconcile first", SCHEMA_DIFFERS);
    }
    Map<String, String> head = columnsAt(table, null);
    for (String revision : revisions) {
      Map<String, String> then = columnsAt(table, revision);
      if (then.isEmpty()) {
        throw new SQLSyntaxErrorException("table " + schema.name() + " does not exist at Dolt revision " + revision,
            SCHEMA_DIFFERS);
      }
      List<String> differences = new ArrayList<>();
      for (Map.Entry<String, String> column : head.entrySet()) {
        String type = then.get(column.getKey());
        if (type == null) {
          differences.add("column " + column.getKey() + " is missing at the revision");
        } else if (!type.equalsIgnoreCase(column.getValue())) {
          differences.add("column " + column.getKey() + " is " + type + " at the revision, " + column.getValue() + " now");
        }
      }
      for (String column : then.keySet()) {
        if (!head.containsKey(column)) {
          differences.add("column " + column + " exists at the revision but not in the primary");
        }
      }
      if (!differences.isEmpty()) {
        throw new SQLSyntaxErrorException("table " + schema.name() + " differs between Dolt revision " + revision
            + " and the primary: " + String.join("; ", differences) + "; nothing was written", SCHEMA_DIFFERS);
      }
    }
  }

  /** Whether the table exists at the Dolt revision. */
  boolean existsAt(TableSchema schema, String revision) throws SQLException {
    return !columnsAt(DoltDdl.doltName(schema.name()), revision).isEmpty();
  }

  /** Column name (lower case) to Dolt type, in table order; empty when the table does not exist there. */
  private Map<String, String> columnsAt(String table, String revision) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    String sql = "DESCRIBE " + DoltDdl.quote(table) + (revision == null ? "" : " AS OF '" + revision + "'");
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        columns.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("not found")) {
        return Map.of();
      }
      throw e;
    }
    return columns;
  }
}
