package io.doltsync.internal.dialect;

/** MariaDB ({@code jdbc:mariadb:}): the {@link MySqlDialect} under MariaDB's name and URL scheme. */
public class MariaDbDialect extends MySqlDialect {

  public MariaDbDialect() {
    super("mariadb", "jdbc:mariadb:");
  }
}
