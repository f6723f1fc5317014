package io.doltsync.jdbc;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.WrappedUrl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * An {@link XADataSource} whose connections mirror into Dolt, for JTA transaction managers and application
 * servers. It wraps the database vendor's own {@code XADataSource}: given with {@link #setXaDataSource}, or
 * made from the URL ({@link #setUrl}, the primary's own or a {@code jdbc:doltsync:} one) and
 * {@link #setXaDataSourceClassName} (by default the vendor's class for the URL: MariaDB, MySQL, PostgreSQL, H2).
 *
 * <p>A global transaction is mirrored like a local one: when its branch ends successfully, the journal entry
 * of what it changed is written inside the branch, so it is prepared, committed, recovered or rolled back with
 * it; a rolled-back branch mirrors nothing, and a branch recovered after a crash is mirrored once. Each
 * branch on a doltsync connection becomes one Dolt commit. The doltsync options are the bean properties
 * inherited from {@link DoltSyncDataSource}, which also makes this class usable as a plain DataSource.
 */
public class DoltSyncXADataSource extends DoltSyncDataSource implements XADataSource {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> VENDOR_CLASSES = Map.of(
      "mariadb", "org.mariadb.jdbc.MariaDbDataSource",
      "mysql", "com.mysql.cj.jdbc.MysqlXADataSource",
      "postgresql", "org.postgresql.xa.PGXADataSource",
      "h2", "org.h2.jdbcx.JdbcDataSource");

  private transient XADataSource xaDataSource;
  private String xaDataSourceClassName;

  /** An empty XA DataSource, configured through its bean properties. */
  public DoltSyncXADataSource() {
  }

  /** Wraps the vendor's XA DataSource, configured already. */
  public DoltSyncXADataSource(XADataSource vendor) {
    this.xaDataSource = vendor;
  }

  @Override
  public XAConnection getXAConnection() throws SQLException {
    return getXAConnection(getUser(), password());
  }

  @Override
  public XAConnection getXAConnection(String user, String password) throws SQLException {
    XADataSource vendor = vendor();
    DoltSyncConfig config = DoltSyncConfig.resolve(optionProperties(), urlParameters());
    XAConnection physical = user == null ? vendor.getXAConnection() : vendor.getXAConnection(user, password);
    return new MirroredXAConnection(physical, config, () -> user == null ? vendor.getXAConnection()
        : vendor.getXAConnection(user, password), () -> PgReplicationConnections.open(vendor, user, password));
  }

  /** The vendor's XA DataSource, made from the URL on first use unless one was given. */
  private synchronized XADataSource vendor() throws SQLException {
    if (xaDataSource != null) {
      return xaDataSource;
    }
    String realUrl = realUrl();
    String className = xaDataSourceClassName != null ? xaDataSourceClassName : VENDOR_CLASSES.get(scheme(realUrl));
    if (className == null) {
      throw new SQLNonTransientConnectionException("no XADataSource known for " + WrappedUrl.redact(realUrl)
          + "; set xaDataSourceClassName", "08001");
    }
    try {
      Object instance = vendorClass(className).getDeclaredConstructor().newInstance();
      if (!(instance instanceof XADataSource vendor)) {
        throw new SQLNonTransientConnectionException(className + " is not an XADataSource", "08001");
      }
      invokeSetter(vendor, realUrl, "setUrl", "setURL");
      if (getUser() != null) {
        invokeSetter(vendor, getUser(), "setUser");
      }
      if (password() != null) {
        invokeSetter(vendor, password(), "setPassword");
      }
      xaDataSource = vendor;
      return vendor;
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new SQLNonTransientConnectionException("cannot make the vendor's XADataSource " + className
          + " (is its driver on the class path?): " + e, "08001", e);
    }
  }

  private String realUrl() throws SQLException {
    String url = getUrl();
    if (url == null || url.isBlank()) {
      throw new SQLNonTransientConnectionException(
          "DoltSyncXADataSource has no url (set it, or give the vendor's XADataSource)", "08001");
    }
    return WrappedUrl.accepts(url) ? WrappedUrl.parse(url).realUrl() : url;
  }

  private Map<String, String> urlParameters() throws SQLException {
    String url = getUrl();
    return url != null && WrappedUrl.accepts(url) ? WrappedUrl.parse(url).parameters() : Map.of();
  }

  private static String scheme(String url) {
    String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /**
   * The vendor's class, from the thread's context class loader (an application's), else from doltsync's own (an
   * app server's module that depends on the vendor's, where the context loader may not see it).
   */
  private static Class<?> vendorClass(String className) throws ClassNotFoundException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = DoltSyncXADataSource.class.getClassLoader();
    if (context != null && context != own) {
      try {
        return Class.forName(className, true, context);
      } catch (ClassNotFoundException notThere) {
        return Class.forName(className, true, own);
      }
    }
    return Class.forName(className, true, own);
  }

  private static void invokeSetter(Object target, String value, String... names)
      throws ReflectiveOperationException {
    for (String name : names) {
      try {
        Method setter = target.getClass().getMethod(name, String.class);
        setter.invoke(target, value);
        return;
      } catch (NoSuchMethodException e) {
        // try the next spelling
      } catch (InvocationTargetException e) {
        throw e;
      }
    }
    throw new NoSuchMethodException(target.getClass().getName() + " has none of " + String.join(", ", names));
  }

  public XADataSource getXaDataSource() {
    return xaDataSource;
  }

  /** The vendor's XA DataSource to wrap, configured already (instead of a URL). */
  public void setXaDataSource(XADataSource xaDataSource) {
    this.xaDataSource = xaDataSource;
  }

  public String getXaDataSourceClassName() {
    return xaDataSourceClassName;
  }

  /** The vendor's XADataSource class made from the URL, when the default for its scheme is not wanted. */
  public void setXaDataSourceClassName(String xaDataSourceClassName) {
    this.xaDataSourceClassName = xaDataSourceClassName;
  }
}
