package io.doltsync.bench.tpcc;

import io.doltsync.DoltSync;
import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.mirror.MirrorProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * One timed drain, in a JVM of its own so that the parent can run it with any build of the driver on the
 * class path (this build's or an older one's): opens a {@code jdbc:doltsync:} connection with the applier on
 * over a journal that already holds {@code backlog} entries, and samples the mirror's JMX counters every 2 ms ({@link MirrorProbe#drain})
 * from the first applied entry until {@code backlog} are applied (the applier's start-up is not timed).
 * Prints one line, {@code DRAIN <entries/s> <seconds> <ApplyBreakdown>}. Uses only doltsync's public API.
 *
 * <p>Arguments: primary URL, user, password, Dolt URL (with the database), Dolt user, Dolt password, journal
 * table, {@code doltsync.groupCommit}, backlog, timeout in seconds.
 */
public final class ApplierDrain {

  private ApplierDrain() {
  }

  /** What a drain in a child JVM measured: entries/s from its first applied entry, and the applier's breakdown. */
  record Result(double rate, double seconds, String breakdown) {}

  /**
   * Runs one drain of {@code backlog} journaled transactions in a JVM of its own with {@code classpath} (this
   * JVM's, or an older build's) and waits for it; fails when the child does not report a complete drain.
   */
  static Result inChild(String classpath, Endpoint primary, Endpoint dolt, String journal, int groupCommit,
      long backlog, double timeoutSeconds) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    // more options for the child, e.g. -Dbench.drain.jvmOptions=-XX:StartFlightRecording=filename=/tmp/drain.jfr
    String extra = System.getProperty("bench.drain.jvmOptions", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", classpath, ApplierDrain.class.getName(), primary.url(), primary.user(), primary.password(), dolt.url(),
        dolt.user(), dolt.password(), journal, Integer.toString(groupCommit), Long.toString(backlog),
        Double.toString(timeoutSeconds)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("DRAIN ")) {
          result = line;
        } else {
          System.out.println("[drain child] " + line);
        }
      }
    }
    int status = process.waitFor();
    if (result == null || status != 0) {
      throw new IllegalStateException("drain child exited with " + status + ": " + result);
    }
    String[] parts = result.split(" ", 4);
    return new Result(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), parts.length > 3 ? parts[3] : "");
  }

  /** CPU time of this JVM so far (every thread: the applier, JDBC, GC, the sampler). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time so far of the applier's threads (named {@code doltsync-applier-...}): reading, decoding, writing. */
  private static long applierThreadCpuNanos() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("doltsync-applier")) {
        nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
      }
    }
    return nanos;
  }

  public static void main(String[] args) throws Exception {
    String primaryUrl = args[0];
    Properties properties = new Properties();
    properties.setProperty("user", args[1]);
    properties.setProperty("password", args[2]);
    properties.setProperty("doltsync.target", args[3]);
    properties.setProperty("doltsync.targetUser", args[4]);
    properties.setProperty("doltsync.targetPassword", args[5]);
    properties.setProperty("doltsync.journalTable", args[6]);
    properties.setProperty("doltsync.groupCommit", args[7]);
    properties.setProperty("doltsync.mode", "async");
    properties.setProperty("doltsync.applier", "true");
    long backlog = Long.parseLong(args[8]);
    long timeoutNanos = (long) (Double.parseDouble(args[9]) * 1e9);
    String doltDatabase = args[3].replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
    MirrorProbe probe = new MirrorProbe(doltDatabase);
    // the first connection waits for the applier's first cycle, which may be the whole drain: sample from another thread
    java.util.concurrent.FutureTask<String> sampler = new java.util.concurrent.FutureTask<>(() -> {
      try {
        long cpuBefore = processCpuNanos();
        MirrorProbe.Drain drain = probe.drain(backlog, Duration.ofNanos(timeoutNanos));
        double cpuPerEntry = (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, backlog);
        return String.format(Locale.ROOT, "DRAIN %.3f %.3f applier JVM CPU %.2f ms/entry (start-up included),"
                + " applier thread CPU %.2f ms/entry; %s", drain.perSecond(), drain.seconds(), cpuPerEntry,
            applierThreadCpuNanos() / 1e6 / Math.max(1, backlog),
            drain.metrics().getApplyBreakdown().replace('\n', ' '));
      } catch (TimeoutException e) {
        return "DRAIN NaN NaN " + e.getMessage();
      }
    });
    Thread thread = new Thread(sampler, "drain-sampler");
    thread.setDaemon(true);
    thread.start();
    String result;
    try (Connection ignored = DriverManager.getConnection("jdbc:doltsync:" + primaryUrl.substring("jdbc:".length()),
        properties)) {
      result = sampler.get();
    } finally {
      DoltSync.stopMirrors();
    }
    System.out.println(result);
    int status = result.startsWith("DRAIN NaN") ? 1 : 0;
    System.out.flush();
    System.exit(status);
  }
}
