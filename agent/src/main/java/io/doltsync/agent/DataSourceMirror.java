package io.doltsync.agent;

import io.doltsync.jdbc.DoltSyncDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One application {@link DataSource} as the agent sees it: whether it is mirrored and, if so, the
 * {@link DoltSyncDataSource} that wraps its connections. The connection the application just got is handed to
 * doltsync (not opened again); doltsync's own work borrows further connections from the same DataSource.
 */
final class DataSourceMirror implements DataSource {

  private final DataSource dataSource;
  private final boolean selected;
  private final DoltSyncDataSource doltSync;
  private final ThreadLocal<Connection> handedOver = new ThreadLocal<>();

  DataSourceMirror(DataSource dataSource, boolean selected) {
    this.dataSource = dataSource;
    this.selected = selected;
    this.doltSync = selected ? DoltSyncDataSource.wrap(this) : null;
  }

  boolean selected() {
    return selected;
  }

  /** The application's fresh connection wrapped by doltsync (closed if wrapping fails). */
  Connection wrap(Connection connection, String user, String password) throws SQLException {
    handedOver.set(connection);
    try {
      return user == null ? doltSync.getConnection() : doltSync.getConnection(user, password);
    } finally {
      handedOver.remove();
    }
  }

  private Connection handedOverOr(SqlOpen open) throws SQLException {
    Connection connection = handedOver.get();
    if (connection != null) {
      handedOver.remove();
      return connection;
    }
    return ConnectionHooks.inPassThrough(open::open);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return handedOverOr(dataSource::getConnection);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return handedOverOr(() -> dataSource.getConnection(username, password));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return dataSource.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    dataSource.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    dataSource.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return dataSource.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return dataSource.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(dataSource) ? iface.cast(dataSource) : dataSource.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(dataSource) || dataSource.isWrapperFor(iface);
  }

  /** Opens a connection. */
  @FunctionalInterface
  private interface SqlOpen {
    Connection open() throws SQLException;
  }
}
