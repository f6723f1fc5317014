package io.doltsync.internal.mirror;

import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The fault tests' handle on the applier of the mirror a doltsync connection belongs to: stop it and start
 * it again as an application restart would, and find its thread (to kill or interrupt it).
 */
public final class ApplierControl {

  private final Mirror mirror;
  private final Applier applier;

  private ApplierControl(Mirror mirror) {
    this.mirror = mirror;
    this.applier = mirror.applier();
    if (applier == null) {
      throw new IllegalStateException("this mirror runs no applier (doltsync.applier=false)");
    }
  }

  /** The applier of the mirror {@code doltsync} (a connection opened through doltsync) belongs to. */
  public static ApplierControl of(Connection doltsync) throws SQLException {
    if (doltsync.unwrap(ConnectionWrapper.class).session() instanceof MirrorSession session) {
      return new ApplierControl(session.mirror());
    }
    throw new IllegalArgumentException("not a mirroring doltsync connection");
  }

  /**
   * Stops the applier after the entry it is applying (no drain), and waits until its thread has ended (the
   * applier's own wait gives up after 30 s; a thread still alive after {@code timeout} is a stall).
   */
  public void stop(Duration timeout) throws InterruptedException {
    Optional<Thread> running = thread();
    applier.stop();
    if (running.isPresent()) {
      running.get().join(timeout.toMillis());
      if (running.get().isAlive()) {
        throw new AssertionError("the applier thread did not stop within " + timeout.toSeconds() + " s: "
            + java.util.Arrays.toString(running.get().getStackTrace()));
      }
    }
  }

  /** Starts the applier (again). */
  public void start() {
    applier.start();
  }

  /** The applier's live thread, if one runs now. */
  public Optional<Thread> thread() {
    String name = "doltsync-applier-" + mirror.target().database() + "-" + mirror.target().branch();
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
        .findFirst();
  }

  /** Entries waiting in the journal when the applier last looked. */
  public long queueDepth() {
    return mirror.metrics().getQueueDepth();
  }

  /** The mirror's state, for a failure message. */
  public String describe() {
    return mirror.status() + ", thread " + thread().map(t -> t.getState() + " "
        + java.util.Arrays.toString(t.getStackTrace())).orElse("none");
  }

  /** Restarts the applier counted after a failure it could not handle (an {@link Error}, a dead thread). */
  public long restarts() {
    return mirror.metrics().getApplierRestarts();
  }
}
