package io.doltsync.internal.dialect;

import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which primary server and JDBC driver a mirror's connections reach (MariaDB or not behind a MySQL-family
 * dialect, PostgreSQL through pgjdbc or not, MariaDB Connector/J or not), probed once from the first
 * connection's metadata and shared by everything that adapts to it: the combined image read, the journal
 * write fused with the commit, the auto-commit path, the stored-value rules and updatable result sets.
 */
public final class PrimaryFlavour {

  /**
   * What the probe found.
   *
   * @param mariadbServer    a MariaDB server behind a MySQL-family dialect
   * @param postgresqlServer a PostgreSQL server behind a PostgreSQL-family dialect
   * @param mariadbConnector the driver is MariaDB Connector/J
   * @param pgjdbc           the driver is pgjdbc
   */
  public record Facts(boolean mariadbServer, boolean postgresqlServer, boolean mariadbConnector, boolean pgjdbc) {}

  private final SourceDialect dialect;
  private volatile Facts facts;

  public PrimaryFlavour(SourceDialect dialect) {
    this.dialect = dialect;
  }

  /** The facts, probed from {@code connection}'s metadata the first time (no round trip on the drivers tested). */
  public Facts of(Connection connection) throws SQLException {
    Facts known = facts;
    if (known == null) {
      DatabaseMetaData meta = connection.getMetaData();
      String product = (meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion())
          .toLowerCase(Locale.ROOT);
      String driver = meta.getDriverName();
      CanonicalSql.Family family = CanonicalSql.familyOf(dialect);
      known = new Facts(family == CanonicalSql.Family.MYSQL && product.contains("mariadb"),
          family == CanonicalSql.Family.POSTGRESQL && product.contains("postgresql"),
          driver != null && driver.startsWith("MariaDB"), "PostgreSQL JDBC Driver".equals(driver));
      facts = known;
    }
    return known;
  }
}
