package io.doltsync.bench.tpcc;

import static io.doltsync.bench.tpcc.TpccScale.CUSTOMERS_PER_DISTRICT;
import static io.doltsync.bench.tpcc.TpccScale.DISTRICTS_PER_WAREHOUSE;
import static io.doltsync.bench.tpcc.TpccScale.FIRST_UNDELIVERED_ORDER;
import static io.doltsync.bench.tpcc.TpccScale.ITEMS;
import static io.doltsync.bench.tpcc.TpccScale.ORDERS_PER_DISTRICT;

import io.doltsync.bench.core.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates BenchBase's TPC-C schema and fills it as clause 4.3.3.1 describes, through the raw driver in
 * batches. The same seed gives the same rows (but for the load time in the date columns).
 */
final class TpccLoader {

  private static final int BATCH = 1_000;

  private final TpccScale scale;
  private final TpccRandom random;

  TpccLoader(TpccScale scale, long seed, TpccRandom.Constants constants) {
    this.scale = scale;
    this.random = new TpccRandom(seed, constants);
  }

  /** Creates the tables and loads every row; returns the number of rows loaded. */
  long load(Connection connection, TpccDialect dialect) throws SQLException {
    connection.setAutoCommit(true);
    for (String statement : dialect.ddl()) {
      Sql.execute(connection, statement);
    }
    connection.setAutoCommit(false);
    Timestamp now = Timestamp.valueOf(LocalDateTime.now().withNano(0));
    long rows = items(connection);
    for (int w = 1; w <= scale.warehouses(); w++) {
      rows += warehouse(connection, w);
      rows += stock(connection, w);
      for (int d = 1; d <= DISTRICTS_PER_WAREHOUSE; d++) {
        rows += district(connection, w, d);
        rows += customersAndHistory(connection, w, d, now);
        rows += orders(connection, w, d, now);
      }
    }
    connection.commit();
    connection.setAutoCommit(true);
    return rows;
  }

  private long items(Connection connection) throws SQLException {
    try (Batch batch = new Batch(connection,
        "INSERT INTO item (i_id, i_name, i_price, i_data, i_im_id) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= ITEMS; i++) {
        batch.add(i, random.astring(14, 24), random.decimal("1.00", "100.00", 2), random.dataWithOriginal(),
            random.uniform(1, 10_000));
      }
      return batch.rows();
    }
  }

  private long warehouse(Connection connection, int w) throws SQLException {
    try (Batch batch = new Batch(connection, "INSERT INTO warehouse (w_id, w_ytd, w_tax, w_name, w_street_1,"
        + " w_street_2, w_city, w_state, w_zip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      batch.add(w, new BigDecimal("300000.00"), random.decimal("0.0000", "0.2000", 4), random.astring(6, 10),
          random.astring(10, 20), random.astring(10, 20), random.astring(10, 20), random.astring(2, 2).toUpperCase(),
          random.zip());
      return batch.rows();
    }
  }

  private long stock(Connection connection, int w) throws SQLException {
    try (Batch batch = new Batch(connection, "INSERT INTO stock (s_w_id, s_i_id, s_quantity, s_ytd, s_order_cnt,"
        + " s_remote_cnt, s_data, s_dist_01, s_dist_02, s_dist_03, s_dist_04, s_dist_05, s_dist_06, s_dist_07,"
        + " s_dist_08, s_dist_09, s_dist_10) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= ITEMS; i++) {
        List<Object> values = new ArrayList<>(List.of(w, i, random.uniform(10, 100), BigDecimal.ZERO.setScale(2),
            0, 0, random.dataWithOriginal()));
        for (int d = 1; d <= DISTRICTS_PER_WAREHOUSE; d++) {
          values.add(random.astring(24, 24));
        }
        batch.add(values.toArray());
      }
      return batch.rows();
    }
  }

  private long district(Connection connection, int w, int d) throws SQLException {
    try (Batch batch = new Batch(connection, "INSERT INTO district (d_w_id, d_id, d_ytd, d_tax, d_next_o_id, d_name,"
        + " d_street_1, d_street_2, d_city, d_state, d_zip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      batch.add(w, d, new BigDecimal("30000.00"), random.decimal("0.0000", "0.2000", 4), ORDERS_PER_DISTRICT + 1,
          random.astring(6, 10), random.astring(10, 20), random.astring(10, 20), random.astring(10, 20),
          random.astring(2, 2).toUpperCase(), random.zip());
      return batch.rows();
    }
  }

