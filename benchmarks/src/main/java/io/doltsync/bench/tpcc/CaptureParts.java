package io.doltsync.bench.tpcc;

import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Sql;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Where capture's cost on MariaDB goes, one part at a time, with no doltsync code in the loop: a raw Connector/J
 * connection runs TPC-C New-Order or Payment (BenchBase's statements, as {@link TpccTerminal} sends them) and
 * then, per variant, adds the statements doltsync's capture adds, built as doltsync builds them: the commit-time
 * image read ({@code BEGIN NOT ATOMIC SELECT <every column> ... FOR UPDATE; ...; END}), or the same read of only the
 * key and the columns the transaction's UPDATEs set ({@code readnarrow}, what column-delta images would read), or
 * the reads one statement each ({@code readsep}); and the journal block ({@code BEGIN NOT ATOMIC INSERT INTO journal
 * ...; COMMIT; END}, payload as a hex literal) in place of the COMMIT, with a payload of the size doltsync journals
 * for that type ({@code journal}), half of it ({@code journalhalf}), or as an INSERT and a COMMIT of their own
 * ({@code journalplain}); for Delivery also {@code preselect}: doltsync's locking pre-select of the keys before each
 * partial-key {@code UPDATE order_line} (MariaDB has no {@code UPDATE ... RETURNING}). Variants combine with {@code +}; {@code commit} is the raw transaction. Batches of each
 * variant run in rotated order per round; per variant it prints the median and range over the rounds of the
 * client thread's CPU, the CPU of the MariaDB thread serving the connection ({@code /proc/<tid>/schedstat}) and
 * the wall time, per transaction. The difference between two variants is the cost of the part they differ in.
 *
 * <pre>{@code
 * capture-parts <neworder|payment|delivery> <transactions per batch> <rounds> <variant,...> [payload bytes]
 * }</pre>
 * Loads a 1-warehouse TPC-C database {@code captureparts_<run>} on the MariaDB at {@code bench.mariadb.url}
 * (default the project's test server) and drops it at the end. Payload defaults: New-Order 5,665 B, Payment
 * 1,954 B, Delivery 8,582 B (the journal bytes {@code tpcc-cost} measured per committed transaction).
 */
public final class CaptureParts {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String JOURNAL = "capture_parts_journal";
  private static final int WAREHOUSE = 1;
  /** Session counters of the work the server did, independent of the machine's load. */
  private static final List<String> COUNTERS = List.of("Handler_read_key", "Handler_read_next", "Handler_write",
      "Handler_update", "Handler_tmp_write", "Bytes_received", "Bytes_sent");

  private final Connection connection;
  private final Path serverThread;
  private final Random random = new Random(7);
  /** Whether Delivery's partial-key UPDATE of order_line is preceded by doltsync's locking pre-select of its keys. */
  private boolean preSelect;

  private CaptureParts(Connection connection) throws SQLException {
    this.connection = connection;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT tid FROM information_schema.processlist WHERE id = CONNECTION_ID()")) {
      rs.next();
      serverThread = Path.of("/proc", rs.getString(1), "schedstat");
    }
    if (!Files.isReadable(serverThread)) {
      throw new SQLException("cannot read " + serverThread + ": the server must run on this machine");
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: capture-parts <neworder|payment|delivery> <transactions per batch> <rounds> <variant,...>"
          + " [payload bytes]");
      System.exit(2);
    }
    String type = args[0];
    int perBatch = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    String[] variants = args[3].split(",");
    int payload = args.length > 4 ? Integer.parseInt(args[4])
        : type.equals("payment") ? 1954 : type.equals("delivery") ? 8582 : 5665;
    Endpoint server = new Endpoint(System.getProperty("bench.mariadb.url", "jdbc:mariadb://127.0.0.1:33306/"),
        System.getProperty("bench.mariadb.user", "doltsync"), System.getProperty("bench.mariadb.password", "doltsync"));
    String name = "captureparts_" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    Endpoint database = TpccDialect.MARIADB.create(server, name);
    try {
      long seed = 20261206L;
      try (Connection loader = database.connect(TpccDialect.MARIADB.loaderUrl(database.url()), new Properties())) {
        new TpccLoader(new TpccScale(1), seed, TpccRandom.Constants.draw(new SplittableRandom(seed))).load(loader,
            TpccDialect.MARIADB);
      }
      try (Connection connection = database.connect()) {
        for (String ddl : new io.doltsync.internal.dialect.MariaDbDialect().createJournalTable(JOURNAL)) {
          Sql.execute(connection, ddl);
        }
        connection.setAutoCommit(false);
        new CaptureParts(connection).measure(type, perBatch, rounds, variants, payload);
      }
    } finally {
      TpccDialect.MARIADB.drop(server, name);
    }
  }

  private void measure(String type, int perBatch, int rounds, String[] variants, int payload) throws Exception {
    for (int i = 0; i < 100; i++) {
      run(type, "commit", payload);
    }
    Map<String, List<double[]>> figures = new LinkedHashMap<>();
    Map<String, long[]> counted = new LinkedHashMap<>();
    for (String variant : variants) {
      figures.put(variant, new ArrayList<>());
      counted.put(variant, new long[COUNTERS.size()]);
    }
    long[] idle = minus(counters(), counters()); // what reading the counters adds by itself
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < variants.length; k++) {
        String variant = variants[(k + round) % variants.length];
        long client = THREADS.getCurrentThreadCpuTime();
        long server = serverNanos();
        long started = System.nanoTime();
        long[] before = counters();
        for (int i = 0; i < perBatch; i++) {
          run(type, variant, payload);
        }
        long[] delta = minus(counters(), before);
        for (int c = 0; c < delta.length; c++) {
          counted.get(variant)[c] += delta[c] - idle[c];
        }
        figures.get(variant).add(new double[] {(THREADS.getCurrentThreadCpuTime() - client) / 1e3 / perBatch,
            (serverNanos() - server) / 1e3 / perBatch, (System.nanoTime() - started) / 1e3 / perBatch});
      }
    }
    System.out.printf(Locale.ROOT, "%s, %d per batch, %d rounds, journal payload %d B, load %.1f (median [min-max]"
        + " over rounds, µs per transaction)%n", type, perBatch, rounds, payload,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "%-26s %-22s %-22s %-22s%n", "variant", "client CPU", "server CPU", "wall");
    figures.forEach((variant, batches) -> System.out.printf(Locale.ROOT, "%-26s %-22s %-22s %-22s%n", variant,
        median(batches, 0), median(batches, 1), median(batches, 2)));
    System.out.printf(Locale.ROOT, "%nsession counters per transaction (SHOW SESSION STATUS, mean over all batches)%n%-26s",
        "variant");
    COUNTERS.forEach(name -> System.out.printf(Locale.ROOT, " %18s", name));
    System.out.println();
    counted.forEach((variant, totals) -> {
      System.out.printf(Locale.ROOT, "%-26s", variant);
      for (long total : totals) {
        System.out.printf(Locale.ROOT, " %18.1f", total / (double) rounds / perBatch);
      }
      System.out.println();
    });
  }

  private long[] counters() throws SQLException {
    Map<String, Long> values = new java.util.HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN ('"
            + String.join("', '", COUNTERS) + "')")) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getLong(2));
      }
    }
    connection.commit();
    long[] result = new long[COUNTERS.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.getOrDefault(COUNTERS.get(i), 0L);
    }
    return result;
  }

  private static long[] minus(long[] after, long[] before) {
    long[] delta = new long[after.length];
    for (int i = 0; i < delta.length; i++) {
      delta[i] = after[i] - before[i];
    }
    return delta;
  }

  private static String median(List<double[]> batches, int index) {
    double[] values = batches.stream().mapToDouble(b -> b[index]).sorted().toArray();
    return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", values[values.length / 2], values[0],
        values[values.length - 1]);
  }

  private long serverNanos() throws java.io.IOException {
    return Long.parseLong(Files.readString(serverThread).trim().split(" ")[0]);
  }

  /** One transaction of {@code type} with the extra statements of {@code variant}, committed. */
  private void run(String type, String variant, int payload) throws SQLException {
    List<String> fullReads = new ArrayList<>();
    List<String> narrowReads = new ArrayList<>();
    preSelect = variant.contains("preselect");
    if (type.equals("payment")) {
      payment(fullReads, narrowReads);
    } else if (type.equals("delivery")) {
      delivery(fullReads, narrowReads);
    } else {
      newOrder(fullReads, narrowReads);
    }
    for (String part : variant.split("\\+")) {
      switch (part) {
        case "read" -> block(fullReads);
        case "readnarrow" -> block(narrowReads);
        case "readsep" -> {
          for (String read : fullReads) {
            block(List.of(read));
          }
        }
        case "commit", "journal", "journalhalf", "journalplain", "preselect" -> { }
        default -> throw new IllegalArgumentException("unknown variant part " + part);
      }
    }
    if (variant.contains("journalplain")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(journalInsert(payload));
      }
      connection.commit();
    } else if (variant.contains("journal")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN NOT ATOMIC " + journalInsert(variant.contains("half") ? payload / 2 : payload)
            + "; COMMIT; END");
      }
    } else {
      connection.commit();
    }
  }

  /** The SELECTs run as doltsync's combined image read does: one compound statement (one SELECT: as is). */
  private void block(List<String> selects) throws SQLException {
    String sql = selects.size() == 1 ? selects.get(0) : "BEGIN NOT ATOMIC " + String.join("; ", selects) + "; END";
    try (Statement statement = connection.createStatement()) {
      boolean isResultSet = statement.execute(sql);
      while (isResultSet || statement.getUpdateCount() != -1) {
        if (isResultSet) {
          try (ResultSet rs = statement.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= columns; i++) {
                rs.getObject(i);
              }
            }
          }
        }
        isResultSet = statement.getMoreResults();
      }
    }
  }

  /** The journal INSERT as doltsync writes it on MariaDB: every value a hex literal. */
  private String journalInsert(int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    random.nextBytes(payload);
    return "INSERT INTO " + JOURNAL + " (txn, chunk, chunks, instance, payload) VALUES (CAST("
        + hex(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + " AS CHAR CHARACTER SET utf8mb4), 0, 1, CAST("
        + hex("capture-parts-instance".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + " AS CHAR CHARACTER SET utf8mb4), " + hex(payload) + ")";
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 2 + 3).append("X'");
    for (byte b : bytes) {
      text.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
    return text.append('\'').toString();
  }

  private PreparedStatement prepare(String sql, Object... values) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    return statement;
  }

  private void query(String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = prepare(sql, values); ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private void update(String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = prepare(sql, values)) {
      statement.executeUpdate();
    }
  }

  /** Payment by customer id (BenchBase's statements); the reads doltsync makes at its commit, full and narrow. */
  private void payment(List<String> fullReads, List<String> narrowReads) throws SQLException {
    int d = 1 + random.nextInt(10);
    int c = 1 + random.nextInt(3000);
    BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(499_900), 2);
    update("UPDATE warehouse SET w_ytd = w_ytd + ? WHERE w_id = ?", amount, WAREHOUSE);
    query("SELECT w_street_1, w_street_2, w_city, w_state, w_zip, w_name FROM warehouse WHERE w_id = ?", WAREHOUSE);
    update("UPDATE district SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ?", amount, WAREHOUSE, d);
    query("SELECT d_street_1, d_street_2, d_city, d_state, d_zip, d_name FROM district WHERE d_w_id = ? AND d_id = ?",
        WAREHOUSE, d);
    query("SELECT c_first, c_middle, c_last, c_street_1, c_street_2, c_city, c_state, c_zip, c_phone, c_credit,"
        + " c_credit_lim, c_discount, c_balance, c_ytd_payment, c_payment_cnt, c_since FROM customer"
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", WAREHOUSE, d, c);
    update("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?,"
        + " c_payment_cnt = c_payment_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", amount,
        amount.doubleValue(), WAREHOUSE, d, c);
    update("INSERT INTO history (h_c_d_id, h_c_w_id, h_c_id, h_d_id, h_w_id, h_date, h_amount, h_data)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d, WAREHOUSE, c, d, WAREHOUSE, new Timestamp(System.currentTimeMillis()),
        amount, "warehouse    district");
    String district = "(" + WAREHOUSE + ", " + d + ")";
    String customer = "(" + WAREHOUSE + ", " + d + ", " + c + ")";
    fullReads.add("SELECT * FROM warehouse WHERE (w_id) IN ((" + WAREHOUSE + ")) FOR UPDATE");
    fullReads.add("SELECT * FROM district WHERE (d_w_id, d_id) IN (" + district + ") FOR UPDATE");
    fullReads.add("SELECT * FROM customer WHERE (c_w_id, c_d_id, c_id) IN (" + customer + ") FOR UPDATE");
    narrowReads.add("SELECT w_id, w_ytd FROM warehouse WHERE (w_id) IN ((" + WAREHOUSE + ")) FOR UPDATE");
    narrowReads.add("SELECT d_w_id, d_id, d_ytd FROM district WHERE (d_w_id, d_id) IN (" + district + ") FOR UPDATE");
    narrowReads.add("SELECT c_w_id, c_d_id, c_id, c_balance, c_ytd_payment, c_payment_cnt FROM customer"
        + " WHERE (c_w_id, c_d_id, c_id) IN (" + customer + ") FOR UPDATE");
  }

  /** Delivery of every district's oldest new order (BenchBase's statements); the reads doltsync makes at its commit. */
  private void delivery(List<String> fullReads, List<String> narrowReads) throws SQLException {
    Timestamp deliveredAt = new Timestamp(System.currentTimeMillis());
    int carrier = 1 + random.nextInt(10);
    StringBuilder newOrders = new StringBuilder();
    StringBuilder orders = new StringBuilder();
    StringBuilder lines = new StringBuilder();
    StringBuilder customers = new StringBuilder();
    for (int d = 1; d <= 10; d++) {
      int orderId;
      try (PreparedStatement select = prepare("SELECT no_o_id FROM new_order WHERE no_d_id = ? AND no_w_id = ?"
          + " ORDER BY no_o_id ASC LIMIT 1", d, WAREHOUSE); ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          continue;
        }
        orderId = rs.getInt(1);
      }
      update("DELETE FROM new_order WHERE no_o_id = ? AND no_d_id = ? AND no_w_id = ?", orderId, d, WAREHOUSE);
      int customer;
      int lineCount;
      try (PreparedStatement select = prepare("SELECT o_c_id, o_ol_cnt FROM oorder WHERE o_id = ? AND o_d_id = ?"
          + " AND o_w_id = ?", orderId, d, WAREHOUSE); ResultSet rs = select.executeQuery()) {
        rs.next();
        customer = rs.getInt(1);
        lineCount = rs.getInt(2);
      }
      update("UPDATE oorder SET o_carrier_id = ? WHERE o_id = ? AND o_d_id = ? AND o_w_id = ?", carrier, orderId, d,
          WAREHOUSE);
      if (preSelect) {
        query("SELECT order_line.ol_w_id, order_line.ol_d_id, order_line.ol_o_id, order_line.ol_number FROM order_line"
            + " WHERE ol_o_id = ? AND ol_d_id = ? AND ol_w_id = ? FOR UPDATE", orderId, d, WAREHOUSE);
      }
      update("UPDATE order_line SET ol_delivery_d = ? WHERE ol_o_id = ? AND ol_d_id = ? AND ol_w_id = ?", deliveredAt,
          orderId, d, WAREHOUSE);
      BigDecimal total;
      try (PreparedStatement select = prepare("SELECT SUM(ol_amount) AS ol_total FROM order_line WHERE ol_o_id = ?"
          + " AND ol_d_id = ? AND ol_w_id = ?", orderId, d, WAREHOUSE); ResultSet rs = select.executeQuery()) {
        rs.next();
        total = rs.getBigDecimal(1);
      }
      update("UPDATE customer SET c_balance = c_balance + ?, c_delivery_cnt = c_delivery_cnt + 1 WHERE c_w_id = ?"
          + " AND c_d_id = ? AND c_id = ?", total == null ? BigDecimal.ZERO : total, WAREHOUSE, d, customer);
      String sep = newOrders.length() == 0 ? "" : ", ";
      newOrders.append(sep).append('(').append(WAREHOUSE).append(", ").append(d).append(", ").append(orderId).append(')');
      orders.append(sep).append('(').append(WAREHOUSE).append(", ").append(d).append(", ").append(orderId).append(')');
      customers.append(sep).append('(').append(WAREHOUSE).append(", ").append(d).append(", ").append(customer)
          .append(')');
      for (int number = 1; number <= lineCount; number++) {
        lines.append(lines.length() == 0 ? "" : ", ").append('(').append(WAREHOUSE).append(", ").append(d).append(", ")
            .append(orderId).append(", ").append(number).append(')');
      }
    }
    if (newOrders.length() == 0) {
      return;
    }
    fullReads.add("SELECT * FROM new_order WHERE (no_w_id, no_d_id, no_o_id) IN (" + newOrders + ") FOR UPDATE");
    fullReads.add("SELECT * FROM oorder WHERE (o_w_id, o_d_id, o_id) IN (" + orders + ") FOR UPDATE");
    fullReads.add("SELECT * FROM order_line WHERE (ol_w_id, ol_d_id, ol_o_id, ol_number) IN (" + lines + ") FOR UPDATE");
    fullReads.add("SELECT * FROM customer WHERE (c_w_id, c_d_id, c_id) IN (" + customers + ") FOR UPDATE");
    narrowReads.add("SELECT no_w_id, no_d_id, no_o_id FROM new_order WHERE (no_w_id, no_d_id, no_o_id) IN ("
        + newOrders + ") FOR UPDATE");
    narrowReads.add("SELECT o_w_id, o_d_id, o_id, o_carrier_id FROM oorder WHERE (o_w_id, o_d_id, o_id) IN (" + orders
        + ") FOR UPDATE");
    narrowReads.add("SELECT ol_w_id, ol_d_id, ol_o_id, ol_number, ol_delivery_d FROM order_line"
        + " WHERE (ol_w_id, ol_d_id, ol_o_id, ol_number) IN (" + lines + ") FOR UPDATE");
    narrowReads.add("SELECT c_w_id, c_d_id, c_id, c_balance, c_delivery_cnt FROM customer WHERE (c_w_id, c_d_id, c_id)"
        + " IN (" + customers + ") FOR UPDATE");
  }

  /** New-Order of 5-15 distinct local items (BenchBase's statements, batched stock updates and line inserts). */
  private void newOrder(List<String> fullReads, List<String> narrowReads) throws SQLException {
    int d = 1 + random.nextInt(10);
    int c = 1 + random.nextInt(3000);
    int lines = 5 + random.nextInt(11);
    query("SELECT c_discount, c_last, c_credit FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
        WAREHOUSE, d, c);
    query("SELECT w_tax FROM warehouse WHERE w_id = ?", WAREHOUSE);
    int orderId;
    try (PreparedStatement statement = prepare("SELECT d_next_o_id, d_tax FROM district WHERE d_w_id = ? AND d_id = ?"
        + " FOR UPDATE", WAREHOUSE, d); ResultSet rs = statement.executeQuery()) {
      rs.next();
      orderId = rs.getInt(1);
    }
    update("UPDATE district SET d_next_o_id = d_next_o_id + 1 WHERE d_w_id = ? AND d_id = ?", WAREHOUSE, d);
    update("INSERT INTO oorder (o_id, o_d_id, o_w_id, o_c_id, o_entry_d, o_ol_cnt, o_all_local)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", orderId, d, WAREHOUSE, c, new Timestamp(System.currentTimeMillis()), lines, 1);
    update("INSERT INTO new_order (no_o_id, no_d_id, no_w_id) VALUES (?, ?, ?)", orderId, d, WAREHOUSE);
    TreeSet<Integer> items = new TreeSet<>();
    while (items.size() < lines) {
      items.add(1 + random.nextInt(100_000));
    }
    StringBuilder keys = new StringBuilder();
    try (PreparedStatement stock = connection.prepareStatement("UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?,"
        + " s_order_cnt = s_order_cnt + 1, s_remote_cnt = s_remote_cnt + ? WHERE s_i_id = ? AND s_w_id = ?");
        PreparedStatement line = connection.prepareStatement("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id,"
            + " ol_number, ol_i_id, ol_supply_w_id, ol_quantity, ol_amount, ol_dist_info)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int number = 0;
      for (int item : items) {
        query("SELECT i_price, i_name, i_data FROM item WHERE i_id = ?", item);
        String distInfo;
        try (PreparedStatement select = prepare("SELECT s_quantity, s_data, s_dist_01, s_dist_02, s_dist_03,"
            + " s_dist_04, s_dist_05, s_dist_06, s_dist_07, s_dist_08, s_dist_09, s_dist_10 FROM stock"
            + " WHERE s_i_id = ? AND s_w_id = ? FOR UPDATE", item, WAREHOUSE); ResultSet rs = select.executeQuery()) {
          rs.next();
          distInfo = rs.getString(2 + d);
        }
        stock.setInt(1, 50);
        stock.setInt(2, 3);
        stock.setInt(3, 0);
        stock.setInt(4, item);
        stock.setInt(5, WAREHOUSE);
        stock.addBatch();
        line.setInt(1, orderId);
        line.setInt(2, d);
        line.setInt(3, WAREHOUSE);
        line.setInt(4, ++number);
        line.setInt(5, item);
        line.setInt(6, WAREHOUSE);
        line.setInt(7, 3);
        line.setBigDecimal(8, new BigDecimal("12.34"));
        line.setString(9, distInfo);
        line.addBatch();
        keys.append(keys.length() == 0 ? "" : ", ").append('(').append(WAREHOUSE).append(", ").append(item).append(')');
      }
      stock.executeBatch();
      line.executeBatch();
    }
    String district = "(" + WAREHOUSE + ", " + d + ")";
    fullReads.add("SELECT * FROM district WHERE (d_w_id, d_id) IN (" + district + ") FOR UPDATE");
    fullReads.add("SELECT * FROM stock WHERE (s_w_id, s_i_id) IN (" + keys + ") FOR UPDATE");
    narrowReads.add("SELECT d_w_id, d_id, d_next_o_id FROM district WHERE (d_w_id, d_id) IN (" + district + ")"
        + " FOR UPDATE");
    narrowReads.add("SELECT s_w_id, s_i_id, s_quantity, s_ytd, s_order_cnt, s_remote_cnt FROM stock"
        + " WHERE (s_w_id, s_i_id) IN (" + keys + ") FOR UPDATE");
  }
}
