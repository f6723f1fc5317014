package io.doltsync.bench.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap every 20 ms on a daemon thread while open, after a collection at the start: the peak in use above
 * the level at the start (garbage included) and the largest heap left after a collection (the live set).
 */
public final class HeapSampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
  private final long baseline;
  private final AtomicLong peak;
  private final AtomicLong livePeak = new AtomicLong();
  private final Thread thread;

  private HeapSampler() {
    System.gc();
    baseline = memory.getHeapMemoryUsage().getUsed();
    peak = new AtomicLong(baseline);
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Collects, then starts sampling. */
  public static HeapSampler start() {
    return new HeapSampler();
  }

  private void sample() {
    while (!Thread.currentThread().isInterrupted()) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      livePeak.accumulateAndGet(pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Heap in use at the start, after the collection, in MB. */
  public double baselineMb() {
    return baseline / 1e6;
  }

  /** The peak in use above {@link #baselineMb()}, in MB. */
  public double peakAboveBaselineMb() {
    return (peak.get() - baseline) / 1e6;
  }

  /** The largest heap left after a collection while sampling, in MB. */
  public double liveAfterGcPeakMb() {
    return livePeak.get() / 1e6;
  }

  /** The heap's limit, in MB. */
  public static double maxHeapMb() {
    return Runtime.getRuntime().maxMemory() / 1e6;
  }

  /** Stops sampling (the figures stay readable). */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
