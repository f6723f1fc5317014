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
 * A driver result set seen through a column mapping: every getter and updater of a column by index goes to the
 * driver's column {@link #column(int)}, every one by label to the driver's column {@link #column(String)}; the
 * scrolling methods first ask {@link #scroll()}; the rest is the driver's result set itself. Subclasses decide the
 * mapping ({@link OwnColumns}: the application's columns of an extended RETURNING list; {@link AppendedRows}: the
 * capture's).
 */
abstract class ColumnMappedResultSet implements ResultSet {

  protected final ResultSet delegate;

  ColumnMappedResultSet(ResultSet delegate) {
    this.delegate = delegate;
  }

  /** The driver's index of the column the caller names by {@code index}. */
  protected abstract int column(int index) throws SQLException;

  /** The driver's index of the column the caller names by {@code label}. */
  protected abstract int column(String label) throws SQLException;

  /** Called before a scrolling method runs. */
  protected void scroll() throws SQLException {}

  /** Called before {@code setFetchDirection(direction)} runs. */
  protected void fetchDirection(int direction) throws SQLException {}

  /** The metadata reported. */
  protected ResultSetMetaData metaData() throws SQLException {
    return delegate.getMetaData();
  }

  /** The result set type reported. */
  protected int type() throws SQLException {
    return delegate.getType();
  }

  @Override
  public boolean next() throws SQLException {
    return delegate.next();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public boolean wasNull() throws SQLException {
    return delegate.wasNull();
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return delegate.getString(column(columnIndex));
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return delegate.getBoolean(column(columnIndex));
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return delegate.getByte(column(columnIndex));
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return delegate.getShort(column(columnIndex));
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return delegate.getInt(column(columnIndex));
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return delegate.getLong(column(columnIndex));
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return delegate.getFloat(column(columnIndex));
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return delegate.getDouble(column(columnIndex));
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex, int arg1) throws SQLException {
    return delegate.getBigDecimal(column(columnIndex), arg1);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    return delegate.getBytes(column(columnIndex));
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return delegate.getDate(column(columnIndex));
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return delegate.getTime(column(columnIndex));
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return delegate.getTimestamp(column(columnIndex));
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    return delegate.getAsciiStream(column(columnIndex));
  }

  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    return delegate.getUnicodeStream(column(columnIndex));
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    return delegate.getBinaryStream(column(columnIndex));
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return delegate.getString(column(columnLabel));
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return delegate.getBoolean(column(columnLabel));
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return delegate.getByte(column(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return delegate.getShort(column(columnLabel));
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return delegate.getInt(column(columnLabel));
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return delegate.getLong(column(columnLabel));
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return delegate.getFloat(column(columnLabel));
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return delegate.getDouble(column(columnLabel));
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel, int arg1) throws SQLException {
    return delegate.getBigDecimal(column(columnLabel), arg1);
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return delegate.getBytes(column(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return delegate.getDate(column(columnLabel));
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return delegate.getTime(column(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return delegate.getTimestamp(column(columnLabel));
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    return delegate.getAsciiStream(column(columnLabel));
  }

  @Override
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return delegate.getUnicodeStream(column(columnLabel));
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    return delegate.getBinaryStream(column(columnLabel));
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public String getCursorName() throws SQLException {
    return delegate.getCursorName();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return metaData();
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return delegate.getObject(column(columnIndex));
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return delegate.getObject(column(columnLabel));
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    return column(columnLabel);
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    return delegate.getCharacterStream(column(columnIndex));
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    return delegate.getCharacterStream(column(columnLabel));
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return delegate.getBigDecimal(column(columnIndex));
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return delegate.getBigDecimal(column(columnLabel));
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return delegate.isBeforeFirst();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return delegate.isAfterLast();
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
  public void beforeFirst() throws SQLException {
    scroll();
    delegate.beforeFirst();
  }

  @Override
  public void afterLast() throws SQLException {
    scroll();
    delegate.afterLast();
  }

  @Override
  public boolean first() throws SQLException {
    scroll();
    return delegate.first();
  }

  @Override
  public boolean last() throws SQLException {
    scroll();
    return delegate.last();
  }

  @Override
  public int getRow() throws SQLException {
    return delegate.getRow();
  }

  @Override
  public boolean absolute(int arg0) throws SQLException {
    scroll();
    return delegate.absolute(arg0);
  }

  @Override
  public boolean relative(int arg0) throws SQLException {
    scroll();
    return delegate.relative(arg0);
  }

  @Override
  public boolean previous() throws SQLException {
    scroll();
    return delegate.previous();
  }

  @Override
  public void setFetchDirection(int arg0) throws SQLException {
    fetchDirection(arg0);
    delegate.setFetchDirection(arg0);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public void setFetchSize(int arg0) throws SQLException {
    delegate.setFetchSize(arg0);
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public int getType() throws SQLException {
    return type();
  }

  @Override
  public int getConcurrency() throws SQLException {
    return delegate.getConcurrency();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return delegate.rowUpdated();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return delegate.rowInserted();
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return delegate.rowDeleted();
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    delegate.updateNull(column(columnIndex));
  }

  @Override
  public void updateBoolean(int columnIndex, boolean value) throws SQLException {
    delegate.updateBoolean(column(columnIndex), value);
  }

  @Override
  public void updateByte(int columnIndex, byte value) throws SQLException {
    delegate.updateByte(column(columnIndex), value);
  }

  @Override
  public void updateShort(int columnIndex, short value) throws SQLException {
    delegate.updateShort(column(columnIndex), value);
  }

  @Override
  public void updateInt(int columnIndex, int value) throws SQLException {
    delegate.updateInt(column(columnIndex), value);
  }

  @Override
  public void updateLong(int columnIndex, long value) throws SQLException {
    delegate.updateLong(column(columnIndex), value);
  }

  @Override
  public void updateFloat(int columnIndex, float value) throws SQLException {
    delegate.updateFloat(column(columnIndex), value);
  }

  @Override
  public void updateDouble(int columnIndex, double value) throws SQLException {
    delegate.updateDouble(column(columnIndex), value);
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal value) throws SQLException {
    delegate.updateBigDecimal(column(columnIndex), value);
  }

  @Override
  public void updateString(int columnIndex, String value) throws SQLException {
    delegate.updateString(column(columnIndex), value);
  }

  @Override
  public void updateBytes(int columnIndex, byte[] value) throws SQLException {
    delegate.updateBytes(column(columnIndex), value);
  }

  @Override
  public void updateDate(int columnIndex, Date value) throws SQLException {
    delegate.updateDate(column(columnIndex), value);
  }

  @Override
  public void updateTime(int columnIndex, Time value) throws SQLException {
    delegate.updateTime(column(columnIndex), value);
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp value) throws SQLException {
    delegate.updateTimestamp(column(columnIndex), value);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream value, int arg2) throws SQLException {
    delegate.updateAsciiStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream value, int arg2) throws SQLException {
    delegate.updateBinaryStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader value, int arg2) throws SQLException {
    delegate.updateCharacterStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateObject(int columnIndex, Object value, int arg2) throws SQLException {
    delegate.updateObject(column(columnIndex), value, arg2);
  }

  @Override
  public void updateObject(int columnIndex, Object value) throws SQLException {
    delegate.updateObject(column(columnIndex), value);
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    delegate.updateNull(column(columnLabel));
  }

  @Override
  public void updateBoolean(String columnLabel, boolean value) throws SQLException {
    delegate.updateBoolean(column(columnLabel), value);
  }

  @Override
  public void updateByte(String columnLabel, byte value) throws SQLException {
    delegate.updateByte(column(columnLabel), value);
  }

  @Override
  public void updateShort(String columnLabel, short value) throws SQLException {
    delegate.updateShort(column(columnLabel), value);
  }

  @Override
  public void updateInt(String columnLabel, int value) throws SQLException {
    delegate.updateInt(column(columnLabel), value);
  }

  @Override
  public void updateLong(String columnLabel, long value) throws SQLException {
    delegate.updateLong(column(columnLabel), value);
  }

  @Override
  public void updateFloat(String columnLabel, float value) throws SQLException {
    delegate.updateFloat(column(columnLabel), value);
  }

  @Override
  public void updateDouble(String columnLabel, double value) throws SQLException {
    delegate.updateDouble(column(columnLabel), value);
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal value) throws SQLException {
    delegate.updateBigDecimal(column(columnLabel), value);
  }

  @Override
  public void updateString(String columnLabel, String value) throws SQLException {
    delegate.updateString(column(columnLabel), value);
  }

  @Override
  public void updateBytes(String columnLabel, byte[] value) throws SQLException {
    delegate.updateBytes(column(columnLabel), value);
  }

  @Override
  public void updateDate(String columnLabel, Date value) throws SQLException {
    delegate.updateDate(column(columnLabel), value);
  }

  @Override
  public void updateTime(String columnLabel, Time value) throws SQLException {
    delegate.updateTime(column(columnLabel), value);
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp value) throws SQLException {
    delegate.updateTimestamp(column(columnLabel), value);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream value, int arg2) throws SQLException {
    delegate.updateAsciiStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream value, int arg2) throws SQLException {
    delegate.updateBinaryStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader value, int arg2) throws SQLException {
    delegate.updateCharacterStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateObject(String columnLabel, Object value, int arg2) throws SQLException {
    delegate.updateObject(column(columnLabel), value, arg2);
  }

  @Override
  public void updateObject(String columnLabel, Object value) throws SQLException {
    delegate.updateObject(column(columnLabel), value);
  }

  @Override
  public void insertRow() throws SQLException {
    delegate.insertRow();
  }

  @Override
  public void updateRow() throws SQLException {
    delegate.updateRow();
  }

  @Override
  public void deleteRow() throws SQLException {
    delegate.deleteRow();
  }

  @Override
  public void refreshRow() throws SQLException {
    delegate.refreshRow();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    delegate.cancelRowUpdates();
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    delegate.moveToInsertRow();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    delegate.moveToCurrentRow();
  }

  @Override
  public Statement getStatement() throws SQLException {
    return delegate.getStatement();
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> arg1) throws SQLException {
    return delegate.getObject(column(columnIndex), arg1);
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    return delegate.getRef(column(columnIndex));
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    return delegate.getBlob(column(columnIndex));
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    return delegate.getClob(column(columnIndex));
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    return delegate.getArray(column(columnIndex));
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> arg1) throws SQLException {
    return delegate.getObject(column(columnLabel), arg1);
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    return delegate.getRef(column(columnLabel));
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    return delegate.getBlob(column(columnLabel));
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    return delegate.getClob(column(columnLabel));
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return delegate.getArray(column(columnLabel));
  }

  @Override
  public Date getDate(int columnIndex, Calendar arg1) throws SQLException {
    return delegate.getDate(column(columnIndex), arg1);
  }

  @Override
  public Date getDate(String columnLabel, Calendar arg1) throws SQLException {
    return delegate.getDate(column(columnLabel), arg1);
  }

  @Override
  public Time getTime(int columnIndex, Calendar arg1) throws SQLException {
    return delegate.getTime(column(columnIndex), arg1);
  }

  @Override
  public Time getTime(String columnLabel, Calendar arg1) throws SQLException {
    return delegate.getTime(column(columnLabel), arg1);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar arg1) throws SQLException {
    return delegate.getTimestamp(column(columnIndex), arg1);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar arg1) throws SQLException {
    return delegate.getTimestamp(column(columnLabel), arg1);
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    return delegate.getURL(column(columnIndex));
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    return delegate.getURL(column(columnLabel));
  }

  @Override
  public void updateRef(int columnIndex, Ref value) throws SQLException {
    delegate.updateRef(column(columnIndex), value);
  }

  @Override
  public void updateRef(String columnLabel, Ref value) throws SQLException {
    delegate.updateRef(column(columnLabel), value);
  }

  @Override
  public void updateBlob(int columnIndex, Blob value) throws SQLException {
    delegate.updateBlob(column(columnIndex), value);
  }

  @Override
  public void updateBlob(String columnLabel, Blob value) throws SQLException {
    delegate.updateBlob(column(columnLabel), value);
  }

  @Override
  public void updateClob(int columnIndex, Clob value) throws SQLException {
    delegate.updateClob(column(columnIndex), value);
  }

  @Override
  public void updateClob(String columnLabel, Clob value) throws SQLException {
    delegate.updateClob(column(columnLabel), value);
  }

  @Override
  public void updateArray(int columnIndex, Array value) throws SQLException {
    delegate.updateArray(column(columnIndex), value);
  }

  @Override
  public void updateArray(String columnLabel, Array value) throws SQLException {
    delegate.updateArray(column(columnLabel), value);
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    return delegate.getRowId(column(columnIndex));
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    return delegate.getRowId(column(columnLabel));
  }

  @Override
  public void updateRowId(int columnIndex, RowId value) throws SQLException {
    delegate.updateRowId(column(columnIndex), value);
  }

  @Override
  public void updateRowId(String columnLabel, RowId value) throws SQLException {
    delegate.updateRowId(column(columnLabel), value);
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public void updateNString(int columnIndex, String value) throws SQLException {
    delegate.updateNString(column(columnIndex), value);
  }

  @Override
  public void updateNString(String columnLabel, String value) throws SQLException {
    delegate.updateNString(column(columnLabel), value);
  }

  @Override
  public void updateNClob(int columnIndex, NClob value) throws SQLException {
    delegate.updateNClob(column(columnIndex), value);
  }

  @Override
  public void updateNClob(String columnLabel, NClob value) throws SQLException {
    delegate.updateNClob(column(columnLabel), value);
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    return delegate.getNClob(column(columnIndex));
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    return delegate.getNClob(column(columnLabel));
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    return delegate.getSQLXML(column(columnIndex));
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    return delegate.getSQLXML(column(columnLabel));
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML value) throws SQLException {
    delegate.updateSQLXML(column(columnIndex), value);
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML value) throws SQLException {
    delegate.updateSQLXML(column(columnLabel), value);
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return delegate.getNString(column(columnIndex));
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return delegate.getNString(column(columnLabel));
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    return delegate.getNCharacterStream(column(columnIndex));
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    return delegate.getNCharacterStream(column(columnLabel));
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader value, long arg2) throws SQLException {
    delegate.updateNCharacterStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader value, long arg2) throws SQLException {
    delegate.updateNCharacterStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream value, long arg2) throws SQLException {
    delegate.updateAsciiStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream value, long arg2) throws SQLException {
    delegate.updateBinaryStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader value, long arg2) throws SQLException {
    delegate.updateCharacterStream(column(columnIndex), value, arg2);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream value, long arg2) throws SQLException {
    delegate.updateAsciiStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream value, long arg2) throws SQLException {
    delegate.updateBinaryStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader value, long arg2) throws SQLException {
    delegate.updateCharacterStream(column(columnLabel), value, arg2);
  }

  @Override
  public void updateBlob(int columnIndex, InputStream value, long arg2) throws SQLException {
    delegate.updateBlob(column(columnIndex), value, arg2);
  }

  @Override
  public void updateBlob(String columnLabel, InputStream value, long arg2) throws SQLException {
    delegate.updateBlob(column(columnLabel), value, arg2);
  }

  @Override
  public void updateClob(int columnIndex, Reader value, long arg2) throws SQLException {
    delegate.updateClob(column(columnIndex), value, arg2);
  }

  @Override
  public void updateClob(String columnLabel, Reader value, long arg2) throws SQLException {
    delegate.updateClob(column(columnLabel), value, arg2);
  }

  @Override
  public void updateNClob(int columnIndex, Reader value, long arg2) throws SQLException {
    delegate.updateNClob(column(columnIndex), value, arg2);
  }

  @Override
  public void updateNClob(String columnLabel, Reader value, long arg2) throws SQLException {
    delegate.updateNClob(column(columnLabel), value, arg2);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader value) throws SQLException {
    delegate.updateNCharacterStream(column(columnIndex), value);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader value) throws SQLException {
    delegate.updateNCharacterStream(column(columnLabel), value);
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream value) throws SQLException {
    delegate.updateAsciiStream(column(columnIndex), value);
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream value) throws SQLException {
    delegate.updateBinaryStream(column(columnIndex), value);
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader value) throws SQLException {
    delegate.updateCharacterStream(column(columnIndex), value);
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream value) throws SQLException {
    delegate.updateAsciiStream(column(columnLabel), value);
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream value) throws SQLException {
    delegate.updateBinaryStream(column(columnLabel), value);
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader value) throws SQLException {
    delegate.updateCharacterStream(column(columnLabel), value);
  }

  @Override
  public void updateBlob(int columnIndex, InputStream value) throws SQLException {
    delegate.updateBlob(column(columnIndex), value);
  }

  @Override
  public void updateBlob(String columnLabel, InputStream value) throws SQLException {
    delegate.updateBlob(column(columnLabel), value);
  }

  @Override
  public void updateClob(int columnIndex, Reader value) throws SQLException {
    delegate.updateClob(column(columnIndex), value);
  }

  @Override
  public void updateClob(String columnLabel, Reader value) throws SQLException {
    delegate.updateClob(column(columnLabel), value);
  }

  @Override
  public void updateNClob(int columnIndex, Reader value) throws SQLException {
    delegate.updateNClob(column(columnIndex), value);
  }

  @Override
  public void updateNClob(String columnLabel, Reader value) throws SQLException {
    delegate.updateNClob(column(columnLabel), value);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> arg1) throws SQLException {
    return delegate.getObject(column(columnIndex), arg1);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> arg1) throws SQLException {
    return delegate.getObject(column(columnLabel), arg1);
  }

  @Override
  public void updateObject(int columnIndex, Object value, SQLType arg2, int arg3) throws SQLException {
    delegate.updateObject(column(columnIndex), value, arg2, arg3);
  }

  @Override
  public void updateObject(String columnLabel, Object value, SQLType arg2, int arg3) throws SQLException {
    delegate.updateObject(column(columnLabel), value, arg2, arg3);
  }

  @Override
  public void updateObject(int columnIndex, Object value, SQLType arg2) throws SQLException {
    delegate.updateObject(column(columnIndex), value, arg2);
  }

  @Override
  public void updateObject(String columnLabel, Object value, SQLType arg2) throws SQLException {
    delegate.updateObject(column(columnLabel), value, arg2);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
