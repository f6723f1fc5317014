package io.doltsync.internal.lineage;

import io.doltsync.internal.capture.DoltPlan;
import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.internal.jdbc.wrapper.DoltStatementRunner;
import io.doltsync.internal.jdbc.wrapper.Session;
import io.doltsync.internal.jdbc.wrapper.StatementSettings;
import io.doltsync.internal.jdbc.wrapper.WriteRequest;
import io.doltsync.sql.StatementClassifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;

/**
 * The session behind a replay connection (a Dolt connection in the driver's hand-written wrappers): every
 * SQL text is checked and rewritten by the step's {@link ReplayConnections.Rewriter} and run on Dolt, so each
 * table reads {@code AS OF} the commit the step read it at.
 */
final class ReplaySession implements Session {

  private final Connection dolt;
  private final ReplayConnections.Rewriter rewriter;
  private final StatementClassifier classifier;

  ReplaySession(Connection dolt, ReplayConnections.Rewriter rewriter, StatementClassifier classifier) {
    this.dolt = dolt;
    this.rewriter = rewriter;
    this.classifier = classifier;
  }

  @Override
  public Plan plan(String sql) throws SQLException {
    rewriter.rewrite(sql); // refuses writes and tables the step did not read, when the text is prepared
    return new DoltPlan(classifier.classifyCached(sql));
  }

  @Override
  public DoltResult executeOnDolt(Plan plan, String sql, List<Object> parameters, PreparedStatement prepared,
      StatementSettings settings) throws SQLException {
    return DoltStatementRunner.execute(dolt, rewriter.rewrite(sql), parameters, settings);
  }

  @Override
  public <T> T executeWrite(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts)
      throws SQLException {
    throw new SQLException("a replay of " + rewriter.step() + " is read-only", "25006");
  }

  @Override
  public Connection doltConnection() {
    return dolt;
  }

  @Override
  public void commit() throws SQLException {
    dolt.commit();
  }

  @Override
  public void rollback() throws SQLException {
    dolt.rollback();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    dolt.rollback(savepoint);
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    dolt.setAutoCommit(autoCommit);
  }

  @Override
  public void close() {
    // the wrapper closes the Dolt connection
  }

  @Override
  public void setCommitAuthor(String name, String email) throws SQLException {
    throw readOnly();
  }

  @Override
  public void setCommitMessage(String message) throws SQLException {
    throw readOnly();
  }

  @Override
  public boolean isMirroring() {
    return false;
  }

  @Override
  public String awaitMirrored(Duration timeout) {
    return null; // a replay writes nothing
  }

  private SQLFeatureNotSupportedException readOnly() {
    return new SQLFeatureNotSupportedException("a replay of " + rewriter.step() + " makes no commits", "0A000");
  }
}
