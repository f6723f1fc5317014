package io.doltsync.internal.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A primary-key value of a captured row. Equality ignores how a driver happened to type the value
 * ({@code Integer 5}, {@code Long 5}, {@code BigDecimal 5.0} are one key), so keys learned from SQL
 * literals, bound parameters, generated keys and row images meet.
 */
public final class RowKey {

  private final Object[] values;
  private final Object[] normalized;
  private final int hash;

  public RowKey(Object[] values) {
    this.values = values.clone();
    this.normalized = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      normalized[i] = normalize(values[i]);
    }
    this.hash = Arrays.hashCode(normalized);
  }

  /** The values as learned, to bind in a lookup of the row. */
  public Object[] values() {
    return values.clone();
  }

  private static Object normalize(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros();
    }
    if (value instanceof byte[] bytes) {
      return new BytesKey(bytes);
    }
    return value == null ? null : value.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowKey key && hash == key.hash && Arrays.equals(normalized, key.normalized);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }

  private record BytesKey(byte[] bytes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof BytesKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}
