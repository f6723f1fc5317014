package io.doltsync.sql;

import io.doltsync.sql.TableWrite.Upsert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.OracleMultiInsertBranch;
import net.sf.jsqlparser.statement.insert.OracleMultiInsertClause;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** The writes of INSERT (with its upsert clauses), Oracle's INSERT ALL and REPLACE. */
final class InsertWrites {

  private InsertWrites() {
  }

  static List<TableWrite> of(Insert insert, ValueSources values) {
    WriteExtractor.requireReadOnlyCtes(insert.getWithItemsList());
    if (insert.isOracleMultiInsert()) {
      return oracleMultiInsert(insert);
    }
    InsertedRows rows = InsertedRows.of(insert.getColumns(), insert.getSelect(), insert.getSetUpdateSets(),
        insert.isOnlyDefaultValues(), values);
    Upsert upsert = Upsert.NONE;
    Map<String, ValueSource> assignments = Map.of();
    InsertConflictAction conflict = insert.getConflictAction();
    if (insert.getDuplicateUpdateSets() != null) {
      upsert = Upsert.UPDATE;
      assignments = Assignments.of(insert.getDuplicateUpdateSets(), values);
    } else if (conflict != null) {
      boolean update = conflict.getUpdateSets() != null && !conflict.getUpdateSets().isEmpty();
      upsert = update ? Upsert.UPDATE : Upsert.IGNORE;
      assignments = update ? Assignments.of(conflict.getUpdateSets(), values) : Map.of();
    } else if (insert.isModifierIgnore()) {
      upsert = Upsert.IGNORE;
    }
    return List.of(rows.write(TableRef.of(insert.getTable()), upsert, assignments));
  }

  /**
   * REPLACE, whose colliding rows are deleted first, and UPSERT, which updates colliding rows with the
   * inserted values; JSqlParser reads both as one statement type.
   */
  static List<TableWrite> of(net.sf.jsqlparser.statement.upsert.Upsert replace, ValueSources values) {
    InsertedRows rows = InsertedRows.of(replace.getColumns(), replace.getSelect(), replace.getUpdateSets(), false, values);
    TableRef table = TableRef.of(replace.getTable());
    return switch (replace.getUpsertType()) {
      case REPLACE, REPLACE_SET -> List.of(rows.write(table, Upsert.REPLACE, Map.of()));
      case UPSERT -> List.of(rows.write(table, Upsert.UPDATE, rows.columnsFromInsertedValues()));
      default -> throw new UnsupportedStatementException("upsert type " + replace.getUpsertType());
    };
  }

  /** Oracle's INSERT ALL/FIRST: each INTO writes rows computed from the subquery. */
  private static List<TableWrite> oracleMultiInsert(Insert insert) {
    List<TableWrite> writes = new ArrayList<>();
    for (OracleMultiInsertBranch branch : insert.getOracleMultiInsertBranches()) {
      for (OracleMultiInsertClause clause : branch.getClauses()) {
        writes.add(TableWrites.insert(TableRef.of(clause.getTable()), columnNames(clause.getColumns()),
            List.of(), true, Upsert.NONE, Map.of()));
      }
    }
    return writes;
  }

  /** The column names of a column list, unquoted; empty when there is no list. */
  static List<String> columnNames(ExpressionList<Column> columns) {
    return columns == null ? List.of() : columns.stream().map(Assignments::name).toList();
  }

  /** What an INSERT puts in: columns and rows of value sources, or rows from a query. */
  private record InsertedRows(List<String> columns, List<List<ValueSource>> rows, boolean fromSelect) {

    static InsertedRows of(ExpressionList<Column> columns, Select select, List<UpdateSet> setList,
        boolean defaultValues, ValueSources values) {
      if (setList != null) { // INSERT INTO t SET a = 1, b = ?
        Map<String, ValueSource> row = Assignments.of(setList, values);
        return new InsertedRows(List.copyOf(row.keySet()), List.of(List.copyOf(row.values())), false);
      }
      List<String> names = columnNames(columns);
      if (defaultValues) {
        return new InsertedRows(names, List.of(List.of()), false); // DEFAULT VALUES: one row, all defaults
      }
      if (select instanceof Values rowValues) {
        return new InsertedRows(names, rows(rowValues.getExpressions(), values), false);
      }
      if (select == null) {
        throw new UnsupportedStatementException("an INSERT without VALUES, SET or query");
      }
      WriteExtractor.requireReadOnlyCtes(select.getWithItemsList());
      return new InsertedRows(names, List.of(), true);
    }

    /**
     * JSqlParser gives a single row {@code VALUES (1, 2)} as one parenthesised list of values and several
     * rows {@code VALUES (1, 2), (3, 4)} as a plain list of parenthesised rows.
     */
    private static List<List<ValueSource>> rows(ExpressionList<?> expressions, ValueSources values) {
      if (expressions instanceof ParenthesedExpressionList<?>) {
        return List.of(row(expressions, values));
      }
      List<List<ValueSource>> rows = new ArrayList<>(expressions.size());
      for (Expression row : expressions) {
        rows.add(row instanceof ParenthesedExpressionList<?> list ? row(list, values) : List.of(values.of(row)));
      }
      return rows;
    }

    private static List<ValueSource> row(ExpressionList<?> row, ValueSources values) {
      return row.stream().map(values::of).toList();
    }

    /** UPSERT's assignments: every inserted column takes the inserted value, which differs per row. */
    Map<String, ValueSource> columnsFromInsertedValues() {
      Map<String, ValueSource> assignments = new LinkedHashMap<>();
      columns.forEach(column -> assignments.put(column, ValueSource.expression()));
      return assignments;
    }

    TableWrite write(TableRef table, Upsert upsert, Map<String, ValueSource> assignments) {
      return TableWrites.insert(table, columns, rows, fromSelect, upsert, assignments);
    }
  }
}
