package io.doltsync.internal.dolt;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MySQL-protocol JDBC driver the application provides for talking to Dolt (doltsync bundles none):
 * picks it for an embedded Dolt server, and checks, before anything mirrors, that one is there for a
 * {@code doltsync.target} URL, so that a missing jar is one clear error at the first connection rather
 * than an applier that retries "No suitable driver" for ever.
 */
final class MySqlProtocolDriver {

  private static final String MARIADB_CLASS = "org.mariadb.jdbc.Driver";
  private static final String MYSQL_CLASS = "com.mysql.cj.jdbc.Driver";
  private static final String HOW_TO_ADD = "add org.mariadb.jdbc:mariadb-java-client (the jar mariadb-java-client-"
      + "<version>.jar, LGPL) or com.mysql:mysql-connector-j (mysql-connector-j-<version>.jar, GPL with the FOSS"
      + " exception) to the application's class path, next to doltsync-driver";

  /**
   * Drivers that DriverManager does not show doltsync: the application's class loader has them but doltsync's
   * does not (doltsync loaded by a Java agent from the system class path, the Dolt client inside a Spring Boot
   * jar); found through the thread's context class loader and used directly. Keyed by driver class name.
   */
  private static final Map<String, Driver> CONTEXT_ONLY = new ConcurrentHashMap<>();

  private MySqlProtocolDriver() {}

  /** Opens a connection to Dolt through DriverManager, or through the driver only the application's loader has. */
  static Connection connect(String url, Properties properties) throws SQLException {
    Driver direct = contextOnlyDriver(url);
    if (direct != null) {
      Connection connection = direct.connect(url, properties);
      if (connection != null) {
        return connection;
      }
    }
    return DriverManager.getConnection(url, properties);
  }

  /** As {@link #connect(String, Properties)} with a user and password. */
  static Connection connect(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password == null ? "" : password);
    return connect(url, properties);
  }

  private static Driver contextOnlyDriver(String url) {
    String className = url.startsWith("jdbc:mariadb:") ? MARIADB_CLASS : url.startsWith("jdbc:mysql:") ? MYSQL_CLASS : null;
    return className == null ? null : CONTEXT_ONLY.get(className);
  }

  /** Remembers the scheme's driver when only the thread's context class loader has it; true when it accepts the URL. */
  private static boolean acceptedThroughContext(String url, String className) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context == null || context == MySqlProtocolDriver.class.getClassLoader()) {
      return false;
    }
    try {
      Class<?> type = Class.forName(className, true, context);
      if (type.getClassLoader() == MySqlProtocolDriver.class.getClassLoader()) {
        return false; // DriverManager sees it: nothing to remember
      }
      Driver driver = (Driver) type.getDeclaredConstructor().newInstance();
      if (!driver.acceptsURL(url)) {
        return false;
      }
      CONTEXT_ONLY.putIfAbsent(className, driver);
      return true;
    } catch (ReflectiveOperationException | LinkageError | SQLException | RuntimeException e) {
      return false;
    }
  }

  /** {@code jdbc:mariadb:} when mariadb-java-client is present, else {@code jdbc:mysql:} for mysql-connector-j. */
  static String urlScheme() throws SQLException {
    if (present(MARIADB_CLASS)) {
      return "jdbc:mariadb:";
    }
    if (present(MYSQL_CLASS)) {
      return "jdbc:mysql:";
    }
    throw new SQLNonTransientConnectionException("doltsync talks to Dolt through a MySQL-protocol JDBC driver and"
        + " found none: " + HOW_TO_ADD, "08001");
  }

  /**
   * Checks that a JDBC driver accepts the target URL, loading the driver its scheme names if it is on the
   * class path but not yet registered.
   *
   * @param url         the Dolt server URL (no password in it)
   * @param description how to name the target in the error
   */
  static void requireFor(String url, String description) throws SQLException {
    if (accepted(url)) {
      return;
    }
    String scheme = url.startsWith("jdbc:mariadb:") ? MARIADB_CLASS : url.startsWith("jdbc:mysql:") ? MYSQL_CLASS : null;
    if (scheme != null && present(scheme) && accepted(url)) {
      return;
    }
    if (scheme != null && (CONTEXT_ONLY.containsKey(scheme) || acceptedThroughContext(url, scheme))) {
      return;
    }
    String hint;
    if (MARIADB_CLASS.equals(scheme) && present(MYSQL_CLASS)) {
      hint = "mysql-connector-j is on the class path: write doltsync.target as jdbc:mysql://…, or ";
    } else if (MYSQL_CLASS.equals(scheme) && present(MARIADB_CLASS)) {
      hint = "mariadb-java-client is on the class path: write doltsync.target as jdbc:mariadb://…, or ";
    } else {
      hint = "";
    }
    throw new SQLNonTransientConnectionException("doltsync cannot reach Dolt (" + description + "): no JDBC driver"
        + " on the class path accepts " + url + ", and doltsync bundles none; " + hint + HOW_TO_ADD, "08001");
  }

  private static boolean accepted(String url) {
    try {
      return DriverManager.getDriver(url) != null;
    } catch (SQLException e) {
      return false;
    }
  }

  /** True when the class is visible to doltsync or to the thread's context class loader (which loads it). */
  private static boolean present(String className) {
    try {
      Class.forName(className, true, MySqlProtocolDriver.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      try {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null) {
          return false;
        }
        Class.forName(className, true, context);
        return true;
      } catch (ClassNotFoundException | LinkageError | RuntimeException e2) {
        return false;
      }
    }
  }
}
