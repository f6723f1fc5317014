package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MirrorSmokeTest {

  @Test
  void h2TransactionsBecomeDoltCommits() throws Exception {
    String doltDb = TestServers.uniqueName("smoke");
    String url = "jdbc:doltsync:" + TestServers.h2Url(null).substring("jdbc:".length())
        + ";doltsync.target=" + TestServers.doltUrl(doltDb);
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(50), qty INT)");
        s.executeUpdate("INSERT INTO orders VALUES (1, 'apple', 3)");
      }
      c.setAutoCommit(false);
      c.unwrap(DoltSyncConnection.class).setCommitMessage("two more orders");
      try (var ps = c.prepareStatement("INSERT INTO orders (id, item, qty) VALUES (?, ?, ?)")) {
        ps.setInt(1, 2);
        ps.setString(2, "pear");
        ps.setInt(3, 1);
        ps.executeUpdate();
        ps.setInt(1, 3);
        ps.setString(2, "plum");
        ps.setInt(3, 7);
        ps.executeUpdate();
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE orders SET qty = qty + 1 WHERE item LIKE 'p%'");
        s.executeUpdate("DELETE FROM orders WHERE id = 1");
      }
      c.commit();
      String hash = c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      assertThat(hash).isNotBlank();
    }
    try (Connection dolt = TestServers.dolt(doltDb); Statement s = dolt.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, item, qty FROM orders ORDER BY id")) {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
          sb.append(rs.getInt(1)).append(rs.getString(2)).append(rs.getInt(3)).append(';');
        }
        assertThat(sb.toString()).isEqualTo("2pear2;3plum8;");
      }
      try (ResultSet rs = s.executeQuery("SELECT message FROM dolt_log")) {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
          sb.append(rs.getString(1).split("\n")[0]).append(" | ");
        }
        System.out.println("LOG: " + sb);
      }
    }
  }
}
