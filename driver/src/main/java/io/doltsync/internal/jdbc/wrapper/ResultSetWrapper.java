package io.doltsync.internal.jdbc.wrapper;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A result set read through doltsync: pure delegation, except that {@link #getStatement()} returns the
 * wrapping statement, so the application never reaches the driver's objects by walking back.
 */
public final class ResultSetWrapper extends AbstractWrapper<ResultSet> implements ResultSet {

  /** The wrapper statement to report, or {@code null} for result sets of {@link java.sql.DatabaseMetaData}. */
  private final Statement statement;
  /** For metadata result sets: the connection whose wrapper wraps the driver's own metadata statement. */
  private final ConnectionWrapper connection;
  /** True when {@link #getStatement()} is {@code null} exactly when the driver's is, as for driver result sets. */
  private final boolean followsDriver;
  private StatementWrapper metaDataStatement;
  /** Created on the first row change. */
  private UpdatableRows updatableRows;

  /**
   * A driver result set produced by a wrapper statement: {@link #getStatement()} returns that wrapper, or
   * {@code null} where the driver's result set reports no statement (MariaDB's generated keys, say).
   */
  ResultSetWrapper(ResultSet delegate, Statement statement) {
    this(delegate, statement, null, true);
  }

  private ResultSetWrapper(ResultSet delegate, Statement statement, ConnectionWrapper connection, boolean followsDriver) {
    super(delegate);
    this.statement = statement;
    this.connection = connection;
    this.followsDriver = followsDriver;
  }

  /**
   * A result set that is not the driver's own (a copy of generated keys, a result from Dolt):
   * {@link #getStatement()} returns {@code statement} as given.
   */
  static ResultSetWrapper detached(ResultSet resultSet, Statement statement) {
    return new ResultSetWrapper(resultSet, statement, null, false);
  }

  /**
   * Wraps a driver result set of a {@link java.sql.DatabaseMetaData} method; {@code null} stays {@code null}.
   * Where the driver reports the statement it ran the metadata query with, the application gets that
   * statement wrapped, never the driver's object.
   */
  static ResultSet wrap(ResultSet resultSet, ConnectionWrapper connection) {
    return resultSet == null ? null : new ResultSetWrapper(resultSet, null, connection, true);
  }

  /** The connection this result set was read through, or {@code null} for a detached one without a wrapper. */
  private ConnectionWrapper owner() {
    return connection != null ? connection
        : statement instanceof AbstractStatementWrapper<?> wrapper ? wrapper.connection : null;
  }

  @Override
  protected void beforeUnwrap(Class<?> iface) throws SQLException {
    beforeRowStatement(); // the application may change rows through the driver's result set from here on
    UnwrapWarning.unwrapped("ResultSet", iface);
  }

  /** An updatable result set's row statement reaches the primary: its session restores its state first. */
  private void beforeRowStatement() throws SQLException {
    ConnectionWrapper owner = owner();
    if (owner != null) {
      owner.beforePrimary();
    }
  }

  /** Records a value the application gave a column (for the insert row's key; see {@link UpdatableRows}). */
  private void givenValue(int columnIndex, Object value) {
    if (owner() != null) {
      rows().given(columnIndex, value);
    }
  }

  private void givenValue(String columnLabel, Object value) throws SQLException {
    if (owner() != null) {
      rows().given(delegate.findColumn(columnLabel), value);
    }
  }

  private UpdatableRows rows() {
    if (updatableRows == null) {
      updatableRows = new UpdatableRows(delegate, owner().session());
    }
    return updatableRows;
  }

  /** A row change goes through the session, which captures it (see {@link UpdatableRows}). */
  private void rowChange(io.doltsync.sql.StatementKind kind, Session.Execution<Void> change) throws SQLException {
    ConnectionWrapper owner = owner();
    if (owner == null) {
      change.run();
      return;
    }
    rows().change(kind, change);
  }

  @Override
  public Statement getStatement() throws SQLException {
    if (!followsDriver) {
      return statement;
    }
    Statement driverStatement = delegate.getStatement();
    if (driverStatement == null) {
      return null;
    }
    if (statement != null) {
      return statement;
    }
    if (connection == null) {
      return null;
    }
    StatementWrapper current = metaDataStatement;
    if (current == null || current.delegate() != driverStatement) {
      current = new StatementWrapper(driverStatement, connection);
      metaDataStatement = current;
    }
    return current;
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    return delegate.absolute(row);
  }

  @Override
  public void afterLast() throws SQLException {
    delegate.afterLast();
  }

  @Override
  public void beforeFirst() throws SQLException {
    delegate.beforeFirst();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    delegate.cancelRowUpdates();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public void deleteRow() throws SQLException {
    rowChange(io.doltsync.sql.StatementKind.DELETE, () -> {
      delegate.deleteRow();
      return null;
    });
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    return delegate.findColumn(columnLabel);
  }

  @Override
  public boolean first() throws SQLException {
    return delegate.first();
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return delegate.getArray(columnLabel);
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    return delegate.getArray(columnIndex);
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    return delegate.getAsciiStream(columnLabel);
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    return delegate.getAsciiStream(columnIndex);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    return delegate.getBigDecimal(columnLabel, scale);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return delegate.getBigDecimal(columnLabel);
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    return delegate.getBigDecimal(columnIndex, scale);
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return delegate.getBigDecimal(columnIndex);
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    return delegate.getBinaryStream(columnLabel);
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    return delegate.getBinaryStream(columnIndex);
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    return delegate.getBlob(columnLabel);
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    return delegate.getBlob(columnIndex);
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return delegate.getBoolean(columnLabel);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return delegate.getBoolean(columnIndex);
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return delegate.getByte(columnLabel);
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return delegate.getByte(columnIndex);
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return delegate.getBytes(columnLabel);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    return delegate.getBytes(columnIndex);
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    return delegate.getCharacterStream(columnLabel);
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    return delegate.getCharacterStream(columnIndex);
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    return delegate.getClob(columnLabel);
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    return delegate.getClob(columnIndex);
  }

  @Override
  public int getConcurrency() throws SQLException {
    return delegate.getConcurrency();
  }

  @Override
  public String getCursorName() throws SQLException {
    return delegate.getCursorName();
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return delegate.getDate(columnLabel, cal);
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return delegate.getDate(columnLabel);
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    return delegate.getDate(columnIndex, cal);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return delegate.getDate(columnIndex);
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return delegate.getDouble(columnLabel);
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return delegate.getDouble(columnIndex);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return delegate.getFloat(columnLabel);
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return delegate.getFloat(columnIndex);
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return delegate.getInt(columnLabel);
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return delegate.getInt(columnIndex);
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return delegate.getLong(columnLabel);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return delegate.getLong(columnIndex);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    return delegate.getNCharacterStream(columnLabel);
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    return delegate.getNCharacterStream(columnIndex);
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    return delegate.getNClob(columnLabel);
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    return delegate.getNClob(columnIndex);
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return delegate.getNString(columnLabel);
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return delegate.getNString(columnIndex);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return delegate.getObject(columnLabel, type);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return delegate.getObject(columnLabel, map);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return delegate.getObject(columnLabel);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return delegate.getObject(columnIndex, type);
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return delegate.getObject(columnIndex, map);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return delegate.getObject(columnIndex);
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    return delegate.getRef(columnLabel);
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    return delegate.getRef(columnIndex);
  }

  @Override
  public int getRow() throws SQLException {
    return delegate.getRow();
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    return delegate.getRowId(columnLabel);
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    return delegate.getRowId(columnIndex);
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    return delegate.getSQLXML(columnLabel);
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    return delegate.getSQLXML(columnIndex);
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return delegate.getShort(columnLabel);
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return delegate.getShort(columnIndex);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return delegate.getString(columnLabel);
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return delegate.getString(columnIndex);
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    return delegate.getTime(columnLabel, cal);
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return delegate.getTime(columnLabel);
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    return delegate.getTime(columnIndex, cal);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return delegate.getTime(columnIndex);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return delegate.getTimestamp(columnLabel, cal);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return delegate.getTimestamp(columnLabel);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    return delegate.getTimestamp(columnIndex, cal);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return delegate.getTimestamp(columnIndex);
  }

  @Override
  public int getType() throws SQLException {
    return delegate.getType();
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    return delegate.getURL(columnLabel);
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    return delegate.getURL(columnIndex);
  }

  @Override
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return delegate.getUnicodeStream(columnLabel);
  }

  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    return delegate.getUnicodeStream(columnIndex);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void insertRow() throws SQLException {
    rowChange(io.doltsync.sql.StatementKind.INSERT, () -> {
      delegate.insertRow();
      return null;
    });
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return delegate.isAfterLast();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return delegate.isBeforeFirst();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isFirst() throws SQLException {
    return delegate.isFirst();
  }

  @Override
  public boolean isLast() throws SQLException {
    return delegate.isLast();
  }

  @Override
  public boolean last() throws SQLException {
    return delegate.last();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    delegate.moveToCurrentRow();
    if (updatableRows != null) {
      updatableRows.forgetGiven();
    }
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    delegate.moveToInsertRow();
    if (updatableRows != null) {
      updatableRows.forgetGiven();
    }
  }

  @Override
  public boolean next() throws SQLException {
    return delegate.next();
  }

  @Override
  public boolean previous() throws SQLException {
    return delegate.previous();
  }

  @Override
  public void refreshRow() throws SQLException {
    beforeRowStatement();
    delegate.refreshRow();
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    return delegate.relative(rows);
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return delegate.rowDeleted();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return delegate.rowInserted();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return delegate.rowUpdated();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    delegate.setFetchDirection(direction);
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    delegate.setFetchSize(rows);
  }

  @Override
  public void updateArray(String columnLabel, Array x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateArray(columnLabel, x);
  }

  @Override
  public void updateArray(int columnIndex, Array x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateArray(columnIndex, x);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateAsciiStream(columnLabel, x);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateAsciiStream(columnIndex, x);
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateBigDecimal(columnLabel, x);
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateBigDecimal(columnIndex, x);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateBinaryStream(columnLabel, x);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateBinaryStream(columnIndex, x);
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateBlob(columnLabel, inputStream, length);
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateBlob(columnLabel, inputStream);
  }

  @Override
  public void updateBlob(String columnLabel, Blob x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateBlob(columnLabel, x);
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateBlob(columnIndex, inputStream, length);
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateBlob(columnIndex, inputStream);
  }

  @Override
  public void updateBlob(int columnIndex, Blob x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateBlob(columnIndex, x);
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateBoolean(columnLabel, x);
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateBoolean(columnIndex, x);
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateByte(columnLabel, x);
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateByte(columnIndex, x);
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateBytes(columnLabel, x);
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateBytes(columnIndex, x);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateCharacterStream(columnIndex, x);
  }

  @Override
  public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateClob(columnLabel, reader, length);
  }

  @Override
  public void updateClob(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateClob(columnLabel, reader);
  }

  @Override
  public void updateClob(String columnLabel, Clob x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateClob(columnLabel, x);
  }

  @Override
  public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateClob(columnIndex, reader, length);
  }

  @Override
  public void updateClob(int columnIndex, Reader reader) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateClob(columnIndex, reader);
  }

  @Override
  public void updateClob(int columnIndex, Clob x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateClob(columnIndex, x);
  }

  @Override
  public void updateDate(String columnLabel, Date x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateDate(columnLabel, x);
  }

  @Override
  public void updateDate(int columnIndex, Date x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateDate(columnIndex, x);
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateDouble(columnLabel, x);
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateDouble(columnIndex, x);
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateFloat(columnLabel, x);
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateFloat(columnIndex, x);
  }

  @Override
  public void updateInt(String columnLabel, int x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateInt(columnLabel, x);
  }

  @Override
  public void updateInt(int columnIndex, int x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateInt(columnIndex, x);
  }

  @Override
  public void updateLong(String columnLabel, long x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateLong(columnLabel, x);
  }

  @Override
  public void updateLong(int columnIndex, long x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateLong(columnIndex, x);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateNCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateNCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateNCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateNCharacterStream(columnIndex, x);
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateNClob(columnLabel, reader, length);
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateNClob(columnLabel, reader);
  }

  @Override
  public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateNClob(columnLabel, nClob);
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateNClob(columnIndex, reader, length);
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateNClob(columnIndex, reader);
  }

  @Override
  public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateNClob(columnIndex, nClob);
  }

  @Override
  public void updateNString(String columnLabel, String nString) throws SQLException {
    givenValue(columnLabel, nString);
    delegate.updateNString(columnLabel, nString);
  }

  @Override
  public void updateNString(int columnIndex, String nString) throws SQLException {
    givenValue(columnIndex, nString);
    delegate.updateNString(columnIndex, nString);
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    givenValue(columnLabel, null);
    delegate.updateNull(columnLabel);
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    givenValue(columnIndex, null);
    delegate.updateNull(columnIndex);
  }

  @Override
  public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateObject(columnLabel, x, scaleOrLength);
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateObject(columnLabel, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateObject(columnLabel, x, targetSqlType);
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateObject(columnLabel, x);
  }

  @Override
  public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateObject(columnIndex, x, scaleOrLength);
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateObject(columnIndex, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateObject(columnIndex, x, targetSqlType);
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateObject(columnIndex, x);
  }

  @Override
  public void updateRef(String columnLabel, Ref x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateRef(columnLabel, x);
  }

  @Override
  public void updateRef(int columnIndex, Ref x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateRef(columnIndex, x);
  }

  @Override
  public void updateRow() throws SQLException {
    rowChange(io.doltsync.sql.StatementKind.UPDATE, () -> {
      delegate.updateRow();
      return null;
    });
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateRowId(columnLabel, x);
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateRowId(columnIndex, x);
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    delegate.updateSQLXML(columnLabel, xmlObject);
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    delegate.updateSQLXML(columnIndex, xmlObject);
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateShort(columnLabel, x);
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateShort(columnIndex, x);
  }

  @Override
  public void updateString(String columnLabel, String x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateString(columnLabel, x);
  }

  @Override
  public void updateString(int columnIndex, String x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateString(columnIndex, x);
  }

  @Override
  public void updateTime(String columnLabel, Time x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateTime(columnLabel, x);
  }

  @Override
  public void updateTime(int columnIndex, Time x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateTime(columnIndex, x);
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
    givenValue(columnLabel, x);
    delegate.updateTimestamp(columnLabel, x);
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
    givenValue(columnIndex, x);
    delegate.updateTimestamp(columnIndex, x);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return delegate.wasNull();
  }
}
