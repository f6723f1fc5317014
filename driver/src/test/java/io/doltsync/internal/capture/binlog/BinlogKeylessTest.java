package io.doltsync.internal.capture.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binlog capture (MariaDB) of keyless tables under a generator: concurrent sessions insert duplicates (also copied
 * from the table itself), delete one copy of a duplicated row or all of them, update copies, inside savepoints that
 * are released or rolled back (nested, and followed by more writes in and after them), and {@code TRUNCATE} (DDL on
 * MariaDB: a transaction of its own, announced); transactions commit or roll back. Once every session is done the mirror must have applied everything (a stalled applier
 * fails the wait) and each Dolt table must hold the primary's rows, copies counted.
 */
public class BinlogKeylessTest {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final List<String> TABLES = List.of("k1", "k2");

  private String schema;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    io.doltsync.internal.mirror.MirrorRegistry.closeAll();
    if (schema != null) {
      TestServers.dropMariadbDatabase(schema);
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void keylessTruncatesInSavepointsAndDuplicatesMirrorExactly() throws Exception {
    long seed = Long.getLong("binlogKeyless.seed", System.nanoTime());
    int sessions = Integer.getInteger("binlogKeyless.sessions", 3);
    int transactions = Integer.getInteger("binlogKeyless.transactions", 60);
    schema = TestServers.createMariadbDatabase("binlog_keyless");
    dolt = DoltDatabases.newName("binlog_keyless");
    try (Connection raw = TestServers.mariadb(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE k1 (a integer, b text)");
      statement.execute("CREATE TABLE k2 (a integer, b text, c double, d json)");
      statement.execute("INSERT INTO k1 VALUES (1, 'x'), (1, 'x'), (2, NULL)");
      statement.execute("INSERT INTO k2 VALUES (1, 'x', 0.1, '{\"a\": 1}'), (1, 'x', 0.1, '{\"a\": 1}')");
    }
    String url = DoltSyncUrls.mirroring(TestServers.mariadbUrl(schema), dolt);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "binlog");
    List<Connection> connections = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      connections.add(DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD));
    }
    AtomicInteger committed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        Connection connection = connections.get(s);
        Random random = new Random(seed + s);
        runs.add(pool.submit(() -> {
          for (int t = 0; t < transactions; t++) {
            if (transaction(connection, random)) {
              committed.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("[binlogKeyless] seed " + seed + ": " + committed + " transactions committed, " + failed
        + " rolled back or failed (deadlocks, lock timeouts)");
    connections.get(0).unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    for (String table : TABLES) {
      assertThat(rows(TestServers.dolt(dolt), "`" + table + "`"))
          .as("seed %d: Dolt's rows of %s against the primary's, copies counted", seed, table)
          .isEqualTo(rows(TestServers.mariadb(schema), table));
    }
    for (Connection connection : connections) {
      connection.close();
    }
  }

  /** One random transaction; returns whether it committed (a deadlock or lock timeout rolls it back). */
  private static boolean transaction(Connection connection, Random random) throws SQLException {
    if (random.nextInt(15) == 0) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE " + table(random)); // DDL: commits on its own
        return true;
      } catch (SQLException e) {
        // the TRUNCATE's capture (journal capture's DDL path, whole-table copy under a lock) may deadlock with a
        // concurrent writer, as in journal capture; the TRUNCATE itself committed or not, and the log says which
        if (e.getErrorCode() != 1213 && e.getErrorCode() != 1205 && !"40001".equals(e.getSQLState())) {
          throw e;
        }
        return false;
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION innodb_lock_wait_timeout = 3");
    }
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      int savepoints = 0;
      int statements = 1 + random.nextInt(6);
      for (int s = 0; s < statements; s++) {
        int kind = random.nextInt(12);
        if (kind < 3 || savepoints > 0 && kind == 11) {
          if (savepoints > 0 && random.nextBoolean()) {
            statement.execute((random.nextInt(3) == 0 ? "ROLLBACK TO SAVEPOINT s" : "RELEASE SAVEPOINT s")
                + savepoints);
            savepoints--;
          } else {
            savepoints++;
            statement.execute("SAVEPOINT s" + savepoints);
          }
        } else {
          statement.execute(write(random));
        }
      }
      while (savepoints > 0) {
        statement.execute((random.nextInt(3) == 0 ? "ROLLBACK TO SAVEPOINT s" : "RELEASE SAVEPOINT s") + savepoints);
        savepoints--;
      }
      if (random.nextInt(8) == 0) {
        connection.rollback();
        return false;
      }
      connection.commit();
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() != 1213 && e.getErrorCode() != 1205 && !"40001".equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback();
      return false;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static String table(Random random) {
    return TABLES.get(random.nextInt(TABLES.size()));
  }

  /** A write of keyless rows from a small domain of values, so that copies of one row are common. */
  private static String write(Random random) {
    String table = table(random);
    int a = random.nextInt(4);
    String row = table.equals("k1") ? a + ", " + text(random)
        : a + ", " + text(random) + ", " + (random.nextBoolean() ? "0.1" : "1e-7") + ", '{\"a\": " + a + "}'";
    return switch (random.nextInt(7)) {
      case 0, 1 -> "INSERT INTO " + table + " VALUES (" + row + ")" + (random.nextBoolean() ? ", (" + row + ")" : "");
      case 2 -> "INSERT INTO " + table + " SELECT * FROM " + table + " WHERE a = " + a + " LIMIT 2";
      case 3 -> "DELETE FROM " + table + " WHERE a = " + a + " LIMIT 1";
      case 4 -> "DELETE FROM " + table + " WHERE a = " + a;
      case 5 -> "UPDATE " + table + " SET b = " + text(random) + " WHERE a = " + a;
      default -> "UPDATE " + table + " SET a = " + random.nextInt(4) + " WHERE a = " + a + " LIMIT 1";
    };
  }

  private static String text(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "NULL";
      case 1 -> "'x'";
      case 2 -> "'y'";
      default -> "'" + "z".repeat(3000 + random.nextInt(3000)) + "'";
    };
  }

  /** Every row of a table as text, sorted: a multiset of rows. */
  private static List<String> rows(Connection connection, String table) throws SQLException {
    try (connection; Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          Object value = rs.getObject(c);
          if (value instanceof byte[] bytes) {
            value = new String(bytes, java.nio.charset.StandardCharsets.UTF_8); // Dolt's JSON through the MariaDB client
          }
          String printed = value == null ? "NULL" : value instanceof Number n ? String.valueOf(n.doubleValue())
              : value.toString().replace(" ", "");
          row.append(c == 1 ? "" : "|").append(printed.length() > 40 ? printed.length() + ":" + printed.hashCode()
              : printed);
        }
        rows.add(row.toString());
      }
      rows.sort(null);
      return rows;
    }
  }
}
