package io.doltsync.bench.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a database is and who logs in: a JDBC URL with its credentials.
 *
 * @param url      the real JDBC URL, e.g. {@code jdbc:mariadb://127.0.0.1:33306/doltsync_bench}
 */
public record Endpoint(String url, String user, String password) {

  public Connection connect() throws SQLException {
    return connect(url, new Properties());
  }

  /** Connects to {@code anyUrl} (say the doltsync or p6spy form of this endpoint's URL) with these credentials. */
  public Connection connect(String anyUrl, Properties extra) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(extra);
    properties.setProperty("user", user);
    properties.setProperty("password", password == null ? "" : password);
    return DriverManager.getConnection(anyUrl, properties);
  }

  /** The same server with another database (a URL of the {@code scheme://host:port/database?query} kind). */
  public Endpoint withDatabase(String database) {
    return new Endpoint(Urls.withDatabase(url, database), user, password);
  }

  /** The database named in the URL. */
  public String database() {
    return Urls.database(url);
  }

  @Override
  public String toString() {
    return url + " as " + user; // never the password
  }
}
