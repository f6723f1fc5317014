package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.capture.WritePlan;
import io.doltsync.internal.capture.ProcedurePlan;
import io.doltsync.DoltSyncConnection;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection of the primary database, seen through doltsync. Every call goes to the driver's
 * connection; transaction boundaries and statement creation also involve the {@link Session}.
 */
public final class ConnectionWrapper extends AbstractWrapper<Connection> implements DoltSyncConnection {

  private final Session session;
  private DatabaseMetaDataWrapper metaData;

  public ConnectionWrapper(Connection delegate, Session session) {
    super(delegate);
    this.session = session;
    session.bind(this);
  }

  /** The session behind this connection. */
  public Session session() {
    return session;
  }

  // ---- doltsync ----------------------------------------------------------------------------------

  @Override
  public void setCommitAuthor(String name, String email) throws SQLException {
    session.setCommitAuthor(name, email);
  }

  @Override
  public void setCommitMessage(String message) throws SQLException {
    session.setCommitMessage(message);
  }

  @Override
  public boolean isMirroring() {
    return session.isMirroring();
  }

  @Override
  public String awaitMirrored(Duration timeout) throws SQLException {
    return session.awaitMirrored(timeout);
  }

  // ---- transaction boundaries --------------------------------------------------------------------

  @Override
  public void commit() throws SQLException {
    session.commit();
  }

  @Override
  public void rollback() throws SQLException {
    session.rollback();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    session.rollback(SavepointWrapper.unwrap(savepoint));
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    session.setAutoCommit(autoCommit);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return new SavepointWrapper(primary().setSavepoint());
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return new SavepointWrapper(primary().setSavepoint(name));
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    primary().releaseSavepoint(SavepointWrapper.unwrap(savepoint));
  }

