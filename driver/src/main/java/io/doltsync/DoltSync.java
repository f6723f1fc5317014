package io.doltsync;

import io.doltsync.dolt.EmbeddedDoltServer;
import io.doltsync.jdbc.DoltSyncDriver;
import io.doltsync.mirror.CommitMetadataResolver;
import io.doltsync.mirror.MirrorRegistry;
import io.doltsync.spi.CommitMetadataProvider;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Programmatic entry points of doltsync that are not tied to one connection.
 *
 * <p>Commit-metadata providers are usually found through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.doltsync.spi.CommitMetadataProvider} file). Frameworks that create their
 * provider themselves, such as a Spring bean, register it here instead:
 *
 * <pre>{@code
 * CommitMetadataProvider provider = tx -> CommitMetadata.author(currentUser(), currentUser() + "@example.com");
 * DoltSync.registerCommitMetadataProvider(provider);
 * // ... and on shutdown:
 * DoltSync.unregisterCommitMetadataProvider(provider);
 * }</pre>
 */
public final class DoltSync {

  private DoltSync() {}

  /**
   * Adds a provider asked for the author and message of every mirrored transaction of this JVM, next to
   * those found through {@code ServiceLoader}. Registering the same instance twice asks it twice.
   */
  public static void registerCommitMetadataProvider(CommitMetadataProvider provider) {
    CommitMetadataResolver.register(Objects.requireNonNull(provider, "provider"));
  }

  /** Removes a provider added with {@link #registerCommitMetadataProvider}; does nothing if it is not registered. */
  public static void unregisterCommitMetadataProvider(CommitMetadataProvider provider) {
    CommitMetadataResolver.unregister(provider);
  }

  /**
   * The state of every mirror this JVM runs: health ({@link MirrorHealth}), last error, quarantined entries,
   * diverged tables, queue depth and lag. The same figures are in JMX under {@code io.doltsync:type=Mirror}.
   */
  public static java.util.List<MirrorStatus> mirrorStatus() {
    return MirrorRegistry.statuses();
  }

  /**
   * Stops everything doltsync runs in the background: every mirror's applier thread (after the entry it
   * is applying; what is left in the journal is applied by the next start) and the Dolt servers the driver
   * started itself, and deregisters the driver. For containers that undeploy applications (call it from a
   * {@code ServletContextListener.contextDestroyed}); a JVM that exits needs nothing, shutdown hooks do it.
   */
  public static void shutdown() throws SQLException {
    MirrorRegistry.closeAll();
    EmbeddedDoltServer.stopAll();
    DoltSyncDriver.deregister();
  }
}
