package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.util.List;

/**
 * Keys made of integer columns, which every database orders alike (no collation): the one check of whether a
 * key is such a key, and the one order of its values, whatever class each side's driver returns them as. Restore's
 * locked merge, verify's ordered merge and sync's range readers rely on both.
 */
public final class IntegerKeys {

  private IntegerKeys() {}

  /** Whether a column of this JDBC type holds integers ({@code TINYINT}, {@code SMALLINT}, {@code INTEGER}, {@code BIGINT}). */
  public static boolean isIntegerType(int jdbcType) {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
      default -> false;
    };
  }

  /** Whether {@code keyColumns} is not empty and every one of them holds integers. */
  public static boolean allIntegers(List<ColumnSchema> keyColumns) {
    if (keyColumns.isEmpty()) {
      return false;
    }
    for (ColumnSchema column : keyColumns) {
      if (!isIntegerType(column.jdbcType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Numeric order of two integer values: {@code Byte}, {@code Short}, {@code Integer}, {@code Long} (compared as
   * longs, no allocation), {@code BigInteger}, {@code BigDecimal} of any scale, or anything whose text is a number.
   */
  public static int compare(Object left, Object right) {
    if (small(left) && small(right)) {
      return Long.compare(((Number) left).longValue(), ((Number) right).longValue());
    }
    return number(left).compareTo(number(right));
  }

  /** Key order: {@link #compare(Object, Object)} column by column. */
  public static int compare(Object[] left, Object[] right) {
    for (int i = 0; i < left.length; i++) {
      int c = compare(left[i], right[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static boolean small(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (small(value)) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    return new BigDecimal(value.toString());
  }
}
