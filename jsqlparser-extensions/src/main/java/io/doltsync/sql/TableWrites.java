package io.doltsync.sql;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.TableWrite.Upsert;
import java.util.List;
import java.util.Map;

/** Builds the {@link TableWrite} of each operation, with the components that do not apply left empty. */
final class TableWrites {

  private TableWrites() {
  }

  static TableWrite insert(TableRef table, List<String> columns, List<List<ValueSource>> rows, boolean fromSelect,
      Upsert upsert, Map<String, ValueSource> assignments) {
    return new TableWrite(table.schema(), table.name(), table.alias(), Operation.INSERT,
        columns, rows, fromSelect, upsert, assignments, Map.of(), null, null);
  }

  static TableWrite update(TableRef table, Map<String, ValueSource> assignments,
      Map<String, ValueSource> keyEqualities, PreSelect preSelect) {
    return new TableWrite(table.schema(), table.name(), table.alias(), Operation.UPDATE,
        List.of(), List.of(), false, Upsert.NONE, assignments, keyEqualities, preSelect, null);
  }

  static TableWrite delete(TableRef table, Map<String, ValueSource> keyEqualities, PreSelect preSelect) {
    return new TableWrite(table.schema(), table.name(), table.alias(), Operation.DELETE,
        List.of(), List.of(), false, Upsert.NONE, Map.of(), keyEqualities, preSelect, null);
  }

  /** TRUNCATE, ALTER, DROP or a CREATE without rows. */
  static TableWrite schemaChange(TableRef table, Operation operation) {
    return new TableWrite(table.schema(), table.name(), table.alias(), operation,
        List.of(), List.of(), false, Upsert.NONE, Map.of(), Map.of(), null, null);
  }

  /** CREATE TABLE ... AS SELECT and PostgreSQL's SELECT ... INTO: a new table filled by a query. */
  static TableWrite createFromSelect(TableRef table) {
    return new TableWrite(table.schema(), table.name(), table.alias(), Operation.CREATE,
        List.of(), List.of(), true, Upsert.NONE, Map.of(), Map.of(), null, null);
  }

  static TableWrite rename(TableRef table, String newName) {
    return new TableWrite(table.schema(), table.name(), table.alias(), Operation.RENAME,
        List.of(), List.of(), false, Upsert.NONE, Map.of(), Map.of(), null, newName);
  }

  /** The same write with another upsert behaviour. */
  static TableWrite withUpsert(TableWrite write, Upsert upsert) {
    return new TableWrite(write.schema(), write.table(), write.alias(), write.operation(), write.insertColumns(),
        write.insertRows(), write.insertFromSelect(), upsert, write.assignments(), write.keyEqualities(),
        write.preSelect(), write.renamedTo());
  }
}
