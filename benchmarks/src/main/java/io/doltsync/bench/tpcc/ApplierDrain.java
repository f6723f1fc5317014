package io.doltsync.bench.tpcc;

import io.doltsync.DoltSync;
import io.doltsync.bench.mirror.MirrorProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
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
        MirrorProbe.Drain drain = probe.drain(backlog, Duration.ofNanos(timeoutNanos));
        return String.format(Locale.ROOT, "DRAIN %.3f %.3f %s", drain.perSecond(), drain.seconds(),
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
