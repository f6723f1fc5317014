package io.doltsync.tck;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;

/** Statements that name their rows by key: the ORM case, generated keys, key moves, cascades, triggers. */
final class RowStatements {

  private final Random random;
  private final Keys keys;

  RowStatements(Random random, Keys keys) {
    this.random = random;
    this.keys = keys;
  }

  Operation make(OpKind kind) {
    return switch (kind) {
      case ORM_INSERT -> ormInsert();
      case ORM_UPDATE -> ormUpdate();
      case ORM_DELETE -> ormDelete();
      case MULTI_ROW_INSERT -> multiRowInsert();
      case GENERATED_KEYS_INSERT -> generatedKeysInsert();
      case KEY_UPDATE -> keyUpdate();
      case CASCADE_DELETE -> cascadeDelete();
      case TRIGGER_WRITE -> triggerWrite();
      case UPDATABLE_RESULT_SET -> updatableResultSet();
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  /**
   * A row changed through a scrollable, updatable result set: a customer's columns (its key too, which
   * cascades to its orders and notes), a note inserted with its key given, a note deleted.
   */
  private Operation updatableResultSet() {
    int choice = random.nextInt(4);
    int customer = keys.customer();
    int note = keys.note();
    int newKey = choice == 1 ? keys.newCustomer() : keys.newNote();
    String text = "rs " + random.nextInt(1000);
    String description = switch (choice) {
      case 0 -> "updateRow customer " + customer + " name = " + text;
      case 1 -> "updateRow customer " + customer + " id = " + newKey;
      case 2 -> "insertRow note " + newKey + " of customer " + customer;
      default -> "deleteRow note " + note;
    };
    return new Operation(OpKind.UPDATABLE_RESULT_SET, description, connection -> {
      try (java.sql.Statement statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
          ResultSet.CONCUR_UPDATABLE)) {
        // in a transaction the customer is read locked: a plain read may see a snapshot older than the row (MariaDB
        // and MySQL read one taken at the transaction's first read), and its version + 1 would lower the version
        // a concurrent writer has committed since
        String query = choice < 2 ? "SELECT id, name, tier, version FROM customer WHERE id = " + customer
            + (choice == 0 && !connection.getAutoCommit() ? " FOR UPDATE" : "")
            : "SELECT id, customer_id, body FROM note WHERE id = " + note;
        try (ResultSet rows = statement.executeQuery(query)) {
          if (choice == 2) {
            rows.moveToInsertRow();
            rows.updateInt("id", newKey);
            rows.updateInt("customer_id", customer);
            rows.updateString("body", text);
            rows.insertRow();
            return;
          }
          if (!rows.next()) {
            return;
          }
          switch (choice) {
            case 0 -> {
              rows.updateString("name", text);
              rows.updateInt("version", rows.getInt("version") + 1);
              rows.updateRow();
            }
            case 1 -> {
              rows.updateInt("id", newKey);
              rows.updateRow();
            }
            default -> rows.deleteRow();
          }
        }
      }
    });
  }

  private Operation ormInsert() {
    return switch (random.nextInt(6)) {
      // columns left out: note.body is nullable without a default (its image is stated, NULL), stock.version has
      // a default (read at commit), event_log.amount is nullable without a default in a keyless table
      case 3 -> Sql.update(OpKind.ORM_INSERT, "INSERT INTO note (id, customer_id) VALUES (?, ?)",
          keys.newNote(), keys.customer());
      case 4 -> Sql.update(OpKind.ORM_INSERT, "INSERT INTO stock (warehouse, sku, qty) VALUES (?, ?, ?)",
          keys.newWarehouse(), keys.stockSku(), random.nextInt(30));
      case 5 -> Sql.update(OpKind.ORM_INSERT, "INSERT INTO event_log (kind, ref) VALUES (?, ?)",
          "omitted", random.nextInt(100));
      case 0 -> Sql.update(OpKind.ORM_INSERT, "INSERT INTO customer (id, name, tier, version) VALUES (?, ?, ?, 0)",
          keys.newCustomer(), "customer " + random.nextInt(1000), 1 + random.nextInt(3));
      case 1 -> Sql.update(OpKind.ORM_INSERT, "INSERT INTO note (id, customer_id, body) VALUES (?, ?, ?)",
          keys.newNote(), keys.customer(), "note " + random.nextInt(1000));
      default -> Sql.update(OpKind.ORM_INSERT,
          "INSERT INTO stock (warehouse, sku, qty, note, version) VALUES (?, ?, ?, ?, 0)",
          keys.newWarehouse(), keys.stockSku(), random.nextInt(30), "orm");
    };
  }

  private Operation ormUpdate() {
    return switch (random.nextInt(7)) {
      // TPC-C's Payment-like amounts added by key (on MariaDB journaled as column changes, not read): an exact
      // decimal, or a double, which is never predicted
      case 6 -> Sql.update(OpKind.ORM_UPDATE, "UPDATE orders SET total = total + ?, version = version + 1 WHERE id = ?",
          random.nextBoolean() ? java.math.BigDecimal.valueOf(random.nextInt(20_000) - 10_000, 2)
              : (Object) (random.nextInt(1000) / 8.0), keys.order());
      // every column set by a parameter, the key pinned: the statement determines the row's image (in auto-commit
      // mode it goes with its journal entry as one statement)
      case 5 -> versionedCustomerUpdate();
      case 0 -> Sql.update(OpKind.ORM_UPDATE, "UPDATE customer SET name = ?, tier = ?, version = version + 1 WHERE id = ?",
          "renamed " + random.nextInt(1000), 1 + random.nextInt(3), keys.customer());
      case 1 -> optimisticItemUpdate();
      case 2 -> Sql.update(OpKind.ORM_UPDATE,
          "UPDATE stock SET qty = ?, note = ?, version = version + 1 WHERE warehouse = ? AND sku = ?",
          random.nextInt(30), "set", keys.warehouse(), keys.stockSku());
      case 3 -> Sql.update(OpKind.ORM_UPDATE, "UPDATE item SET qty = qty + ?, active = ?,"
          + " updated_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = ?",
          random.nextInt(5), random.nextBoolean(), keys.item());
      default -> {
        String body = "edited " + random.nextInt(1000);
        int note = keys.note();
        // one in three through executeQuery (chosen from the key, so the workload's random sequence is unchanged)
        yield note % 3 == 0 ? Sql.queryOfWrite(OpKind.ORM_UPDATE, "UPDATE note SET body = ? WHERE id = ?", body, note)
            : Sql.update(OpKind.ORM_UPDATE, "UPDATE note SET body = ? WHERE id = ?", body, note);
      }
    };
  }

  /**
   * What an ORM with a version attribute sends: every column set by a parameter, the new version among them,
   * the key and the version read pinned in the WHERE. The version check keeps the row's version growing: a
   * version given without it (once a random one) lowered a version when another writer had incremented it
   * between the read and the write, which the multi-writer oracle rightly reads as history out of order.
   */
  private Operation versionedCustomerUpdate() {
    String name = "orm '?;\\ " + random.nextInt(1000);
    int tier = 1 + random.nextInt(3);
    random.nextInt(50); // the version this case once set: drawn still, so each seed's sequence stays as it was
    int id = keys.customer();
    String update = "UPDATE customer SET name = ?, tier = ?, version = ? WHERE id = ? AND version = ?";
    return new Operation(OpKind.ORM_UPDATE, "SELECT version FROM customer WHERE id = " + id + "; " + update
        + " [" + name + ", " + tier + ", <version read + 1>, " + id + ", <version read>]", connection -> {
          Integer version = versionOf(connection, "SELECT version FROM customer WHERE id = ?", id);
          if (version != null) {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
              statement.setString(1, name);
              statement.setInt(2, tier);
              statement.setInt(3, version + 1);
              statement.setInt(4, id);
              statement.setInt(5, version);
              statement.executeUpdate();
            }
          }
        });
  }

