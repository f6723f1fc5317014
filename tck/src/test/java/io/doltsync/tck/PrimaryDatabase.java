package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A fresh database (or schema) created for one run on a primary server.
 *
 * @param primary       the kind of primary
 * @param url           the primary's own JDBC URL (not the doltsync one)
 * @param name          the database, schema or in-memory database name, for summaries
 * @param dropStatement how to remove it after a successful run
 */
public record PrimaryDatabase(Primary primary, String url, String user, String password, String name, String dropStatement) {

  /** A plain connection, bypassing doltsync: the oracle's view of the primary. */
  public Connection connect() throws SQLException {
    return Servers.connect(url, user, password);
  }

  /** The {@code jdbc:doltsync:} URL wrapping {@link #url}. */
  public String doltSyncUrl() {
    return "jdbc:doltsync:" + url.substring("jdbc:".length());
  }

  /** Properties with the primary's credentials, to which doltsync options are added. */
  Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }
}
