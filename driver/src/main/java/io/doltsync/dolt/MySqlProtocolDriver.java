package io.doltsync.dolt;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/** Picks the MySQL-protocol JDBC driver the application provides for talking to an embedded Dolt server. */
final class MySqlProtocolDriver {

  private MySqlProtocolDriver() {}

  /** {@code jdbc:mariadb:} when mariadb-java-client is present, else {@code jdbc:mysql:} for mysql-connector-j. */
  static String urlScheme() throws SQLException {
    if (present("org.mariadb.jdbc.Driver")) {
      return "jdbc:mariadb:";
    }
    if (present("com.mysql.cj.jdbc.Driver")) {
      return "jdbc:mysql:";
    }
    throw new SQLNonTransientConnectionException("doltsync talks to Dolt through a MySQL-protocol JDBC driver and"
        + " found none: add org.mariadb.jdbc:mariadb-java-client or com.mysql:mysql-connector-j to the class path",
        "08001");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, MySqlProtocolDriver.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      try {
        Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        return true;
      } catch (ClassNotFoundException | RuntimeException e2) {
        return false;
      }
    }
  }
}
