package io.doltsync.tck;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Statements whose SQL differs per database (upserts, RETURNING, joins, the stored procedure) and the
 * JDBC batch forms.
 */
final class DialectStatements {

  private final Primary primary;
  private final Random random;
  private final Keys keys;

  DialectStatements(Primary primary, Random random, Keys keys) {
    this.primary = primary;
    this.random = random;
    this.keys = keys;
  }

  Operation make(OpKind kind) {
    return switch (kind) {
      case UPSERT -> upsert();
      case RETURNING -> returning();
      case JOIN_UPDATE -> Sql.update(kind, primary.joinUpdateOrders(), "j" + random.nextInt(3), 1 + random.nextInt(3));
      case JOIN_DELETE -> Sql.update(kind, primary.joinDeleteOrders(), 1 + random.nextInt(3),
          BigDecimal.valueOf(random.nextInt(40)));
      case CALLABLE -> Sql.call(kind, primary.callRestock(), keys.item(), 1 + random.nextInt(9));
      case STATEMENT_BATCH -> statementBatch();
      case PREPARED_BATCH -> preparedBatch();
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private Operation upsert() {
    List<Primary.UpsertForm> extra = primary.extraUpserts();
    int choice = random.nextInt(2 + extra.size());
    if (choice == 0) {
      return Sql.update(OpKind.UPSERT, primary.upsertItemBySku(), keys.itemSku(), "upserted", money(), 1 + random.nextInt(5));
    }
    if (choice == 1) {
      return Sql.update(OpKind.UPSERT, primary.upsertStockByKey(), keys.newWarehouse(), keys.stockSku(),
          random.nextInt(30));
    }
    Primary.UpsertForm form = extra.get(choice - 2);
    return switch (form.parameters()) {
      case CUSTOMER -> Sql.update(OpKind.UPSERT, form.sql(), keys.newCustomer(), "upserted " + random.nextInt(100),
          1 + random.nextInt(3));
      case ITEM -> Sql.update(OpKind.UPSERT, form.sql(), keys.itemSku(), 1 + random.nextInt(5));
      case STOCK -> Sql.update(OpKind.UPSERT, form.sql(), keys.newWarehouse(), keys.stockSku(), random.nextInt(30));
    };
  }

  private Operation returning() {
    if (random.nextInt(3) == 0) {
      return Sql.query(OpKind.RETURNING, primary.insertEventReturningRef(), ref -> { }, "r" + random.nextInt(3),
          random.nextInt(10), money());
    }
    if (random.nextBoolean()) {
      return Sql.query(OpKind.RETURNING, primary.insertItemReturningId(), keys::sawItem, keys.newItemSku(), "returned",
          money(), random.nextInt(9));
    }
    return Sql.query(OpKind.RETURNING, primary.deleteNotesReturningIds(), id -> { }, keys.customer());
  }

  private Operation statementBatch() {
    int size = 2 + random.nextInt(3);
    List<String> sqls = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      sqls.add(switch (random.nextInt(5)) {
        case 0 -> "INSERT INTO event_log (kind, ref, amount) VALUES ('batch', " + random.nextInt(10) + ", 1.00)";
        case 1 -> "UPDATE customer SET tier = " + (1 + random.nextInt(3)) + ", version = version + 1 WHERE id = "
            + keys.customer();
        case 2 -> "DELETE FROM note WHERE id = " + keys.note();
        case 3 -> "INSERT INTO stock (warehouse, sku, qty, note) VALUES (" + keys.newWarehouse() + ", '"
            + keys.stockSku() + "', 1, 'batch')";
        default -> "UPDATE stock SET qty = qty + 1, version = version + 1 WHERE warehouse = " + keys.warehouse();
      });
    }
    return Sql.statementBatch(OpKind.STATEMENT_BATCH, sqls);
  }

  private Operation preparedBatch() {
    int size = 2 + random.nextInt(3);
    List<Object[]> rows = new ArrayList<>(size);
    return switch (random.nextInt(6)) {
      case 4 -> {
        for (int i = 0; i < size; i++) { // part of the key; entries may change the same rows, or none
          rows.add(new Object[] {"b" + random.nextInt(100), keys.warehouse(), random.nextInt(25)});
        }
        yield Sql.preparedBatch(OpKind.PREPARED_BATCH,
            "UPDATE stock SET note = ?, version = version + 1 WHERE warehouse = ? AND qty < ?", rows);
      }
      case 5 -> {
        for (int i = 0; i < size; i++) {
          rows.add(new Object[] {random.nextInt(10)});
        }
        yield Sql.preparedBatch(OpKind.PREPARED_BATCH, "DELETE FROM event_log WHERE ref = ?", rows); // keyless
      }
      case 0 -> {
        for (int i = 0; i < size; i++) {
          rows.add(new Object[] {random.nextInt(30), keys.warehouse(), keys.stockSku()});
        }
        yield Sql.preparedBatch(OpKind.PREPARED_BATCH,
            "UPDATE stock SET qty = ?, version = version + 1 WHERE warehouse = ? AND sku = ?", rows);
      }
      case 1 -> {
        for (int i = 0; i < size; i++) {
          rows.add(new Object[] {keys.newNote(), keys.customer(), "batched"});
        }
        yield Sql.preparedBatch(OpKind.PREPARED_BATCH, "INSERT INTO note (id, customer_id, body) VALUES (?, ?, ?)", rows);
      }
      case 2 -> {
        for (int i = 0; i < size; i++) {
          rows.add(new Object[] {keys.order()});
        }
        yield Sql.preparedBatch(OpKind.PREPARED_BATCH, "DELETE FROM orders WHERE id = ?", rows);
      }
      default -> {
        for (int i = 0; i < size; i++) {
          rows.add(new Object[] {keys.newItemSku(), "batched", money(), i});
        }
        yield Sql.preparedBatch(OpKind.PREPARED_BATCH, "INSERT INTO item (sku, name, price, qty) VALUES (?, ?, ?, ?)", rows);
      }
    };
  }

  private BigDecimal money() {
    return BigDecimal.valueOf(random.nextInt(20_000), 2);
  }
}
