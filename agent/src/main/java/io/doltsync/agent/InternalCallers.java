package io.doltsync.agent;

import java.util.Set;

/**
 * Whether doltsync's driver is on the current stack: a connection it opens (to the primary for its own work, or
 * to Dolt) is never wrapped again. The agent's own classes and the samples are application code here.
 */
final class InternalCallers {

  private static final Set<String> DRIVER_PACKAGES = Set.of("internal", "jdbc", "export", "lineage");
  private static final StackWalker WALKER = StackWalker.getInstance();

  private InternalCallers() {}

  static boolean onStack() {
    return WALKER.walk(frames -> frames.anyMatch(frame -> isDriverClass(frame.getClassName())));
  }

  static boolean isDriverClass(String className) {
    if (!className.startsWith("io.doltsync.")) {
      return false;
    }
    int start = "io.doltsync.".length();
    int dot = className.indexOf('.', start);
    if (dot < 0) {
      return className.startsWith("DoltSync", start) || className.startsWith("Mirror", start);
    }
    return DRIVER_PACKAGES.contains(className.substring(start, dot));
  }
}
