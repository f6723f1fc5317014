package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyless UPDATE and DELETE captured from the rows they match (a locking SELECT of complete rows just before
 * the statement) instead of whole-table copies: a generator of transactions mixing inserts of duplicate rows,
 * deletes and updates by WHERE (literals and parameters, rows inserted in the same transaction, no-op
 * updates, NULLs), savepoint rollbacks, batches and rolled-back transactions, on each primary. After every
 * transaction Dolt must hold the same multiset of rows as the primary, and only the statements that cannot be
 * captured from their rows (computed assignments, batches but PostgreSQL's, savepoint rollbacks) copy the table.
 */
class KeylessChangesMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.keylessTransactions", 25);

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void keylessUpdatesAndDeletesAreMirroredAsRowDeltas(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("kchg");
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("kchg")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE ev (g INT, n INT, amount DECIMAL(8,2), note VARCHAR(20))");
        for (int i = 0; i < 20; i++) {
          s.execute("INSERT INTO ev VALUES (" + (i % 4) + ", " + (i % 3) + ", 1.00, 'seed')");
        }
      }
      long expectedCopies = 0;
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        app.commit();
        long copiesAtStart = MirrorComparison.metric(doltDb, "WholeTableCopies");
        for (int t = 0; t < TRANSACTIONS; t++) {
          boolean copies = false;
          int statements = 1 + random.nextInt(4);
          for (int st = 0; st < statements; st++) {
            switch (random.nextInt(7)) {
              case 0, 1 -> insert(app, random);
              case 2, 3 -> delete(app, random);
              case 4, 5 -> copies |= update(app, random);
              default -> copies |= computedOrBatch(app, random, kind);
            }
          }
          if (random.nextInt(6) == 0) {
            Savepoint savepoint = app.setSavepoint();
            try (Statement s = app.createStatement()) {
              s.executeUpdate("INSERT INTO ev VALUES (9, 9, 9.00, 'savepoint " + t + "')"); // a delta that cannot net out
            }
            delete(app, random);
            app.rollback(savepoint);
            copies = true; // row deltas may have been undone: the table is copied
          }
          if (random.nextInt(8) == 0) {
            app.rollback();
            continue;
          }
          app.commit();
          expectedCopies += copies ? 1 : 0;
          // after every transaction: a later whole-table copy would hide an earlier wrong delta
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, "ev");
        }
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesAtStart)
            .as("whole-table copies: only the transactions with a statement that cannot be captured by rows (seed %d)",
                SEED)
            .isEqualTo(expectedCopies);
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
        MirrorComparison.assertSameRows(space, doltDb, "ev");
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void insert(Connection app, Random random) throws Exception {
    try (PreparedStatement insert = app.prepareStatement("INSERT INTO ev (g, n, amount, note) VALUES (?, ?, ?, ?)")) {
      insert.setInt(1, random.nextInt(4));
      insert.setInt(2, random.nextInt(3));
      insert.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(300), 2));
      if (random.nextInt(5) == 0) {
        insert.setNull(4, Types.VARCHAR);
      } else {
        insert.setString(4, "i" + random.nextInt(3));
      }
      insert.executeUpdate();
    }
  }

  private static void delete(Connection app, Random random) throws Exception {
    if (random.nextBoolean()) {
      try (PreparedStatement delete = app.prepareStatement("DELETE FROM ev WHERE g = ? AND n = ?")) {
        delete.setInt(1, random.nextInt(4));
        delete.setInt(2, random.nextInt(3));
        delete.executeUpdate();
      }
    } else {
      try (Statement s = app.createStatement()) {
        s.executeUpdate("DELETE FROM ev WHERE note " + (random.nextBoolean() ? "IS NULL" : "= 'i" + random.nextInt(3) + "'")
            + " AND g = " + random.nextInt(4));
      }
    }
  }

  /** An UPDATE by literals or parameters (possibly a no-op, possibly to NULL); returns whether it copies. */
  private static boolean update(Connection app, Random random) throws Exception {
    if (random.nextBoolean()) {
      try (PreparedStatement update = app.prepareStatement("UPDATE ev SET note = ?, amount = ? WHERE g = ?")) {
        if (random.nextInt(4) == 0) {
          update.setNull(1, Types.VARCHAR);
        } else {
          update.setString(1, "u" + random.nextInt(3));
        }
        update.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(300), 2));
        update.setInt(3, random.nextInt(4));
        update.executeUpdate();
      }
    } else {
      try (Statement s = app.createStatement()) {
        s.executeUpdate("UPDATE ev SET n = " + random.nextInt(3) + " WHERE n = " + random.nextInt(3));
      }
    }
    return false;
  }

  /**
   * A statement that cannot be captured by rows: a computed assignment, or a DELETE batch of several entries
   * (except on PostgreSQL, where the batch returns the rows each entry deletes: captured without a copy).
   */
  private static boolean computedOrBatch(Connection app, Random random, PrimaryKind kind) throws Exception {
    if (random.nextBoolean()) {
      try (Statement s = app.createStatement()) {
        int matched = s.executeUpdate("UPDATE ev SET amount = amount + 1 WHERE g = " + random.nextInt(4));
        // MySQL/MariaDB: a statement that matched no row changed no table (triggers and foreign-key actions run per
        // row), so nothing is copied
        return matched > 0 || kind != PrimaryKind.MARIADB;
      }
    }
    try (PreparedStatement delete = app.prepareStatement("DELETE FROM ev WHERE g = ?")) {
      delete.setInt(1, random.nextInt(4));
      delete.addBatch();
      delete.setInt(1, random.nextInt(4));
      delete.addBatch();
      int[] counts = delete.executeBatch();
      // MySQL/MariaDB: a batch whose entries all matched no row changed nothing, and is not copied
      return kind != PrimaryKind.POSTGRES
          && (kind != PrimaryKind.MARIADB || java.util.Arrays.stream(counts).anyMatch(count -> count != 0));
    }
  }
}
