package io.doltsync.bench.core;

/**
 * A target from the issues, checked against a row's median value or median ratio. Goals are reported,
 * never enforced: benchmarks measure, they do not fail builds.
 *
 * @param text    how the goal reads in the summary, e.g. {@code >= 98% of raw}
 * @param onRatio whether the goal applies to the ratio (else to the value)
 * @param atLeast whether the measured figure must be at least (else at most) {@code limit}
 */
public record Goal(String text, boolean onRatio, boolean atLeast, double limit) {

  public static Goal ratioAtLeast(double limit, String baseline) {
    return new Goal(">= " + Math.round(limit * 100) + "% of " + baseline, true, true, limit);
  }

  public static Goal valueAtMost(double limit, String text) {
    return new Goal(text, false, false, limit);
  }

  /** Whether the row meets the goal, or null when the figure it needs is missing. */
  public Boolean isMetBy(Row row) {
    Samples samples = onRatio ? row.ratio() : row.value();
    if (samples == null || samples.isEmpty()) {
      return null;
    }
    double figure = samples.median();
    return atLeast ? figure >= limit : figure <= limit;
  }
}
