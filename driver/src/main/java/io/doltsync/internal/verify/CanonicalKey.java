package io.doltsync.internal.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Canonical values made comparable as map keys: exact numbers of any class by numeric value, byte
 * arrays by content, a float by its double value. Keys and whole rows of either database meet in it.
 */
public final class CanonicalKey {

  private CanonicalKey() {}

  public static List<Object> of(Object[] values) {
    List<Object> key = new ArrayList<>(values.length);
    for (Object value : values) {
      key.add(normalize(value));
    }
    return key;
  }

  static Object normalize(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof byte[] bytes) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    return value;
  }
}
