package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: sessions that each hold a {@code TRUNCATE} of their own table (an {@code ACCESS EXCLUSIVE} lock) and go
 * on writing must not wait for each other, as they do not through the raw driver. A TRUNCATE used to make the mirror
 * read every table's schema again, in every session's next statement and inside its transaction, so a session waited
 * behind the other's TRUNCATE lock (and two such sessions deadlocked: tck multi-writer seed -174989951740521516).
 * Random rounds: 2–4 sessions, each truncating one table, then inserts into its own table, in random interleavings,
 * with a lock timeout so a wait fails the round; Dolt must equal the primary after all commit.
 */
class TruncateCatalogLockTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  @Test
  void sessionsHoldingTruncatesOfTheirOwnTablesDoNotWaitForEachOther() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("trunclock");
    int tables = 4;
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("trunclock")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        for (int t = 0; t < tables; t++) {
          s.execute("CREATE TABLE tl" + t + " (id INT PRIMARY KEY, v TEXT)");
          s.execute("INSERT INTO tl" + t + " SELECT g, 'seed' FROM generate_series(1, 5) g");
        }
      }
      String url = DoltSyncUrls.mirroring(space.url(), doltDb);
      List<Connection> sessions = new ArrayList<>();
      try {
        for (int i = 0; i < tables; i++) {
          Connection session = DriverManager.getConnection(url, PrimaryKind.POSTGRES.credentials());
          try (Statement s = session.createStatement()) {
            s.execute("SET lock_timeout = '3s'");
          }
          session.setAutoCommit(false);
          sessions.add(session);
        }
        for (int round = 0; round < 6; round++) {
          int count = 2 + random.nextInt(tables - 1);
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            run(sessions.get(i), "TRUNCATE tl" + i, round);
            order.add(i);
            order.add(i);
          }
          java.util.Collections.shuffle(order, random);
          int id = 100 * (round + 1);
          for (int i : order) {
            run(sessions.get(i), "INSERT INTO tl" + i + " VALUES (" + (id++) + ", 'round " + round + "')", round);
          }
          for (int i = 0; i < count; i++) {
            sessions.get(i).commit();
          }
        }
        sessions.get(0).unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
      } finally {
        for (Connection session : sessions) {
          session.close();
        }
      }
      MirrorComparison.assertSameRows(space, doltDb, "tl0", "tl1", "tl2", "tl3");
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void run(Connection session, String sql, int round) throws SQLException {
    try (Statement s = session.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("round " + round + " (seed " + SEED + "): " + sql + " waited or failed: "
          + e.getSQLState() + " " + e.getMessage(), e);
    }
  }
}
