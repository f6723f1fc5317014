package io.doltsync.bench.jmh;

/** The statements issue 4 names as typical for classification, in MariaDB's syntax. */
public enum TypicalStatement {

  POINT_SELECT("SELECT id, name, email, created_at FROM customers WHERE id = ?"),
  INSERT_10_COLUMNS("INSERT INTO orders (id, customer_id, status, total, currency, created_at, updated_at,"
      + " shipping_address, billing_address, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
  JOIN_3_TABLES("SELECT o.id, o.total, c.name, p.title FROM orders o JOIN customers c ON c.id = o.customer_id"
      + " JOIN products p ON p.id = o.product_id WHERE o.status = ? AND c.country = ?"
      + " ORDER BY o.created_at DESC LIMIT 20"),
  DOLT_AS_OF("SELECT id, status, total FROM orders AS OF 'main~3' WHERE customer_id = ?"),
  DOLT_LOG("SELECT commit_hash, committer, message, date FROM dolt_log ORDER BY date DESC LIMIT 10"),
  HIBERNATE_SELECT("select o1_0.id,o1_0.billing_address,o1_0.created_at,o1_0.currency,o1_0.customer_id,"
      + "o1_0.note,o1_0.shipping_address,o1_0.status,o1_0.total,o1_0.updated_at from orders o1_0"
      + " where o1_0.customer_id=? and o1_0.status in (?,?) order by o1_0.created_at desc limit ?,?");

  private final String sql;

  TypicalStatement(String sql) {
    this.sql = sql;
  }

  public String sql() {
    return sql;
  }
}
