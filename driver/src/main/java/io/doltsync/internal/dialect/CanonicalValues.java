package io.doltsync.internal.dialect;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Equality of canonical values, the ones {@link io.doltsync.spi.SourceDialect#readValue} and
 * {@link io.doltsync.spi.SourceDialect#readDoltValue} return. It is {@link Object#equals} except that
 * byte arrays compare by content, exact numbers ({@link Long}, {@link java.math.BigDecimal} and the
 * other integer classes) compare by numeric value whatever their class or scale ({@code 1.50} equals
 * {@code 1.5}; Dolt returns a {@code decimal(65,30)} with thirty digits), and a {@link Float} compares
 * with a {@link Double} by its double value. An exact number is never the same as a binary
 * floating-point one. JSON needs no special case here: the readers already return it in
 * {@link CanonicalJson} form.
 */
public final class CanonicalValues {

  private CanonicalValues() {}

  /** True when the two canonical values denote the same database value. */
  public static boolean same(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return sameNumber(x, y);
    }
    return a.equals(b);
  }

  private static boolean sameNumber(Number a, Number b) {
    if (isBinaryFloatingPoint(a) != isBinaryFloatingPoint(b)) {
      return false;
    }
    if (isBinaryFloatingPoint(a)) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
  }

  private static boolean isBinaryFloatingPoint(Number n) {
    return n instanceof Double || n instanceof Float;
  }
}
