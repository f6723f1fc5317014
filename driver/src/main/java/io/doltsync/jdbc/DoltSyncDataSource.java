package io.doltsync.jdbc;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.config.WrappedUrl;
import io.doltsync.internal.mirror.PrimaryConnector;
import java.io.PrintWriter;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections mirror into Dolt, for pools (HikariCP's {@code dataSourceClassName}),
 * dependency injection and application servers (bean properties, JNDI through {@link DoltSyncDataSourceFactory}).
 *
 * <p>Either give it a URL ({@code jdbc:doltsync:...}, or the primary's own {@code jdbc:...} URL) with
 * {@link #setUrl}, {@link #setUser} and {@link #setPassword}, or wrap an existing DataSource with
 * {@link #DoltSyncDataSource(DataSource)}. Every doltsync option is a bean property too
 * ({@code setTarget}, {@code setBranch}, ...), taking precedence over the URL.
 */
public class DoltSyncDataSource implements DataSource, Referenceable, Serializable {

  private static final long serialVersionUID = 1L;

  private transient DataSource wrapped;
  private String url;
  private String user;
  private String password;
  private final Map<DoltSyncOption, String> options = new EnumMap<>(DoltSyncOption.class);
  private transient PrintWriter logWriter;
  private int loginTimeout;

  /** An empty DataSource, configured through its bean properties. */
  public DoltSyncDataSource() {}

  /** A DataSource that wraps the connections of an existing one (a pool, an app server's DataSource). */
  public DoltSyncDataSource(DataSource dataSource) {
    this.wrapped = dataSource;
  }

  /** Wraps an existing DataSource. */
  public static DoltSyncDataSource wrap(DataSource dataSource) {
    return new DoltSyncDataSource(dataSource);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(user, password);
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    if (wrapped != null) {
      return wrappedConnection(username, pass);
    }
    if (url == null || url.isBlank()) {
      throw new SQLNonTransientConnectionException("DoltSyncDataSource has no url (set it, or wrap a DataSource)", "08001");
    }
    String doltSyncUrl = WrappedUrl.accepts(url) ? url : WrappedUrl.PREFIX + url.substring("jdbc:".length());
    Properties properties = optionProperties();
    if (username != null) {
      properties.setProperty("user", username);
    }
    if (pass != null) {
      properties.setProperty("password", pass);
    }
    DoltSyncDriver.register();
    return new DoltSyncDriver().connect(doltSyncUrl, properties);
  }

  private Connection wrappedConnection(String username, String pass) throws SQLException {
    boolean explicit = username != null && (user == null || !username.equals(user) || pass != password);
    Connection raw = explicit ? wrapped.getConnection(username, pass) : wrapped.getConnection();
    DoltSyncConfig config;
    String realUrl;
    String primaryUser;
    try {
      config = DoltSyncConfig.resolve(optionProperties(), Map.of());
      realUrl = raw.getMetaData().getURL();
      primaryUser = raw.getMetaData().getUserName();
    } catch (SQLException | RuntimeException e) {
      raw.close();
      throw e;
    }
    DataSource source = wrapped;
    return DoltSyncConnections.wrap(raw, config, realUrl, primaryUser, PrimaryConnector.pooled(
        explicit ? () -> source.getConnection(username, pass) : source::getConnection));
  }

  /** The password set as a bean property, for subclasses in this package. */
  String password() {
    return password;
  }

  Properties optionProperties() {
    Properties properties = new Properties();
    options.forEach((option, value) -> properties.setProperty(option.key(), value));
    return properties;
  }

  // ---- bean properties ---------------------------------------------------------------------------

  public String getUrl() {
    return url;
  }

  /** The doltsync URL, or the primary's own JDBC URL. */
  public void setUrl(String url) {
    this.url = url;
  }

  /** Same as {@link #setUrl}, under HikariCP's name. */
  public void setJdbcUrl(String url) {
    setUrl(url);
  }

  public String getJdbcUrl() {
    return url;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  /** Same as {@link #setUser}. */
  public void setUsername(String user) {
    setUser(user);
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public DataSource getDataSource() {
    return wrapped;
  }

  /** The DataSource whose connections are wrapped (instead of a URL). */
  public void setDataSource(DataSource dataSource) {
    this.wrapped = dataSource;
  }

  /** Sets any doltsync option by key, e.g. {@code setOption("doltsync.branch", "main")}. */
  public void setOption(String key, String value) {
    DoltSyncOption option = DoltSyncOption.forKey(key.startsWith(DoltSyncOption.PREFIX) ? key : DoltSyncOption.PREFIX + key);
    if (option == null) {
      throw new IllegalArgumentException("unknown doltsync option " + key);
    }
    set(option, value);
  }

  public String getOption(String key) {
    DoltSyncOption option = DoltSyncOption.forKey(key.startsWith(DoltSyncOption.PREFIX) ? key : DoltSyncOption.PREFIX + key);
    return option == null ? null : options.get(option);
  }

  public void setTarget(String value) {
    set(DoltSyncOption.TARGET, value);
  }

  public String getTarget() {
    return options.get(DoltSyncOption.TARGET);
  }

  public void setTargetUser(String value) {
    set(DoltSyncOption.TARGET_USER, value);
  }

  public String getTargetUser() {
    return options.get(DoltSyncOption.TARGET_USER);
  }

  public void setTargetPassword(String value) {
    set(DoltSyncOption.TARGET_PASSWORD, value);
  }

  public void setDatabase(String value) {
    set(DoltSyncOption.DATABASE, value);
  }

  public String getDatabase() {
    return options.get(DoltSyncOption.DATABASE);
  }

  public void setBranch(String value) {
    set(DoltSyncOption.BRANCH, value);
  }

  public String getBranch() {
    return options.get(DoltSyncOption.BRANCH);
  }

  public void setEnabled(boolean value) {
    set(DoltSyncOption.ENABLED, Boolean.toString(value));
  }

  public boolean isEnabled() {
    return !"false".equalsIgnoreCase(options.get(DoltSyncOption.ENABLED));
  }

  public void setMode(String value) {
    set(DoltSyncOption.MODE, value);
  }

  public String getMode() {
    return options.get(DoltSyncOption.MODE);
  }

  /**
   * {@code journal} (the default), {@code wal} (PostgreSQL logical decoding) or {@code binlog} (MariaDB binary log):
   * how committed changes are captured.
   */
  public void setCapture(String value) {
    set(DoltSyncOption.CAPTURE, value);
  }

  public String getCapture() {
    return options.get(DoltSyncOption.CAPTURE);
  }

  public void setAuthor(String value) {
    set(DoltSyncOption.AUTHOR, value);
  }

  public String getAuthor() {
    return options.get(DoltSyncOption.AUTHOR);
  }

  public void setInclude(String value) {
    set(DoltSyncOption.INCLUDE, value);
  }

  public String getInclude() {
    return options.get(DoltSyncOption.INCLUDE);
  }

  public void setExclude(String value) {
    set(DoltSyncOption.EXCLUDE, value);
  }

  public String getExclude() {
    return options.get(DoltSyncOption.EXCLUDE);
  }

  public void setDelegateDriver(String value) {
    set(DoltSyncOption.DELEGATE_DRIVER, value);
  }

  public String getDelegateDriver() {
    return options.get(DoltSyncOption.DELEGATE_DRIVER);
  }

  public void setDoltBinary(String value) {
    set(DoltSyncOption.DOLT_BINARY, value);
  }

  public String getDoltBinary() {
    return options.get(DoltSyncOption.DOLT_BINARY);
  }

  public void setJournalTable(String value) {
    set(DoltSyncOption.JOURNAL_TABLE, value);
  }

  public String getJournalTable() {
    return options.get(DoltSyncOption.JOURNAL_TABLE);
  }

  public void setSyncTimeout(String value) {
    set(DoltSyncOption.SYNC_TIMEOUT, value);
  }

  public String getSyncTimeout() {
    return options.get(DoltSyncOption.SYNC_TIMEOUT);
  }

  public void setUnmappedTypes(String value) {
    set(DoltSyncOption.UNMAPPED_TYPES, value);
  }

  public String getUnmappedTypes() {
    return options.get(DoltSyncOption.UNMAPPED_TYPES);
  }

  public void setUnmappableValues(String value) {
    set(DoltSyncOption.UNMAPPABLE_VALUES, value);
  }

  public String getUnmappableValues() {
    return options.get(DoltSyncOption.UNMAPPABLE_VALUES);
  }

  public void setGroupCommit(String value) {
    set(DoltSyncOption.GROUP_COMMIT, value);
  }

  public String getGroupCommit() {
    return options.get(DoltSyncOption.GROUP_COMMIT);
  }

  /** Write-only, like the passwords: {@code doltsync.journalSecret}. */
  public void setJournalSecret(String value) {
    set(DoltSyncOption.JOURNAL_SECRET, value);
  }

  public void setAdopt(boolean value) {
    set(DoltSyncOption.ADOPT, Boolean.toString(value));
  }

  public boolean isAdopt() {
    return Boolean.parseBoolean(options.get(DoltSyncOption.ADOPT));
  }

  public void setInstance(String value) {
    set(DoltSyncOption.INSTANCE, value);
  }

  public String getInstance() {
    return options.get(DoltSyncOption.INSTANCE);
  }

  public void setApplier(boolean value) {
    set(DoltSyncOption.APPLIER, Boolean.toString(value));
  }

  public boolean isApplier() {
    return !"false".equalsIgnoreCase(options.get(DoltSyncOption.APPLIER));
  }

  public void setDrainOnShutdown(String value) {
    set(DoltSyncOption.DRAIN_ON_SHUTDOWN, value);
  }

  public String getDrainOnShutdown() {
    return options.get(DoltSyncOption.DRAIN_ON_SHUTDOWN);
  }

  public void setVerifyInterval(String value) {
    set(DoltSyncOption.VERIFY_INTERVAL, value);
  }

  public String getVerifyInterval() {
    return options.get(DoltSyncOption.VERIFY_INTERVAL);
  }

  public void setPush(String value) {
    set(DoltSyncOption.PUSH, value);
  }

  public String getPush() {
    return options.get(DoltSyncOption.PUSH);
  }

  public void setPushEvery(String value) {
    set(DoltSyncOption.PUSH_EVERY, value);
  }

  public String getPushEvery() {
    return options.get(DoltSyncOption.PUSH_EVERY);
  }

  public void setPushInterval(String value) {
    set(DoltSyncOption.PUSH_INTERVAL, value);
  }

  public String getPushInterval() {
    return options.get(DoltSyncOption.PUSH_INTERVAL);
  }

  public void setPushUser(String value) {
    set(DoltSyncOption.PUSH_USER, value);
  }

  public String getPushUser() {
    return options.get(DoltSyncOption.PUSH_USER);
  }

  /** {@code doltsync.lineage.openLineage} (a bean property name has no dot). */
  public void setLineageOpenLineage(String value) {
    set(DoltSyncOption.LINEAGE_OPEN_LINEAGE, value);
  }

  public String getLineageOpenLineage() {
    return options.get(DoltSyncOption.LINEAGE_OPEN_LINEAGE);
  }

  private void set(DoltSyncOption option, String value) {
    if (value == null) {
      options.remove(option);
    } else {
      options.put(option, value);
    }
  }

  // ---- JNDI --------------------------------------------------------------------------------------

  @Override
  public Reference getReference() throws NamingException {
    Reference reference = new Reference(DoltSyncDataSource.class.getName(), DoltSyncDataSourceFactory.class.getName(), null);
    if (url != null) {
      reference.add(address("url", url, false));
    }
    if (user != null) {
      reference.add(new StringRefAddr("user", user));
    }
    if (password != null) {
      reference.add(new SecretRefAddr("password", password));
    }
    options.forEach((option, value) -> reference.add(address(option.key(), value, option.isSecret())));
    return reference;
  }

  /** A reference address, one that hides its content when printed if it is or holds a secret (a URL's password). */
  private static StringRefAddr address(String type, String value, boolean secret) {
    return secret || !WrappedUrl.redact(value).equals(value) ? new SecretRefAddr(type, value) : new StringRefAddr(type, value);
  }

  /** A reference address holding a password: readable by the factory, never printed by {@code toString()}. */
  private static final class SecretRefAddr extends StringRefAddr {
    private static final long serialVersionUID = 1L;

    SecretRefAddr(String type, String secret) {
      super(type, secret);
    }

    @Override
    public String toString() {
      return "Type: " + getType() + "\nContent: ***\n";
    }
  }

  // ---- DataSource plumbing -----------------------------------------------------------------------

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return wrapped != null ? wrapped.getLogWriter() : logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    if (wrapped != null) {
      wrapped.setLogWriter(out);
    }
    logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    if (wrapped != null) {
      wrapped.setLoginTimeout(seconds);
    }
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return wrapped != null ? wrapped.getLoginTimeout() : loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("doltsync logs through SLF4J", "0A000");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (wrapped != null) {
      return iface.isInstance(wrapped) ? iface.cast(wrapped) : wrapped.unwrap(iface);
    }
    throw new SQLException("DoltSyncDataSource is not a wrapper for " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || (wrapped != null && (iface.isInstance(wrapped) || wrapped.isWrapperFor(iface)));
  }

  @Override
  public String toString() {
    return "DoltSyncDataSource[" + (wrapped != null ? wrapped : WrappedUrl.redact(url)) + "]";
  }
}
