package io.doltsync.spring;

import io.doltsync.DoltSync;
import io.doltsync.MirrorStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer gauges over this JVM's mirrors, read on each scrape: {@code doltsync.mirror.queue} (journal
 * entries waiting), {@code doltsync.mirror.lag} (primary commit to Dolt commit of the last applied entry, the
 * largest over the mirrors), {@code doltsync.mirror.quarantined} (entries quarantined),
 * {@code doltsync.mirror.diverged} (tables marked diverged) and {@code doltsync.mirrors}.
 */
public class DoltSyncMetrics implements MeterBinder {

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("doltsync.mirrors", () -> DoltSync.mirrorStatus().size())
        .description("doltsync mirrors in this JVM").register(registry);
    Gauge.builder("doltsync.mirror.queue", () -> sum(MirrorStatus::queueDepth))
        .description("journal entries waiting to be applied to Dolt").baseUnit("entries").register(registry);
    Gauge.builder("doltsync.mirror.quarantined", () -> sum(MirrorStatus::quarantinedEntries))
        .description("journal entries quarantined (not in Dolt until reconciled)").baseUnit("entries").register(registry);
    Gauge.builder("doltsync.mirror.diverged", () -> sum(MirrorStatus::divergedTables))
        .description("tables marked diverged").baseUnit("tables").register(registry);
    TimeGauge.builder("doltsync.mirror.lag", () -> max(MirrorStatus::lagMillis), TimeUnit.MILLISECONDS)
        .description("primary commit to Dolt commit delay of the last applied entry").register(registry);
  }

  private static double sum(ToDoubleFunction<MirrorStatus> value) {
    return DoltSync.mirrorStatus().stream().mapToDouble(value).sum();
  }

  private static double max(ToDoubleFunction<MirrorStatus> value) {
    return DoltSync.mirrorStatus().stream().mapToDouble(value).max().orElse(0);
  }
}
