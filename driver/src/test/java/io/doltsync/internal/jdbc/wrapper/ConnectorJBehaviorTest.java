package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JDBC behavior suite on MariaDB through mysql-connector-j ({@code jdbc:mysql:}), mirroring into Dolt
 * through mysql-connector-j too ({@code doltsync.target=jdbc:mysql://…}): the primary's dialect is then
 * {@code MySqlDialect}, and every statement to the primary and to Dolt goes through Connector/J.
 */
class ConnectorJBehaviorTest extends MariaDbBehaviorTest {

  @Override
  protected String rawUrl(PrimaryKind.Space space) {
    return TestServers.asConnectorJ(space.url()) + "?allowMultiQueries=true";
  }

  @Override
  protected String doltTarget(String doltDatabase) {
    return TestServers.asConnectorJ(TestServers.doltUrl(doltDatabase));
  }

  /** Connector/J names an unnamed savepoint after a random UUID (underscores for dashes). */
  @Override
  protected List<Pattern> volatileParts() {
    List<Pattern> parts = new ArrayList<>(super.volatileParts());
    parts.add(Pattern.compile("[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}"));
    return parts;
  }

  /** Connector/J names the product MySQL whatever server it talks to. */
  @Override
  protected String productName() {
    return "MySQL";
  }

  @Override
  protected VendorClasses vendorClasses() {
    return new VendorClasses(com.mysql.cj.jdbc.JdbcConnection.class, com.mysql.cj.jdbc.JdbcStatement.class,
        com.mysql.cj.jdbc.JdbcPreparedStatement.class, com.mysql.cj.jdbc.result.ResultSetInternalMethods.class,
        com.mysql.cj.jdbc.DatabaseMetaData.class);
  }
}
