package io.doltsync.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README demo as {@code scripts/demo.sh} runs it: an H2 primary and an embedded Dolt the driver starts
 * itself (the {@code dolt} binary from the PATH), in a fresh directory. Checks what it prints and what Dolt
 * holds afterwards.
 */
class ShopDemoTest {

  private static final Pattern DONE = Pattern.compile("✔ (.+?) +by (\\S+) +→ Dolt commit (\\w+)…");

  @TempDir
  Path directory;

  @Test
  void tellsTheShopsDayFromDolt() throws Exception {
    String printed = runDemo();

    assertThat(printed).contains(
        "▌ What Dolt remembers, asked through the same connection: dolt_log",
        "▌ The apple's history: dolt_history_products",
        "▌ The shelves before the frost: SELECT * FROM products AS OF");
    Map<String, String[]> done = new LinkedHashMap<>(); // message -> author, commit prefix
    Matcher line = DONE.matcher(printed);
    while (line.find()) {
      done.put(line.group(1), new String[] {line.group(2), line.group(3)});
    }
    assertThat(done).containsOnlyKeys("Stock the shelves", "Bob orders two apples and a pear",
        "Apples are dearer after the frost", "Carol orders three pears", "Bob cancels his order");

    String url = "jdbc:doltsync:h2:mem:shop;DB_CLOSE_DELAY=-1;doltsync.target=embedded:" + directory.resolve("dolt");
    try (Connection shop = DriverManager.getConnection(url, "shopkeeper", "")) {
      List<String[]> log = rows(shop, "SELECT commit_hash, committer, message FROM dolt_log ORDER BY commit_order");
      for (Map.Entry<String, String[]> transaction : done.entrySet()) {
        String[] commit = log.stream().filter(row -> row[0].startsWith(transaction.getValue()[1])).findFirst()
            .orElseThrow(() -> new AssertionError("no Dolt commit " + transaction.getValue()[1] + " for "
                + transaction.getKey()));
        if (commit[2].contains("Doltsync-Bootstrap: true")) {
          // The shop's first transaction committed before the mirror's bootstrap snapshot was taken, so the
          // bootstrap commit holds it (authored by doltsync). Only the first one may be folded in like this.
          assertThat(transaction.getKey()).isEqualTo("Stock the shelves");
        } else {
          assertThat(commit[1]).isEqualTo(transaction.getValue()[0]);
          assertThat(commit[2]).startsWith(transaction.getKey() + "\n\nDoltsync-Transaction: ");
        }
      }
      assertThat(log.subList(log.size() - 4, log.size())).extracting(row -> row[1] + ": " + row[2].lines().findFirst()
          .orElseThrow()).containsExactly(
              "Bob: Bob orders two apples and a pear",
              "Ann: Apples are dearer after the frost",
              "Carol: Carol orders three pears",
              "Ann: Bob cancels his order");

      List<String> primary = flat(rows(shop, "SELECT id, name, price, stock FROM products ORDER BY id"));
      assertThat(primary).containsExactly("1|apple|0.65|100", "2|pear|0.80|57", "3|plum|1.20|25");
      assertThat(flat(rows(shop, "SELECT id, name, price, stock FROM products AS OF 'main' ORDER BY id")))
          .as("Dolt's products").isEqualTo(primary);
      assertThat(flat(rows(shop, "SELECT id, status FROM orders AS OF 'main' ORDER BY id")))
          .containsExactly("1|cancelled", "2|placed");
      assertThat(flat(rows(shop, "SELECT order_id, product_id, quantity FROM order_lines AS OF 'main'")))
          .containsExactly("2|2|3");
    }
  }

  private String runDemo() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ShopDemo.main(new String[] {directory.toString()});
    } finally {
      System.setOut(original);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    original.print(output);
    return output;
  }

  private static List<String[]> rows(Connection connection, String query) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = rs.getString(c + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<String> flat(List<String[]> rows) {
    return rows.stream().map(row -> String.join("|", row)).toList();
  }
}
