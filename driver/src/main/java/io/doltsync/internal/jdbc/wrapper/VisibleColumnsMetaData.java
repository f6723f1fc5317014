package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The first {@code visible} columns of a result set's (or a prepared statement's) metadata: a column past them does
 * not exist, with pgjdbc's message and SQLState.
 */
final class VisibleColumnsMetaData implements ResultSetMetaData {

  private final ResultSetMetaData delegate;
  private final int visible;

  VisibleColumnsMetaData(ResultSetMetaData delegate, int visible) {
    this.delegate = delegate;
    this.visible = visible;
  }

  private int columnCount() throws SQLException {
    return Math.min(visible, delegate.getColumnCount());
  }

  private int column(int index) throws SQLException {
    OwnColumns.checkIndex(index, visible);
    return index;
  }

  @Override
  public int getColumnCount() throws SQLException {
    return columnCount();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    return delegate.isAutoIncrement(column(column));
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return delegate.isCaseSensitive(column(column));
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    return delegate.isSearchable(column(column));
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    return delegate.isCurrency(column(column));
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return delegate.isNullable(column(column));
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return delegate.isSigned(column(column));
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return delegate.getColumnDisplaySize(column(column));
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return delegate.getColumnLabel(column(column));
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return delegate.getColumnName(column(column));
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    return delegate.getSchemaName(column(column));
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return delegate.getPrecision(column(column));
  }

  @Override
  public int getScale(int column) throws SQLException {
    return delegate.getScale(column(column));
  }

  @Override
  public String getTableName(int column) throws SQLException {
    return delegate.getTableName(column(column));
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    return delegate.getCatalogName(column(column));
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return delegate.getColumnType(column(column));
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return delegate.getColumnTypeName(column(column));
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    return delegate.isReadOnly(column(column));
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    return delegate.isWritable(column(column));
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    return delegate.isDefinitelyWritable(column(column));
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return delegate.getColumnClassName(column(column));
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
