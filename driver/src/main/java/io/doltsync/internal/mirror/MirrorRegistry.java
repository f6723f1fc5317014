package io.doltsync.internal.mirror;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.spi.SourceDialect;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mirrors of the JVM, one per primary database and Dolt branch: every connection to the same primary
 * with the same target shares one mirror (one applier, one plan cache). Mirrors stop when the JVM exits.
 */
public final class MirrorRegistry {

  private static final Map<Key, Mirror> MIRRORS = new ConcurrentHashMap<>();

  static {
    io.doltsync.internal.dolt.JvmShutdown.first(MirrorRegistry::drainAndCloseAll);
  }

  private MirrorRegistry() {}

  /**
   * The mirror for a primary, created and started on first use.
   *
   * @param primaryIdentity identifies the primary database (its real URL and user), never printed
   * @param primaryDatabase the primary's database name, the default name of the Dolt database
   * @param primaryLocation the primary's {@link PrimaryIdentity}, recorded in Dolt (no secrets)
   */
  public static Mirror mirrorFor(String primaryIdentity, String primaryDatabase, String primaryHost,
      String primaryLocation, DoltSyncConfig config, SourceDialect dialect, PrimaryConnector connector)
      throws SQLException {
    DoltTarget target = DoltTarget.from(config, primaryDatabase);
    Key key = new Key(primaryIdentity, config.get(DoltSyncOption.TARGET), target.database(), target.branch());
    Mirror existing = MIRRORS.get(key);
    if (existing != null) {
      return existing;
    }
    synchronized (MirrorRegistry.class) {
      existing = MIRRORS.get(key);
      if (existing != null) {
        return existing;
      }
      target.requireDriver();
      if (target.isEmbedded()) {
        target.connectToServer().close();
      }
      Mirror mirror = new Mirror(config, dialect, connector, target, primaryHost, primaryLocation);
      mirror.start();
      MIRRORS.put(key, mirror);
      return mirror;
    }
  }

  /** The state of every mirror of this JVM. */
  public static List<io.doltsync.MirrorStatus> statuses() {
    return MIRRORS.values().stream().map(Mirror::status).toList();
  }

  /** Stops every mirror's applier (tests, redeploys). */
  public static void closeAll() {
    for (Mirror mirror : MIRRORS.values()) {
      mirror.close();
    }
    MIRRORS.clear();
  }

  /**
   * At JVM exit: every mirror's applier applies what the journal holds, for at most its
   * {@code doltsync.drainOnShutdown} (all mirrors at once), then stops.
   */
  static void drainAndCloseAll() {
    List<Thread> draining = new java.util.ArrayList<>();
    for (Mirror mirror : MIRRORS.values()) {
      Thread thread = new Thread(mirror::closeDraining, "doltsync-drain");
      thread.start();
      draining.add(thread);
    }
    for (Thread thread : draining) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    MIRRORS.clear();
  }

  private record Key(String primary, String target, String database, String branch) {
    Key {
      Objects.requireNonNull(primary);
    }
  }
}
