package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Says once per JVM and kind of JDBC object that the application unwrapped a doltsync object to the
 * driver's own: what it then runs on that object reaches the primary directly, and writes made through it
 * are not mirrored to Dolt.
 */
final class UnwrapWarning {

  private static final Logger LOG = DoltSyncLoggers.get(UnwrapWarning.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private UnwrapWarning() {}

  static void unwrapped(String kind, Class<?> to) {
    if (WARNED.add(kind)) {
      LOG.warn("the application unwrapped a doltsync {} to the driver's {}: writes made through the driver's"
          + " object bypass doltsync and are not mirrored to Dolt (reading through it is fine)", kind, to.getName());
    }
  }

  /** Forgets what was said, so that the next unwrap of each kind warns again (tests of the warning). */
  static void forget() {
    WARNED.clear();
  }
}
