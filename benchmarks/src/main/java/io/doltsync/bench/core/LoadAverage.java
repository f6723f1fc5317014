package io.doltsync.bench.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine's one-minute load average, printed beside every timed figure so a loaded run is seen as one. */
public final class LoadAverage {

  private LoadAverage() {}

  /** {@code /proc/loadavg}'s first field, or the JVM's view of it where that file is missing. */
  public static String now() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
