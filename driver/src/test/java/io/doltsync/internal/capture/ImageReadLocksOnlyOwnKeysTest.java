package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The commit-time image read locks only the rows of the keys it reads, as the application's own statements did.
 * On MariaDB a {@code SELECT ... WHERE k IN (...) FOR UPDATE} over a good share of a small table (or one whose
 * statistics are stale, as during a load) is planned as a full scan, which locks every row, other transactions'
 * too: BenchBase's Twitter and Wikipedia loaders (several threads, batches of 128 inserts, an UPDATE of another
 * thread's rows) deadlocked only through doltsync. A generator of tables (one bigint key or an (int, int) key, 40
 * to 300 rows) and transactions that update a third to a half of the rows by key through doltsync while a raw
 * connection holds a row lock on another row: the commit must not wait for that lock (the session's lock wait
 * timeout is 2 s), and Dolt must equal the primary after it.
 */
class ImageReadLocksOnlyOwnKeysTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ROUNDS = Integer.getInteger("doltsync.test.ownKeyLockRounds", 4);

  @Test
  void commitTimeImageReadWaitsForNoOtherTransactionsRows() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("ownlk");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("ownlk")) {
      boolean[] compositeKeys = new boolean[ROUNDS];
      int[] sizes = new int[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) { // every table exists before doltsync first connects
        compositeKeys[round] = random.nextBoolean();
        sizes[round] = 40 + random.nextInt(261);
        boolean composite = compositeKeys[round];
        int rows = sizes[round];
        String table = "t" + round;
        try (Connection c = space.connect(); Statement s = c.createStatement()) {
          s.execute(composite
              ? "CREATE TABLE " + table + " (a INT NOT NULL, b INT NOT NULL, v INT, w VARCHAR(20), PRIMARY KEY (a, b))"
              : "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, v INT, w VARCHAR(20))");
          s.execute("INSERT INTO " + table + " SELECT " + (composite ? "seq DIV 10, seq MOD 10" : "seq")
              + ", 0, 'w' FROM seq_1_to_" + rows);
          s.execute("ANALYZE TABLE " + table);
        }
      }
      for (int round = 0; round < ROUNDS; round++) {
        boolean composite = compositeKeys[round];
        int rows = sizes[round];
        String table = "t" + round;
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
          ids.add(i);
        }
        Collections.shuffle(ids, random);
        int locked = ids.get(0);
        List<Integer> updated = ids.subList(1, 1 + rows / 3 + random.nextInt(rows / 6 + 1));
        String where = composite ? " WHERE a = ? AND b = ?" : " WHERE id = ?";
        try (Connection other = space.connect();
            Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
                PrimaryKind.MARIADB.credentials())) {
          other.setAutoCommit(false);
          app.setAutoCommit(false);
          try (Statement s = app.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = 2");
          }
          try (PreparedStatement update = app.prepareStatement("UPDATE " + table + " SET v = ?" + where)) {
            for (int id : updated) {
              update.setInt(1, random.nextInt(1000));
              bindKey(update, 2, id, composite);
              update.executeUpdate();
            }
          }
          try (PreparedStatement lock = other.prepareStatement("UPDATE " + table + " SET w = 'other'" + where)) {
            bindKey(lock, 1, locked, composite);
            assertThat(lock.executeUpdate()).isEqualTo(1);
          }
          app.commit(); // a lock wait timeout here: the image read locked a row the transaction never touched
          other.rollback();
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
        }
        MirrorComparison.assertSameRows(space, doltDb, table);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void bindKey(PreparedStatement statement, int index, int id, boolean composite) throws Exception {
    if (composite) {
      statement.setInt(index, id / 10);
      statement.setInt(index + 1, id % 10);
    } else {
      statement.setLong(index, id);
    }
  }
}
