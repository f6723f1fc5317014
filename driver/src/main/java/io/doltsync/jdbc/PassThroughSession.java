package io.doltsync.jdbc;

import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.internal.jdbc.wrapper.Session;
import io.doltsync.internal.jdbc.wrapper.StatementSettings;
import io.doltsync.internal.jdbc.wrapper.WriteRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;

/** The session of a connection with {@code doltsync.enabled=false}: everything goes to the primary untouched. */
final class PassThroughSession implements Session {

  private final Connection delegate;
  private final AutoCloseable onClose;

  PassThroughSession(Connection delegate) {
    this(delegate, null);
  }

  /** A session that also closes {@code onClose} (what the connection came from) when its connection closes. */
  PassThroughSession(Connection delegate, AutoCloseable onClose) {
    this.delegate = delegate;
    this.onClose = onClose;
  }

  @Override
  public Plan plan(String sql) {
    return Plan.PASS_THROUGH;
  }

  @Override
  public <T> T executeWrite(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts)
      throws SQLException {
    return execution.run();
  }

  @Override
  public DoltResult executeOnDolt(Plan plan, String sql, List<Object> parameters, PreparedStatement prepared,
      StatementSettings settings)
      throws SQLException {
    throw disabled();
  }

  @Override
  public Connection doltConnection() throws SQLException {
    throw disabled();
  }

  @Override
  public void commit() throws SQLException {
    delegate.commit();
  }

  @Override
  public void rollback() throws SQLException {
    delegate.rollback();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    delegate.rollback(savepoint);
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    delegate.setAutoCommit(autoCommit);
  }

  @Override
  public void close() throws SQLException {
    if (onClose == null) {
      return;
    }
    try {
      delegate.close(); // before what it came from; the wrapper's own close of it is then a no-op
      onClose.close();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException("cannot close " + onClose, e);
    }
  }

  @Override
  public void setCommitAuthor(String name, String email) {
    // not mirroring: nothing to attribute
  }

  @Override
  public void setCommitMessage(String message) {
    // not mirroring: nothing to describe
  }

  @Override
  public boolean isMirroring() {
    return false;
  }

  @Override
  public String awaitMirrored(Duration timeout) {
    return null;
  }

  private static SQLException disabled() {
    return new SQLFeatureNotSupportedException("doltsync is disabled on this connection (doltsync.enabled=false)",
        "0A000");
  }
}
