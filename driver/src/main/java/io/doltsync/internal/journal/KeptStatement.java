package io.doltsync.internal.journal;

import io.doltsync.internal.jdbc.QuietClose;
import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;

/**
 * One prepared statement a session keeps for a text it runs again and again on its connection (pgjdbc builds a
 * statement's state, its {@code TimestampUtils} and calendar among it, for each new statement: ~4% of the client's
 * CPU samples of a lone auto-commit write). Prepared again when the text or connection changes; a caller whose
 * execution failed lets it go ({@link #close()}). One thread at a time, as a session.
 */
public final class KeptStatement implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(KeptStatement.class);

  private PreparedStatement statement;
  private String text;
  private Connection connection;

  /** The kept statement of {@code text} on {@code connection}, prepared now when it is not the one kept. */
  public PreparedStatement of(Connection connection, String text) throws SQLException {
    PreparedStatement kept = statement;
    if (kept == null || this.connection != connection || !text.equals(this.text) || kept.isClosed()) {
      close();
      kept = connection.prepareStatement(text);
      statement = kept;
      this.text = text;
      this.connection = connection;
    }
    return kept;
  }

  /** Closes the kept statement, if any (the session ends, or an execution failed); a failure is only logged. */
  @Override
  public void close() {
    PreparedStatement kept = statement;
    statement = null;
    text = null;
    connection = null;
    QuietClose.close(kept, LOG, "a kept statement");
  }
}
