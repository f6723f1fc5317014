package io.doltsync.spring;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's DataSource bean as doltsync sees it, safe across application-context restarts in one JVM
 * (the test context cache closing one context and opening another, Spring Boot devtools).
 *
 * <p>doltsync keeps one mirror per primary database in the JVM, and that mirror takes connections for its own
 * work (journal, applier) from the DataSource that first reached it. When that bean's context closes, its pool
 * closes, while the mirror stays for the contexts that still use the same database. So once its context has
 * closed this DataSource ({@link #close()}) hands out connections of a live context's pool for the same
 * database (same JDBC URL and user, learnt from the first connection), the newest first; with none alive it
 * fails with SQLState 08003. Until then every call goes to the bean's own pool.
 */
final class RestartSafeDataSource implements DataSource {

  /** The live pools per database (URL and user), oldest first. */
  private static final Map<String, List<RestartSafeDataSource>> LIVE = new ConcurrentHashMap<>();

  private final DataSource pool;
  private final String beanName;
  private volatile String database;
  private volatile boolean closed;

  RestartSafeDataSource(DataSource pool, String beanName) {
    this.pool = pool;
    this.beanName = beanName;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      return successor().pool.getConnection();
    }
    return learn(pool.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    if (closed) {
      return successor().pool.getConnection(username, password);
    }
    return learn(pool.getConnection(username, password));
  }

  /** Its context is closing: from now on, connections come from another live context's pool. */
  void close() {
    closed = true;
    String known = database;
    if (known != null) {
      LIVE.computeIfPresent(known, (key, pools) -> {
        pools.remove(this);
        return pools.isEmpty() ? null : pools;
      });
    }
  }

  boolean isClosed() {
    return closed;
  }

  private Connection learn(Connection connection) throws SQLException {
    if (database == null) {
      synchronized (this) {
        if (database == null && !closed) {
          try {
            database = connection.getMetaData().getURL() + '\u0000' + connection.getMetaData().getUserName();
          } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
          }
          LIVE.computeIfAbsent(database, key -> new CopyOnWriteArrayList<>()).add(this);
        }
      }
    }
    return connection;
  }

  private RestartSafeDataSource successor() throws SQLException {
    List<RestartSafeDataSource> pools = database == null ? null : LIVE.get(database);
    if (pools != null) {
      for (int i = pools.size() - 1; i >= 0; i--) {
        RestartSafeDataSource live = pools.get(i);
        if (!live.closed) {
          return live;
        }
      }
    }
    throw new SQLNonTransientConnectionException("DataSource bean '" + beanName + "' was closed with its application "
        + "context and no live context uses the same database", "08003");
  }

  private DataSource current() {
    if (!closed) {
      return pool;
    }
    try {
      return successor().pool;
    } catch (SQLException none) {
      return pool;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return current().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return current().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
