package io.doltsync.bench.mirror;

import io.doltsync.bench.core.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * The write transaction of the mirror suites, as an ORM flushes it: insert a new order, update its account
 * by primary key (every column set, Hibernate style), commit. Transaction {@code n}'s values are a pure
 * function of {@code n}, so the same row changes can be applied to Dolt directly for comparison.
 */
final class OrderWorkload {

  static final String ACCOUNTS = "bench_accounts";
  static final String ORDERS = "bench_orders";
  /** The value of {@code doltsync.include} that selects exactly these tables. */
  static final String TABLES = ACCOUNTS + "," + ORDERS;
  static final int ACCOUNT_COUNT = 1000;

  private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);
  private static final String[] STATUSES = {"new", "paid", "shipped"};

  private OrderWorkload() {}

  /** The order row transaction {@code n} inserts. */
  record Order(long id, int accountId, BigDecimal amount, String status, LocalDateTime createdAt) {}

  /** The account row as transaction {@code n} leaves it. */
  record Account(int id, String owner, BigDecimal balance, LocalDateTime updatedAt) {}

  static Order order(long n) {
    return new Order(n, account(n).id(), BigDecimal.valueOf(n % 100_000, 2), STATUSES[(int) (n % 3)],
        EPOCH.plusNanos(n * 1_000_000));
  }

  static Account account(long n) {
    int id = (int) (n % ACCOUNT_COUNT) + 1;
    return new Account(id, "owner-" + id, BigDecimal.valueOf(n % 10_000_000, 2), EPOCH.plusNanos(n * 1_000_000));
  }

  /** Drops and creates both tables in a PostgreSQL primary (the same columns, PostgreSQL types) and adds the accounts. */
  static void recreatePostgresTables(Connection primary) throws SQLException {
    Sql.execute(primary, "DROP TABLE IF EXISTS " + ORDERS, "DROP TABLE IF EXISTS " + ACCOUNTS,
        "CREATE TABLE " + ACCOUNTS + " (id INT PRIMARY KEY, owner VARCHAR(64) NOT NULL,"
            + " balance DECIMAL(12,2) NOT NULL, updated_at TIMESTAMP(3) NULL)",
        "CREATE TABLE " + ORDERS + " (id BIGINT PRIMARY KEY, account_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,"
            + " status VARCHAR(16) NOT NULL, created_at TIMESTAMP(3) NOT NULL)",
        "CREATE INDEX idx_orders_account ON " + ORDERS + " (account_id)");
    insertAccounts(primary);
  }

  /** Drops and creates both tables in the primary and adds the accounts. */
  static void recreateTables(Connection primary) throws SQLException {
    Sql.execute(primary, "DROP TABLE IF EXISTS " + ORDERS, "DROP TABLE IF EXISTS " + ACCOUNTS,
        "CREATE TABLE " + ACCOUNTS + " (id INT PRIMARY KEY, owner VARCHAR(64) NOT NULL,"
            + " balance DECIMAL(12,2) NOT NULL, updated_at DATETIME(3) NULL)",
        "CREATE TABLE " + ORDERS + " (id BIGINT PRIMARY KEY, account_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,"
            + " status VARCHAR(16) NOT NULL, created_at DATETIME(3) NOT NULL, KEY idx_orders_account (account_id))");
    insertAccounts(primary);
  }

  /** Adds accounts 1..{@link #ACCOUNT_COUNT} with a zero balance, in the connection's own transaction mode. */
  static void insertAccounts(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + ACCOUNTS + " (id, owner, balance, updated_at) VALUES (?, ?, 0, NULL)")) {
      for (int id = 1; id <= ACCOUNT_COUNT; id++) {
        insert.setInt(1, id);
        insert.setString(2, "owner-" + id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    connection.commit();
    connection.setAutoCommit(autoCommit);
  }

  /** Runs transaction {@code n} on a primary connection in manual-commit mode, and commits it. */
  static void transaction(Connection connection, long n) throws SQLException {
    insertOrder(connection, n);
    updateAccount(connection, n);
    connection.commit();
  }

  /** Transaction {@code n}'s account update alone, on a connection in auto-commit mode. */
  static void autocommitUpdate(Connection connection, long n) throws SQLException {
    updateAccount(connection, n);
  }

  private static void insertOrder(Connection connection, long n) throws SQLException {
    Order order = order(n);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ORDERS
        + " (id, account_id, amount, status, created_at) VALUES (?, ?, ?, ?, ?)")) {
      insert.setLong(1, order.id());
      insert.setInt(2, order.accountId());
      insert.setBigDecimal(3, order.amount());
      insert.setString(4, order.status());
      insert.setObject(5, order.createdAt());
      insert.executeUpdate();
    }
  }

  private static void updateAccount(Connection connection, long n) throws SQLException {
    Account account = account(n);
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + ACCOUNTS
        + " SET owner = ?, balance = ?, updated_at = ? WHERE id = ?")) {
      update.setString(1, account.owner());
      update.setBigDecimal(2, account.balance());
      update.setObject(3, account.updatedAt());
      update.setInt(4, account.id());
      update.executeUpdate();
    }
  }
}
