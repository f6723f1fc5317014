package io.doltsync.bench.core;

/**
 * One line of the summary: a measured figure of one variant, optionally its ratio to the baseline of the
 * same benchmark, and the goal it is held against.
 *
 * @param suite     the suite that measured it
 * @param benchmark what was measured, e.g. {@code mariadb point select}
 * @param variant   how, e.g. {@code raw}, {@code p6spy}, {@code doltsync (off)}
 * @param unit      unit of {@code value}, e.g. {@code ops/s}
 * @param value     the measured values (one per iteration)
 * @param ratio     value / baseline per paired iteration, or null for a baseline or a standalone figure
 * @param goal      the goal, or null
 */
public record Row(String suite, String benchmark, String variant, String unit, Samples value, Samples ratio,
    Goal goal) {

  public static Row of(String suite, String benchmark, String variant, String unit, Samples value) {
    return new Row(suite, benchmark, variant, unit, value, null, null);
  }

  public Row withRatio(Samples ratio) {
    return new Row(suite, benchmark, variant, unit, value, ratio, goal);
  }

  public Row withGoal(Goal goal) {
    return new Row(suite, benchmark, variant, unit, value, ratio, goal);
  }
}
