package io.doltsync.export;

import java.util.List;

/**
 * What the export does with one Dolt table: its target name, each column's target name and type, and whether it
 * creates the target table or updates the existing one.
 *
 * @param source        the Dolt table at the revision
 * @param target        the target table's name (the existing table's own spelling when it exists)
 * @param columns       the target column of each Dolt column, in the Dolt table's order
 * @param create        true when the target table does not exist yet
 * @param rows          the table's rows at the revision
 */
record TablePlan(DoltTable source, String target, List<Column> columns, boolean create, long rows) {

  TablePlan {
    columns = List.copyOf(columns);
  }

  /** A Dolt column and what it becomes in the target. */
  record Column(DoltColumn source, String target, TargetTypes.TargetColumn type) {}

  /** The target names of the primary-key columns, in key order. */
  List<String> targetKey() {
    return source.primaryKey().stream().map(this::targetColumn).toList();
  }

  /** The target name of a Dolt column. */
  String targetColumn(String doltColumn) {
    return columns.stream().filter(c -> c.source().name().equalsIgnoreCase(doltColumn)).findFirst()
        .map(Column::target).orElseThrow();
  }

  List<String> targetColumns() {
    return columns.stream().map(Column::target).toList();
  }

  boolean keyed() {
    return !source.primaryKey().isEmpty();
  }
}
