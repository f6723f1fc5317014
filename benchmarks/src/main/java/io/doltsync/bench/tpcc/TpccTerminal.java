package io.doltsync.bench.tpcc;

import static io.doltsync.bench.tpcc.TpccScale.CUSTOMERS_PER_DISTRICT;
import static io.doltsync.bench.tpcc.TpccScale.DISTRICTS_PER_WAREHOUSE;
import static io.doltsync.bench.tpcc.TpccScale.ITEMS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One TPC-C terminal: a connection with its home warehouse and district, running the five transactions of
 * clauses 2.4–2.8 with the SQL BenchBase uses (its {@code FOR UPDATE} reads, batched stock updates and
 * order-line inserts), each as one JDBC transaction. Prepared statements are kept per connection, as
 * BenchBase does. Not thread-safe: one thread per terminal.
 */
final class TpccTerminal implements AutoCloseable {

  private final Connection connection;
  private final TpccDialect dialect;
  private final TpccScale scale;
  private final TpccRandom random;
  private final int homeWarehouse;
  private final int homeDistrict;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  /** Rows changed by the running transaction, so a commit is known to be a write or read-only. */
  private long changed;
  private SQLException lastFailure;
  /** The total of the last New-Order, as its terminal would display it. */
  private BigDecimal lastOrderTotal;

  TpccTerminal(Connection connection, TpccDialect dialect, TpccScale scale, TpccRandom random, int homeWarehouse,
      int homeDistrict) throws SQLException {
    this.connection = connection;
    this.dialect = dialect;
    this.scale = scale;
    this.random = random;
    this.homeWarehouse = homeWarehouse;
    this.homeDistrict = homeDistrict;
    connection.setAutoCommit(false);
  }

  /** The terminal's connection (idle between transactions). */
  Connection connection() {
    return connection;
  }

  BigDecimal lastOrderTotal() {
    return lastOrderTotal;
  }

  /** Draws a transaction type from the mix. */
  TransactionType next() {
    return TransactionType.forDraw(random.uniform(1, 100));
  }

