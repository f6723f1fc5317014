package io.doltsync.jdbc;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.config.ScrubbedExceptions;
import io.doltsync.internal.config.UrlSecrets;
import io.doltsync.internal.config.WrappedUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The {@code jdbc:doltsync:} driver. {@code jdbc:doltsync:<rest>} opens {@code jdbc:<rest>} (without the
 * {@code doltsync.*} parameters) through the real driver and returns that connection wrapped, mirroring
 * its committed transactions into Dolt. Registered with {@link DriverManager} when loaded, and through
 * {@code META-INF/services/java.sql.Driver}.
 */
public final class DoltSyncDriver implements Driver {

  private static final DoltSyncDriver INSTANCE = new DoltSyncDriver();
  private static volatile boolean registered;

  static {
    register();
  }

  /** Registers the driver with {@link DriverManager} unless it is registered. */
  public static synchronized void register() {
    if (!registered) {
      try {
        DriverManager.registerDriver(INSTANCE);
        registered = true;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot register the doltsync driver", e);
      }
    }
  }

  /** Deregisters the driver (for containers that unload applications). */
  public static synchronized void deregister() throws SQLException {
    if (registered) {
      DriverManager.deregisterDriver(INSTANCE);
      registered = false;
    }
  }

  public static boolean isRegistered() {
    return registered;
  }

  @Override
  public boolean acceptsURL(String url) {
    return WrappedUrl.accepts(url);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null) {
      throw new SQLNonTransientConnectionException("the JDBC URL is null", "08001");
    }
    if (!acceptsURL(url)) {
      return null;
    }
    WrappedUrl wrapped = WrappedUrl.parse(url);
    DoltSyncConfig config = DoltSyncConfig.resolve(info, wrapped.parameters());
    Properties realProperties = DoltSyncConfig.withoutDoltSyncKeys(info);
    String realUrl = wrapped.realUrl();
    Driver delegate = DelegateDrivers.find(realUrl, config.get(DoltSyncOption.DELEGATE_DRIVER));
    Set<String> secrets = secrets(realUrl, realProperties);
    Connection raw = connectScrubbed(delegate, realUrl, realProperties, secrets);
    if (raw == null) {
      throw new SQLNonTransientConnectionException(delegate.getClass().getName() + " does not accept "
          + WrappedUrl.redact(realUrl), "08001");
    }
    return DoltSyncConnections.wrap(raw, config, realUrl, realProperties.getProperty("user", ""),
        new io.doltsync.internal.mirror.PrimaryConnector() {
          @Override
          public Connection open() throws SQLException {
            return connectScrubbed(delegate, realUrl, realProperties, secrets);
          }

          @Override
          public Connection openReplication() throws SQLException {
            Properties replication = new Properties();
            replication.putAll(realProperties);
            replication.setProperty("replication", "database");
            replication.setProperty("preferQueryMode", "simple");
            replication.setProperty("assumeMinServerVersion", "10");
            return connectScrubbed(delegate, realUrl, replication, secrets);
          }

          @Override
          public io.doltsync.internal.capture.binlog.BinlogSource.Login binlogLogin() throws SQLException {
            return BinlogLogins.of(realUrl, realProperties);
          }
        });
  }

  /** The delegate's connection; an error that shows the URL's or the properties' password shows it no more. */
  private static Connection connectScrubbed(Driver delegate, String realUrl, Properties properties, Set<String> secrets)
      throws SQLException {
    try {
      return delegate.connect(realUrl, properties);
    } catch (SQLException e) {
      throw ScrubbedExceptions.of(e, secrets);
    }
  }

  private static Set<String> secrets(String realUrl, Properties properties) {
    Set<String> secrets = new LinkedHashSet<>(UrlSecrets.secretsIn(realUrl));
    for (String name : properties.stringPropertyNames()) {
      if (UrlSecrets.isSecretKey(name)) {
        secrets.add(properties.getProperty(name));
      }
    }
    return secrets;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    List<DriverPropertyInfo> properties = new ArrayList<>();
    WrappedUrl wrapped = acceptsURL(url) ? WrappedUrl.parse(url) : null;
    for (DoltSyncOption option : DoltSyncOption.values()) {
      String current = info == null ? null : info.getProperty(option.key());
      if (current == null && wrapped != null) {
        current = valueIgnoringCase(wrapped.parameters(), option.key());
      }
      DriverPropertyInfo property = new DriverPropertyInfo(option.key(),
          option.isSecret() ? null : (current != null ? current : option.defaultValue()));
      property.description = option.description();
      property.required = false;
      if (option == DoltSyncOption.MODE) {
        property.choices = new String[] {"async", "sync"};
      } else if (option == DoltSyncOption.ENABLED || option == DoltSyncOption.APPLIER) {
        property.choices = new String[] {"true", "false"};
      } else if (option == DoltSyncOption.UNMAPPED_TYPES) {
        property.choices = new String[] {"error", "text"};
      }
      properties.add(property);
    }
    if (wrapped != null) {
      String realUrl = wrapped.realUrl();
      String delegateDriver = info == null ? null : info.getProperty(DoltSyncOption.DELEGATE_DRIVER.key());
      try {
        Driver delegate = DelegateDrivers.find(realUrl, delegateDriver);
        properties.addAll(List.of(delegate.getPropertyInfo(realUrl, DoltSyncConfig.withoutDoltSyncKeys(info))));
      } catch (SQLException e) {
        // the real driver is not available: list doltsync's own options only
      }
    }
    return properties.toArray(new DriverPropertyInfo[0]);
  }

  private static String valueIgnoringCase(java.util.Map<String, String> parameters, String key) {
    for (java.util.Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getKey().equalsIgnoreCase(key)) {
        return parameter.getValue();
      }
    }
    return null;
  }

  @Override
  public int getMajorVersion() {
    return Version.MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return Version.MINOR;
  }

  /** False: compliance depends on the wrapped driver. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("doltsync logs through SLF4J", "0A000");
  }
}
