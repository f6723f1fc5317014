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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What binlog capture announces because the binary log cannot say it, under a generator: DDL through the doltsync
 * connection ({@code CREATE TABLE}, {@code ALTER TABLE} adding and dropping columns, {@code TRUNCATE}, {@code DROP
 * TABLE}) among row writes, the commit author and message the application set, and empty commits asked for with
 * {@code DOLT_COMMIT('--allow-empty')}. After every step Dolt holds every table as the primary does, the last
 * commit carries the author and message set for it, and an empty commit asked for is there.
 */
public class BinlogAnnouncementsTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private String database;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    io.doltsync.internal.mirror.MirrorRegistry.closeAll();
    if (database != null) {
      TestServers.dropMariadbDatabase(database);
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void ddlMetadataAndEmptyCommitsReachDoltAtTheirPlace() throws Exception {
    long seed = Long.getLong("binlogAnnouncements.seed", System.nanoTime());
    int steps = Integer.getInteger("binlogAnnouncements.steps", 50);
    System.out.println("[binlogAnnouncements] seed " + seed);
    Random random = new Random(seed);
    database = TestServers.createMariadbDatabase("binlog_said");
    dolt = DoltDatabases.newName("binlog_said");
    try (Connection raw = TestServers.mariadb(database); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE t0 (id int PRIMARY KEY, c0 varchar(20))");
      statement.execute("INSERT INTO t0 VALUES (1, 'a'), (2, 'b')");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.mariadbUrl(database), dolt),
        "doltsync.capture", "binlog");
    List<String> tables = new ArrayList<>(List.of("t0"));
    int nextTable = 1;
    int nextColumn = 1;
    int nextId = 3;
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement statement = connection.createStatement()) {
      DoltSyncConnection dsc = connection.unwrap(DoltSyncConnection.class);
      for (int step = 0; step < steps; step++) {
        int kind = random.nextInt(12);
        // metadata only where doltsync commits the transaction itself (DDL, DOLT_COMMIT, an explicit transaction's
        // commit): a lone auto-commit write in wal or binlog capture does not carry it (README, their limits)
        boolean announces = kind <= 5 || kind == 11;
        String author = null;
        String message = null;
        if (announces && random.nextInt(3) == 0) {
          author = "author" + step;
          dsc.setCommitAuthor(author, author + "@example.com");
        }
        if (announces && random.nextInt(3) == 0) {
          message = "message of step " + step;
          dsc.setCommitMessage(message);
        }
        long commitsBefore = DoltDatabases.commitCount(dolt);
        String table = tables.isEmpty() ? null : tables.get(random.nextInt(tables.size()));
        String what;
        boolean expectCommit = true;
        if (table == null || kind == 0) {
          String created = "t" + nextTable++;
          what = "CREATE TABLE " + created + (random.nextBoolean() ? " (id int PRIMARY KEY, c0 varchar(20))"
              : " (id int, c0 varchar(20))");
          statement.execute(what);
          tables.add(created);
        } else if (kind == 1) {
          what = "ALTER TABLE " + table + " ADD COLUMN x" + nextColumn++ + " int DEFAULT " + random.nextInt(100);
          statement.execute(what);
        } else if (kind == 2) {
          List<String> droppable = columns(connection, table).stream().filter(c -> c.startsWith("x")).toList();
          if (droppable.isEmpty()) {
            what = "TRUNCATE " + table;
            expectCommit = false;
          } else {
            what = "ALTER TABLE " + table + " DROP COLUMN " + droppable.get(random.nextInt(droppable.size()));
          }
          statement.execute(what);
        } else if (kind == 3) {
          what = "TRUNCATE " + table;
          statement.execute(what);
          expectCommit = false;
        } else if (kind == 4) {
          what = (tables.size() > 1 ? "DROP TABLE " : "TRUNCATE ") + table;
          statement.execute(what);
          expectCommit = !what.startsWith("TRUNCATE"); // an empty table's TRUNCATE changes nothing
          if (tables.size() > 1) {
            tables.remove(table);
          }
        } else if (kind == 5) {
          what = "CALL DOLT_COMMIT('--allow-empty', '-m', 'empty " + step + "')";
          statement.execute(what);
          message = "empty " + step;
        } else if (kind < 9) {
          what = "INSERT INTO " + table + " (id, c0) VALUES (" + nextId++ + ", 'v" + random.nextInt(5) + "'), ("
              + nextId++ + ", NULL)";
          statement.execute(what);
        } else if (kind < 11) {
          what = "UPDATE " + table + " SET c0 = 'u" + step + "' WHERE id % 3 = " + random.nextInt(3);
          expectCommit = statement.executeUpdate(what) > 0;
        } else {
          connection.setAutoCommit(false);
          what = "transaction: INSERT + DELETE in " + table;
          int inserted = nextId++;
          statement.execute("INSERT INTO " + table + " (id, c0) VALUES (" + inserted + ", 'tx')");
          statement.execute("DELETE FROM " + table + " WHERE id % 4 = " + random.nextInt(4) + " AND id <> " + inserted);
          connection.commit();
          connection.setAutoCommit(true);
        }
        dsc.awaitMirrored(WAIT);
        String context = "seed " + seed + ", step " + step + ": " + what;
        for (String name : tables) {
          assertThat(rows(TestServers.dolt(dolt), "`" + name + "`")).as(context + ", table " + name)
              .isEqualTo(rows(TestServers.mariadb(database), name));
        }
        assertThat(doltTables()).as(context + ": Dolt's tables").containsExactlyInAnyOrderElementsOf(tables);
        if (expectCommit) {
          assertThat(DoltDatabases.commitCount(dolt)).as(context + ": a Dolt commit").isGreaterThan(commitsBefore);
          try (Connection doltConnection = TestServers.dolt(dolt); Statement select = doltConnection.createStatement();
              ResultSet rs = select.executeQuery("SELECT committer, message FROM dolt_log LIMIT 1")) {
            rs.next();
            if (author != null) {
              assertThat(rs.getString(1)).as(context + ": author").isEqualTo(author);
            }
            if (message != null) {
              assertThat(rs.getString(2)).as(context + ": message").startsWith(message);
            }
          }
        }
      }
    }
  }

  private List<String> doltTables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static List<String> columns(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
      for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
        columns.add(rs.getMetaData().getColumnName(c));
      }
    }
    return columns;
  }

  /** Every row as text, columns by name order of the select, sorted: a multiset. */
  private static List<String> rows(Connection connection, String table) throws SQLException {
    try (connection; Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c == 1 ? "" : "|").append(rs.getMetaData().getColumnName(c)).append('=').append(rs.getString(c));
        }
        rows.add(row.toString());
      }
      rows.sort(null);
      return rows;
    }
  }
}
