package io.doltsync.samples.wildfly;

import io.doltsync.DoltSync;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * At deployment: creates the tables (outside any JTA transaction: doltsync refuses DDL inside an XA branch)
 * and registers the commit-metadata provider with doltsync; at undeployment, unregisters it.
 */
@Singleton
@jakarta.ejb.Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Startup {

  @Resource(lookup = "java:jboss/datasources/LedgerDS")
  private DataSource ledger;

  @Resource(lookup = "java:jboss/datasources/PaymentsXADS")
  private DataSource payments;

  @Inject
  private CallerCommitMetadata metadata;

  @PostConstruct
  void start() {
    try {
      execute(ledger, "CREATE TABLE IF NOT EXISTS accounts (name VARCHAR(40) PRIMARY KEY, balance BIGINT NOT NULL)");
      execute(payments, "CREATE TABLE IF NOT EXISTS payments (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
          + "payer VARCHAR(40) NOT NULL, payee VARCHAR(40) NOT NULL, amount BIGINT NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the ledger's tables", e);
    }
    DoltSync.registerCommitMetadataProvider(metadata);
  }

  @PreDestroy
  void stop() {
    DoltSync.unregisterCommitMetadataProvider(metadata);
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
