package io.doltsync.internal.procedure;

import io.doltsync.internal.mirror.Mirror;
import io.doltsync.internal.mirror.MirrorSession;
import java.sql.Connection;

/**
 * What a doltsync procedure runs with.
 *
 * @param connection the application's doltsync connection the procedure was called through; writes made
 *                   through it are captured and mirrored like the application's own
 * @param session    that connection's mirroring session
 */
public record ProcedureContext(Connection connection, MirrorSession session) {

  /** The mirror the connection belongs to. */
  public Mirror mirror() {
    return session.mirror();
  }
}
