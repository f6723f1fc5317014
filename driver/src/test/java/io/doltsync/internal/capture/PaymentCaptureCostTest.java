package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryJournal;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What TPC-C-like transactions cost the capture, with TPC-C's ON DELETE CASCADE foreign keys: Payment
 * (UPDATE warehouse, district and customer by key, INSERT into the keyless history) and New-Order (UPDATE
 * district and stock by key, full-row INSERTs into orders, new_order and order_line). The journal is left unapplied
 * ({@code doltsync.applier=false}) and each entry is decoded: the capture must journal the four rows the
 * transaction changed and nothing else, whatever the size of the tables. Prints the journal bytes per
 * transaction (and, on MariaDB, the statements the primary received per transaction).
 */
class PaymentCaptureCostTest {

  private static final int DISTRICTS = 10;
  private static final int CUSTOMERS_PER_DISTRICT = 300;
  private static final int PAYMENTS = 20;
  private static final int ITEMS = 2000;
  private static final int LINES = 5;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aPaymentJournalsTheRowsItChangedAndNoTableWhole(PrimaryKind kind) throws Exception {
    List<JournalEntry> entries = measure(kind, "PAYMENT", PaymentCaptureCostTest::runPayments);
    for (JournalEntry entry : entries) {
      assertThat(entry.changes()).extracting(TableChange::kind).doesNotContain(TableChange.Kind.REPLACE_ALL);
      assertThat(entry.changes()).extracting(TableChange::rowCount).containsOnly(1);
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aNewOrderJournalsTheRowsItChangedAndNoTableWhole(PrimaryKind kind) throws Exception {
    List<JournalEntry> entries = measure(kind, "NEW-ORDER", PaymentCaptureCostTest::runNewOrders);
    for (JournalEntry entry : entries) {
      assertThat(entry.changes()).extracting(TableChange::kind).doesNotContain(TableChange.Kind.REPLACE_ALL);
      assertThat(entry.changes().stream().mapToInt(TableChange::rowCount).sum())
          .as("district, orders, new_order, 5 stock and 5 order_line rows").isEqualTo(3 + 2 * LINES);
    }
  }

  private interface Workload {
    void run(Connection app) throws Exception;
  }

  private static List<JournalEntry> measure(PrimaryKind kind, String name, Workload workload) throws Exception {
    String doltDb = DoltDatabases.newName("pay");
    try (PrimaryKind.Space space = kind.createSpace("pay")) {
      try (Connection raw = space.connect()) {
        createAndLoad(kind, raw);
      }
      Map<String, String> options = new LinkedHashMap<>();
      options.put("doltsync.target", TestServers.doltUrl(doltDb));
      options.put("doltsync.applier", "false");
      String url = DoltSyncUrls.wrap(space.url(), options);
      long statements;
      try (Connection app = DriverManager.getConnection(url, kind.credentials())) {
        app.setAutoCommit(false);
        app.commit();
        long questionsBefore = questions(kind, app);
        workload.run(app);
        statements = kind == PrimaryKind.MARIADB ? questions(kind, app) - questionsBefore - 1 : -1;
      }
      List<JournalEntry> entries = List.copyOf(PrimaryJournal.withChanges(space).values());
      assertThat(entries).hasSize(PAYMENTS);
      long bytes = 0;
      Map<String, Integer> kinds = new TreeMap<>();
      for (JournalEntry entry : entries) {
        bytes += JournalCodec.encode(entry).length;
        for (TableChange change : entry.changes()) {
          kinds.merge(change.table().toLowerCase() + ":" + change.kind() + ":" + change.rowCount(), 1, Integer::sum);
        }
      }
      System.out.printf("%s %s: %d journal bytes per transaction, %s statements per transaction,"
          + " table changes %s%n", name, kind, bytes / PAYMENTS, statements < 0 ? "n/a" : String.format("%.1f",
              statements / (double) PAYMENTS), kinds);
      return entries;
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void createAndLoad(PrimaryKind kind, Connection raw) throws Exception {
    // TPC-C's own h_date: on MariaDB a TIMESTAMP (stored by the session's time zone), given with milliseconds
    // that a TIMESTAMP(0) truncates
    String timestamp = kind == PrimaryKind.MARIADB ? "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP" : "TIMESTAMP";
    try (Statement s = raw.createStatement()) {
      s.execute("CREATE TABLE warehouse (w_id INT NOT NULL PRIMARY KEY, w_name VARCHAR(10), w_ytd DECIMAL(12,2))");
      s.execute("CREATE TABLE district (d_w_id INT NOT NULL, d_id INT NOT NULL, d_name VARCHAR(10),"
          + " d_ytd DECIMAL(12,2), PRIMARY KEY (d_w_id, d_id),"
          + " FOREIGN KEY (d_w_id) REFERENCES warehouse (w_id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE customer (c_w_id INT NOT NULL, c_d_id INT NOT NULL, c_id INT NOT NULL,"
          + " c_last VARCHAR(16), c_balance DECIMAL(12,2), c_ytd_payment DECIMAL(12,2), c_payment_cnt INT,"
          + " c_data VARCHAR(500), PRIMARY KEY (c_w_id, c_d_id, c_id),"
          + " FOREIGN KEY (c_w_id, c_d_id) REFERENCES district (d_w_id, d_id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE history (h_c_id INT, h_c_d_id INT, h_c_w_id INT, h_d_id INT, h_w_id INT,"
          + " h_date " + timestamp + ", h_amount DECIMAL(6,2), h_data VARCHAR(24),"
          + " FOREIGN KEY (h_c_w_id, h_c_d_id, h_c_id) REFERENCES customer (c_w_id, c_d_id, c_id) ON DELETE CASCADE,"
          + " FOREIGN KEY (h_w_id, h_d_id) REFERENCES district (d_w_id, d_id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE stock (s_w_id INT NOT NULL, s_i_id INT NOT NULL, s_quantity INT, s_ytd INT,"
          + " s_order_cnt INT, PRIMARY KEY (s_w_id, s_i_id),"
          + " FOREIGN KEY (s_w_id) REFERENCES warehouse (w_id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE orders (o_w_id INT NOT NULL, o_d_id INT NOT NULL, o_id INT NOT NULL, o_c_id INT,"
          + " o_entry_d " + timestamp + ", o_ol_cnt INT, o_all_local INT, PRIMARY KEY (o_w_id, o_d_id, o_id),"
          + " FOREIGN KEY (o_w_id, o_d_id, o_c_id) REFERENCES customer (c_w_id, c_d_id, c_id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE new_order (no_w_id INT NOT NULL, no_d_id INT NOT NULL, no_o_id INT NOT NULL,"
          + " PRIMARY KEY (no_w_id, no_d_id, no_o_id),"
          + " FOREIGN KEY (no_w_id, no_d_id, no_o_id) REFERENCES orders (o_w_id, o_d_id, o_id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE order_line (ol_w_id INT NOT NULL, ol_d_id INT NOT NULL, ol_o_id INT NOT NULL,"
          + " ol_number INT NOT NULL, ol_i_id INT, ol_supply_w_id INT, ol_delivery_d " + timestamp + ","
          + " ol_quantity INT, ol_amount DECIMAL(6,2), ol_dist_info VARCHAR(24),"
          + " PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number),"
          + " FOREIGN KEY (ol_w_id, ol_d_id, ol_o_id) REFERENCES orders (o_w_id, o_d_id, o_id) ON DELETE CASCADE)");
      s.execute("INSERT INTO warehouse VALUES (1, 'w1', 300000.00)");
    }
    raw.setAutoCommit(false);
    String filler = "x".repeat(300);
    try (PreparedStatement district = raw.prepareStatement("INSERT INTO district VALUES (1, ?, ?, 30000.00)");
        PreparedStatement customer = raw.prepareStatement("INSERT INTO customer VALUES (1, ?, ?, ?, -10.00, 10.00, 1, ?)");
        PreparedStatement history = raw.prepareStatement("INSERT INTO history VALUES (?, ?, 1, ?, 1, ?, 10.00, 'initial')")) {
      for (int d = 1; d <= DISTRICTS; d++) {
        district.setInt(1, d);
        district.setString(2, "d" + d);
        district.addBatch();
        for (int c = 1; c <= CUSTOMERS_PER_DISTRICT; c++) {
          customer.setInt(1, d);
          customer.setInt(2, c);
          customer.setString(3, "last" + c);
          customer.setString(4, filler);
          customer.addBatch();
          history.setInt(1, c);
          history.setInt(2, d);
          history.setInt(3, d);
          history.setTimestamp(4, Timestamp.valueOf("2024-01-01 00:00:00"));
          history.addBatch();
        }
      }
      district.executeBatch();
      customer.executeBatch();
      history.executeBatch();
    }
    try (PreparedStatement stock = raw.prepareStatement("INSERT INTO stock VALUES (1, ?, 50, 0, 0)")) {
      for (int i = 1; i <= ITEMS; i++) {
        stock.setInt(1, i);
        stock.addBatch();
      }
      stock.executeBatch();
    }
    raw.commit();
  }

  /** The Payment transaction as BenchBase runs it, without its SELECTs. */
  private static void runPayments(Connection app) throws Exception {
    Random random = new Random(42);
    try (PreparedStatement warehouse = app.prepareStatement("UPDATE warehouse SET w_ytd = w_ytd + ? WHERE w_id = ?");
        PreparedStatement district = app.prepareStatement(
            "UPDATE district SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ?");
        PreparedStatement customer = app.prepareStatement("UPDATE customer SET c_balance = ?, c_ytd_payment = ?,"
            + " c_payment_cnt = ? WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
        PreparedStatement history = app.prepareStatement("INSERT INTO history (h_c_d_id, h_c_w_id, h_c_id, h_d_id,"
            + " h_w_id, h_date, h_amount, h_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < PAYMENTS; i++) {
        int d = 1 + random.nextInt(DISTRICTS);
        int c = 1 + random.nextInt(CUSTOMERS_PER_DISTRICT);
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(500000), 2);
        warehouse.setBigDecimal(1, amount);
        warehouse.setInt(2, 1);
        warehouse.executeUpdate();
        district.setBigDecimal(1, amount);
        district.setInt(2, 1);
        district.setInt(3, d);
        district.executeUpdate();
        customer.setBigDecimal(1, amount.negate());
        customer.setBigDecimal(2, amount);
        customer.setInt(3, i + 2);
        customer.setInt(4, 1);
        customer.setInt(5, d);
        customer.setInt(6, c);
        customer.executeUpdate();
        history.setInt(1, d);
        history.setInt(2, 1);
        history.setInt(3, c);
        history.setInt(4, d);
        history.setInt(5, 1);
        history.setTimestamp(6, new Timestamp(System.currentTimeMillis()));
        history.setBigDecimal(7, amount);
        history.setString(8, "w1    d" + d);
        history.executeUpdate();
        app.commit();
      }
    }
  }

  /** New-Order as BenchBase runs it, without its SELECTs: full-row inserts into orders, new_order, order_line. */
  private static void runNewOrders(Connection app) throws Exception {
    Random random = new Random(7);
    int[] nextOrder = new int[DISTRICTS + 1];
    try (PreparedStatement district = app.prepareStatement(
            "UPDATE district SET d_ytd = d_ytd + 0 WHERE d_w_id = ? AND d_id = ?");
        PreparedStatement order = app.prepareStatement("INSERT INTO orders (o_id, o_d_id, o_w_id, o_c_id, o_entry_d,"
            + " o_ol_cnt, o_all_local) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement newOrder = app.prepareStatement(
            "INSERT INTO new_order (no_o_id, no_d_id, no_w_id) VALUES (?, ?, ?)");
        PreparedStatement stock = app.prepareStatement("UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?,"
            + " s_order_cnt = s_order_cnt + 1 WHERE s_i_id = ? AND s_w_id = ?");
        PreparedStatement line = app.prepareStatement("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id, ol_number,"
            + " ol_i_id, ol_supply_w_id, ol_quantity, ol_amount, ol_dist_info, ol_delivery_d)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < PAYMENTS; i++) {
        int d = 1 + random.nextInt(DISTRICTS);
        int o = ++nextOrder[d];
        district.setInt(1, 1);
        district.setInt(2, d);
        district.executeUpdate();
        order.setInt(1, o);
        order.setInt(2, d);
        order.setInt(3, 1);
        order.setInt(4, 1 + random.nextInt(CUSTOMERS_PER_DISTRICT));
        order.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
        order.setInt(6, LINES);
        order.setInt(7, 1);
        order.executeUpdate();
        newOrder.setInt(1, o);
        newOrder.setInt(2, d);
        newOrder.setInt(3, 1);
        newOrder.executeUpdate();
        for (int n = 1; n <= LINES; n++) {
          int item = 1 + (i * LINES + n) % ITEMS;
          stock.setInt(1, 10 + random.nextInt(80));
          stock.setInt(2, 5);
          stock.setInt(3, item);
          stock.setInt(4, 1);
          stock.executeUpdate();
          line.setInt(1, o);
          line.setInt(2, d);
          line.setInt(3, 1);
          line.setInt(4, n);
          line.setInt(5, item);
          line.setInt(6, 1);
          line.setInt(7, 5);
          line.setBigDecimal(8, BigDecimal.valueOf(random.nextInt(10000), 2));
          line.setString(9, "dist-info-" + d);
          line.setNull(10, java.sql.Types.TIMESTAMP);
          line.executeUpdate();
        }
        app.commit();
      }
    }
  }

  /** MariaDB's count of statements this session sent (the SHOW itself included). */
  private static long questions(PrimaryKind kind, Connection app) throws Exception {
    if (kind != PrimaryKind.MARIADB) {
      return 0;
    }
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }
}