  /** Runs one transaction to its end: commit, the specified rollback, or a rollback after a failure. */
  Outcome run(TransactionType type) {
    changed = 0;
    try {
      boolean commit = switch (type) {
        case NEW_ORDER -> newOrder();
        case PAYMENT -> payment();
        case ORDER_STATUS -> orderStatus();
        case DELIVERY -> delivery();
        case STOCK_LEVEL -> stockLevel();
      };
      if (!commit) {
        clearBatches();
        connection.rollback();
        return Outcome.ROLLED_BACK;
      }
      connection.commit();
      return changed > 0 ? Outcome.COMMITTED_WRITE : Outcome.COMMITTED_READ_ONLY;
    } catch (SQLException e) {
      try {
        clearBatches();
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      lastFailure = e;
      return Outcome.of(e, dialect);
    }
  }

  /** The failure of the last transaction that ended in one (for the report's examples). */
  SQLException lastFailure() {
    return lastFailure;
  }

  /** Drops rows batched by a transaction that ends without sending them (they must not reach the next one). */
  private void clearBatches() throws SQLException {
    for (PreparedStatement statement : statements.values()) {
      statement.clearBatch();
    }
  }

  /** Clause 2.4: New-Order; returns false for the 1% that must roll back. */
  private boolean newOrder() throws SQLException {
    int w = homeWarehouse;
    int d = random.uniform(1, DISTRICTS_PER_WAREHOUSE);
    int c = random.customerId(CUSTOMERS_PER_DISTRICT);
    int lineCount = random.uniform(5, 15);
    boolean rollback = random.uniform(1, 100) == 1;
    int[] items = new int[lineCount];
    int[] supplyWarehouses = new int[lineCount];
    int[] quantities = new int[lineCount];
    boolean allLocal = true;
    for (int l = 0; l < lineCount; l++) {
      items[l] = rollback && l == lineCount - 1 ? ITEMS + 1 : random.nurand(8191, 1, ITEMS);
      supplyWarehouses[l] = scale.warehouses() > 1 && random.uniform(1, 100) == 1 ? otherWarehouse(w) : w;
      allLocal &= supplyWarehouses[l] == w;
      quantities[l] = random.uniform(1, 10);
    }

    BigDecimal discount;
    try (ResultSet rs = query("SELECT c_discount, c_last, c_credit FROM customer"
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", w, d, c)) {
      discount = single(rs, "customer").getBigDecimal(1);
    }
    BigDecimal warehouseTax;
    try (ResultSet rs = query("SELECT w_tax FROM warehouse WHERE w_id = ?", w)) {
      warehouseTax = single(rs, "warehouse").getBigDecimal(1);
    }
    int orderId;
    BigDecimal districtTax;
    try (ResultSet rs = query("SELECT d_next_o_id, d_tax FROM district WHERE d_w_id = ? AND d_id = ? FOR UPDATE", w, d)) {
      single(rs, "district");
      orderId = rs.getInt(1);
      districtTax = rs.getBigDecimal(2);
    }
    update("UPDATE district SET d_next_o_id = d_next_o_id + 1 WHERE d_w_id = ? AND d_id = ?", w, d);
    update("INSERT INTO oorder (o_id, o_d_id, o_w_id, o_c_id, o_entry_d, o_ol_cnt, o_all_local)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", orderId, d, w, c, now(), lineCount, allLocal ? 1 : 0);
    update("INSERT INTO new_order (no_o_id, no_d_id, no_w_id) VALUES (?, ?, ?)", orderId, d, w);

    PreparedStatement stockUpdate = statement("UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?,"
        + " s_order_cnt = s_order_cnt + 1, s_remote_cnt = s_remote_cnt + ? WHERE s_i_id = ? AND s_w_id = ?");
    PreparedStatement lineInsert = statement("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id, ol_number, ol_i_id,"
        + " ol_supply_w_id, ol_quantity, ol_amount, ol_dist_info) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BigDecimal total = BigDecimal.ZERO;
    for (int l = 0; l < lineCount; l++) {
      BigDecimal price;
      try (ResultSet rs = query("SELECT i_price, i_name, i_data FROM item WHERE i_id = ?", items[l])) {
        if (!rs.next()) {
          return false; // clause 2.4.2.3: "Item number is not valid"; the whole transaction rolls back
        }
        price = rs.getBigDecimal(1);
      }
      int quantity;
      String distInfo;
      try (ResultSet rs = query("SELECT s_quantity, s_data, s_dist_01, s_dist_02, s_dist_03, s_dist_04, s_dist_05,"
          + " s_dist_06, s_dist_07, s_dist_08, s_dist_09, s_dist_10 FROM stock WHERE s_i_id = ? AND s_w_id = ? FOR UPDATE",
          items[l], supplyWarehouses[l])) {
        single(rs, "stock");
        quantity = rs.getInt(1);
        distInfo = rs.getString(2 + d);
      }
      int left = quantity - quantities[l] >= 10 ? quantity - quantities[l] : quantity - quantities[l] + 91;
      BigDecimal amount = price.multiply(BigDecimal.valueOf(quantities[l])).setScale(2, RoundingMode.HALF_UP);
      total = total.add(amount);
      bind(stockUpdate, left, quantities[l], supplyWarehouses[l] == w ? 0 : 1, items[l], supplyWarehouses[l]);
      stockUpdate.addBatch();
      bind(lineInsert, orderId, d, w, l + 1, items[l], supplyWarehouses[l], quantities[l], amount, distInfo);
      lineInsert.addBatch();
    }
    changed += sum(stockUpdate.executeBatch()) + sum(lineInsert.executeBatch());
    lastOrderTotal = total.multiply(BigDecimal.ONE.subtract(discount))
        .multiply(BigDecimal.ONE.add(warehouseTax).add(districtTax)); // clause 2.4.2.2, shown on the terminal
    return true;
  }

  /** Clause 2.5: Payment, 60% of customers by last name, 15% of them at a remote warehouse. */
  private boolean payment() throws SQLException {
    int w = homeWarehouse;
    int d = random.uniform(1, DISTRICTS_PER_WAREHOUSE);
    int customerWarehouse = w;
    int customerDistrict = d;
    if (scale.warehouses() > 1 && random.uniform(1, 100) > 85) {
      customerWarehouse = otherWarehouse(w);
      customerDistrict = random.uniform(1, DISTRICTS_PER_WAREHOUSE);
    }
    boolean byName = random.uniform(1, 100) <= 60;
    BigDecimal amount = random.decimal("1.00", "5000.00", 2);

    update("UPDATE warehouse SET w_ytd = w_ytd + ? WHERE w_id = ?", amount, w);
    String warehouseName;
    try (ResultSet rs = query("SELECT w_street_1, w_street_2, w_city, w_state, w_zip, w_name FROM warehouse"
        + " WHERE w_id = ?", w)) {
      warehouseName = single(rs, "warehouse").getString(6);
    }
    update("UPDATE district SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ?", amount, w, d);
    String districtName;
    try (ResultSet rs = query("SELECT d_street_1, d_street_2, d_city, d_state, d_zip, d_name FROM district"
        + " WHERE d_w_id = ? AND d_id = ?", w, d)) {
      districtName = single(rs, "district").getString(6);
    }
    int c = byName ? customerByName(customerWarehouse, customerDistrict, random.lastNameForLookup())
        : random.customerId(CUSTOMERS_PER_DISTRICT);
    String credit;
    try (ResultSet rs = query("SELECT c_first, c_middle, c_last, c_street_1, c_street_2, c_city, c_state, c_zip,"
        + " c_phone, c_credit, c_credit_lim, c_discount, c_balance, c_ytd_payment, c_payment_cnt, c_since"
        + " FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", customerWarehouse, customerDistrict, c)) {
      credit = single(rs, "customer").getString(10);
    }
    if ("BC".equals(credit)) {
      String data;
      try (ResultSet rs = query("SELECT c_data FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
          customerWarehouse, customerDistrict, c)) {
        data = single(rs, "customer").getString(1);
      }
      data = (c + " " + customerDistrict + " " + customerWarehouse + " " + d + " " + w + " " + amount + " | " + data);
      data = data.length() > 500 ? data.substring(0, 500) : data;
      update("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?,"
          + " c_payment_cnt = c_payment_cnt + 1, c_data = ? WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
          amount, amount.doubleValue(), data, customerWarehouse, customerDistrict, c);
    } else {
      update("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?,"
          + " c_payment_cnt = c_payment_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
          amount, amount.doubleValue(), customerWarehouse, customerDistrict, c);
    }
    String historyData = warehouseName + "    " + districtName;
    update("INSERT INTO history (h_c_d_id, h_c_w_id, h_c_id, h_d_id, h_w_id, h_date, h_amount, h_data)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", customerDistrict, customerWarehouse, c, d, w, now(), amount,
        historyData.length() > 24 ? historyData.substring(0, 24) : historyData);
    return true;
  }

  /** Clause 2.6: Order-Status, read-only. */
  private boolean orderStatus() throws SQLException {
    int w = homeWarehouse;
    int d = random.uniform(1, DISTRICTS_PER_WAREHOUSE);
    int c = random.uniform(1, 100) <= 60 ? customerByName(w, d, random.lastNameForLookup())
        : random.customerId(CUSTOMERS_PER_DISTRICT);
    try (ResultSet rs = query("SELECT c_first, c_middle, c_last, c_balance FROM customer"
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", w, d, c)) {
      single(rs, "customer");
    }
    int orderId;
    try (ResultSet rs = query("SELECT o_id, o_carrier_id, o_entry_d FROM oorder WHERE o_w_id = ? AND o_d_id = ?"
        + " AND o_c_id = ? ORDER BY o_id DESC LIMIT 1", w, d, c)) {
      if (!rs.next()) {
        return true; // a customer with no order yet: nothing to show
      }
      orderId = rs.getInt(1);
    }
    try (ResultSet rs = query("SELECT ol_i_id, ol_supply_w_id, ol_quantity, ol_amount, ol_delivery_d FROM order_line"
        + " WHERE ol_o_id = ? AND ol_d_id = ? AND ol_w_id = ?", orderId, d, w)) {
      while (rs.next()) {
        rs.getInt(1);
      }
    }
    return true;
  }

  /** Clause 2.7: Delivery of the oldest undelivered order of every district, in one transaction. */
  private boolean delivery() throws SQLException {
    int w = homeWarehouse;
    int carrier = random.uniform(1, 10);
    Timestamp deliveredAt = now();
    for (int d = 1; d <= DISTRICTS_PER_WAREHOUSE; d++) {
      int orderId;
      try (ResultSet rs = query("SELECT no_o_id FROM new_order WHERE no_d_id = ? AND no_w_id = ?"
          + " ORDER BY no_o_id ASC LIMIT 1", d, w)) {
        if (!rs.next()) {
          continue; // clause 2.7.4.2: no undelivered order in this district, skip it
        }
        orderId = rs.getInt(1);
      }
      if (update("DELETE FROM new_order WHERE no_o_id = ? AND no_d_id = ? AND no_w_id = ?", orderId, d, w) == 0) {
        continue; // another terminal delivered it first
      }
      int customer;
      try (ResultSet rs = query("SELECT o_c_id FROM oorder WHERE o_id = ? AND o_d_id = ? AND o_w_id = ?",
          orderId, d, w)) {
        customer = single(rs, "order").getInt(1);
      }
      update("UPDATE oorder SET o_carrier_id = ? WHERE o_id = ? AND o_d_id = ? AND o_w_id = ?", carrier, orderId, d, w);
      update("UPDATE order_line SET ol_delivery_d = ? WHERE ol_o_id = ? AND ol_d_id = ? AND ol_w_id = ?",
          deliveredAt, orderId, d, w);
      BigDecimal total;
      try (ResultSet rs = query("SELECT SUM(ol_amount) AS ol_total FROM order_line"
          + " WHERE ol_o_id = ? AND ol_d_id = ? AND ol_w_id = ?", orderId, d, w)) {
        total = single(rs, "order lines").getBigDecimal(1);
      }
      update("UPDATE customer SET c_balance = c_balance + ?, c_delivery_cnt = c_delivery_cnt + 1"
          + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", total == null ? BigDecimal.ZERO : total, w, d, customer);
    }
    return true;
  }

  /** Clause 2.8: Stock-Level of the terminal's district, read-only. */
  private boolean stockLevel() throws SQLException {
    int w = homeWarehouse;
    int d = homeDistrict;
    int threshold = random.uniform(10, 20);
    int nextOrder;
    try (ResultSet rs = query("SELECT d_next_o_id FROM district WHERE d_w_id = ? AND d_id = ?", w, d)) {
      nextOrder = single(rs, "district").getInt(1);
    }
    try (ResultSet rs = query("SELECT COUNT(DISTINCT (s_i_id)) AS stock_count FROM order_line, stock"
        + " WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id < ? AND ol_o_id >= ? AND s_w_id = ? AND s_i_id = ol_i_id"
        + " AND s_quantity < ?", w, d, nextOrder, nextOrder - 20, w, threshold)) {
      single(rs, "stock count");
    }
    return true;
  }

  /** Clause 2.5.2.2: of the customers with this last name, ordered by first name, the one at position ceil(n/2). */
  private int customerByName(int w, int d, String last) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = query("SELECT c_first, c_middle, c_id, c_street_1, c_street_2, c_city, c_state, c_zip,"
        + " c_phone, c_credit, c_credit_lim, c_discount, c_balance, c_ytd_payment, c_payment_cnt, c_since"
        + " FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_last = ? ORDER BY c_first", w, d, last)) {
      while (rs.next()) {
        ids.add(rs.getInt(3));
      }
    }
    if (ids.isEmpty()) {
      throw new SQLException("no customer named " + last + " in district " + w + "/" + d, "02000");
    }
    return ids.get((ids.size() + 1) / 2 - 1);
  }

  private int otherWarehouse(int home) {
    int other = random.uniform(1, scale.warehouses() - 1);
    return other >= home ? other + 1 : other;
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }

  private ResultSet query(String sql, Object... values) throws SQLException {
    PreparedStatement statement = statement(sql);
    bind(statement, values);
    return statement.executeQuery();
  }

  private int update(String sql, Object... values) throws SQLException {
    PreparedStatement statement = statement(sql);
    bind(statement, values);
    int count = statement.executeUpdate();
    changed += count;
    return count;
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  private static ResultSet single(ResultSet rs, String what) throws SQLException {
    if (!rs.next()) {
      throw new SQLException("no " + what + " row", "02000");
    }
    return rs;
  }

  private static long sum(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += count >= 0 ? count : 1; // SUCCESS_NO_INFO: the row was written, its count not reported
    }
    return total;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements.values()) {
      statement.close();
    }
    connection.close();
  }
}