  /** The version the query (one key parameter) reads, or {@code null} when the row is gone. */
  private static Integer versionOf(java.sql.Connection connection, String query, long id) throws java.sql.SQLException {
    try (PreparedStatement select = connection.prepareStatement(query)) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  /** Reads the row's version, then updates it only if the version is unchanged (optimistic locking). */
  private Operation optimisticItemUpdate() {
    long id = keys.item();
    BigDecimal price = money();
    String update = "UPDATE item SET price = ?, version = version + 1 WHERE id = ? AND version = ?";
    return new Operation(OpKind.ORM_UPDATE, "SELECT version FROM item WHERE id = " + id + "; " + update
        + " [" + price + ", " + id + ", <version read>]", connection -> {
          Integer version = null;
          try (PreparedStatement select = connection.prepareStatement("SELECT version FROM item WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
              if (rs.next()) {
                version = rs.getInt(1);
              }
            }
          }
          if (version != null) {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
              statement.setBigDecimal(1, price);
              statement.setLong(2, id);
              statement.setInt(3, version);
              statement.executeUpdate();
            }
          }
        });
  }

  private Operation ormDelete() {
    return switch (random.nextInt(4)) {
      case 0 -> {
        int note = keys.note();
        yield note % 3 == 1 ? Sql.queryOfWrite(OpKind.ORM_DELETE, "DELETE FROM note WHERE id = ?", note)
            : Sql.update(OpKind.ORM_DELETE, "DELETE FROM note WHERE id = ?", note);
      }
      case 1 -> Sql.update(OpKind.ORM_DELETE, "DELETE FROM stock WHERE warehouse = ? AND sku = ?",
          keys.warehouse(), keys.stockSku());
      case 2 -> Sql.update(OpKind.ORM_DELETE, "DELETE FROM item WHERE id = ?", keys.item());
      default -> Sql.update(OpKind.ORM_DELETE, "DELETE FROM orders WHERE id = ?", keys.order());
    };
  }

