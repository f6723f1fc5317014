package io.doltsync.testing;

/**
 * The MySQL-protocol JDBC driver a test reaches MariaDB and Dolt with: mariadb-java-client (the test servers'
 * URLs, {@code jdbc:mariadb:}) or mysql-connector-j ({@code jdbc:mysql:}, test scope only: GPL).
 */
public enum MySqlClient {

  MARIADB_JAVA_CLIENT,
  CONNECTOR_J;

  /**
   * The URL through this driver: a {@code jdbc:mariadb:} URL becomes {@code jdbc:mysql:} for Connector/J;
   * any other URL (PostgreSQL, H2) is returned as it is.
   */
  public String url(String url) {
    return this == CONNECTOR_J && url.startsWith("jdbc:mariadb:") ? TestServers.asConnectorJ(url) : url;
  }
}
