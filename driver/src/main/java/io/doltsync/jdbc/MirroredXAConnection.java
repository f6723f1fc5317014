package io.doltsync.jdbc;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.internal.jdbc.wrapper.Session;
import io.doltsync.internal.mirror.PrimaryConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;

/**
 * A vendor {@link XAConnection} whose logical connections mirror into Dolt and whose {@link XAResource}
 * journals each successful branch inside the branch. Connection events reach listeners with this
 * connection as their source, as pools expect.
 */
final class MirroredXAConnection implements XAConnection {

  /** Opens vendor XA connections for doltsync's own work. */
  @FunctionalInterface
  interface XAConnector {
    XAConnection open() throws SQLException;
  }

  private final XAConnection physical;
  private final DoltSyncConfig config;
  private final XAConnector connector;
  /** Opens wal capture's replication connection ({@code doltsync.capture=wal}); {@code null}: not supported. */
  private final PrimaryConnector replication;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private volatile ConnectionWrapper current;
  private MirroredXAResource resource;

  MirroredXAConnection(XAConnection physical, DoltSyncConfig config, XAConnector connector) {
    this(physical, config, connector, null);
  }

  /** {@code replication} opens wal capture's replication connection to the primary. */
  MirroredXAConnection(XAConnection physical, DoltSyncConfig config, XAConnector connector,
      PrimaryConnector replication) {
    this.physical = physical;
    this.config = config;
    this.connector = connector;
    this.replication = replication;
    physical.addConnectionEventListener(new ConnectionEventListener() {
      @Override
      public void connectionClosed(ConnectionEvent event) {
        ConnectionEvent ours = new ConnectionEvent(MirroredXAConnection.this, event.getSQLException());
        listeners.forEach(listener -> listener.connectionClosed(ours));
      }

      @Override
      public void connectionErrorOccurred(ConnectionEvent event) {
        ConnectionEvent ours = new ConnectionEvent(MirroredXAConnection.this, event.getSQLException());
        listeners.forEach(listener -> listener.connectionErrorOccurred(ours));
      }
    });
  }

  /** A new logical connection, mirroring; the previous one (if any) is no longer usable, as JDBC says. */
  @Override
  public Connection getConnection() throws SQLException {
    Connection logical = physical.getConnection();
    String realUrl;
    String user;
    try {
      realUrl = logical.getMetaData().getURL();
      user = logical.getMetaData().getUserName();
    } catch (SQLException | RuntimeException e) {
      logical.close();
      throw e;
    }
    Connection wrapped = DoltSyncConnections.wrap(logical, config, realUrl, user,
        PrimaryConnector.pooled(this::workConnection, replication));
    current = wrapped.unwrap(ConnectionWrapper.class);
    return wrapped;
  }

  /** The session of the current logical connection, or null before the first {@link #getConnection}. */
  Session session() {
    ConnectionWrapper connection = current;
    return connection == null ? null : connection.session();
  }

  @Override
  public synchronized XAResource getXAResource() throws SQLException {
    if (resource == null) {
      resource = new MirroredXAResource(physical.getXAResource(), this::session);
    }
    return resource;
  }

  /** A plain connection of another vendor XA connection, closed with it, for the journal and the applier. */
  private Connection workConnection() throws SQLException {
    XAConnection xa = connector.open();
    Connection connection;
    try {
      connection = xa.getConnection();
    } catch (SQLException | RuntimeException e) {
      xa.close();
      throw e;
    }
    // the session closes the XA connection right after the logical one
    return new ConnectionWrapper(connection, new PassThroughSession(connection, xa::close));
  }

  @Override
  public void close() throws SQLException {
    physical.close();
  }

  @Override
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void addStatementEventListener(StatementEventListener listener) {
    physical.addStatementEventListener(listener);
  }

  @Override
  public void removeStatementEventListener(StatementEventListener listener) {
    physical.removeStatementEventListener(listener);
  }
}
