package io.doltsync.jdbc;

import io.doltsync.internal.config.WrappedUrl;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Enumeration;
import java.util.ServiceLoader;

/**
 * Finds the real JDBC driver for a wrapped URL: the class named by {@code doltsync.delegateDriver}, or
 * else the first driver registered with {@link DriverManager} (or found through {@link ServiceLoader} on
 * the context class loader) that accepts the URL. Never doltsync itself. A named class is checked to be a
 * {@link Driver} before it is initialised, so naming any other class runs none of its code.
 */
final class DelegateDrivers {

  private DelegateDrivers() {}

  static Driver find(String realUrl, String driverClassName) throws SQLException {
    if (driverClassName != null && !driverClassName.isBlank()) {
      return named(realUrl, driverClassName.trim());
    }
    Enumeration<Driver> registered = DriverManager.getDrivers();
    while (registered.hasMoreElements()) {
      Driver driver = registered.nextElement();
      if (!(driver instanceof DoltSyncDriver) && driver.acceptsURL(realUrl)) {
        return driver;
      }
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (Driver driver : ServiceLoader.load(Driver.class, context != null ? context : DelegateDrivers.class.getClassLoader())) {
      if (!(driver instanceof DoltSyncDriver) && driver.acceptsURL(realUrl)) {
        return driver;
      }
    }
    throw new SQLNonTransientConnectionException("no JDBC driver on the class path accepts " + WrappedUrl.redact(realUrl)
        + "; add the database's JDBC driver, or name its class with doltsync.delegateDriver", "08001");
  }

  private static Driver named(String realUrl, String className) throws SQLException {
    Enumeration<Driver> registered = DriverManager.getDrivers();
    while (registered.hasMoreElements()) {
      Driver driver = registered.nextElement();
      if (driver.getClass().getName().equals(className)) {
        return accepting(driver, realUrl, className);
      }
    }
    try {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(className, false, context != null ? context : DelegateDrivers.class.getClassLoader());
      if (DoltSyncDriver.class.isAssignableFrom(type)) {
        throw new SQLNonTransientConnectionException("doltsync.delegateDriver cannot name doltsync's own driver", "08001");
      }
      if (!Driver.class.isAssignableFrom(type)) {
        throw new SQLNonTransientConnectionException("doltsync.delegateDriver=" + className
            + " is not a java.sql.Driver; it was not initialised", "08001");
      }
      return accepting((Driver) type.getDeclaredConstructor().newInstance(), realUrl, className);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLNonTransientConnectionException("doltsync.delegateDriver=" + className
          + " cannot be loaded as a java.sql.Driver: " + e, "08001", e);
    }
  }

  private static Driver accepting(Driver driver, String realUrl, String className) throws SQLException {
    if (!driver.acceptsURL(realUrl)) {
      throw new SQLNonTransientConnectionException("doltsync.delegateDriver=" + className + " does not accept "
          + WrappedUrl.redact(realUrl), "08001");
    }
    return driver;
  }
}
