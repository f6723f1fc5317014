package io.doltsync.tck;

import java.math.BigDecimal;
import java.util.Random;

/**
 * Statements that pick their rows by condition, or have no key to pick them by: ranges, subqueries,
 * INSERT ... SELECT, the keyless table, and TRUNCATE.
 */
final class SetStatements {

  private final Random random;
  private final Keys keys;

  SetStatements(Random random, Keys keys) {
    this.random = random;
    this.keys = keys;
  }

  Operation make(OpKind kind) {
    return switch (kind) {
      case INSERT_SELECT -> insertSelect();
      case RANGE_UPDATE -> rangeUpdate();
      case SUBQUERY_UPDATE -> subqueryUpdate();
      case RANGE_DELETE -> rangeDelete();
      case SUBQUERY_DELETE -> subqueryDelete();
      case KEYLESS_WRITE -> keylessWrite();
      case TRUNCATE -> truncate();
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private Operation insertSelect() {
    int from = keys.order();
    return switch (random.nextInt(4)) {
      case 0 -> Sql.update(OpKind.INSERT_SELECT, "INSERT INTO event_log (kind, ref, amount)"
          + " SELECT 'copy', id, total FROM orders WHERE id BETWEEN ? AND ?", from, from + 4);
      case 1 -> Sql.update(OpKind.INSERT_SELECT, "INSERT INTO stock (warehouse, sku, qty, note, version)"
          + " SELECT ?, sku, qty, 'copy', 0 FROM stock WHERE warehouse = ?", keys.newWarehouse(), keys.warehouse());
      case 2 -> {
        long item = keys.item();
        String suffix = keys.freshInserts() ? "x" + keys.newOrder() : "x" + random.nextInt(5);
        yield Sql.update(OpKind.INSERT_SELECT, "INSERT INTO item (sku, name, price, qty)"
            + " SELECT CONCAT(sku, ?), name, price, 0 FROM item WHERE id BETWEEN ? AND ?", suffix, item, item + 1);
      }
      default -> Sql.update(OpKind.INSERT_SELECT, "INSERT INTO audit (order_id, action)"
          + " SELECT id, 'sweep' FROM orders WHERE id BETWEEN ? AND ?", from, from + 3);
    };
  }

  private Operation rangeUpdate() {
    return switch (random.nextInt(5)) {
      case 4 -> Sql.update(OpKind.RANGE_UPDATE, "UPDATE stock SET note = ?, qty = qty + 1, version = version + 1"
          + " WHERE warehouse = ?", "w" + random.nextInt(100), keys.warehouse()); // part of the key (TPC-C Delivery's form)
      case 0 -> {
        BigDecimal low = money();
        yield Sql.update(OpKind.RANGE_UPDATE, "UPDATE item SET qty = qty + ?, version = version + 1"
            + " WHERE price BETWEEN ? AND ?", 1 + random.nextInt(3), low, low.add(BigDecimal.valueOf(15)));
      }
      case 1 -> Sql.update(OpKind.RANGE_UPDATE, "UPDATE stock SET qty = qty * 2, version = version + 1"
          + " WHERE qty < ? AND warehouse = ?", random.nextInt(10), keys.warehouse());
      case 2 -> {
        int from = keys.order();
        yield Sql.update(OpKind.RANGE_UPDATE, "UPDATE orders SET status = ?, version = version + 1"
            + " WHERE id >= ? AND id < ?", "s" + random.nextInt(5), from, from + 3);
      }
      default -> Sql.update(OpKind.RANGE_UPDATE, "UPDATE customer SET tier = tier + 1, version = version + 1"
          + " WHERE tier < ? AND name LIKE ?", 1 + random.nextInt(3), random.nextBoolean() ? "customer 1%" : "renamed%");
    };
  }

  private Operation subqueryUpdate() {
    return switch (random.nextInt(3)) {
      case 0 -> Sql.update(OpKind.SUBQUERY_UPDATE, "UPDATE orders SET status = 'vip', version = version + 1"
          + " WHERE customer_id IN (SELECT id FROM customer WHERE tier = ?)", 1 + random.nextInt(5));
      case 1 -> Sql.update(OpKind.SUBQUERY_UPDATE, "UPDATE item SET active = FALSE, version = version + 1"
          + " WHERE sku IN (SELECT sku FROM stock WHERE qty < ?)", random.nextInt(5));
      default -> Sql.update(OpKind.SUBQUERY_UPDATE, "UPDATE customer SET name = 'busy', version = version + 1"
          + " WHERE id IN (SELECT customer_id FROM orders WHERE total > ?)", BigDecimal.valueOf(190 + random.nextInt(10)));
    };
  }

  private Operation rangeDelete() {
    return switch (random.nextInt(4)) {
      case 0 -> Sql.update(OpKind.RANGE_DELETE, "DELETE FROM stock WHERE qty < ? AND warehouse = ?",
          random.nextInt(6), keys.warehouse());
      case 1 -> {
        int from = keys.note();
        yield Sql.update(OpKind.RANGE_DELETE, "DELETE FROM note WHERE id BETWEEN ? AND ?", from, from + 2);
      }
      case 2 -> Sql.update(OpKind.RANGE_DELETE, "DELETE FROM orders WHERE total < ? AND status = ?",
          money(), "s" + random.nextInt(5));
      default -> Sql.update(OpKind.RANGE_DELETE, "DELETE FROM item WHERE qty = 0 AND price > ?",
          BigDecimal.valueOf(100 + random.nextInt(100)));
    };
  }

  private Operation subqueryDelete() {
    return switch (random.nextInt(3)) {
      case 0 -> Sql.update(OpKind.SUBQUERY_DELETE, "DELETE FROM note WHERE customer_id IN"
          + " (SELECT id FROM customer WHERE tier = ?)", 1 + random.nextInt(6));
      case 1 -> Sql.update(OpKind.SUBQUERY_DELETE, "DELETE FROM stock WHERE sku IN (SELECT sku FROM item WHERE active = ?)",
          Boolean.FALSE);
      default -> Sql.update(OpKind.SUBQUERY_DELETE, "DELETE FROM audit WHERE order_id IN"
          + " (SELECT id FROM orders WHERE status = ?)", "s" + random.nextInt(5));
    };
  }

  /**
   * Keyless writes: INSERT ... VALUES (journaled as added rows), UPDATE by literals or parameters and DELETE
   * (rows read before the statement, journaled as removed and re-added rows), an UPDATE computed by the
   * database, and an INSERT whose values the database computes (the current year, arithmetic: on PostgreSQL
   * the statement's own returned rows, elsewhere a whole-table copy).
   */
  private Operation keylessWrite() {
    return switch (random.nextInt(7)) {
      case 6 -> Sql.update(OpKind.KEYLESS_WRITE, "INSERT INTO event_log (kind, ref, amount) VALUES"
          + " (CONCAT('y', EXTRACT(YEAR FROM CURRENT_TIMESTAMP)), ? + 1, ? * 2)", random.nextInt(10), money());
      case 0, 1 -> Sql.update(OpKind.KEYLESS_WRITE, "INSERT INTO event_log (kind, ref, amount) VALUES (?, ?, ?)",
          "k" + random.nextInt(3), random.nextInt(10), money());
      case 2 -> Sql.update(OpKind.KEYLESS_WRITE, "UPDATE event_log SET amount = amount + 1 WHERE ref = ?",
          random.nextInt(10));
      case 3 -> Sql.update(OpKind.KEYLESS_WRITE, "UPDATE event_log SET amount = ?, kind = ? WHERE ref = ?",
          money(), "u" + random.nextInt(3), random.nextInt(10));
      case 4 -> Sql.update(OpKind.KEYLESS_WRITE, "DELETE FROM event_log WHERE ref = ?", random.nextInt(10));
      default -> Sql.update(OpKind.KEYLESS_WRITE, "DELETE FROM event_log WHERE kind = ? AND ref = ?",
          "k" + random.nextInt(3), random.nextInt(10));
    };
  }

  private Operation truncate() {
    String table = switch (random.nextInt(3)) {
      case 0 -> "event_log";
      case 1 -> "stock";
      default -> "audit";
    };
    return Sql.plain(OpKind.TRUNCATE, "TRUNCATE TABLE " + table);
  }

  private BigDecimal money() {
    return BigDecimal.valueOf(random.nextInt(20_000), 2);
  }
}