  @Override
  public void close() throws SQLException {
    if (clientSide().isClosed()) {
      return;
    }
    try {
      try {
        session.beforePrimary(); // a pooled driver connection goes back as the application left it
      } finally {
        session.close(); // also when the primary is gone: the session's Dolt connection is closed all the same
      }
    } finally {
      clientSide().close();
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    try {
      session.close();
    } finally {
      clientSide().abort(executor);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return clientSide().isClosed();
  }

  // ---- statements --------------------------------------------------------------------------------

  @Override
  public Statement createStatement() throws SQLException {
    return new StatementWrapper(clientSide().createStatement(), this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return new StatementWrapper(clientSide().createStatement(resultSetType, resultSetConcurrency), this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new StatementWrapper(
        clientSide().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    Plan plan = session.plan(sql);
    if (plan.routesToDolt()) {
      return preparedOnDolt(sql, plan);
    }
    PreparedStatement extended = preparedReadingOwnReturning(sql, plan, ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY, null);
    if (extended != null) {
      return extended;
    }
    WritePlan hidden = session.hiddenReturningPlan(plan);
    if (hidden != null) {
      return preparedWithTwin(sql, plan, hidden, clientSide().prepareStatement(sql));
    }
    WritePlan returning = session.returningPlan(plan);
    if (returning != null) {
      return preparedReturning(sql, returning);
    }
    PreparedStatement statement = plan.needsGeneratedKeys()
        ? clientSide().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
        : clientSide().prepareStatement(sql);
    return new PreparedStatementWrapper(statement, this, sql, plan, plan.needsGeneratedKeys(), false);
  }

  /**
   * A statement whose own RETURNING list is extended with the columns its capture reads
   * ({@link Session#extendedReturningPlan}), prepared scroll-insensitive so that the capture can read the rows
   * before the application, which is shown its own columns as of {@code resultSetType}; {@code null} when the
   * plan has no such variant, or the application asked for an updatable or scroll-sensitive result.
   */
  private PreparedStatement preparedReadingOwnReturning(String sql, Plan plan, int resultSetType,
      int resultSetConcurrency, Integer resultSetHoldability) throws SQLException {
    if ((resultSetType != ResultSet.TYPE_FORWARD_ONLY && resultSetType != ResultSet.TYPE_SCROLL_INSENSITIVE)
        || resultSetConcurrency != ResultSet.CONCUR_READ_ONLY) {
      return null;
    }
    WritePlan extended = session.extendedReturningPlan(plan);
    if (extended == null) {
      return null;
    }
    String text = extended.extendedReturning().sql();
    PreparedStatement statement = resultSetHoldability == null
        ? clientSide().prepareStatement(text, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)
        : clientSide().prepareStatement(text, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY,
            resultSetHoldability);
    PreparedStatementWrapper wrapper = new PreparedStatementWrapper(statement, this, sql, plan, false, false);
    wrapper.readsOwnReturning(extended, resultSetType);
    return wrapper;
  }

  /**
   * The application's statement as prepared ({@code statement}), whose single executions run on a twin with
   * {@code RETURNING} appended for the capture ({@link ReturningTwin}, MariaDB 10.5+).
   */
  private PreparedStatement preparedWithTwin(String sql, Plan plan, WritePlan hidden, PreparedStatement statement) {
    PreparedStatementWrapper wrapper = new PreparedStatementWrapper(statement, this, sql, plan, false, false);
    wrapper.runsOnTwin(new ReturningTwin(hidden, this));
    return wrapper;
  }

  /**
   * A statement prepared with the columns its capture reads from the rows it changes: the driver returns them
   * as generated keys, for the capture alone (the application asked for none, and is answered so).
   */
  private PreparedStatement preparedReturning(String sql, WritePlan returning) throws SQLException {
    PreparedStatement statement = clientSide().prepareStatement(sql, returning.returnedColumns().toArray(String[]::new));
    return new PreparedStatementWrapper(statement, this, sql, returning, true, false);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    Plan plan = session.plan(sql);
    if (plan.routesToDolt()) {
      return preparedOnDolt(sql, plan);
    }
    WritePlan hidden = autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? null : session.hiddenReturningPlan(plan);
    if (hidden != null) {
      return preparedWithTwin(sql, plan, hidden, clientSide().prepareStatement(sql, autoGeneratedKeys));
    }
    WritePlan returning = autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? null : session.returningPlan(plan);
    if (returning != null) {
      return preparedReturning(sql, returning);
    }
    boolean keys = plan.needsGeneratedKeys() || autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS;
    PreparedStatementWrapper wrapper = new PreparedStatementWrapper(
        clientSide().prepareStatement(sql, keys ? Statement.RETURN_GENERATED_KEYS : autoGeneratedKeys),
        this, sql, plan, keys, autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS);
    return autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? withKeysTwin(wrapper, sql, plan, new String[] {"*"})
        : wrapper;
  }

  /**
   * {@code wrapper}, prepared with the generated keys {@code columns}, with a {@link KeysTwin} its single executions
   * run on when the session reads the capture's rows from those keys ({@link Session#keysReturningPlan}).
   */
  private PreparedStatement withKeysTwin(PreparedStatementWrapper wrapper, String sql, Plan plan, String[] columns)
      throws SQLException {
    WritePlan keys = session.keysReturningPlan(plan, sql, columns);
    if (keys != null) {
      wrapper.runsOnKeysTwin(new KeysTwin(keys, this));
    }
    return wrapper;
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    Plan plan = session.plan(sql);
    if (plan.routesToDolt()) {
      return preparedOnDolt(sql, plan);
    }
    return new PreparedStatementWrapper(clientSide().prepareStatement(sql, columnIndexes), this, sql, plan, true, true);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    Plan plan = session.plan(sql);
    if (plan.routesToDolt()) {
      return preparedOnDolt(sql, plan);
    }
    PreparedStatementWrapper wrapper = new PreparedStatementWrapper(clientSide().prepareStatement(sql, columnNames),
        this, sql, plan, true, true);
    return columnNames == null || columnNames.length == 0 ? wrapper : withKeysTwin(wrapper, sql, plan, columnNames);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    Plan plan = session.plan(sql);
    if (plan.routesToDolt()) {
      return preparedOnDolt(sql, plan);
    }
    PreparedStatement extended = preparedReadingOwnReturning(sql, plan, resultSetType, resultSetConcurrency, null);
    if (extended != null) {
      return extended;
    }
    return new PreparedStatementWrapper(
        clientSide().prepareStatement(sql, resultSetType, resultSetConcurrency), this, sql, plan, false, false);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    Plan plan = session.plan(sql);
    if (plan.routesToDolt()) {
      return preparedOnDolt(sql, plan);
    }
    PreparedStatement extended = preparedReadingOwnReturning(sql, plan, resultSetType, resultSetConcurrency,
        resultSetHoldability);
    if (extended != null) {
      return extended;
    }
    return new PreparedStatementWrapper(
        clientSide().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
        this, sql, plan, false, false);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    Plan plan = session.plan(sql);
    CallableStatement statement = plan.routesToDolt()
        ? session.doltConnection().prepareCall(doltCallText(sql, plan)) : clientSide().prepareCall(sql);
    return new CallableStatementWrapper(statement, this, sql, plan);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    Plan plan = session.plan(sql);
    CallableStatement statement = plan.routesToDolt()
        ? session.doltConnection().prepareCall(doltCallText(sql, plan), resultSetType, resultSetConcurrency)
        : clientSide().prepareCall(sql, resultSetType, resultSetConcurrency);
    return new CallableStatementWrapper(statement, this, sql, plan);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    Plan plan = session.plan(sql);
    CallableStatement statement = plan.routesToDolt()
        ? session.doltConnection().prepareCall(doltCallText(sql, plan), resultSetType, resultSetConcurrency,
            resultSetHoldability)
        : clientSide().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    return new CallableStatementWrapper(statement, this, sql, plan);
  }

  private PreparedStatement preparedOnDolt(String sql, Plan plan) throws SQLException {
    return new PreparedStatementWrapper(session.doltConnection().prepareStatement(doltText(sql, plan)), this, sql, plan,
        false, false);
  }

  /**
   * The text prepared on Dolt for a Dolt-routed statement: the statement itself, or for one of doltsync's own
   * procedures a stand-in with as many markers (only its bound values are used; Dolt never runs it).
   */
  private static String doltText(String sql, Plan plan) {
    if (plan instanceof ProcedurePlan procedure) {
      String markers = String.join(", ", Collections.nCopies(procedure.call().markerCount(), "?"));
      return markers.isEmpty() ? "SELECT 1" : "SELECT " + markers;
    }
    return sql;
  }

  /** Like {@link #doltText} for {@code prepareCall}, whose drivers accept only a call: Dolt's own varargs procedure. */
  private static String doltCallText(String sql, Plan plan) {
    if (plan instanceof ProcedurePlan procedure) {
      return "CALL dolt_branch(" + String.join(", ", Collections.nCopies(procedure.call().markerCount(), "?")) + ")";
    }
    return sql;
  }

  /** Metadata calls reach the primary: the session restores the application's state first. */
  void beforePrimary() throws SQLException {
    session.beforePrimary();
  }

  @Override
  protected void restorePrimary() throws SQLException {
    session.beforePrimary();
  }

  @Override
  protected void beforeUnwrap(Class<?> iface) {
    UnwrapWarning.unwrapped("Connection", iface);
  }

  // ---- metadata ----------------------------------------------------------------------------------

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    DatabaseMetaDataWrapper current = metaData;
    if (current == null) {
      current = new DatabaseMetaDataWrapper(primary().getMetaData(), this);
      metaData = current;
    }
    return current;
  }

  // ---- plain delegation --------------------------------------------------------------------------

  @Override
  public void beginRequest() throws SQLException {
    clientSide().beginRequest();
  }

  @Override
  public void clearWarnings() throws SQLException {
    session.clearKeptWarnings();
    clientSide().clearWarnings();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return clientSide().createArrayOf(typeName, elements);
  }

  @Override
  public Blob createBlob() throws SQLException {
    return clientSide().createBlob();
  }

  @Override
  public Clob createClob() throws SQLException {
    return clientSide().createClob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return clientSide().createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return clientSide().createSQLXML();
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return clientSide().createStruct(typeName, attributes);
  }

  @Override
  public void endRequest() throws SQLException {
    clientSide().endRequest();
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return session.getAutoCommit(clientSide());
  }

  @Override
  public String getCatalog() throws SQLException {
    return primary().getCatalog();
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return primary().getClientInfo();
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return primary().getClientInfo(name);
  }

  @Override
  public int getHoldability() throws SQLException {
    return clientSide().getHoldability();
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return clientSide().getNetworkTimeout();
  }

  @Override
  public String getSchema() throws SQLException {
    return primary().getSchema();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return primary().getTransactionIsolation();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return clientSide().getTypeMap();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    SQLWarning kept = session.keptWarnings(null);
    return kept != null ? kept : clientSide().getWarnings();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return primary().isReadOnly();
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    return clientSide().isValid(timeout);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return clientSide().nativeSQL(sql);
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    primary().setCatalog(catalog);
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    clientSide().setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    clientSide().setClientInfo(properties);
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    clientSide().setHoldability(holdability);
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    clientSide().setNetworkTimeout(executor, milliseconds);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    primary().setReadOnly(readOnly);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    primary().setSchema(schema);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
    clientSide().setShardingKey(shardingKey, superShardingKey);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    clientSide().setShardingKey(shardingKey);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    return clientSide().setShardingKeyIfValid(shardingKey, timeout);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
    return clientSide().setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    primary().setTransactionIsolation(level);
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    clientSide().setTypeMap(map);
  }
}
