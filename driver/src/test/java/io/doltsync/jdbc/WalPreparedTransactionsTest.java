package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.capture.wal.WalCaptureValuesTest;
import io.doltsync.internal.mirror.CommitTrailer;
import io.doltsync.internal.mirror.MirrorRegistry;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Prepared transactions in wal capture ({@code doltsync.capture=wal}) on the real PostgreSQL: random global
 * transactions through {@link DoltSyncXADataSource} (two-phase and one-phase commits, rollbacks after prepare, failed
 * branches, branches prepared on a connection that is then dropped and recovered by another, committed or rolled
 * back), and {@code PREPARE TRANSACTION}
 * / {@code COMMIT PREPARED} / {@code ROLLBACK PREPARED} sent as SQL through a driver-URL connection, finished out of
 * order. The mirror is the XA DataSource's own (its replication connection made from the DataSource). Dolt must then
 * equal the primary with one commit per committed transaction, none for a rolled-back one, in commit order.
 */
class WalPreparedTransactionsTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private String schema;
  private String dolt;

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    if (schema != null) {
      try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
        // a prepared transaction left by a failed run holds locks on the schema's tables
        List<String> prepared = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'walmode-%'")) {
          while (rs.next()) {
            prepared.add(rs.getString(1));
          }
        }
        for (String gid : prepared) {
          statement.execute("ROLLBACK PREPARED '" + gid + "'");
        }
        WalCaptureValuesTest.dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void eachCommittedPreparedTransactionIsOneDoltCommitAndARolledBackOneNone() throws Exception {
    long seed = Long.getLong("walPrepared.seed", System.nanoTime());
    System.out.println("[walPrepared] seed " + seed);
    Random random = new Random(seed);
    schema = TestServers.createPostgresSchema("pgwal_xa_walmode");
    dolt = DoltDatabases.newName("pgwal_xa_walmode");
    try (Connection raw = TestServers.postgres(schema); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE accounts (id integer PRIMARY KEY, balance integer)");
      statement.execute("INSERT INTO accounts VALUES (1, 100), (2, 200)");
    }
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "wal");
    DoltSyncXADataSource dataSource = new DoltSyncXADataSource();
    dataSource.setUrl(url);
    dataSource.setUser(TestServers.USER);
    dataSource.setPassword(TestServers.PASSWORD);
    int nextId = 3;
    int committed = 0;
    XAConnection xa = dataSource.getXAConnection(); // starts the mirror: its slot and applier come from this DataSource
    XAResource resource = xa.getXAResource();
    Connection connection = xa.getConnection();
    // the bootstrap first: a transaction committed before the slot exists is part of the bootstrap copy
    io.doltsync.DoltSync.awaitJournalDrained(connection, WAIT);
    try (Connection sqlSide = DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
        Statement sql = sqlSide.createStatement()) {
      List<String> inDoubt = new ArrayList<>(); // SQL-prepared transactions not finished yet
      for (int t = 0; t < 30; t++) {
        int id = nextId++;
        String write = random.nextBoolean() ? "INSERT INTO accounts VALUES (" + id + ", " + random.nextInt(1000) + ")"
            : "UPDATE accounts SET balance = balance + " + (1 + random.nextInt(9)) + " WHERE id = " + (1 + random.nextInt(2));
        switch (random.nextInt(6)) {
          case 0, 1 -> { // two-phase, committed or rolled back after prepare
            Xid xid = xid();
            resource.start(xid, XAResource.TMNOFLAGS);
            try (Statement branch = connection.createStatement()) {
              branch.executeUpdate(write);
            }
            resource.end(xid, XAResource.TMSUCCESS);
            assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
            if (random.nextInt(3) > 0) {
              resource.commit(xid, false);
              committed++;
            } else {
              resource.rollback(xid);
            }
          }
          case 2 -> { // one-phase commit, or a failed branch
            Xid xid = xid();
            resource.start(xid, XAResource.TMNOFLAGS);
            try (Statement branch = connection.createStatement()) {
              branch.executeUpdate(write);
            }
            boolean fail = random.nextInt(4) == 0;
            resource.end(xid, fail ? XAResource.TMFAIL : XAResource.TMSUCCESS);
            if (fail) {
              resource.rollback(xid);
            } else {
              resource.commit(xid, true);
              committed++;
            }
          }
          case 3 -> { // prepared on a connection that goes away; another one's recovery finishes it
            Xid xid = xid();
            XAConnection lost = dataSource.getXAConnection();
            XAResource lostResource = lost.getXAResource();
            lostResource.start(xid, XAResource.TMNOFLAGS);
            try (Statement branch = lost.getConnection().createStatement()) {
              branch.executeUpdate(write);
            }
            lostResource.end(xid, XAResource.TMSUCCESS);
            assertThat(lostResource.prepare(xid)).isEqualTo(XAResource.XA_OK);
            lost.close();
            if (random.nextBoolean()) {
              resource.commit(xid, false);
              committed++;
            } else {
              resource.rollback(xid);
            }
          }
          default -> { // PREPARE TRANSACTION as SQL, finished later, in another order
            String gid = "walmode-" + UUID.randomUUID();
            sqlSide.setAutoCommit(false);
            // a new row: an in-doubt transaction keeps its row locks until it is finished
            sql.executeUpdate("INSERT INTO accounts VALUES (" + id + ", " + random.nextInt(1000) + ")");
            sql.execute("PREPARE TRANSACTION '" + gid + "'");
            sqlSide.setAutoCommit(true);
            inDoubt.add(gid);
          }
        }
        while (!inDoubt.isEmpty() && random.nextInt(3) == 0) {
          String gid = inDoubt.remove(random.nextInt(inDoubt.size()));
          if (random.nextInt(3) > 0) {
            sql.execute("COMMIT PREPARED '" + gid + "'");
            committed++;
          } else {
            sql.execute("ROLLBACK PREPARED '" + gid + "'");
          }
        }
      }
      for (String gid : inDoubt) {
        sql.execute("COMMIT PREPARED '" + gid + "'");
        committed++;
      }
      sqlSide.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    } finally {
      xa.close();
    }
    try (Connection primary = TestServers.postgres(schema); Connection doltConnection = TestServers.dolt(dolt)) {
      assertThat(rows(doltConnection)).as("seed %d: Dolt against the primary", seed).isEqualTo(rows(primary));
      List<String> named = new ArrayList<>();
      try (Statement statement = doltConnection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT message FROM dolt_log ORDER BY commit_order")) {
        while (rs.next()) {
          List<String> ids = new ArrayList<>(CommitTrailer.transactionsOf(rs.getString(1)));
          if (!ids.isEmpty() && ids.get(0).startsWith("pg-")) {
            assertThat(ids).as("seed %d: transactions of one commit", seed).hasSize(1);
            named.addAll(ids);
          }
        }
      }
      assertThat(new HashSet<>(named)).as("seed %d: a transaction named twice", seed).hasSameSizeAs(named);
      assertThat(named).as("seed %d: Dolt commits for committed transactions", seed).hasSize(committed);
      List<Long> lsns = named.stream().map(id -> Long.parseUnsignedLong(id.substring(id.lastIndexOf('-') + 1), 16))
          .toList();
      assertThat(lsns).as("seed %d: commits in commit-LSN order", seed).isSorted();
    }
  }

  private static TreeMap<Integer, Integer> rows(Connection connection) throws SQLException {
    TreeMap<Integer, Integer> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, balance FROM accounts")) {
      while (rs.next()) {
        rows.put(rs.getInt(1), rs.getInt(2));
      }
    }
    return rows;
  }

  private static Xid xid() {
    UUID id = UUID.randomUUID();
    byte[] global = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
        .array();
    return new Xid() {
      @Override
      public int getFormatId() {
        return 4712;
      }

      @Override
      public byte[] getGlobalTransactionId() {
        return global.clone();
      }

      @Override
      public byte[] getBranchQualifier() {
        return new byte[] {1};
      }
    };
  }
}
