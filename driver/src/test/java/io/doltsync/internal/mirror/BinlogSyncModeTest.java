package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binlog capture (MariaDB) in sync mode ({@code doltsync.mode=sync}): whatever way a write commits (an auto-commit statement,
 * plain or prepared, after reads or not; an updatable result set's row in auto-commit; an explicit transaction ended
 * by {@code commit()}, by {@code COMMIT} or by {@code setAutoCommit(true)}, or opened by {@code BEGIN} in auto-commit
 * mode), the moment the call returns Dolt's head on
 * the branch already holds it, and {@code awaitMirrored} then has nothing left to wait for (also after a lone read).
 */
class BinlogSyncModeTest {

  private static final int ROWS = 12;
  private static final int STEPS = 60;

  private String schema;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    if (schema != null) {
      TestServers.dropMariadbDatabase(schema);
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void everyWriteIsInDoltsHeadWhenItsCallReturns() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    schema = TestServers.createMariadbDatabase("binlog_sync");
    dolt = DoltDatabases.newName("binlog_sync");
    try (Connection raw = TestServers.mariadb(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE item (id integer PRIMARY KEY, v integer NOT NULL)");
      for (int id = 1; id <= ROWS; id++) {
        statement.execute("INSERT INTO item VALUES (" + id + ", 0)");
      }
    }
    String url = DoltSyncUrls.mirroring(TestServers.mariadbUrl(schema), dolt);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "binlog");
    url = DoltSyncUrls.withParameter(url, "doltsync.mode", "sync");
    int value = 0;
    try (Connection app = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Connection primary = TestServers.mariadb(schema);
        Connection doltHead = TestServers.dolt(dolt)) {
      for (int step = 1; step <= STEPS; step++) {
        int reads = random.nextInt(3);
        for (int r = 0; r < reads; r++) {
          read(app, random);
        }
        int kind = random.nextInt(9);
        int id = 1 + random.nextInt(ROWS);
        value++;
        String what = switch (kind) {
          case 0 -> autoCommitPlain(app, id, value);
          case 1 -> autoCommitPrepared(app, id, value);
          case 2 -> autoCommitRowChange(app, id, value);
          case 3 -> explicit(app, random, id, value, "commit()");
          case 4 -> explicit(app, random, id, value, "COMMIT");
          case 5 -> explicit(app, random, id, value, "setAutoCommit(true)");
          case 6 -> autoCommitInsertDelete(app, random, value);
          case 7 -> explicit(app, random, id, value, "BEGIN … COMMIT");
          default -> {
            read(app, random); // a lone read: nothing to wait for
            yield "only reads";
          }
        };
        String context = "seed " + seed + ", step " + step + " (" + what + ", after " + reads + " reads)";
        assertThat(rows(doltHead, "SELECT id, v FROM item AS OF 'main' ORDER BY id")).as(context)
            .isEqualTo(rows(primary, "SELECT id, v FROM item ORDER BY id"));
        try {
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMillis(1));
        } catch (SQLTimeoutException e) {
          fail(context + ": awaitMirrored still had to wait after the call returned in sync mode", e);
        }
      }
    }
  }

  private static String autoCommitPlain(Connection app, int id, int value) throws SQLException {
    app.setAutoCommit(true);
    try (Statement statement = app.createStatement()) {
      statement.executeUpdate("UPDATE item SET v = " + value + " WHERE id = " + id);
    }
    return "auto-commit plain UPDATE";
  }

  private static String autoCommitPrepared(Connection app, int id, int value) throws SQLException {
    app.setAutoCommit(true);
    try (PreparedStatement update = app.prepareStatement("UPDATE item SET v = ? WHERE id = ?")) {
      update.setInt(1, value);
      update.setInt(2, id);
      update.executeUpdate();
    }
    return "auto-commit prepared UPDATE";
  }

  private static String autoCommitRowChange(Connection app, int id, int value) throws SQLException {
    app.setAutoCommit(true);
    try (Statement statement = app.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
        ResultSet rs = statement.executeQuery("SELECT id, v FROM item WHERE id = " + id)) {
      if (rs.next()) {
        rs.updateInt(2, value);
        rs.updateRow();
      }
    }
    return "auto-commit updatable result set row";
  }

  /** An INSERT of a new row, then a DELETE of it, each in auto-commit (one plain, one prepared). */
  private static String autoCommitInsertDelete(Connection app, Random random, int value) throws SQLException {
    app.setAutoCommit(true);
    int id = ROWS + value;
    try (Statement statement = app.createStatement()) {
      statement.executeUpdate("INSERT INTO item VALUES (" + id + ", " + value + ")");
    }
    if (random.nextBoolean()) {
      try (PreparedStatement delete = app.prepareStatement("DELETE FROM item WHERE id = ?")) {
        delete.setInt(1, id);
        delete.executeUpdate();
      }
      return "auto-commit INSERT, then prepared DELETE";
    }
    return "auto-commit INSERT";
  }

  private static String explicit(Connection app, Random random, int id, int value, String ending) throws SQLException {
    if (ending.startsWith("BEGIN")) {
      app.setAutoCommit(true);
      try (Statement statement = app.createStatement()) {
        statement.execute("BEGIN");
      }
    } else {
      app.setAutoCommit(false);
    }
    read(app, random);
    if (random.nextBoolean()) {
      try (PreparedStatement update = app.prepareStatement("UPDATE item SET v = ? WHERE id = ?")) {
        update.setInt(1, value);
        update.setInt(2, id);
        update.executeUpdate();
      }
    } else {
      try (Statement statement = app.createStatement()) {
        statement.executeUpdate("UPDATE item SET v = " + value + " WHERE id = " + id);
      }
    }
    read(app, random);
    switch (ending) {
      case "commit()" -> app.commit();
      case "COMMIT", "BEGIN … COMMIT" -> {
        try (Statement statement = app.createStatement()) {
          statement.execute("COMMIT");
        }
      }
      default -> app.setAutoCommit(true);
    }
    app.setAutoCommit(true);
    return "transaction ended by " + ending;
  }

  /** A read, plain or prepared. */
  private static void read(Connection app, Random random) throws SQLException {
    if (random.nextBoolean()) {
      try (PreparedStatement select = app.prepareStatement("SELECT v FROM item WHERE id = ?")) {
        select.setInt(1, 1 + random.nextInt(ROWS));
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
        }
      }
    } else {
      try (Statement statement = app.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(*) FROM item")) {
        rs.next();
      }
    }
  }

  private static Map<Integer, Integer> rows(Connection connection, String query) throws SQLException {
    Map<Integer, Integer> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
      while (rs.next()) {
        rows.put(rs.getInt(1), rs.getInt(2));
      }
    }
    return rows;
  }
}
