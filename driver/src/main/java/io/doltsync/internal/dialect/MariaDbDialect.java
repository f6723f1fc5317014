package io.doltsync.internal.dialect;

import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * MariaDB ({@code jdbc:mariadb:}): the {@link MySqlDialect} under MariaDB's name and URL scheme, reading a table's
 * schema with one catalog query besides the driver's {@code getColumns} ({@link MySqlDialect#readFromCatalog}).
 */
public class MariaDbDialect extends MySqlDialect {

  public MariaDbDialect() {
    super("mariadb", "jdbc:mariadb:");
  }

  @Override
  public TableSchema readListedTable(Connection connection, String listedName) throws SQLException {
    return readFromCatalog(connection, listedName);
  }
}
