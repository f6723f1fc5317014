package io.doltsync.samples.wildfly;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The bank's ledger. Accounts live in the non-XA datasource {@code LedgerDS}, payments in the XA datasource
 * {@code PaymentsXADS}; both are doltsync datasources configured in the server, so every committed transaction
 * of either database becomes one Dolt commit in that database's Dolt history, by the logged-in user
 * ({@link CallerCommitMetadata}). A payment is one JTA transaction over both datasources (the XA one plus the
 * non-XA one as the transaction manager's last resource): it commits in both or in neither.
 */
@ApplicationScoped
public class Ledger {

  @Resource(lookup = "java:jboss/datasources/LedgerDS")
  private DataSource ledger;

  @Resource(lookup = "java:jboss/datasources/PaymentsXADS")
  private DataSource payments;

  /** Opens an account with a first balance: one transaction on LedgerDS. */
  @Transactional(rollbackOn = SQLException.class)
  public void openAccount(String name, long balance) throws SQLException {
    try (Connection connection = ledger.getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (name, balance) VALUES (?, ?)")) {
      insert.setString(1, name);
      insert.setLong(2, balance);
      insert.executeUpdate();
    }
  }

  /**
   * Records a payment in PaymentsXADS and moves the amount between the accounts in LedgerDS, in one global
   * transaction; a payer without the funds rolls both back ({@link InsufficientFundsException}).
   */
  @Transactional(rollbackOn = SQLException.class)
  public long pay(String payer, String payee, long amount) throws SQLException {
    long id;
    try (Connection connection = payments.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO payments (payer, payee, amount) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, payer);
      insert.setString(2, payee);
      insert.setLong(3, amount);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (Connection connection = ledger.getConnection()) {
      move(connection, payer, -amount);
      move(connection, payee, amount);
      try (PreparedStatement balance = connection.prepareStatement("SELECT balance FROM accounts WHERE name = ?")) {
        balance.setString(1, payer);
        try (ResultSet row = balance.executeQuery()) {
          if (row.next() && row.getLong(1) < 0) {
            throw new InsufficientFundsException(payer + " cannot pay " + amount);
          }
        }
      }
    }
    return id;
  }

  /** The balances, by account name. */
  public Map<String, Long> balances() throws SQLException {
    Map<String, Long> balances = new LinkedHashMap<>();
    try (Connection connection = ledger.getConnection(); Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("SELECT name, balance FROM accounts ORDER BY name")) {
      while (rows.next()) {
        balances.put(rows.getString(1), rows.getLong(2));
      }
    }
    return balances;
  }

  private static void move(Connection connection, String account, long amount) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE accounts SET balance = balance + ? WHERE name = ?")) {
      update.setLong(1, amount);
      update.setString(2, account);
      if (update.executeUpdate() != 1) {
        throw new InsufficientFundsException("no account " + account);
      }
    }
  }
}
