package io.doltsync.sql;

import io.doltsync.sql.TableWrite.Operation;
import io.doltsync.sql.lex.Identifiers;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.truncate.Truncate;

/**
 * The writes of statements that create, change or remove tables: CREATE TABLE (also AS SELECT),
 * PostgreSQL's SELECT ... INTO, ALTER TABLE (RENAME TO gives {@link Operation#RENAME}), RENAME TABLE,
 * DROP TABLE, TRUNCATE, and CREATE/DROP INDEX as an ALTER of the indexed table.
 */
final class SchemaWrites {

  private SchemaWrites() {
  }

  static List<TableWrite> of(Statement statement) {
    if (statement instanceof CreateTable create) {
      TableRef table = TableRef.of(create.getTable());
      return List.of(create.getSelect() != null
          ? TableWrites.createFromSelect(table) : TableWrites.schemaChange(table, Operation.CREATE));
    }
    if (statement instanceof PlainSelect select && select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
      WriteExtractor.requireReadOnlyCtes(select.getWithItemsList());
      return select.getIntoTables().stream().map(table -> TableWrites.createFromSelect(TableRef.of(table))).toList();
    }
    if (statement instanceof Alter alter) {
      return alter(alter);
    }
    if (statement instanceof RenameTableStatement rename) {
      return rename.getTableNames().stream().map(names -> TableWrites.rename(TableRef.of(names.getKey()),
          Identifiers.unquote(names.getValue().getName()))).toList();
    }
    if (statement instanceof Drop drop) {
      return drop(drop);
    }
    if (statement instanceof Truncate truncate) {
      List<Table> tables = truncate.getTables() == null || truncate.getTables().isEmpty()
          ? List.of(truncate.getTable()) : truncate.getTables();
      return tables.stream().map(table -> TableWrites.schemaChange(TableRef.of(table), Operation.TRUNCATE)).toList();
    }
    if (statement instanceof CreateIndex index) {
      return List.of(TableWrites.schemaChange(TableRef.of(index.getTable()), Operation.ALTER));
    }
    throw new UnsupportedStatementException("not a write doltsync models: " + statement.getClass().getSimpleName());
  }

  /** An ALTER TABLE that renames gives a RENAME, after an ALTER when it also changes something else. */
  private static List<TableWrite> alter(Alter alter) {
    TableRef table = TableRef.of(alter.getTable());
    List<AlterExpression> expressions = alter.getAlterExpressions() == null ? List.of() : alter.getAlterExpressions();
    List<TableWrite> writes = new ArrayList<>();
    if (expressions.isEmpty() || expressions.stream().anyMatch(expression -> !isRename(expression))) {
      writes.add(TableWrites.schemaChange(table, Operation.ALTER));
    }
    expressions.stream().filter(SchemaWrites::isRename).forEach(rename -> {
      List<String> newName = Identifiers.parts(rename.getNewTableName());
      writes.add(TableWrites.rename(table, Identifiers.unquote(newName.get(newName.size() - 1))));
    });
    return writes;
  }

  private static boolean isRename(AlterExpression expression) {
    return expression.getOperation() == AlterOperation.RENAME_TABLE && expression.getNewTableName() != null;
  }

  /** DROP TABLE drops each table; DROP INDEX alters the table after ON, and without ON (PostgreSQL, H2) cannot name it. */
  private static List<TableWrite> drop(Drop drop) {
    String type = drop.getType() == null ? "" : drop.getType();
    if (type.equalsIgnoreCase("TABLE")) {
      List<Table> tables = drop.getNames() == null || drop.getNames().isEmpty() ? List.of(drop.getName()) : drop.getNames();
      return tables.stream().map(table -> TableWrites.schemaChange(TableRef.of(table), Operation.DROP)).toList();
    }
    List<String> parameters = drop.getParameters() == null ? List.of() : drop.getParameters();
    int on = parameters.stream().map(String::toUpperCase).toList().indexOf("ON");
    if (!type.equalsIgnoreCase("INDEX") || on < 0 || on + 1 >= parameters.size()) {
      throw new UnsupportedStatementException("DROP " + type + " does not name its table");
    }
    return List.of(TableWrites.schemaChange(TableRef.named(parameters.get(on + 1)), Operation.ALTER));
  }
}
