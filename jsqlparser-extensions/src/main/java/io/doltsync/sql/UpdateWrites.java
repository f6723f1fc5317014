package io.doltsync.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The writes of an UPDATE: one per table whose columns are assigned. In a MySQL multi-table UPDATE
 * ({@code UPDATE a JOIN b ON .. SET a.x = 1, b.y = 2}) each SET column is resolved through its qualifier;
 * an unqualified one is ambiguous and makes the statement unsupported. With PostgreSQL's FROM, only the
 * first table is written.
 */
final class UpdateWrites {

  private UpdateWrites() {
  }

  static List<TableWrite> of(Update update, StatementText text, ValueSources values, SqlDialect dialect) {
    WriteExtractor.requireReadOnlyCtes(update.getWithItemsList());
    TableRef first = TableRef.of(update.getTable());
    List<TableRef> tables = new ArrayList<>(List.of(first));
    int rowSources = 1 + TableRef.addJoined(update.getStartJoins(), tables);
    boolean fromClause = update.getFromItem() != null;
    if (fromClause) {
      TableRef.addIfTable(update.getFromItem(), tables);
      rowSources += 1 + TableRef.addJoined(update.getJoins(), tables);
    }
    boolean multiTable = rowSources > 1;
    Map<TableRef, Map<String, ValueSource>> assignmentsByTable = new LinkedHashMap<>();
    Assignments.forEach(update.getUpdateSets(), values, (column, value) -> {
      TableRef target = fromClause || !multiTable ? first : resolve(column, tables);
      Assignments.put(assignmentsByTable.computeIfAbsent(target, table -> new LinkedHashMap<>()),
          Assignments.name(column), value);
    });
    RowSelection rows = RowSelectionCutter.update(text, dialect);
    List<TableWrite> writes = new ArrayList<>();
    assignmentsByTable.forEach((table, assignments) -> writes.add(TableWrites.update(table, assignments,
        KeyEqualities.of(update.getWhere(), column -> table.owns(column, !multiTable), values),
        rows == null ? null : rows.forQualifier(table.keyQualifier()))));
    return writes;
  }

  private static TableRef resolve(Column column, List<TableRef> tables) {
    String qualifier = TableRef.qualifier(column);
    if (qualifier == null) {
      throw new UnsupportedStatementException("unqualified column " + column + " in a multi-table UPDATE");
    }
    return tables.stream().filter(table -> table.isNamedBy(qualifier)).findFirst()
        .orElseThrow(() -> new UnsupportedStatementException("no table for " + column));
  }
}
