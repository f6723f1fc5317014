package io.doltsync.internal.capture;

import io.doltsync.spi.ColumnSchema;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.Locale;

/**
 * What an UPDATE by key did to one column of its row, when the row's image is not read: the column now holds
 * {@code value} ({@link #add} false), or {@code value} was added to what it held ({@link #add} true: an exact
 * integer or decimal amount, {@code c = c + ?}). Two changes of the same column in one transaction combine into
 * one ({@link #then}) where the result is exact.
 *
 * @param column the column's index in the table
 * @param add    whether {@code value} is an amount added to the column's previous value
 * @param value  the stored value, or the amount (a {@link Long} for an integer column, a {@link BigDecimal} of the
 *               column's scale for a decimal one); a set value may be {@code null}
 */
record ColumnChange(int column, boolean add, Object value) {

  /** The journal's name of a set change. */
  static final String SET = "SET";
  /** The journal's name of an added amount. */
  static final String ADD = "ADD";

  /**
   * The amount an operand adds to a column ({@code subtract}: takes away), exact in the column's type; {@code null}
   * when it is not: an integer column takes whole-number operands bound as integers, a decimal column those and
   * decimals whose scale fits the column's; approximate numbers ({@code setDouble}, {@code setFloat}, a literal with
   * an exponent), strings and unsigned columns are never predicted.
   */
  static Object amount(Object operand, ColumnSchema column, boolean subtract) {
    String type = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
    if (type.contains("unsigned") || operand == null) {
      return null;
    }
    boolean whole = operand instanceof Long || operand instanceof Integer || operand instanceof Short
        || operand instanceof Byte;
    switch (column.jdbcType()) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        if (!whole) {
          return null;
        }
        long amount = ((Number) operand).longValue();
        if (!subtract) {
          return amount;
        }
        return amount == Long.MIN_VALUE ? null : (Object) (-amount);
      }
      case Types.DECIMAL, Types.NUMERIC -> {
        Integer precision = column.size();
        Integer scale = column.scale();
        if (precision == null || precision <= 0 || precision > 65 || scale == null || scale < 0 || scale > 30) {
          return null;
        }
        BigDecimal amount = whole ? BigDecimal.valueOf(((Number) operand).longValue())
            : operand instanceof BigDecimal decimal && decimal.scale() <= scale ? decimal : null;
        if (amount == null) {
          return null;
        }
        amount = amount.setScale(scale); // exact: the scale only grows
        return subtract ? amount.negate() : amount;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * This change followed by {@code later} on the same column, as one change; {@code null} when they do not combine
   * exactly (an integer sum beyond a long).
   */
  ColumnChange then(ColumnChange later) {
    if (!later.add) {
      return later;
    }
    if (add) {
      Object sum = sum(value, later.value);
      return sum == null ? null : new ColumnChange(column, true, sum);
    }
    if (value == null) {
      return this; // NULL plus anything stays NULL
    }
    Object sum = sum(value, later.value);
    return sum == null ? null : new ColumnChange(column, false, sum);
  }

  private static Object sum(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      try {
        return Math.addExact(x, y);
      } catch (ArithmeticException overflow) {
        return null;
      }
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.add(y);
    }
    return null;
  }
}
