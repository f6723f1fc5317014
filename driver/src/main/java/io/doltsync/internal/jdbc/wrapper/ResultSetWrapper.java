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
  protected void restorePrimary() throws SQLException {
    ConnectionWrapper owner = owner();
    if (owner != null) {
      owner.beforePrimary();
    }
  }

  @Override
  protected void beforeUnwrap(Class<?> iface) {
    UnwrapWarning.unwrapped("ResultSet", iface);
  }

  /** Records a value the application gave a column (for the insert row's key; see {@link UpdatableRows}). */
  private void givenValue(int columnIndex, Object value) {
    if (owner() != null) {
      rows().given(columnIndex, value);
    }
  }

  private void givenValue(String columnLabel, Object value) throws SQLException {
    if (owner() != null) {
      rows().given(clientSide().findColumn(columnLabel), value);
    }
  }

  private UpdatableRows rows() {
    if (updatableRows == null) {
      updatableRows = new UpdatableRows(clientSide(), owner().session());
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
    Statement driverStatement = clientSide().getStatement();
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
    return clientSide().absolute(row);
  }

  @Override
  public void afterLast() throws SQLException {
    clientSide().afterLast();
  }

  @Override
  public void beforeFirst() throws SQLException {
    clientSide().beforeFirst();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    clientSide().cancelRowUpdates();
  }

  @Override
  public void clearWarnings() throws SQLException {
    clientSide().clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    clientSide().close();
  }

  @Override
  public void deleteRow() throws SQLException {
    rowChange(io.doltsync.sql.StatementKind.DELETE, () -> {
      clientSide().deleteRow();
      return null;
    });
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    return clientSide().findColumn(columnLabel);
  }

  @Override
  public boolean first() throws SQLException {
    return clientSide().first();
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return clientSide().getArray(columnLabel);
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    return clientSide().getArray(columnIndex);
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    return clientSide().getAsciiStream(columnLabel);
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    return clientSide().getAsciiStream(columnIndex);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    return clientSide().getBigDecimal(columnLabel, scale);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return clientSide().getBigDecimal(columnLabel);
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    return clientSide().getBigDecimal(columnIndex, scale);
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return clientSide().getBigDecimal(columnIndex);
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    return clientSide().getBinaryStream(columnLabel);
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    return clientSide().getBinaryStream(columnIndex);
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    return clientSide().getBlob(columnLabel);
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    return clientSide().getBlob(columnIndex);
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return clientSide().getBoolean(columnLabel);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return clientSide().getBoolean(columnIndex);
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return clientSide().getByte(columnLabel);
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return clientSide().getByte(columnIndex);
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return clientSide().getBytes(columnLabel);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    return clientSide().getBytes(columnIndex);
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    return clientSide().getCharacterStream(columnLabel);
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    return clientSide().getCharacterStream(columnIndex);
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    return clientSide().getClob(columnLabel);
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    return clientSide().getClob(columnIndex);
  }

  @Override
  public int getConcurrency() throws SQLException {
    return clientSide().getConcurrency();
  }

  @Override
  public String getCursorName() throws SQLException {
    return clientSide().getCursorName();
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return clientSide().getDate(columnLabel, cal);
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return clientSide().getDate(columnLabel);
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    return clientSide().getDate(columnIndex, cal);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return clientSide().getDate(columnIndex);
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return clientSide().getDouble(columnLabel);
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return clientSide().getDouble(columnIndex);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return clientSide().getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return clientSide().getFetchSize();
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return clientSide().getFloat(columnLabel);
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return clientSide().getFloat(columnIndex);
  }

  @Override
  public int getHoldability() throws SQLException {
    return clientSide().getHoldability();
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return clientSide().getInt(columnLabel);
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return clientSide().getInt(columnIndex);
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return clientSide().getLong(columnLabel);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return clientSide().getLong(columnIndex);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return clientSide().getMetaData();
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    return clientSide().getNCharacterStream(columnLabel);
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    return clientSide().getNCharacterStream(columnIndex);
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    return clientSide().getNClob(columnLabel);
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    return clientSide().getNClob(columnIndex);
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return clientSide().getNString(columnLabel);
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return clientSide().getNString(columnIndex);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return clientSide().getObject(columnLabel, type);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return clientSide().getObject(columnLabel, map);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return clientSide().getObject(columnLabel);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return clientSide().getObject(columnIndex, type);
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return clientSide().getObject(columnIndex, map);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return clientSide().getObject(columnIndex);
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    return clientSide().getRef(columnLabel);
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    return clientSide().getRef(columnIndex);
  }

  @Override
  public int getRow() throws SQLException {
    return clientSide().getRow();
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    return clientSide().getRowId(columnLabel);
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    return clientSide().getRowId(columnIndex);
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    return clientSide().getSQLXML(columnLabel);
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    return clientSide().getSQLXML(columnIndex);
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return clientSide().getShort(columnLabel);
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return clientSide().getShort(columnIndex);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return clientSide().getString(columnLabel);
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return clientSide().getString(columnIndex);
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    return clientSide().getTime(columnLabel, cal);
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return clientSide().getTime(columnLabel);
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    return clientSide().getTime(columnIndex, cal);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return clientSide().getTime(columnIndex);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return clientSide().getTimestamp(columnLabel, cal);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return clientSide().getTimestamp(columnLabel);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    return clientSide().getTimestamp(columnIndex, cal);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return clientSide().getTimestamp(columnIndex);
  }

  @Override
  public int getType() throws SQLException {
    return clientSide().getType();
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    return clientSide().getURL(columnLabel);
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    return clientSide().getURL(columnIndex);
  }

  @Override
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return clientSide().getUnicodeStream(columnLabel);
  }

  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    return clientSide().getUnicodeStream(columnIndex);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return clientSide().getWarnings();
  }

  @Override
  public void insertRow() throws SQLException {
    rowChange(io.doltsync.sql.StatementKind.INSERT, () -> {
      clientSide().insertRow();
      return null;
    });
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return clientSide().isAfterLast();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return clientSide().isBeforeFirst();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return clientSide().isClosed();
  }

  @Override
  public boolean isFirst() throws SQLException {
    return clientSide().isFirst();
  }

  @Override
  public boolean isLast() throws SQLException {
    return clientSide().isLast();
  }

  @Override
  public boolean last() throws SQLException {
    return clientSide().last();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    clientSide().moveToCurrentRow();
    if (updatableRows != null) {
      updatableRows.forgetGiven();
    }
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    clientSide().moveToInsertRow();
    if (updatableRows != null) {
      updatableRows.forgetGiven();
    }
  }

  @Override
  public boolean next() throws SQLException {
    return clientSide().next();
  }

  @Override
  public boolean previous() throws SQLException {
    return clientSide().previous();
  }

  @Override
  public void refreshRow() throws SQLException {
    primary().refreshRow();
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    return clientSide().relative(rows);
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return clientSide().rowDeleted();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return clientSide().rowInserted();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return clientSide().rowUpdated();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    clientSide().setFetchDirection(direction);
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    clientSide().setFetchSize(rows);
  }

  @Override
  public void updateArray(String columnLabel, Array x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateArray(columnLabel, x);
  }

  @Override
  public void updateArray(int columnIndex, Array x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateArray(columnIndex, x);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateAsciiStream(columnLabel, x);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateAsciiStream(columnIndex, x);
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateBigDecimal(columnLabel, x);
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateBigDecimal(columnIndex, x);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateBinaryStream(columnLabel, x);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateBinaryStream(columnIndex, x);
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateBlob(columnLabel, inputStream, length);
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateBlob(columnLabel, inputStream);
  }

  @Override
  public void updateBlob(String columnLabel, Blob x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateBlob(columnLabel, x);
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateBlob(columnIndex, inputStream, length);
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateBlob(columnIndex, inputStream);
  }

  @Override
  public void updateBlob(int columnIndex, Blob x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateBlob(columnIndex, x);
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateBoolean(columnLabel, x);
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateBoolean(columnIndex, x);
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateByte(columnLabel, x);
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateByte(columnIndex, x);
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateBytes(columnLabel, x);
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateBytes(columnIndex, x);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateCharacterStream(columnIndex, x);
  }

  @Override
  public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateClob(columnLabel, reader, length);
  }

  @Override
  public void updateClob(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateClob(columnLabel, reader);
  }

  @Override
  public void updateClob(String columnLabel, Clob x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateClob(columnLabel, x);
  }

  @Override
  public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateClob(columnIndex, reader, length);
  }

  @Override
  public void updateClob(int columnIndex, Reader reader) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateClob(columnIndex, reader);
  }

  @Override
  public void updateClob(int columnIndex, Clob x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateClob(columnIndex, x);
  }

  @Override
  public void updateDate(String columnLabel, Date x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateDate(columnLabel, x);
  }

  @Override
  public void updateDate(int columnIndex, Date x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateDate(columnIndex, x);
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateDouble(columnLabel, x);
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateDouble(columnIndex, x);
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateFloat(columnLabel, x);
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateFloat(columnIndex, x);
  }

  @Override
  public void updateInt(String columnLabel, int x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateInt(columnLabel, x);
  }

  @Override
  public void updateInt(int columnIndex, int x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateInt(columnIndex, x);
  }

  @Override
  public void updateLong(String columnLabel, long x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateLong(columnLabel, x);
  }

  @Override
  public void updateLong(int columnIndex, long x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateLong(columnIndex, x);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateNCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateNCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateNCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateNCharacterStream(columnIndex, x);
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateNClob(columnLabel, reader, length);
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateNClob(columnLabel, reader);
  }

  @Override
  public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateNClob(columnLabel, nClob);
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateNClob(columnIndex, reader, length);
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateNClob(columnIndex, reader);
  }

  @Override
  public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateNClob(columnIndex, nClob);
  }

  @Override
  public void updateNString(String columnLabel, String nString) throws SQLException {
    givenValue(columnLabel, nString);
    clientSide().updateNString(columnLabel, nString);
  }

  @Override
  public void updateNString(int columnIndex, String nString) throws SQLException {
    givenValue(columnIndex, nString);
    clientSide().updateNString(columnIndex, nString);
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    givenValue(columnLabel, null);
    clientSide().updateNull(columnLabel);
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    givenValue(columnIndex, null);
    clientSide().updateNull(columnIndex);
  }

  @Override
  public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateObject(columnLabel, x, scaleOrLength);
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateObject(columnLabel, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateObject(columnLabel, x, targetSqlType);
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateObject(columnLabel, x);
  }

  @Override
  public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateObject(columnIndex, x, scaleOrLength);
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateObject(columnIndex, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateObject(columnIndex, x, targetSqlType);
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateObject(columnIndex, x);
  }

  @Override
  public void updateRef(String columnLabel, Ref x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateRef(columnLabel, x);
  }

  @Override
  public void updateRef(int columnIndex, Ref x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateRef(columnIndex, x);
  }

  @Override
  public void updateRow() throws SQLException {
    rowChange(io.doltsync.sql.StatementKind.UPDATE, () -> {
      clientSide().updateRow();
      return null;
    });
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateRowId(columnLabel, x);
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateRowId(columnIndex, x);
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
    givenValue(columnLabel, ParameterValues.UNKNOWN);
    clientSide().updateSQLXML(columnLabel, xmlObject);
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
    givenValue(columnIndex, ParameterValues.UNKNOWN);
    clientSide().updateSQLXML(columnIndex, xmlObject);
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateShort(columnLabel, x);
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateShort(columnIndex, x);
  }

  @Override
  public void updateString(String columnLabel, String x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateString(columnLabel, x);
  }

  @Override
  public void updateString(int columnIndex, String x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateString(columnIndex, x);
  }

  @Override
  public void updateTime(String columnLabel, Time x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateTime(columnLabel, x);
  }

  @Override
  public void updateTime(int columnIndex, Time x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateTime(columnIndex, x);
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
    givenValue(columnLabel, x);
    clientSide().updateTimestamp(columnLabel, x);
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
    givenValue(columnIndex, x);
    clientSide().updateTimestamp(columnIndex, x);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return clientSide().wasNull();
  }
}
