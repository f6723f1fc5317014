package io.doltsync.sql;

import io.doltsync.sql.TableWrite.Upsert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;

/**
 * The write of a SQL {@code MERGE INTO t USING s ON .. WHEN ...}: an INSERT into t with
 * {@link Upsert#MERGE}, whose rows and keys come from the source. The insert columns are those of the
 * WHEN NOT MATCHED branch; the assignments those of the WHEN MATCHED branches (a column set differently
 * in two branches becomes an expression). A WHEN MATCHED THEN DELETE branch adds nothing: MERGE already
 * tells the caller the rows are unknown.
 */
final class MergeWrites {

  private MergeWrites() {
  }

  static List<TableWrite> of(Merge merge, ValueSources values) {
    WriteExtractor.requireReadOnlyCtes(merge.getWithItemsList());
    List<String> columns = List.of();
    Map<String, ValueSource> assignments = new LinkedHashMap<>();
    List<MergeOperation> operations = merge.getOperations() == null ? List.of() : merge.getOperations();
    for (MergeOperation operation : operations) {
      if (operation instanceof MergeInsert insert && columns.isEmpty()) {
        columns = InsertWrites.columnNames(insert.getColumns());
      } else if (operation instanceof MergeUpdate update) {
        Assignments.of(update.getUpdateSets(), values).forEach((column, value) ->
            assignments.merge(column, value, (one, other) -> one.equals(other) ? one : ValueSource.expression()));
      }
    }
    return List.of(TableWrites.insert(TableRef.of(merge.getTable()), columns, List.of(), true, Upsert.MERGE, assignments));
  }
}
