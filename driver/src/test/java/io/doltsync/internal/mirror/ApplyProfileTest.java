package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The applier's profile divides each step's time and round trips by the entries applied, as JMX shows it. */
class ApplyProfileTest {

  @Test
  void stepsAreReportedPerAppliedEntry() {
    MirrorMetrics metrics = new MirrorMetrics();
    ApplyProfile profile = metrics.profile();
    long twoMillisAgo = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2);
    for (int i = 0; i < 4; i++) {
      profile.record(ApplyProfile.Step.ROWS, twoMillisAgo, 3);
      profile.record(ApplyProfile.Step.DOLT_COMMIT, System.nanoTime(), 1);
      metrics.applied(5);
    }
    profile.record(ApplyProfile.Step.JOURNAL_DELETE, System.nanoTime(), 1);

    assertThat(profile.entries()).isEqualTo(4);
    assertThat(profile.count(ApplyProfile.Step.ROWS)).isEqualTo(4);
    assertThat(profile.roundTrips(ApplyProfile.Step.ROWS)).isEqualTo(12);
    assertThat(profile.nanos(ApplyProfile.Step.ROWS)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(8));
    String breakdown = metrics.getApplyBreakdown();
    assertThat(breakdown).startsWith("4 entries")
        .contains("ROWS ", "3.00 round trips/entry (4 runs")
        .contains("DOLT_COMMIT ", "1.00 round trips/entry (4 runs")
        .contains("JOURNAL_DELETE ", "0.25 round trips/entry (1 runs")
        .contains("READ_PENDING 0.000 ms/entry, 0.00 round trips/entry (0 runs, 0 ms)");
    assertThat(Double.parseDouble(breakdown.replaceAll(".*; ROWS ([0-9.]+) ms/entry.*", "$1"))).isGreaterThanOrEqualTo(2.0);
  }
}