  private long customersAndHistory(Connection connection, int w, int d, Timestamp now) throws SQLException {
    try (Batch customers = new Batch(connection, "INSERT INTO customer (c_w_id, c_d_id, c_id, c_discount, c_credit,"
        + " c_last, c_first, c_credit_lim, c_balance, c_ytd_payment, c_payment_cnt, c_delivery_cnt, c_street_1,"
        + " c_street_2, c_city, c_state, c_zip, c_phone, c_since, c_middle, c_data)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        Batch history = new Batch(connection, "INSERT INTO history (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id,"
            + " h_date, h_amount, h_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", customers)) {
      for (int c = 1; c <= CUSTOMERS_PER_DISTRICT; c++) {
        String last = TpccRandom.lastName(c <= 1000 ? c - 1 : random.nurand(255, 0, 999));
        customers.add(w, d, c, random.decimal("0.0000", "0.5000", 4), random.uniform(1, 10) == 1 ? "BC" : "GC", last,
            random.astring(8, 16), new BigDecimal("50000.00"), new BigDecimal("-10.00"), 10.0, 1, 0,
            random.astring(10, 20), random.astring(10, 20), random.astring(10, 20), random.astring(2, 2).toUpperCase(),
            random.zip(), random.nstring(16, 16), now, "OE", random.astring(300, 500));
        history.add(c, d, w, d, w, now, new BigDecimal("10.00"), random.astring(12, 24));
      }
      return customers.rows() + history.rows();
    }
  }

  private long orders(Connection connection, int w, int d, Timestamp now) throws SQLException {
    int[] customers = random.permutation(CUSTOMERS_PER_DISTRICT);
    try (Batch orders = new Batch(connection, "INSERT INTO oorder (o_w_id, o_d_id, o_id, o_c_id, o_carrier_id,"
        + " o_ol_cnt, o_all_local, o_entry_d) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        Batch lines = new Batch(connection, "INSERT INTO order_line (ol_w_id, ol_d_id, ol_o_id, ol_number, ol_i_id,"
            + " ol_delivery_d, ol_amount, ol_supply_w_id, ol_quantity, ol_dist_info)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", orders);
        Batch newOrders = new Batch(connection, "INSERT INTO new_order (no_w_id, no_d_id, no_o_id) VALUES (?, ?, ?)",
            orders)) {
      for (int o = 1; o <= ORDERS_PER_DISTRICT; o++) {
        boolean delivered = o < FIRST_UNDELIVERED_ORDER;
        int lineCount = random.uniform(5, 15);
        orders.add(w, d, o, customers[o - 1], delivered ? random.uniform(1, 10) : null, lineCount, 1, now);
        for (int l = 1; l <= lineCount; l++) {
          lines.add(w, d, o, l, random.uniform(1, ITEMS), delivered ? now : null,
              delivered ? BigDecimal.ZERO.setScale(2) : random.decimal("0.01", "9999.99", 2), w, 5,
              random.astring(24, 24));
        }
        if (!delivered) {
          newOrders.add(w, d, o);
        }
      }
      return orders.rows() + lines.rows() + newOrders.rows();
    }
  }

  /**
   * A prepared INSERT sent in batches of {@link #BATCH} rows, committed with the load's transaction. The
   * batches of the tables its rows reference are sent first (foreign keys are checked per statement).
   */
  private static final class Batch implements AutoCloseable {

    private final PreparedStatement statement;
    private final Batch[] parents;
    private int pending;
    private long rows;

    Batch(Connection connection, String sql, Batch... parents) throws SQLException {
      this.statement = connection.prepareStatement(sql);
      this.parents = parents;
    }

    void add(Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.addBatch();
      rows++;
      if (++pending == BATCH) {
        flush();
      }
    }

    long rows() {
      return rows;
    }

    private void flush() throws SQLException {
      for (Batch parent : parents) {
        parent.flush();
      }
      if (pending > 0) {
        statement.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        flush();
      } finally {
        statement.close();
      }
    }
  }
}
