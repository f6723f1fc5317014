package io.doltsync.bench.tpcc;

import java.util.List;
import java.util.Locale;

/**
 * Whether a journal backlog sampled once a second stayed flat or grew: the least-squares slope of its second
 * half (the first half holds the applier's start and the pacing's ramp), against the rate transactions
 * arrived at.
 */
final class BacklogTrend {

  /** A backlog that grows by less than this share of the arrival rate counts as flat. */
  private static final double FLAT_SHARE = 0.05;

  private BacklogTrend() {
  }

  /** Entries per second the backlog grew by over the second half of the samples (taken a second apart). */
  static double slope(List<Long> samples) {
    List<Long> half = samples.subList(samples.size() / 2, samples.size());
    int n = half.size();
    if (n < 2) {
      return Double.NaN;
    }
    double meanX = (n - 1) / 2.0;
    double meanY = half.stream().mapToLong(Long::longValue).average().orElse(0);
    double numerator = 0;
    double denominator = 0;
    for (int x = 0; x < n; x++) {
      numerator += (x - meanX) * (half.get(x) - meanY);
      denominator += (x - meanX) * (x - meanX);
    }
    return numerator / denominator;
  }

  /** "flat" or "growing", with the slope and its share of {@code arrivalRate} (write transactions/s). */
  static String verdict(List<Long> samples, double arrivalRate) {
    double slope = slope(samples);
    boolean growing = slope > FLAT_SHARE * arrivalRate && samples.get(samples.size() - 1) > arrivalRate;
    return String.format(Locale.ROOT, "%s: %+.1f entries/s over the second half (%.0f%% of %.1f write tx/s arriving)",
        growing ? "GROWING" : "flat", slope, 100 * slope / arrivalRate, arrivalRate);
  }
}
