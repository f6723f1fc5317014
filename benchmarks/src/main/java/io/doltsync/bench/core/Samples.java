package io.doltsync.bench.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** An immutable set of measured values (one per timed iteration, or one per transaction) and their order statistics. */
public final class Samples {

  private final double[] sorted;

  private Samples(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  public static Samples of(double... values) {
    return new Samples(values);
  }

  public static Samples of(Collection<? extends Number> values) {
    return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
  }

  /** One value per row, NaN (a side not measured in that round) left out. */
  public static <T> Samples of(List<T> rows, ToDoubleFunction<T> value) {
    return new Samples(rows.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray());
  }

  public int size() {
    return sorted.length;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public double min() {
    return isEmpty() ? Double.NaN : sorted[0];
  }

  public double max() {
    return isEmpty() ? Double.NaN : sorted[sorted.length - 1];
  }

  public double median() {
    return percentile(50);
  }

  /** The percentile (0–100) by linear interpolation between the closest ranks; NaN when empty. */
  public double percentile(double percent) {
    if (isEmpty()) {
      return Double.NaN;
    }
    double rank = percent / 100.0 * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  }

  /** Element-wise {@code this[i] / baseline[i]} of two series measured in the same rounds (paired ratios). */
  public static Samples ratios(double[] values, double[] baseline) {
    int n = Math.min(values.length, baseline.length);
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = values[i] / baseline[i];
    }
    return new Samples(ratios);
  }

  /** "median [p25-p75] [min-max]" with the given decimals, or "-" when empty. */
  public String quartiles(int decimals) {
    if (isEmpty()) {
      return "-";
    }
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " [" + f + "-" + f + "] [" + f + "-" + f + "]", median(), percentile(25),
        percentile(75), min(), max());
  }

  /** "median [min-max]" with the given decimals, or "-" when empty. */
  public String range(int decimals) {
    if (isEmpty()) {
      return "-";
    }
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " [" + f + "-" + f + "]", median(), min(), max());
  }
}
