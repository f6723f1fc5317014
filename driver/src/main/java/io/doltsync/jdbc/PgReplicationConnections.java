package io.doltsync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import javax.sql.XADataSource;

/**
 * Wal capture's replication connection ({@code replication=database}) for a mirror whose connections come from
 * PostgreSQL's own XA DataSource ({@link DoltSyncXADataSource}): made with pgjdbc's driver from the DataSource's URL and
 * credentials. Loaded only in wal capture, so other primaries need no pgjdbc.
 */
final class PgReplicationConnections {

  private PgReplicationConnections() {}

  /**
   * A replication connection to the database {@code vendor} connects to, as {@code user} (the DataSource's own when
   * {@code null}).
   */
  static Connection open(XADataSource vendor, String user, String password) throws SQLException {
    if (!(vendor instanceof org.postgresql.ds.common.BaseDataSource pg)) {
      throw new SQLFeatureNotSupportedException("doltsync.capture=wal needs PostgreSQL's XA DataSource"
          + " (org.postgresql.xa.PGXADataSource), not " + vendor.getClass().getName(), "0A000");
    }
    Properties properties = new Properties();
    String login = user != null ? user : pg.getUser();
    String secret = user != null ? password : pg.getPassword();
    if (login != null) {
      properties.setProperty("user", login);
    }
    if (secret != null) {
      properties.setProperty("password", secret);
    }
    // in the URL, after the DataSource's own parameters: pgjdbc takes a URL's parameters over the properties, and
    // the DataSource's URL names its query mode (a replication connection takes the simple protocol only)
    String url = pg.getUrl();
    url += (url.contains("?") ? "&" : "?") + "replication=database&preferQueryMode=simple&assumeMinServerVersion=10";
    Connection connection = new org.postgresql.Driver().connect(url, properties);
    if (connection == null) {
      throw new SQLException("pgjdbc did not accept the XA DataSource's URL for a replication connection", "08001");
    }
    return connection;
  }
}
