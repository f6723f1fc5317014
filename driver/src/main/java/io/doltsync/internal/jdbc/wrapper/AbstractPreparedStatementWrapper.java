package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.Plan;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * The {@link PreparedStatement} part shared by the prepared and callable statement wrappers: executions
 * of the prepared SQL (routed by its plan, decided once at prepare time), parameter recording when the
 * plan needs the values, and parameter batches.
 */
abstract class AbstractPreparedStatementWrapper<P extends PreparedStatement> extends AbstractStatementWrapper<P>
    implements PreparedStatement {

  protected final String sql;
  protected final Plan plan;
  private final boolean keys;
  private final boolean keysRequested;
  /**
   * True for a SQL-level {@code EXECUTE name}: the prepared text it runs may be redefined after this statement
   * was prepared, so it is planned again at each execution.
   */
  private final boolean replans;
  private ParameterRecorder parameters;
  /** Whether the plan needs the values of each batch entry (recorded for a {@link #keysTwin} alone otherwise). */
  private final boolean batchValues;
  private List<Object[]> batch;
  /** Whether entries were added since the last batch ran or was cleared (a PREPARE text then runs). */
  private boolean batchPending;
  /**
   * For a statement prepared with returning columns for the capture: the metadata of the text as written
   * (possibly {@code null}: a statement that returns no rows), once {@link #metadataAsWrittenKnown}.
   */
  private ResultSetMetaData metadataAsWritten;
  private boolean metadataAsWrittenKnown;
  /**
   * For a statement whose own RETURNING list the driver statement extends with the capture's columns: the plan
   * that reads them ({@link #readsOwnReturning}), else {@code null}.
   */
  private io.doltsync.internal.capture.WritePlan ownReturning;
  /** The result set type the application asked for (the driver statement's is scroll-insensitive). */
  private int shownResultSetType;
  /** The driver's result set of the last execution that read the rows it returned. */
  private ResultSet returnedRows;
  /**
   * For a MariaDB INSERT whose inserted rows the capture reads from an appended RETURNING list: the driver statement
   * single executions run on ({@link #runsOnTwin}), else {@code null}.
   */
  private ReturningTwin twin;
  /**
   * For a pgjdbc statement prepared with generated keys whose rows the capture reads from those keys: the driver
   * statement single executions run on ({@link #runsOnKeysTwin}), else {@code null}.
   */
  private KeysTwin keysTwin;
  /** For a statement with a {@link #keysTwin}: the SQL type of each parameter bound to NULL by setNull or setObject. */
  private java.util.Map<Integer, Integer> nullTypes; // made by runsOnKeysTwin: no allocation for other statements

  /**
   * @param keys          whether the driver statement was prepared to return generated keys
   * @param keysRequested whether the application asked for them (else the capture did)
   */
  AbstractPreparedStatementWrapper(P delegate, ConnectionWrapper connection, String sql, Plan plan, boolean keys,
      boolean keysRequested) {
    super(delegate, connection);
    this.sql = sql;
    this.plan = plan;
    this.keys = keys;
    this.keysRequested = keysRequested;
    this.replans = !plan.routesToDolt() && startsWithExecute(sql);
    this.parameters = plan.needsParameters() || replans ? new ParameterRecorder(8) : null;
    this.batchValues = parameters != null;
  }

  /**
   * Marks this statement as prepared with its own RETURNING list extended by {@code variant}'s columns
   * ({@link io.doltsync.internal.capture.ExtendedReturning}), on a scroll-insensitive driver statement:
   * {@code execute()} and {@code executeQuery()} read the capture's columns from the rows, rewind them and show
   * the application its own columns, as of result set type {@code resultSetType}; other executions run the plain
   * plan (their driver methods do not hand the rows over).
   */
  void readsOwnReturning(io.doltsync.internal.capture.WritePlan variant, int resultSetType) {
    this.ownReturning = variant;
    this.shownResultSetType = resultSetType;
  }

  /**
   * Marks this statement as one whose single executions ({@code execute()}, {@code executeUpdate()},
   * {@code executeLargeUpdate()}) run on {@code twin}, the same INSERT with {@code RETURNING} appended, when the
   * bound values can be bound on it alike; queries and batches run this statement's own driver statement.
   */
  void runsOnTwin(ReturningTwin twin) {
    this.twin = twin;
  }

  /**
   * Marks this statement, prepared with generated keys, as one whose single executions ({@code execute()},
   * {@code executeUpdate()}, {@code executeLargeUpdate()}, {@code executeQuery()}) run on {@code twin} when the bound
   * values can be bound on it alike and no row or field limit is set; batches run this statement's own driver
   * statement.
   */
  void runsOnKeysTwin(KeysTwin twin) {
    this.keysTwin = twin;
    this.nullTypes = new java.util.HashMap<>();
    if (parameters == null) {
      parameters = new ParameterRecorder(8);
    }
  }

  /** The values to bind on the keys twin for this execution, or {@code null} when it runs the driver statement. */
  private Object[] keysTwinValues() throws SQLException {
    if (keysTwin == null) {
      return null;
    }
    keysTwin.notLast();
    Object[] values = parameters.snapshot();
    if (replans || clientSide().getMaxRows() != 0 || clientSide().getMaxFieldSize() != 0
        || !KeysTwin.rebindable(values, nullTypes)) {
      keysTwin.plan().noteCopyWithoutReturnedRows();
      return null;
    }
    return values;
  }

  /**
   * Runs the statement on its keys twin: the capture reads its columns of every returned row, and the application
   * is answered as pgjdbc answers an execution with generated keys (no result set, the rows' count as the update
   * count, the application's columns of the rows as its generated keys).
   */
  private long runOnKeysTwin(Object[] values) throws SQLException {
    java.sql.PreparedStatement driver = keysTwin.bound(values, nullTypes, clientSide().getQueryTimeout());
    AppendedRows[] rows = new AppendedRows[1];
    long[] count = {-1};
    WriteRequest.ReturnedRows returned = (n, reader) -> rows[0] == null ? null : rows[0].next(n, reader);
    write(driver, keysTwin.plan(), values, returned, driver::execute, result -> {
      rows[0] = keysTwin.rows();
      count[0] = rows[0].count();
      return new long[] {count[0]};
    });
    keepDoltResult(DoltResult.count(count[0]));
    return count[0];
  }

  /** The values to bind on the twin for this execution, or {@code null} when it runs the driver statement. */
  private Object[] twinValues() throws SQLException {
    if (twin == null) {
      return null;
    }
    twin.notLast();
    if (replans) {
      twin.bindPending();
      return null;
    }
    Object[] values = parameters.snapshot();
    if (!ReturningTwin.rebindable(values)) {
      twin.plan().noteCopyWithoutReturnedRows();
      twin.bindPending();
      return null;
    }
    return values;
  }

  /**
   * Runs the INSERT on its twin: the capture reads every inserted row from the returned rows, and the application
   * is answered with their count as the statement's update count (no result set), as the raw driver answers.
   */
  private long runOnTwin(Object[] values) throws SQLException {
    java.sql.PreparedStatement driver = twin.bound(values, clientSide().getQueryTimeout());
    AppendedRows[] rows = new AppendedRows[1];
    long[] count = {-1};
    WriteRequest.ReturnedRows returned = (n, reader) -> rows[0] == null ? null : rows[0].next(n, reader);
    try {
      write(driver, twin.plan(), values, returned, driver::execute, result -> {
        rows[0] = twin.rows();
        count[0] = rows[0].count();
        return new long[] {count[0]};
      });
    } finally {
      twin.closeResult();
    }
    keepDoltResult(DoltResult.count(count[0]));
    return count[0];
  }

  private void ownStatementRuns() throws SQLException {
    if (keysTwin != null) {
      keysTwin.notLast();
      keysTwin.plan().noteCopyWithoutReturnedRows();
    }
    if (twin != null) {
      twin.notLast();
      twin.plan().noteCopyWithoutReturnedRows();
    }
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws SQLException {
    java.sql.PreparedStatement last = keysTwin != null && keysTwin.ranLast() != null ? keysTwin.ranLast()
        : twin == null ? null : twin.ranLast();
    if (last != null) {
      java.sql.SQLWarning kept = session.keptWarnings(last);
      return kept != null ? kept : last.getWarnings();
    }
    return super.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    super.clearWarnings();
    if (twin != null) {
      twin.clearWarnings();
    }
    if (keysTwin != null) {
      keysTwin.clearWarnings();
    }
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    if (keysTwin != null && keysTwin.ranLast() != null && !clientSide().isClosed()) {
      return keysTwin.keys(this);
    }
    return super.getGeneratedKeys();
  }

  /** After an execution on the keys twin, pgjdbc's next result closes the keys, as the driver's own result would. */
  @Override
  public boolean getMoreResults(int current) throws SQLException {
    if (keysTwin != null && keysTwin.ranLast() != null && current != java.sql.Statement.KEEP_CURRENT_RESULT
        && !clientSide().isClosed()) {
      keysTwin.closeResult();
    }
    return super.getMoreResults(current);
  }

  @Override
  public void close() throws SQLException {
    try {
      if (twin != null) {
        twin.close();
      }
      if (keysTwin != null) {
        keysTwin.close();
      }
    } finally {
      super.close();
    }
  }

  @Override
  protected String sqlPreparedWithKeysForCaptureOnly() {
    return keys && !keysRequested ? sql : null;
  }

  /** One setter call on the application's driver statement. */
  @FunctionalInterface
  private interface DriverBind {
    void run() throws SQLException;
  }

  /**
   * Binds {@code recorded} (as the application's setter {@code call}) and records it, on a statement with a twin
   * (other statements bind and record at once, without this indirection): a value the twin binds alike ({@link ReturningTwin#rebindable}) is bound once: on the twin when it runs, or on
   * the application's driver statement by the application's own setter call, kept until an execution runs that
   * statement ({@link #bindPending}). A value of another type, a parameter index outside the text's parameters or a
   * closed statement goes to the driver at once, which answers as it does.
   */
  private void bind(int parameterIndex, Object recorded, DriverBind call) throws SQLException {
    if (!replans && twin.defers(parameterIndex, recorded) && !clientSide().isClosed()) {
      record(parameterIndex, recorded);
      twin.defer(parameterIndex, call::run);
      return;
    }
    call.run();
    record(parameterIndex, recorded);
  }

  /** Binds the values kept for the application's driver statement on it: an execution of it follows. */
  private void bindPending() throws SQLException {
    if (twin != null) {
      twin.bindPending();
    }
  }

  private void record(int parameterIndex, Object value) {
    if (twin != null) {
      twin.bound(parameterIndex); // a value bound on the driver statement replaces one kept for it
    }
    if (parameters != null) {
      parameters.set(parameterIndex, value);
    }
    if (keysTwin != null) {
      nullTypes.remove(parameterIndex);
    }
  }

  /** Records a NULL bound by {@code setNull} or {@code setObject} as of SQL type {@code sqlType} (keys twin only). */
  private void recordNull(int parameterIndex, int sqlType) {
    if (keysTwin != null) {
      nullTypes.put(parameterIndex, sqlType);
    }
  }

  // ---- executions --------------------------------------------------------------------------------

  @Override
  public boolean execute() throws SQLException {
    beginExecution(null);
    if (plan.routesToDolt()) {
      DoltResult result = session.executeOnDolt(plan, sql, parameters.asList(), clientSide(), settings);
      if (result != null) {
        keepDoltResult(result);
        return result.resultSet() != null;
      }
      return onDolt(clientSide()::execute);
    }
    Plan current = primaryPlan();
    if (!current.isCapturedWrite()) {
      bindPending();
      return onPrimary(sql, clientSide()::execute);
    }
    if (ownReturning != null && !replans) {
      return readingOwnReturning(clientSide()::execute, this::countsAfterExecute);
    }
    Object[] keysValues = keysTwinValues();
    if (keysValues != null) {
      runOnKeysTwin(keysValues);
      return false;
    }
    Object[] twinValues = twinValues();
    if (twinValues != null) {
      runOnTwin(twinValues);
      return false;
    }
    if (single(current)) {
      return write(current, parameters.snapshot(), sql, keys, clientSide()::execute, this::countsAfterExecute,
          count -> false);
    }
    return write(current, parameters.snapshot(), keys, clientSide()::execute, this::countsAfterExecute);
  }

  /**
   * An execution whose returned rows the capture reads (its own RETURNING list extended): their count is its update
   * count. With a row limit ({@code setMaxRows}) the driver hands over fewer rows than the statement changed, so the
   * plain plan runs instead.
   */
  private <T> T readingOwnReturning(Session.Execution<T> call, Session.UpdateCounts<T> plainCounts)
      throws SQLException {
    returnedRows = null;
    if (clientSide().getMaxRows() != 0) { // pgjdbc has no getLargeMaxRows
      ownReturning.noteCopyWithoutReturnedRows();
      return write(plan, parameters.snapshot(), false, call, result -> {
        returnedRows = clientSide().getResultSet(); // still shown without doltsync's columns
        return plainCounts.of(result);
      });
    }
    AppendedRows[] rows = new AppendedRows[1];
    WriteRequest.ReturnedRows returned = (count, reader) -> rows[0] == null ? null : rows[0].next(count, reader);
    return write(ownReturning, parameters.snapshot(), returned, call, result -> {
      returnedRows = clientSide().getResultSet();
      rows[0] = new AppendedRows(returnedRows, ownReturning.extendedReturning().appended());
      return new long[] {rows[0].count()};
    });
  }

  /**
   * The application's columns of the rows its own RETURNING list returned (also the empty rows pgjdbc leaves after
   * refusing them to {@code executeUpdate}); other result sets as they are.
   */
  @Override
  protected ResultSet shown(ResultSet driverResultSet) throws SQLException {
    if (ownReturning == null || driverResultSet == null
        || driverResultSet != returnedRows && driverResultSet != clientSide().getResultSet()) {
      return driverResultSet; // not the extended rows: generated keys, say
    }
    int visible = driverResultSet.getMetaData().getColumnCount() - ownReturning.extendedReturning().appended();
    return OwnColumns.of(driverResultSet, visible, shownResultSetType);
  }

  @Override
  public int getResultSetType() throws SQLException {
    if (ownReturning != null) {
      clientSide().getResultSetType(); // a closed statement throws as the driver's does
      return shownResultSetType;
    }
    return super.getResultSetType();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    beginExecution(null);
    if (plan.routesToDolt()) {
      DoltResult result = session.executeOnDolt(plan, sql, parameters.asList(), clientSide(), settings);
      if (result != null) {
        keepDoltResult(result);
        return wrapResultSet(result.resultSet());
      }
      return wrapResultSet(onDolt(clientSide()::executeQuery));
    }
    Plan current = primaryPlan();
    bindPending();
    if (!current.isCapturedWrite()) {
      return wrapResultSet(onPrimary(sql, clientSide()::executeQuery));
    }
    if (ownReturning != null && !replans) {
      return wrapResultSet(readingOwnReturning(clientSide()::executeQuery, rs -> new long[] {-2}));
    }
    Object[] keysValues = keysTwinValues();
    if (keysValues != null) {
      // pgjdbc runs a query with generated keys as an update, then finds no result set for the application
      runOnKeysTwin(keysValues);
      throw new SQLException("No results were returned by the query.", "02000");
    }
    ownStatementRuns();
    return wrapResultSet(write(current, parameters.snapshot(), keys, clientSide()::executeQuery, rs -> new long[] {-2}));
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) update(() -> (long) clientSide().executeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return update(clientSide()::executeLargeUpdate);
  }

  /**
   * Whether an execution may go to the session as a single execution it can run in a form of its own: no keys, or
   * keys the capture alone asked for to complete a row's image ({@link Plan#keysOnlyForImage()}).
   */
  private boolean single(Plan current) {
    return !replans && (!keys || !keysRequested && current.keysOnlyForImage());
  }

  /** Runs the update as the plan says, through the application's own driver method. */
  private long update(Session.Execution<Long> call) throws SQLException {
    beginExecution(null);
    if (plan.routesToDolt()) {
      DoltResult result = session.executeOnDolt(plan, sql, parameters.asList(), clientSide(), settings);
      if (result != null) {
        keepDoltResult(result);
        return result.updateCount();
      }
      return onDolt(call);
    }
    Plan current = primaryPlan();
    if (!current.isCapturedWrite()) {
      bindPending();
      return onPrimary(sql, call);
    }
    if (ownReturning != null) {
      // pgjdbc runs an update that returns rows, refuses them (0100E) and shows an empty result set: the capture
      // cannot read them through the driver's update methods
      ownReturning.noteCopyWithoutReturnedRows();
    }
    Object[] keysValues = keysTwinValues();
    if (keysValues != null) {
      return runOnKeysTwin(keysValues);
    }
    Object[] twinValues = twinValues();
    if (twinValues != null) {
      return runOnTwin(twinValues);
    }
    if (single(current)) {
      return write(current, parameters.snapshot(), sql, keys, call, count -> new long[] {count}, count -> count);
    }
    return write(current, parameters.snapshot(), keys, call, count -> new long[] {count});
  }

  /** The plan for this execution on the primary: the prepare-time plan, or a fresh one for an {@code EXECUTE}. */
  private Plan primaryPlan() throws SQLException {
    if (!replans) {
      return plan;
    }
    Plan fresh = session.plan(sql);
    return fresh.routesToDolt() ? plan : fresh;
  }

  private static boolean startsWithExecute(String sql) {
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    return sql.regionMatches(true, start, "EXECUTE", 0, 7)
        && (sql.length() == start + 7 || !Character.isLetterOrDigit(sql.charAt(start + 7)));
  }

  /**
   * Runs the Dolt prepared statement itself (its values are bound on it), as the statement running for
   * this wrapper, so that {@code cancel()} reaches it and Dolt's interruptions read as on the primary.
   */
  private <T> T onDolt(Session.Execution<T> call) throws SQLException {
    settings.applyTo(clientSide());
    try {
      return call.run();
    } catch (SQLException e) {
      throw settings.translate(e);
    } finally {
      settings.finished(clientSide());
    }
  }

  // ---- parameter batches -------------------------------------------------------------------------

  @Override
  public void addBatch() throws SQLException {
    bindPending();
    clientSide().addBatch();
    batchPending = true;
    if (batchValues) {
      if (batch == null) {
        batch = new ArrayList<>();
      }
      batch.add(parameters.snapshot());
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    batchPending = false;
    super.clearBatch();
  }

  @Override
  public void clearParameters() throws SQLException {
    clientSide().clearParameters();
    if (twin != null) {
      twin.clearPending();
    }
    if (parameters != null) {
      parameters.clear();
    }
    if (nullTypes != null) {
      nullTypes.clear();
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    if (plan.routesToDolt() && batch != null) {
      return narrow(executeOnDoltEntryByEntry(plan));
    }
    Plan current = primaryPlan();
    if (!current.isCapturedWrite() || batch == null) {
      boolean runs = batchPending;
      batchPending = false;
      return runs ? onPrimary(sql, super::executeBatch) : super.executeBatch();
    }
    beginExecution(null);
    if (ownReturning != null) {
      ownReturning.noteCopyWithoutReturnedRows(); // the driver does not hand the rows over
    }
    ownStatementRuns();
    try {
      return writeBatch(current, batch, keys, clientSide()::executeBatch, AbstractStatementWrapper::widen);
    } finally {
      clearBatchState();
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    if (plan.routesToDolt() && batch != null) {
      return executeOnDoltEntryByEntry(plan);
    }
    Plan current = primaryPlan();
    if (!current.isCapturedWrite() || batch == null) {
      boolean runs = batchPending;
      batchPending = false;
      return runs ? onPrimary(sql, super::executeLargeBatch) : super.executeLargeBatch();
    }
    beginExecution(null);
    ownStatementRuns();
    try {
      return writeBatch(current, batch, keys, clientSide()::executeLargeBatch, counts -> counts);
    } finally {
      clearBatchState();
    }
  }

  /**
   * A batch of a statement that goes to Dolt runs entry by entry through the session, so that each entry
   * is checked and rewritten as a single execution would be (the driver's batch would bypass both).
   */
  private long[] executeOnDoltEntryByEntry(Plan dolt) throws SQLException {
    List<Object[]> entries = batch;
    try {
      clientSide().clearBatch();
    } finally {
      clearBatchState();
    }
    return runEntryByEntry(entries, values -> doltBatchEntry(dolt, values));
  }

  private long doltBatchEntry(Plan dolt, Object[] values) throws SQLException {
    beginExecution(null);
    for (Object value : values) {
      if (value == ParameterRecorder.UNREADABLE) {
        throw new SQLFeatureNotSupportedException(
            "doltsync cannot batch a stream or driver-specific parameter for Dolt; execute it on its own: " + sql,
            "0A000");
      }
    }
    return batchCount(dolt, session.executeOnDolt(dolt, sql, Arrays.asList(values), null, settings), sql);
  }

  @Override
  protected void clearBatchState() {
    super.clearBatchState();
    batch = null;
  }

  // ---- plain delegation (setters also record their value when the plan needs it) -----------------

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    if (plan.returnedColumns() != null && !keysRequested) {
      // prepared returning columns for the capture: the driver would describe those; answer for the text as
      // written, described once (the driver, too, describes a prepared statement once)
      if (!metadataAsWrittenKnown) {
        try (PreparedStatement asWritten = connection.delegate().prepareStatement(sql)) {
          metadataAsWritten = asWritten.getMetaData();
        }
        metadataAsWrittenKnown = true;
      }
      return metadataAsWritten;
    }
    if (ownReturning != null) {
      ResultSetMetaData described = clientSide().getMetaData();
      return described == null ? null
          : OwnColumns.of(described, described.getColumnCount() - ownReturning.extendedReturning().appended());
    }
    return clientSide().getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return primary().getParameterMetaData(); // drivers may ask the server
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    clientSide().setArray(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    clientSide().setAsciiStream(parameterIndex, x, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    clientSide().setAsciiStream(parameterIndex, x, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    clientSide().setAsciiStream(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setBigDecimal(parameterIndex, x));
      return;
    }
    clientSide().setBigDecimal(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    clientSide().setBinaryStream(parameterIndex, x, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    clientSide().setBinaryStream(parameterIndex, x, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    clientSide().setBinaryStream(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
    clientSide().setBlob(parameterIndex, inputStream, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    clientSide().setBlob(parameterIndex, inputStream);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    clientSide().setBlob(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setBoolean(parameterIndex, x));
      return;
    }
    clientSide().setBoolean(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setByte(parameterIndex, x));
      return;
    }
    clientSide().setByte(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setBytes(parameterIndex, x));
      return;
    }
    clientSide().setBytes(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
    clientSide().setCharacterStream(parameterIndex, reader, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
    clientSide().setCharacterStream(parameterIndex, reader, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    clientSide().setCharacterStream(parameterIndex, reader);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    clientSide().setClob(parameterIndex, reader, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    clientSide().setClob(parameterIndex, reader);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    clientSide().setClob(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    clientSide().setDate(parameterIndex, x, cal);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setDate(parameterIndex, x));
      return;
    }
    clientSide().setDate(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setDouble(parameterIndex, x));
      return;
    }
    clientSide().setDouble(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setFloat(parameterIndex, x));
      return;
    }
    clientSide().setFloat(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setInt(parameterIndex, x));
      return;
    }
    clientSide().setInt(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setLong(parameterIndex, x));
      return;
    }
    clientSide().setLong(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
    clientSide().setNCharacterStream(parameterIndex, value, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    clientSide().setNCharacterStream(parameterIndex, value);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    clientSide().setNClob(parameterIndex, reader, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    clientSide().setNClob(parameterIndex, reader);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    clientSide().setNClob(parameterIndex, value);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, value, () -> clientSide().setNString(parameterIndex, value));
      return;
    }
    clientSide().setNString(parameterIndex, value);
    record(parameterIndex, value);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, null, () -> clientSide().setNull(parameterIndex, sqlType, typeName));
      return;
    }
    clientSide().setNull(parameterIndex, sqlType, typeName);
    record(parameterIndex, null);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, null, () -> clientSide().setNull(parameterIndex, sqlType));
      return;
    }
    clientSide().setNull(parameterIndex, sqlType);
    record(parameterIndex, null);
    recordNull(parameterIndex, sqlType);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    clientSide().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    clientSide().setObject(parameterIndex, x, targetSqlType);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    clientSide().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    clientSide().setObject(parameterIndex, x, targetSqlType);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setObject(parameterIndex, x));
      return;
    }
    clientSide().setObject(parameterIndex, x);
    record(parameterIndex, x);
    if (x == null) {
      recordNull(parameterIndex, java.sql.Types.OTHER); // pgjdbc's setObject binds a null as setNull(OTHER)
    }
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    clientSide().setRef(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    clientSide().setRowId(parameterIndex, x);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    clientSide().setSQLXML(parameterIndex, xmlObject);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setShort(parameterIndex, x));
      return;
    }
    clientSide().setShort(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setString(parameterIndex, x));
      return;
    }
    clientSide().setString(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    clientSide().setTime(parameterIndex, x, cal);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setTime(parameterIndex, x));
      return;
    }
    clientSide().setTime(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    clientSide().setTimestamp(parameterIndex, x, cal);
    record(parameterIndex, ParameterValues.convertedByDriver(x));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setTimestamp(parameterIndex, x));
      return;
    }
    clientSide().setTimestamp(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    if (twin != null) {
      bind(parameterIndex, x, () -> clientSide().setURL(parameterIndex, x));
      return;
    }
    clientSide().setURL(parameterIndex, x);
    record(parameterIndex, x);
  }

  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    clientSide().setUnicodeStream(parameterIndex, x, length);
    record(parameterIndex, ParameterRecorder.UNREADABLE);
  }
}
