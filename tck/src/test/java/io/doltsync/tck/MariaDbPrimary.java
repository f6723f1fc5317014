package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB (and through it MySQL): a fresh database per run on the test server, reached with
 * mariadb-java-client ({@code jdbc:mariadb:}) or, as {@link #connectorJ()}, with mysql-connector-j
 * ({@code jdbc:mysql:}) both for the primary and for Dolt.
 */
final class MariaDbPrimary implements Primary {

  private final boolean connectorJ;
  private final String name;
  private final String serverUrl;
  private final String user;
  private final String password;
  private final boolean mysqlServer;
  /** Binlog capture ({@code doltsync.capture=binlog}): the applier reads the binary log instead of the journal. */
  private final boolean binlog;

  MariaDbPrimary() {
    this(false);
  }

  private MariaDbPrimary(boolean connectorJ) {
    this(connectorJ ? "mariadb-connectorj" : "mariadb", Servers.mariadbUrl(""), Servers.USER, Servers.PASSWORD, connectorJ, false);
  }

  /**
   * @param serverUrl   a mariadb-java-client URL of the server without a database, e.g. {@code jdbc:mariadb://h:3306/}
   * @param user        a user who may create and drop databases
   * @param mysqlServer true for a MySQL server (no RETURNING)
   */
  private MariaDbPrimary(String name, String serverUrl, String user, String password, boolean connectorJ, boolean mysqlServer) {
    this(name, serverUrl, user, password, connectorJ, mysqlServer, false);
  }

  private MariaDbPrimary(String name, String serverUrl, String user, String password, boolean connectorJ,
      boolean mysqlServer, boolean binlog) {
    this.binlog = binlog;
    this.name = name;
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.connectorJ = connectorJ;
    this.mysqlServer = mysqlServer;
  }

  /**
   * The test server through binlog capture ({@code doltsync.capture=binlog}); the server needs the binary log on
   * ({@code scripts/mariadb.sh} starts it so; {@code DOLTSYNC_MARIADB_PORT} picks another server).
   */
  static MariaDbPrimary binlog() {
    return new MariaDbPrimary("mariadb-binlog", Servers.mariadbUrl(""), Servers.USER, Servers.PASSWORD, false, false,
        true);
  }

  /** Binlog capture names the applier's instance in the trailer, not the writing one (as wal capture does). */
  @Override
  public boolean commitsNameTheWritingInstance() {
    return !binlog;
  }

  /** MariaDB and Dolt through mysql-connector-j. */
  static MariaDbPrimary connectorJ() {
    return new MariaDbPrimary(true);
  }

  /** A MariaDB server elsewhere (a container), reached with mariadb-java-client. */
  static MariaDbPrimary mariadbAt(String name, String host, int port, String user, String password) {
    return new MariaDbPrimary(name, "jdbc:mariadb://" + host + ":" + port + "/", user, password, false, false);
  }

  /** A MySQL server elsewhere (a container), reached with mysql-connector-j (primary and Dolt). */
  static MariaDbPrimary mysqlAt(String name, String host, int port, String user, String password) {
    return new MariaDbPrimary(name, "jdbc:mariadb://" + host + ":" + port + "/", user, password, true, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String doltTarget(String mariadbDriverUrl) {
    return connectorJ ? throughConnectorJ(mariadbDriverUrl) : mariadbDriverUrl;
  }

  private static String throughConnectorJ(String mariadbDriverUrl) {
    if (!mariadbDriverUrl.startsWith("jdbc:mariadb:")) {
      throw new IllegalArgumentException("not a mariadb-java-client URL: " + mariadbDriverUrl);
    }
    return "jdbc:mysql:" + mariadbDriverUrl.substring("jdbc:mariadb:".length());
  }

  @Override
  public PrimaryDatabase createDatabase() throws SQLException {
    String name = Servers.uniqueName("tck");
    try (Connection connection = Servers.connect(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    String url = connectorJ ? throughConnectorJ(serverUrl + name) : serverUrl + name;
    if (binlog) {
      url += "?doltsync.capture=binlog";
    }
    return new PrimaryDatabase(this, url, user, password, name, "DROP DATABASE " + name);
  }

  /**
   * Not RETURNING through Connector/J: its {@code executeQuery} refuses any text that does not start like a
   * query ("cannot issue statements that do not produce result sets", SQLState S1009), raw or through doltsync.
   */
  @Override
  public boolean supports(OpKind kind) {
    return !((connectorJ || mysqlServer) && kind == OpKind.RETURNING);
  }

  @Override
  public List<String> schema() {
    List<String> sql = new ArrayList<>(WorkloadSchema.tables("BIGINT NOT NULL AUTO_INCREMENT", "DATETIME(6)"));
    sql.add("CREATE TRIGGER orders_audit_insert AFTER INSERT ON orders FOR EACH ROW"
        + " INSERT INTO audit (order_id, action) VALUES (NEW.id, 'ins')");
    sql.add("CREATE TRIGGER orders_audit_update AFTER UPDATE ON orders FOR EACH ROW"
        + " INSERT INTO audit (order_id, action) VALUES (NEW.id, 'upd')");
    sql.add("CREATE PROCEDURE restock(IN p_id BIGINT, IN p_qty INT) BEGIN"
        + " UPDATE item SET qty = qty + p_qty, version = version + 1 WHERE id = p_id;"
        + " INSERT INTO event_log (kind, ref, amount) VALUES ('restock', p_id, p_qty); END");
    return sql;
  }

  @Override
  public String baseTablesQuery() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'";
  }

  @Override
  public String aliasUrl(String url) {
    return url + (url.contains("?") ? "&" : "?") + "connectTimeout=30001";
  }

  @Override
  public boolean ddlCommitsImplicitly() {
    return true;
  }

  @Override
  public boolean errorAbortsTransaction() {
    return false;
  }

  @Override
  public String upsertItemBySku() {
    return "INSERT INTO item (sku, name, price, qty) VALUES (?, ?, ?, ?)"
        + " ON DUPLICATE KEY UPDATE qty = qty + VALUES(qty), version = version + 1";
  }

  @Override
  public String upsertStockByKey() {
    return "INSERT INTO stock (warehouse, sku, qty, note) VALUES (?, ?, ?, 'upsert')"
        + " ON DUPLICATE KEY UPDATE qty = VALUES(qty), note = 'upserted', version = version + 1";
  }

  @Override
  public List<UpsertForm> extraUpserts() {
    return List.of(
        new UpsertForm("REPLACE INTO customer (id, name, tier) VALUES (?, ?, ?)", UpsertForm.Parameters.CUSTOMER),
        new UpsertForm("INSERT IGNORE INTO stock (warehouse, sku, qty, note) VALUES (?, ?, ?, 'ignore')",
            UpsertForm.Parameters.STOCK));
  }

  @Override
  public String insertItemReturningId() {
    return "INSERT INTO item (sku, name, price, qty) VALUES (?, ?, ?, ?) RETURNING id";
  }

  @Override
  public String insertEventReturningRef() {
    return "INSERT INTO event_log (kind, ref, amount) VALUES (?, ?, ?) RETURNING ref";
  }

  @Override
  public String deleteNotesReturningIds() {
    return "DELETE FROM note WHERE customer_id = ? RETURNING id";
  }

  @Override
  public String joinUpdateOrders() {
    return "UPDATE orders o JOIN customer c ON c.id = o.customer_id SET o.status = ?, o.version = o.version + 1"
        + " WHERE c.tier = ?";
  }

  @Override
  public String joinDeleteOrders() {
    return "DELETE o FROM orders o JOIN customer c ON c.id = o.customer_id WHERE c.tier = ? AND o.total < ?";
  }

  @Override
  public String callRestock() {
    return "{call restock(?, ?)}";
  }
}
