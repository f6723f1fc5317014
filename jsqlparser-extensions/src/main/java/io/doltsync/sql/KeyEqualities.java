package io.doltsync.sql;

import io.doltsync.sql.lex.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * The top-level AND conjuncts of a WHERE of the form {@code column = literal|?} or {@code literal|? = column}.
 * Every row the statement touches satisfies all of them, so they pin key columns when they cover a key.
 * {@code column = NULL} matches no row and is left out.
 */
final class KeyEqualities {

  private KeyEqualities() {
  }

  /**
   * @param where     the condition, or null
   * @param ownColumn which columns belong to the table in question
   */
  static Map<String, ValueSource> of(Expression where, Predicate<Column> ownColumn, ValueSources values) {
    Map<String, ValueSource> keys = new LinkedHashMap<>();
    collect(where, ownColumn, values, keys);
    return keys;
  }

  private static void collect(Expression condition, Predicate<Column> ownColumn, ValueSources values,
      Map<String, ValueSource> keys) {
    if (condition instanceof AndExpression and) {
      collect(and.getLeftExpression(), ownColumn, values, keys);
      collect(and.getRightExpression(), ownColumn, values, keys);
    } else if (condition instanceof ParenthesedExpressionList<?> parenthesized && parenthesized.size() == 1) {
      collect(parenthesized.get(0), ownColumn, values, keys);
    } else if (condition instanceof EqualsTo equals) {
      addIfKey(equals.getLeftExpression(), equals.getRightExpression(), ownColumn, values, keys);
      addIfKey(equals.getRightExpression(), equals.getLeftExpression(), ownColumn, values, keys);
    }
  }

  private static void addIfKey(Expression side, Expression otherSide, Predicate<Column> ownColumn,
      ValueSources values, Map<String, ValueSource> keys) {
    if (side instanceof Column column && ownColumn.test(column)) {
      ValueSource value = values.of(otherSide);
      boolean sqlNull = value.type() == ValueSource.Type.LITERAL && value.literal() == null;
      if (value.isKnown() && !sqlNull) {
        keys.putIfAbsent(Identifiers.unquote(column.getColumnName()), value);
      }
    }
  }
}
