package io.doltsync.bench.tpcc;

/**
 * The cardinalities of a TPC-C database (clause 1.2 and 4.3.3.1); only the number of warehouses varies.
 *
 * @param warehouses the scale factor
 */
record TpccScale(int warehouses) {

  static final int ITEMS = 100_000;
  static final int DISTRICTS_PER_WAREHOUSE = 10;
  static final int CUSTOMERS_PER_DISTRICT = 3_000;
  static final int ORDERS_PER_DISTRICT = 3_000;
  /** Orders from this id on are undelivered at load time (they have a new_order row). */
  static final int FIRST_UNDELIVERED_ORDER = 2_101;

  TpccScale {
    if (warehouses < 1) {
      throw new IllegalArgumentException("at least one warehouse, not " + warehouses);
    }
  }
}
