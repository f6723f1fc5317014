package io.doltsync.internal.jdbc;

import org.slf4j.Logger;

/**
 * Closes a connection, statement or stream that is being given up (after a failure, at shutdown), where a failure to
 * close it changes nothing: the failure is logged at DEBUG, never thrown. {@code null} is ignored.
 */
public final class QuietClose {

  private QuietClose() {}

  /** Closes {@code resource}; a failure is logged on {@code log} at DEBUG as "closing {@code what} failed". */
  public static void close(AutoCloseable resource, Logger log, String what) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.debug("closing {} was interrupted", what, e);
    } catch (Exception e) {
      log.debug("closing {} failed", what, e);
    }
  }
}
