package io.doltsync.internal.mirror;

import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The warnings of a session's last auto-commit write, fetched before doltsync's own commit replaced them on the
 * server (MySQL-protocol drivers ask the server for them with {@code SHOW WARNINGS}), for the application's
 * {@code getWarnings()}; none when there were none or the application has sent the primary something since.
 */
final class KeptWarnings {

  private SQLWarning warnings;
  /** The driver statement whose write {@link #warnings} are. */
  private Statement statement;
  /** Whether the driver reports {@link #warnings} on the connection too (MariaDB Connector/J). */
  private boolean onConnection;
  /** Set while an auto-commit write runs whose warnings are to be kept. */
  private boolean keeping;

  /** Whether the running write's warnings are to be kept. */
  boolean keeping() {
    return keeping;
  }

  /** Sets whether the running write's warnings are to be kept. */
  void keeping(boolean keeping) {
    this.keeping = keeping;
  }

  /** Whether no warnings are kept. */
  boolean none() {
    return warnings == null;
  }

  /** Keeps the warnings a write raised through a driver statement. */
  void keep(SQLWarning warnings, Statement statement, boolean onConnection) {
    this.warnings = warnings;
    this.statement = statement;
    this.onConnection = onConnection;
  }

  /**
   * The kept warnings if they are those {@code driverStatement} reports ({@code null}: the connection), once: the
   * server's reply to {@code SHOW WARNINGS}, which they stand for, resets the driver's count. Null when none are.
   */
  SQLWarning take(Statement driverStatement) {
    SQLWarning kept = warnings;
    if (kept == null || (driverStatement == null ? !onConnection : driverStatement != statement && !onConnection)) {
      return null;
    }
    clear();
    return kept;
  }

  /** Drops the kept warnings: what the application sends next replaces them, as without doltsync. */
  void clear() {
    warnings = null;
    statement = null;
  }
}
