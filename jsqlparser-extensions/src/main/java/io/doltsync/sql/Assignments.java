package io.doltsync.sql;

import io.doltsync.sql.lex.Identifiers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** The {@code column = value} pairs of a SET list (UPDATE, ON DUPLICATE KEY UPDATE, ON CONFLICT DO UPDATE, INSERT ... SET). */
final class Assignments {

  private Assignments() {
  }

  /**
   * Calls {@code action} for each assigned column in order. A tuple assignment {@code (a, b) = (1, ?)} pairs
   * up; {@code (a, b) = (SELECT ...)} gives each column an expression.
   */
  static void forEach(List<UpdateSet> sets, ValueSources values, BiConsumer<Column, ValueSource> action) {
    for (UpdateSet set : sets) {
      ExpressionList<Column> columns = set.getColumns();
      ExpressionList<?> assigned = set.getValues();
      boolean paired = assigned != null && assigned.size() == columns.size();
      for (int i = 0; i < columns.size(); i++) {
        action.accept(columns.get(i), paired ? values.of(assigned.get(i)) : ValueSource.expression());
      }
    }
  }

  /** Column name (unquoted, unqualified) to value. */
  static Map<String, ValueSource> of(List<UpdateSet> sets, ValueSources values) {
    Map<String, ValueSource> assignments = new LinkedHashMap<>();
    forEach(sets, values, (column, value) -> put(assignments, name(column), value));
    return assignments;
  }

  /**
   * Records {@code column = value}. A column assigned twice becomes an expression: MySQL applies both in order
   * ({@code SET a = a + 1, a = a + 1} adds two), so its value is not the last assignment alone.
   */
  static void put(Map<String, ValueSource> assignments, String column, ValueSource value) {
    String earlier = null;
    for (String assigned : assignments.keySet()) {
      if (assigned.equalsIgnoreCase(column)) {
        earlier = assigned;
      }
    }
    assignments.put(earlier == null ? column : earlier, earlier == null ? value : ValueSource.expression());
  }

  /** A column's name, unquoted and without qualifier. */
  static String name(Column column) {
    return Identifiers.unquote(column.getColumnName());
  }
}
