package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.capture.wal.WalCaptureValuesTest;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit in wal capture ({@code doltsync.groupCommit} with {@code doltsync.capture=wal}): random transactions
 * (keyed inserts, updates that leave a TOASTed text unchanged, key moves, deletes, keyless inserts and deletes of one
 * copy, rollbacks) committed while the applier is stopped, so the slot holds a backlog, then applied with faults
 * between a group's Dolt commit and the slot's confirmation and restarts. Dolt must then equal the primary, every
 * committed transaction be named exactly once in the trailers, in commit-LSN order, with commits carrying several
 * transactions (and none more than the limit).
 */
class WalGroupCommitTest {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final int LIMIT = 6;

  private String schema;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    if (schema != null) {
      try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
        WalCaptureValuesTest.dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void aBacklogIsAppliedInGroupsThatKeepEveryTransactionOnceAndInOrder() throws Exception {
    long seed = Long.getLong("walGroup.seed", System.nanoTime());
    int transactions = Integer.getInteger("walGroup.transactions", 90);
    System.out.println("[walGroup] seed " + seed + ", " + transactions + " transactions");
    Random random = new Random(seed);
    schema = TestServers.createPostgresSchema("pgwal_group_walmode");
    dolt = DoltDatabases.newName("pgwal_group_walmode");
    try (Connection raw = TestServers.postgres(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE acct (id integer PRIMARY KEY, amount bigint, note text)");
      statement.execute("CREATE TABLE events (k integer, v text)");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "wal");
    url = DoltSyncUrls.withParameter(url, "doltsync.groupCommit", Integer.toString(LIMIT));
    List<Integer> keys = new ArrayList<>();
    Map<Integer, Integer> eventCopies = new HashMap<>();
    int nextKey = 1;
    int committed = 0;
    try (Connection connection = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement statement = connection.createStatement()) {
      WalApplier applier = ((MirrorSession) connection.unwrap(ConnectionWrapper.class).session()).mirror().walApplier();
      applier.stop(); // the slot keeps what follows: a backlog
      for (int t = 0; t < transactions; t++) {
        if (t == transactions / 2) {
          applier.start(); // the second half arrives while the first is applied
        } else if (t > transactions / 2 && random.nextInt(12) == 0) {
          applier.crashesBeforeConfirm.addAndGet(1 + random.nextInt(2));
        } else if (t > transactions / 2 && random.nextInt(25) == 0) {
          applier.stop();
          applier.start();
        }
        List<Integer> keysBefore = new ArrayList<>(keys);
        Map<Integer, Integer> eventsBefore = new HashMap<>(eventCopies);
        // rows this transaction added: never deleted in it again, so that no committed transaction nets to nothing
        Set<Integer> newKeys = new HashSet<>();
        Set<Integer> newEvents = new HashSet<>();
        int count = 1 + random.nextInt(3);
        connection.setAutoCommit(count == 1);
        for (int s = 0; s < count; s++) {
          int kind = random.nextInt(10);
          if (kind < 3 || keys.isEmpty()) {
            int key = nextKey++;
            keys.add(key);
            newKeys.add(key);
            // a text long enough to be TOASTed: an update leaving it unchanged does not repeat it in the WAL
            String note = random.nextBoolean() ? "repeat('n" + key + "', 2000)" : "'short " + key + "'";
            statement.execute("INSERT INTO acct VALUES (" + key + ", " + random.nextInt(1000) + ", " + note + ")");
          } else if (kind < 5) {
            statement.execute("UPDATE acct SET amount = amount + " + (1 + random.nextInt(50)) + " WHERE id = "
                + keys.get(random.nextInt(keys.size())));
          } else if (kind < 6) {
            int index = random.nextInt(keys.size());
            int key = nextKey++;
            statement.execute("UPDATE acct SET id = " + key + " WHERE id = " + keys.get(index));
            if (newKeys.remove(keys.get(index))) {
              newKeys.add(key);
            }
            keys.set(index, key);
          } else if (kind < 7 && keys.stream().anyMatch(key -> !newKeys.contains(key))) {
            List<Integer> old = keys.stream().filter(key -> !newKeys.contains(key)).toList();
            Integer key = old.get(random.nextInt(old.size()));
            statement.execute("DELETE FROM acct WHERE id = " + key);
            keys.remove(key);
          } else if (kind < 9 || eventCopies.keySet().stream().allMatch(newEvents::contains)) {
            int k = random.nextInt(4);
            statement.execute("INSERT INTO events VALUES (" + k + ", 'e" + k + "')");
            eventCopies.merge(k, 1, Integer::sum);
            newEvents.add(k);
          } else {
            List<Integer> old = eventCopies.keySet().stream().filter(k -> !newEvents.contains(k)).toList();
            int k = old.get(random.nextInt(old.size()));
            statement.execute("DELETE FROM events WHERE ctid = (SELECT ctid FROM events WHERE k = " + k + " LIMIT 1)");
            eventCopies.computeIfPresent(k, (key, copies) -> copies == 1 ? null : copies - 1);
          }
        }
        if (count > 1 && random.nextInt(6) == 0) {
          connection.rollback();
          keys.clear();
          keys.addAll(keysBefore);
          eventCopies.clear();
          eventCopies.putAll(eventsBefore);
        } else {
          if (count > 1) {
            connection.commit();
          }
          committed++;
        }
        connection.setAutoCommit(true);
      }
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    }
    try (Connection primary = TestServers.postgres(schema); Connection doltConnection = TestServers.dolt(dolt)) {
      for (String table : List.of("acct", "events")) {
        String order = table.equals("acct") ? "id" : "k, v";
        String columns = table.equals("acct") ? "id, amount, md5(note)" : "k, v";
        String doltColumns = table.equals("acct") ? "id, amount, md5(note)" : "k, v";
        assertThat(rows(doltConnection, "SELECT " + doltColumns + " FROM " + table + " ORDER BY " + order))
            .as("seed %d: Dolt's %s against the primary's", seed, table)
            .isEqualTo(rows(primary, "SELECT " + columns + " FROM " + table + " ORDER BY " + order));
      }
      List<List<String>> commits = new ArrayList<>();
      try (Statement statement = doltConnection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT message FROM dolt_log ORDER BY commit_order")) {
        while (rs.next()) {
          String message = rs.getString(1);
          List<String> ids = new ArrayList<>(CommitTrailer.transactionsOf(message));
          if (!ids.isEmpty() && ids.get(0).startsWith("pg-")) {
            commits.add(ids);
            List<Long> lsns = CommitTrailer.journalIdsOf(message);
            assertThat(lsns).as("seed %d: a commit's LSNs", seed).hasSameSizeAs(ids);
          }
        }
      }
      List<String> named = commits.stream().flatMap(List::stream).toList();
      Set<String> distinct = new HashSet<>(named);
      assertThat(named).as("seed %d: a transaction named twice", seed).hasSameSizeAs(distinct);
      assertThat(named).as("seed %d: committed transactions named in the trailers", seed).hasSize(committed);
      List<Long> lsns = named.stream().map(id -> Long.parseUnsignedLong(id.substring(id.lastIndexOf('-') + 1), 16))
          .toList();
      assertThat(lsns).as("seed %d: transactions in commit-LSN order", seed).isSorted();
      assertThat(commits).as("seed %d: no commit carries more than the limit", seed)
          .allSatisfy(ids -> assertThat(ids.size()).isLessThanOrEqualTo(LIMIT));
      assertThat(commits.stream().filter(ids -> ids.size() > 1).count())
          .as("seed %d: commits carrying several transactions (of %d commits)", seed, commits.size()).isPositive();
    }
  }

  private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int c = 1; c <= columns; c++) {
          row.add(rs.getString(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
