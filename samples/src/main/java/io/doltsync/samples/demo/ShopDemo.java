package io.doltsync.samples.demo;

import io.doltsync.DoltSyncConnection;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The README demo: a small shop on an H2 database, run through {@code jdbc:doltsync:} with an embedded Dolt
 * server the driver starts itself. Every transaction carries an author and a message; afterwards the
 * shop's story is told from Dolt through the same connection: the log, the diff of one transaction, a
 * row's history and the shop as it was before.
 *
 * <p>Run it with {@code scripts/demo.sh}, or {@code java ... ShopDemo [directory]}.
 */
public final class ShopDemo {

  private final Connection shop;
  private final DoltSyncConnection doltsync;
  private final PrintStream out;
  private final TablePrinter printer;

  private ShopDemo(Connection shop, PrintStream out) throws SQLException {
    this.shop = shop;
    this.doltsync = shop.unwrap(DoltSyncConnection.class);
    this.out = out;
    this.printer = new TablePrinter(out);
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args.length > 0 ? args[0] : "target/demo").toAbsolutePath();
    deleteRecursively(directory);
    String url = "jdbc:doltsync:h2:mem:shop;DB_CLOSE_DELAY=-1;doltsync.target=embedded:" + directory.resolve("dolt");
    try (Connection shop = DriverManager.getConnection(url, "shopkeeper", "")) {
      new ShopDemo(shop, System.out).run();
    }
  }

  /** Runs the shop's day, then tells it from Dolt. */
  public void run() throws SQLException {
    heading("The shop's day, on an H2 database (every commit is mirrored into Dolt)");
    openShop();
    int bobsOrder = placeOrder("Bob <bob@example.com>", "Bob orders two apples and a pear", 1, 2, 2, 1);
    String frost = changePrice("Ann <ann@shop.example>", "Apples are dearer after the frost", 1, "0.65");
    placeOrder("Carol <carol@example.com>", "Carol orders three pears", 2, 3, -1, 0);
    cancelOrder("Ann <ann@shop.example>", "Bob cancels his order", bobsOrder);

    try (Statement sql = shop.createStatement()) {
      heading("What Dolt remembers, asked through the same connection: dolt_log");
      printer.print(sql.executeQuery("SELECT LEFT(commit_hash, 8) AS commit_hash, committer,"
          + " DATE_FORMAT(date, '%H:%i:%s') AS time, SUBSTRING_INDEX(message, '\\n', 1) AS message FROM dolt_log"));

      heading("What the price change did: dolt_diff('" + shortHash(frost) + "~1', '" + shortHash(frost) + "', 'products')");
      printer.print(sql.executeQuery("SELECT diff_type, from_name, from_price, to_price, from_stock, to_stock"
          + " FROM dolt_diff('" + frost + "~1', '" + frost + "', 'products')"));

      heading("The life of order " + bobsOrder + ": dolt_diff_orders");
      printer.print(sql.executeQuery("SELECT d.diff_type, d.from_status, d.to_status, l.committer,"
          + " SUBSTRING_INDEX(l.message, '\\n', 1) AS message FROM dolt_diff_orders d"
          + " JOIN dolt_log l ON l.commit_hash = d.to_commit"
          + " WHERE d.to_id = " + bobsOrder + " OR d.from_id = " + bobsOrder + " ORDER BY d.to_commit_date"));

      heading("The apple's history: dolt_history_products");
      printer.print(sql.executeQuery("SELECT name, price, stock, LEFT(commit_hash, 8) AS commit_hash, committer"
          + " FROM dolt_history_products WHERE id = 1 ORDER BY commit_date DESC"));

      heading("The shelves before the frost: SELECT * FROM products AS OF '" + shortHash(frost) + "~1'");
      printer.print(sql.executeQuery("SELECT id, name, price, stock FROM products AS OF '" + frost + "~1' ORDER BY id"));

      heading("And the shelves now, from the primary: SELECT * FROM products");
      printer.print(sql.executeQuery("SELECT id, name, price, stock FROM products ORDER BY id"));
    }
  }

  private void openShop() throws SQLException {
    shop.setAutoCommit(false);
    try (Statement sql = shop.createStatement()) {
      sql.execute("CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
          + " price DECIMAL(8,2) NOT NULL, stock INT NOT NULL)");
      sql.execute("CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
          + " status VARCHAR(20) NOT NULL, placed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
      sql.execute("CREATE TABLE order_lines (order_id INT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,"
          + " product_id INT NOT NULL REFERENCES products(id), quantity INT NOT NULL, PRIMARY KEY (order_id, product_id))");
    }
    transaction("Ann <ann@shop.example>", "Stock the shelves", () -> {
      try (PreparedStatement insert = shop.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?)")) {
        addProduct(insert, 1, "apple", "0.50", 100);
        addProduct(insert, 2, "pear", "0.80", 60);
        addProduct(insert, 3, "plum", "1.20", 25);
        insert.executeBatch();
      }
    });
  }

  /** Places an order of one or two products; returns the order's generated id. */
  private int placeOrder(String author, String message, int product, int quantity, int secondProduct,
      int secondQuantity) throws SQLException {
    int[] orderId = new int[1];
    transaction(author, message, () -> {
      String customer = author.substring(0, author.indexOf(' '));
      try (PreparedStatement order = shop.prepareStatement(
          "INSERT INTO orders (customer, status) VALUES (?, 'placed')", Statement.RETURN_GENERATED_KEYS)) {
        order.setString(1, customer);
        order.executeUpdate();
        try (var keys = order.getGeneratedKeys()) {
          keys.next();
          orderId[0] = keys.getInt(1);
        }
      }
      orderLine(orderId[0], product, quantity);
      if (secondProduct > 0) {
        orderLine(orderId[0], secondProduct, secondQuantity);
      }
    });
    return orderId[0];
  }

  private void orderLine(int order, int product, int quantity) throws SQLException {
    try (PreparedStatement line = shop.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?)");
        PreparedStatement stock = shop.prepareStatement("UPDATE products SET stock = stock - ? WHERE id = ?")) {
      line.setInt(1, order);
      line.setInt(2, product);
      line.setInt(3, quantity);
      line.executeUpdate();
      stock.setInt(1, quantity);
      stock.setInt(2, product);
      stock.executeUpdate();
    }
  }

  /** Changes a price; returns the Dolt commit of that transaction. */
  private String changePrice(String author, String message, int product, String price) throws SQLException {
    return transaction(author, message, () -> {
      try (PreparedStatement update = shop.prepareStatement("UPDATE products SET price = ? WHERE id = ?")) {
        update.setBigDecimal(1, new BigDecimal(price));
        update.setInt(2, product);
        update.executeUpdate();
      }
    });
  }

  private void cancelOrder(String author, String message, int order) throws SQLException {
    transaction(author, message, () -> {
      try (Statement sql = shop.createStatement()) {
        sql.executeUpdate("UPDATE products p SET stock = stock + (SELECT quantity FROM order_lines l"
            + " WHERE l.product_id = p.id AND l.order_id = " + order + ") WHERE id IN (SELECT product_id FROM"
            + " order_lines WHERE order_id = " + order + ")");
        sql.executeUpdate("UPDATE orders SET status = 'cancelled' WHERE id = " + order);
        sql.executeUpdate("DELETE FROM order_lines WHERE order_id = " + order);
      }
    });
  }

  /**
   * Runs one transaction with the given author and message, waits until it is a Dolt commit, says so and
   * returns the commit's hash.
   */
  private String transaction(String author, String message, Work work) throws SQLException {
    String name = author.substring(0, author.indexOf('<')).strip();
    String email = author.substring(author.indexOf('<') + 1, author.indexOf('>'));
    doltsync.setCommitAuthor(name, email);
    doltsync.setCommitMessage(message);
    work.run();
    shop.commit();
    String commit = doltsync.awaitMirrored(Duration.ofSeconds(30));
    out.printf("  ✔ %-36s by %-6s → Dolt commit %s%n", message, name, shortHash(commit));
    return commit;
  }

  private static void addProduct(PreparedStatement insert, int id, String name, String price, int stock)
      throws SQLException {
    insert.setInt(1, id);
    insert.setString(2, name);
    insert.setBigDecimal(3, new BigDecimal(price));
    insert.setInt(4, stock);
    insert.addBatch();
  }

  private static String shortHash(String hash) {
    return hash.length() > 8 ? hash.substring(0, 8) + "…" : hash;
  }

  private void heading(String title) {
    out.println();
    out.println("▌ " + title);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @FunctionalInterface
  private interface Work {
    void run() throws SQLException;
  }
}
