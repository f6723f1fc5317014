package io.doltsync.tck;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the keys statements use. Keys of existing rows come from small ranges, so statements (and
 * writers) overlap and some inserts collide. With {@link #freshInserts} every INSERT (and every key an
 * UPDATE moves a row to) is new to the database: a key, once gone, never comes back, which the
 * multi-writer run needs to read each row's history as one line of versions.
 */
final class Keys {

  static final int CUSTOMERS = 45;
  static final int ORDERS = 150;
  static final int NOTES = 80;
  static final int WAREHOUSES = 6;
  static final int STOCK_SKUS = 20;
  static final int ITEM_SKUS = 90;

  private final Random random;
  private final boolean freshInserts;
  private final Shared shared;

  Keys(Random random, boolean freshInserts, Shared shared) {
    this.random = random;
    this.freshInserts = freshInserts;
    this.shared = shared;
  }

  /** What the writers of one run share: the counter of fresh keys and the largest item id seen. */
  static final class Shared {
    private final AtomicInteger fresh = new AtomicInteger(1000);
    private final AtomicLong maxItemId = new AtomicLong(WorkloadSchema.SEED_ITEMS);
  }

  boolean freshInserts() {
    return freshInserts;
  }

  static String sku(int n) {
    return String.format("k%03d", n);
  }

  // ---- keys of rows that probably exist ---------------------------------------------------------

  int customer() {
    return pick(CUSTOMERS);
  }

  int order() {
    return pick(ORDERS);
  }

  int note() {
    return pick(NOTES);
  }

  int warehouse() {
    return 1 + random.nextInt(WAREHOUSES);
  }

  String stockSku() {
    return sku(1 + random.nextInt(STOCK_SKUS));
  }

  String itemSku() {
    return sku(1 + random.nextInt(ITEM_SKUS));
  }

  long item() {
    return 1 + (long) random.nextInt((int) Math.min(Integer.MAX_VALUE - 1, shared.maxItemId.get()));
  }

  /** Records a generated item id, so later statements target new items too. */
  void sawItem(long id) {
    shared.maxItemId.accumulateAndGet(id, Math::max);
  }

  // ---- keys for new rows ------------------------------------------------------------------------

  int newCustomer() {
    return freshInserts ? fresh() : customer();
  }

  int newOrder() {
    return freshInserts ? fresh() : order();
  }

  int newNote() {
    return freshInserts ? fresh() : note();
  }

  int newWarehouse() {
    return freshInserts ? fresh() : warehouse();
  }

  String newItemSku() {
    return freshInserts ? "f" + fresh() : itemSku();
  }

  private int fresh() {
    return shared.fresh.incrementAndGet();
  }

  /** Mostly the small shared range; in fresh mode sometimes a recently created key. */
  private int pick(int range) {
    int recent = shared.fresh.get();
    if (freshInserts && recent > 1000 && random.nextInt(4) == 0) {
      return Math.max(1001, recent - random.nextInt(30));
    }
    return 1 + random.nextInt(range);
  }
}