  private Operation multiRowInsert() {
    switch (random.nextInt(3)) {
      case 0 -> {
        int rows = 2 + random.nextInt(3);
        StringBuilder sql = new StringBuilder("INSERT INTO stock (warehouse, sku, qty, note, version) VALUES ");
        Object[] parameters = new Object[rows * 3];
        for (int i = 0; i < rows; i++) {
          sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'multi', 0)");
          parameters[i * 3] = keys.newWarehouse();
          parameters[i * 3 + 1] = keys.stockSku();
          parameters[i * 3 + 2] = random.nextInt(30);
        }
        return Sql.update(OpKind.MULTI_ROW_INSERT, sql.toString(), parameters);
      }
      case 1 -> {
        int first = keys.newCustomer();
        int second = keys.newCustomer();
        return Sql.plain(OpKind.MULTI_ROW_INSERT, "INSERT INTO customer (id, name, tier) VALUES (" + first
            + ", 'multi " + first + "', 1), (" + second + ", 'multi " + second + "', 2)");
      }
      default -> {
        int first = keys.newNote();
        int second = keys.newNote();
        return Sql.plain(OpKind.MULTI_ROW_INSERT, "INSERT INTO note (id, customer_id, body) VALUES (" + first
            + ", NULL, 'literal'), (" + second + ", " + keys.customer() + ", 'literal')");
      }
    }
  }

  private Operation generatedKeysInsert() {
    return switch (random.nextInt(4)) {
      case 0 -> Sql.generatedKeys(OpKind.GENERATED_KEYS_INSERT,
          "INSERT INTO item (sku, name, price, qty) VALUES (?, ?, ?, ?)", keys::sawItem,
          keys.newItemSku(), "generated", money(), random.nextInt(20));
      case 1 -> Sql.generatedKeys(OpKind.GENERATED_KEYS_INSERT,
          "INSERT INTO item (sku, name, price, qty) VALUES (?, ?, ?, ?), (?, ?, ?, ?)", keys::sawItem,
          keys.newItemSku(), "pair", money(), 1, keys.newItemSku(), "pair", money(), 2);
      case 2 -> Sql.plainGeneratedKeys(OpKind.GENERATED_KEYS_INSERT, "INSERT INTO item (sku, name, price, qty)"
          + " VALUES ('" + keys.newItemSku() + "', 'plain', " + money() + ", 3)", keys::sawItem);
      default -> Sql.update(OpKind.GENERATED_KEYS_INSERT, "INSERT INTO audit (order_id, action) VALUES (?, 'manual')",
          keys.order());
    };
  }

  private Operation keyUpdate() {
    if (keys.freshInserts()) {
      return random.nextBoolean()
          ? Sql.update(OpKind.KEY_UPDATE, "UPDATE stock SET warehouse = ?, version = version + 1"
              + " WHERE warehouse = ? AND sku = ?", keys.newWarehouse(), keys.warehouse(), keys.stockSku())
          : Sql.update(OpKind.KEY_UPDATE, "UPDATE note SET id = ? WHERE id = ?", keys.newNote(), keys.note());
    }
    return switch (random.nextInt(5)) {
      case 0 -> Sql.update(OpKind.KEY_UPDATE, "UPDATE stock SET warehouse = ?, version = version + 1"
          + " WHERE warehouse = ? AND sku = ?", keys.warehouse(), keys.warehouse(), keys.stockSku());
      case 1 -> Sql.update(OpKind.KEY_UPDATE, "UPDATE stock SET sku = CONCAT(sku, 'm'), version = version + 1"
          + " WHERE warehouse = ? AND qty > ?", keys.warehouse(), 20 + random.nextInt(20));
      case 2 -> Sql.update(OpKind.KEY_UPDATE, "UPDATE note SET id = ? WHERE id = ?", keys.note(), keys.note());
      case 3 -> {
        int from = keys.note();
        yield Sql.update(OpKind.KEY_UPDATE, "UPDATE note SET id = id + 100 WHERE id BETWEEN ? AND ?", from, from + 2);
      }
      default -> Sql.update(OpKind.KEY_UPDATE, "UPDATE customer SET id = ?, version = version + 1 WHERE id = ?",
          keys.customer(), keys.customer());
    };
  }

  private Operation cascadeDelete() {
    if (keys.freshInserts() || random.nextInt(3) > 0) {
      return Sql.update(OpKind.CASCADE_DELETE, "DELETE FROM customer WHERE id = ?", keys.customer());
    }
    return Sql.update(OpKind.CASCADE_DELETE, "DELETE FROM customer WHERE tier = ? AND id > ?",
        1 + random.nextInt(3), Keys.CUSTOMERS - random.nextInt(10));
  }

  private Operation triggerWrite() {
    if (random.nextBoolean()) {
      return Sql.update(OpKind.TRIGGER_WRITE,
          "INSERT INTO orders (id, customer_id, total, status, version) VALUES (?, ?, ?, 'new', 0)",
          keys.newOrder(), keys.customer(), money());
    }
    return Sql.update(OpKind.TRIGGER_WRITE, "UPDATE orders SET total = total + ?, version = version + 1 WHERE id = ?",
        money(), keys.order());
  }

  private BigDecimal money() {
    return BigDecimal.valueOf(random.nextInt(20_000), 2);
  }
}
