package io.doltsync.bench.mirror;

import io.doltsync.MirrorMetricsMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads a mirror's counters through the JMX bean doltsync registers for it
 * ({@code io.doltsync:type=Mirror,name="<database>/<branch>"}), as an operator would.
 */
public final class MirrorProbe {

  /**
   * A timed drain: entries per second and the seconds between the first sample that showed progress and the last,
   * and the mirror's counters at the end.
   */
  public record Drain(double perSecond, double seconds, MirrorMetricsMXBean metrics) {}

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ObjectName name;

  /** The probe of the mirror into {@code doltDatabase}'s {@code main} branch. */
  public MirrorProbe(String doltDatabase) {
    try {
      this.name = new ObjectName("io.doltsync:type=Mirror,name=" + ObjectName.quote(doltDatabase + "/main"));
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The bean of the mirror running now (the bean is replaced when a mirror is restarted). */
  public MirrorMetricsMXBean metrics() {
    if (!server.isRegistered(name)) {
      throw new IllegalStateException("no doltsync mirror registered as " + name);
    }
    return JMX.newMXBeanProxy(server, name, MirrorMetricsMXBean.class);
  }

  /**
   * Times an applier working off a backlog: waits for the mirror to be registered, then samples its applied
   * count every 2 ms until it reaches {@code backlog}; returns entries per second between the first sample
   * that shows progress and the last one. Meant to be started before the connection that starts the mirror.
   */
  double timeDrain(long backlog, Duration timeout) throws InterruptedException, TimeoutException {
    return drain(backlog, timeout).perSecond();
  }

  /** {@link #timeDrain}, with the seconds it took and the mirror's counters at the end. */
  public Drain drain(long backlog, Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!server.isRegistered(name)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("no doltsync mirror registered as " + name);
      }
      Thread.sleep(1);
    }
    MirrorMetricsMXBean metrics = JMX.newMXBeanProxy(server, name, MirrorMetricsMXBean.class);
    long firstApplied = 0;
    long firstAt = 0;
    while (true) {
      long applied = metrics.getTransactionsApplied();
      long now = System.nanoTime();
      if (firstAt == 0 && applied > 0) {
        firstApplied = applied;
        firstAt = now;
      }
      if (applied >= backlog) {
        double seconds = (now - firstAt) / 1e9;
        return new Drain((applied - firstApplied) / seconds, seconds, metrics);
      }
      if (now > deadline) {
        throw new TimeoutException("applier drained only " + applied + " of " + backlog + " entries; last error "
            + metrics.getLastError());
      }
      Thread.sleep(2);
    }
  }
}
