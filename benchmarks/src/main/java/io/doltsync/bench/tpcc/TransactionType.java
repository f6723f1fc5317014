package io.doltsync.bench.tpcc;

/** The five TPC-C transactions and their share of the mix (clause 5.2.3, keying and think times off). */
enum TransactionType {
  NEW_ORDER("New-Order", 45),
  PAYMENT("Payment", 43),
  ORDER_STATUS("Order-Status", 4),
  DELIVERY("Delivery", 4),
  STOCK_LEVEL("Stock-Level", 4);

  final String label;
  final int weight;

  TransactionType(String label, int weight) {
    this.label = label;
    this.weight = weight;
  }

  /** The type for a uniform draw in 1..100. */
  static TransactionType forDraw(int draw) {
    int upTo = 0;
    for (TransactionType type : values()) {
      upTo += type.weight;
      if (draw <= upTo) {
        return type;
      }
    }
    throw new IllegalArgumentException("draw outside 1..100: " + draw);
  }
}
