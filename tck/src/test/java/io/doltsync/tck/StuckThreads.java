package io.doltsync.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where threads are, for the failure message of a run whose writers never finished. */
final class StuckThreads {

  private static final int FRAMES = 14;

  private StuckThreads() {}

  static String describe(List<Thread> threads) {
    StringBuilder sb = new StringBuilder();
    for (Thread thread : new ArrayList<>(threads)) {
      sb.append(thread.getName()).append(" (").append(thread.getState()).append(")\n");
      Arrays.stream(thread.getStackTrace()).limit(FRAMES).forEach(frame -> sb.append("    at ").append(frame).append('\n'));
    }
    return sb.toString();
  }
}
