package io.doltsync.bench.tpcc;

import io.doltsync.MirrorMetricsMXBean;
import io.doltsync.bench.mirror.MirrorProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * The backlog as the mirror in this JVM counts it: transactions it journaled and its applier has not yet applied
 * ({@code TransactionsJournaled - TransactionsApplied}), sampled once a second while a round runs. Unlike the
 * journal's row count ({@link JournalBacklog}) it falls as soon as a Dolt commit exists: the applier deletes applied
 * entries only after the batch of up to 200 it read, so at a few commits per second the journal's count hides a
 * minute of progress.
 */
final class MirrorBacklog {

  /** What a round's samples show: unapplied transactions each second, and transactions applied meanwhile. */
  record Samples(List<Long> unapplied, long applied) {}

  private final MirrorProbe probe;
  private final List<Long> samples = new ArrayList<>();
  private Thread sampler;
  private volatile boolean running;
  private long appliedAtStart;

  MirrorBacklog(MirrorProbe probe) {
    this.probe = probe;
  }

  /** Starts sampling every second. */
  void start() {
    synchronized (samples) {
      samples.clear();
    }
    appliedAtStart = probe.metrics().getTransactionsApplied();
    running = true;
    sampler = new Thread(() -> {
      while (running) {
        long unapplied = unapplied();
        synchronized (samples) {
          samples.add(unapplied);
        }
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "tpcc-mirror-backlog-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Stops sampling; returns the samples (the last one taken now) and the transactions applied since the start. */
  Samples stop() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
    synchronized (samples) {
      samples.add(unapplied());
      return new Samples(List.copyOf(samples), probe.metrics().getTransactionsApplied() - appliedAtStart);
    }
  }

  private long unapplied() {
    MirrorMetricsMXBean metrics = probe.metrics();
    return Math.max(0, metrics.getTransactionsJournaled() - metrics.getTransactionsApplied());
  }
}
