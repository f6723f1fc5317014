package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The workload's tables, in portable SQL with two holes per database (the generated-key column and the
 * timestamp type), and their seed rows. Every kind of table the mirror must handle is here: a generated
 * key with a unique index besides it ({@code item}), a composite key ({@code stock}), no key at all
 * ({@code event_log}), a parent with an ON DELETE CASCADE, ON UPDATE CASCADE child ({@code orders}) and an ON DELETE SET NULL,
 * ON UPDATE CASCADE child ({@code note}), and a table only a trigger on {@code orders} writes ({@code audit}). The
 * {@code version} columns only ever grow, which the multi-writer run uses to check each row's history order.
 */
public final class WorkloadSchema {

  /** Tables whose rows carry a {@code version} that every update increments. */
  static final List<String> VERSIONED_TABLES = List.of("item", "stock", "customer", "orders");

  static final int SEED_CUSTOMERS = 20;
  static final int SEED_ORDERS = 60;
  static final int SEED_NOTES = 30;
  static final int SEED_ITEMS = 30;
  static final int SEED_WAREHOUSES = 3;
  static final int SEED_STOCK_SKUS = 8;

  private WorkloadSchema() {}

  /**
   * @param identity  the definition of a generated 64-bit key column, e.g. {@code BIGINT AUTO_INCREMENT}
   * @param timestamp a timestamp type with microseconds
   */
  public static List<String> tables(String identity, String timestamp) {
    return List.of(
        "CREATE TABLE item (id " + identity + " PRIMARY KEY, sku VARCHAR(20) NOT NULL, name VARCHAR(40),"
            + " price DECIMAL(10,2), qty INT NOT NULL DEFAULT 0, active BOOLEAN DEFAULT TRUE, updated_at " + timestamp
            + " NULL, version INT NOT NULL DEFAULT 0, CONSTRAINT item_sku UNIQUE (sku))",
        "CREATE TABLE stock (warehouse INT NOT NULL, sku VARCHAR(20) NOT NULL, qty INT NOT NULL, note VARCHAR(40),"
            + " version INT NOT NULL DEFAULT 0, PRIMARY KEY (warehouse, sku))",
        "CREATE TABLE event_log (kind VARCHAR(20), ref INT, amount DECIMAL(10,2))",
        "CREATE TABLE customer (id INT NOT NULL PRIMARY KEY, name VARCHAR(40), tier INT, version INT NOT NULL DEFAULT 0)",
        "CREATE TABLE orders (id INT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2),"
            + " status VARCHAR(10), version INT NOT NULL DEFAULT 0, CONSTRAINT orders_customer FOREIGN KEY (customer_id)"
            + " REFERENCES customer (id) ON DELETE CASCADE ON UPDATE CASCADE)",
        "CREATE TABLE note (id INT NOT NULL PRIMARY KEY, customer_id INT NULL, body VARCHAR(60),"
            + " CONSTRAINT note_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE SET NULL"
            + " ON UPDATE CASCADE)",
        "CREATE TABLE audit (id " + identity + " PRIMARY KEY, order_id INT, action VARCHAR(10))");
  }

  /** The seed rows, as literal INSERT statements (run before doltsync bootstraps the mirror). */
  static List<String> seedRows(Random random) {
    List<String> sql = new ArrayList<>();
    for (int id = 1; id <= SEED_CUSTOMERS; id++) {
      sql.add("INSERT INTO customer (id, name, tier) VALUES (" + id + ", 'customer " + id + "', " + (1 + id % 3) + ")");
    }
    for (int id = 1; id <= SEED_ITEMS; id++) {
      sql.add("INSERT INTO item (sku, name, price, qty) VALUES ('" + Keys.sku(id) + "', 'item " + id + "', "
          + money(random) + ", " + random.nextInt(50) + ")");
    }
    for (int w = 1; w <= SEED_WAREHOUSES; w++) {
      for (int s = 1; s <= SEED_STOCK_SKUS; s++) {
        sql.add("INSERT INTO stock (warehouse, sku, qty, note) VALUES (" + w + ", '" + Keys.sku(s) + "', "
            + random.nextInt(20) + ", 'seed')");
      }
    }
    for (int id = 1; id <= SEED_ORDERS; id++) {
      sql.add("INSERT INTO orders (id, customer_id, total, status) VALUES (" + id + ", "
          + (1 + random.nextInt(SEED_CUSTOMERS)) + ", " + money(random) + ", 'new')");
    }
    for (int id = 1; id <= SEED_NOTES; id++) {
      String customer = random.nextInt(4) == 0 ? "NULL" : Integer.toString(1 + random.nextInt(SEED_CUSTOMERS));
      sql.add("INSERT INTO note (id, customer_id, body) VALUES (" + id + ", " + customer + ", 'note " + id + "')");
    }
    for (int i = 0; i < 20; i++) {
      sql.add("INSERT INTO event_log (kind, ref, amount) VALUES ('seed', " + random.nextInt(10) + ", "
          + money(random) + ")");
    }
    return sql;
  }

  /** A price between 0.00 and 199.99 as SQL text. */
  static String money(Random random) {
    return random.nextInt(200) + "." + String.format("%02d", random.nextInt(100));
  }
}
