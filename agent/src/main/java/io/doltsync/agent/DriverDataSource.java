package io.doltsync.agent;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over one driver, URL and set of connection properties: how doltsync, given a connection
 * that an application opened through {@code Driver.connect}, opens further ones for its own work.
 */
final class DriverDataSource implements DataSource {

  private final Driver driver;
  private final String url;
  private final Properties info;

  DriverDataSource(Driver driver, String url, Properties info) {
    this.driver = driver;
    this.url = url;
    this.info = new Properties();
    if (info != null) {
      this.info.putAll(info);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ConnectionHooks.inPassThrough(() -> {
      Connection connection = driver.connect(url, info);
      if (connection == null) {
        throw new SQLException("the driver " + driver.getClass().getName() + " no longer accepts " + url, "08001");
      }
      return connection;
    });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties explicit = new Properties();
    explicit.putAll(info);
    if (username != null) {
      explicit.setProperty("user", username);
    }
    if (password != null) {
      explicit.setProperty("password", password);
    }
    return ConnectionHooks.inPassThrough(() -> driver.connect(url, explicit));
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "DriverDataSource[" + url + "]";
  }
}
