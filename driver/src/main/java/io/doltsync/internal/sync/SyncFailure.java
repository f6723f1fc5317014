package io.doltsync.internal.sync;

import java.sql.SQLException;

/**
 * A failed run, with the side that failed (the source, Dolt, or neither: a refused table or option), or a run
 * that did not start because another sync held the branch's lock.
 */
public final class SyncFailure extends SQLException {

  /** Which side a failure came from. */
  public enum Side { SOURCE, DOLT, SYNC, BUSY }

  private final Side side;

  public SyncFailure(Side side, String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    this.side = side;
  }

  public Side side() {
    return side;
  }
}
