package io.doltsync.agent;

import io.doltsync.DoltSyncConnection;
import io.doltsync.jdbc.DoltSyncDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent's advice calls: decides whether a connection being opened is to be mirrored and, if so, hands
 * it to doltsync exactly as {@link DoltSyncDataSource#wrap} would. Connections doltsync opens for its own work
 * (and those of the Dolt target) and connections already wrapped are returned untouched.
 */
public final class ConnectionHooks {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHooks.class);
  private static final ThreadLocal<Boolean> PASS_THROUGH = new ThreadLocal<>();
  private static final Map<String, Boolean> SELECTED_URLS = new ConcurrentHashMap<>();
  private static final Map<DataSource, DataSourceMirror> DATA_SOURCES = Collections.synchronizedMap(new WeakHashMap<>());
  private static volatile AgentSettings settings;

  private ConnectionHooks() {}

  static void configure(AgentSettings configured) {
    settings = configured;
    SELECTED_URLS.clear();
  }

  /**
   * Before {@code driver.connect(url, info)}: a doltsync connection over the driver's own connection when the URL
   * is selected, else null (the driver then connects as usual).
   */
  public static Connection driverConnect(Driver driver, String url, Properties info) throws SQLException {
    if (PASS_THROUGH.get() != null || !selected(url) || !driver.acceptsURL(url) || InternalCallers.onStack()) {
      return null;
    }
    LOG.debug("doltsync agent: mirroring a connection of {}", url);
    return inPassThrough(() -> DoltSyncDataSource.wrap(new DriverDataSource(driver, url, info)).getConnection());
  }

  /**
   * After {@code dataSource.getConnection(...)}: the connection wrapped by doltsync when the DataSource's URL is
   * selected and the connection is not wrapped yet, else the connection itself.
   */
  public static Connection dataSourceConnection(DataSource dataSource, Connection connection, Object[] arguments)
      throws SQLException {
    if (connection == null || PASS_THROUGH.get() != null || connection.isWrapperFor(DoltSyncConnection.class)) {
      return connection;
    }
    DataSourceMirror mirror = DATA_SOURCES.get(dataSource);
    if (mirror == null) {
      String url = connection.getMetaData().getURL();
      mirror = new DataSourceMirror(dataSource, selected(url));
      DATA_SOURCES.put(dataSource, mirror);
    }
    if (!mirror.selected() || InternalCallers.onStack()) {
      return connection;
    }
    String user = arguments.length == 2 ? (String) arguments[0] : null;
    String password = arguments.length == 2 ? (String) arguments[1] : null;
    DataSourceMirror chosen = mirror;
    return inPassThrough(() -> chosen.wrap(connection, user, password));
  }

  private static boolean selected(String url) {
    AgentSettings current = settings;
    if (current == null || url == null) {
      return false;
    }
    return SELECTED_URLS.computeIfAbsent(url, current::selects);
  }

  /** Runs doltsync's wrapping with the hooks off on this thread, so the connections it opens stay raw. */
  static Connection inPassThrough(SqlSupplier<Connection> action) throws SQLException {
    if (PASS_THROUGH.get() != null) {
      return action.get();
    }
    PASS_THROUGH.set(Boolean.TRUE);
    try {
      return action.get();
    } finally {
      PASS_THROUGH.remove();
    }
  }

  /** A JDBC action that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlSupplier<T> {
    T get() throws SQLException;
  }
}
