package io.doltsync.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statistics behind every figure of the summary (the benchmarks themselves never run in tests). */
class SamplesTest {

  @Test
  void orderStatisticsInterpolateBetweenRanks() {
    Samples samples = Samples.of(40, 10, 30, 20);
    assertThat(samples.min()).isEqualTo(10);
    assertThat(samples.max()).isEqualTo(40);
    assertThat(samples.median()).isEqualTo(25);
    assertThat(samples.percentile(99)).isEqualTo(39.7, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void emptySamplesHaveNoFigures() {
    assertThat(Samples.of().median()).isNaN();
    assertThat(Samples.of().isEmpty()).isTrue();
  }

  @Test
  void spreadsPrintMedianQuartilesAndRangeLeavingOutSidesNotMeasured() {
    java.util.List<double[]> rounds = java.util.List.of(new double[] {1, 10}, new double[] {Double.NaN, 20},
        new double[] {3, 30}, new double[] {2, 40});
    assertThat(Samples.of(rounds, r -> r[0]).quartiles(1)).isEqualTo("2.0 [1.5-2.5] [1.0-3.0]");
    assertThat(Samples.of(rounds, r -> r[1]).range(0)).isEqualTo("25 [10-40]");
    assertThat(Samples.of(rounds, r -> Double.NaN).quartiles(1)).isEqualTo("-");
  }

  @Test
  void ratiosArePairedByRound() {
    Samples ratios = Samples.ratios(new double[] {90, 200}, new double[] {100, 200});
    assertThat(ratios.min()).isEqualTo(0.9);
    assertThat(ratios.max()).isEqualTo(1.0);
  }

  @Test
  void goalsReadTheMedianOfRatioOrValue() {
    Row row = Row.of("s", "b", "v", "ops/s", Samples.of(500)).withRatio(Samples.of(0.97, 0.99, 0.985));
    assertThat(Goal.ratioAtLeast(0.98, "raw").isMetBy(row)).isTrue();
    assertThat(Goal.valueAtMost(400, "<= 400").isMetBy(row)).isFalse();
    assertThat(Goal.ratioAtLeast(0.98, "raw").isMetBy(Row.of("s", "b", "v", "ops/s", Samples.of(1)))).isNull();
  }

  @Test
  void figuresKeepAboutThreeSignificantDigits() {
    assertThat(Report.figure(123456.7)).isEqualTo("123,457");
    assertThat(Report.figure(12.345)).isEqualTo("12.3");
    assertThat(Report.figure(0.01234)).isEqualTo("0.012");
    assertThat(Report.percent(0.9876)).isEqualTo("98.8%");
  }
}
