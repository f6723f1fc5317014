package io.doltsync.bench.jmh;

/**
 * Write statements as ORMs send them, in MariaDB's syntax; {@code {t}} stands for the table name, so that
 * the cold benchmark can make any number of distinct texts of the same shape.
 */
public enum WriteStatement {

  INSERT_10_COLUMNS("INSERT INTO {t} (id, customer_id, status, total, currency, created_at, updated_at,"
      + " shipping_address, billing_address, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
  UPDATE_BY_KEY("UPDATE {t} SET status = ?, total = ?, updated_at = ? WHERE id = ?"),
  DELETE_BY_KEY("DELETE FROM {t} WHERE id = ?"),
  UPSERT("INSERT INTO {t} (id, status, total) VALUES (?, ?, ?)"
      + " ON DUPLICATE KEY UPDATE status = VALUES(status), total = VALUES(total)");

  private final String template;

  WriteStatement(String template) {
    this.template = template;
  }

  /** The statement on table {@code table}. */
  public String sql(String table) {
    return template.replace("{t}", table);
  }
}
