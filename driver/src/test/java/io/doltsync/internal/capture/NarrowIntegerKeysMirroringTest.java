package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys bound with narrow integer setters, as BenchBase's TATP binds its {@code TINYINT} key columns
 * ({@code setByte(2, sf_type)} in {@code DELETE FROM call_forwarding WHERE s_id = ? AND sf_type = ? AND
 * start_time = ?}): a generator of transactions over a table keyed by an int and two narrow integer columns,
 * inserting, updating and deleting rows by their full key, rows that exist and rows that do not, each key value
 * bound through a setter picked at random ({@code setByte}, {@code setShort}, {@code setInt}, {@code setLong},
 * {@code setObject} of a {@code Byte}, {@code Short}, {@code Integer} or {@code Long}). A key whose row is gone at
 * commit is journaled as a deletion with the values the application bound; every transaction must commit as it
 * does raw, and Dolt must equal the primary after each one.
 */
class NarrowIntegerKeysMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.narrowKeyTransactions", 15);

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void narrowIntegerKeysBoundAnyWayMirrorExactly(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String narrow = kind == PrimaryKind.POSTGRES ? "SMALLINT" : "TINYINT";
    String doltDb = DoltDatabases.newName("nkey");
    try (PrimaryKind.Space space = kind.createSpace("nkey")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE nk (a INT NOT NULL, b " + narrow + " NOT NULL, c SMALLINT NOT NULL, v " + narrow
            + ", PRIMARY KEY (a, b, c))");
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        Set<List<Integer>> present = new HashSet<>();
        int missingDeletes = 0;
        for (int t = 0; t < TRANSACTIONS; t++) {
          int statements = 1 + random.nextInt(4);
          Set<List<Integer>> after = new HashSet<>(present);
          List<String> ran = new ArrayList<>();
          for (int s = 0; s < statements; s++) {
            List<Integer> key = List.of(random.nextInt(2), random.nextInt(3) - 1, random.nextInt(3));
            int op = random.nextInt(3);
            if (op == 0 && !after.contains(key)) {
              run(app, random, "INSERT INTO nk (a, b, c, v) VALUES (?, ?, ?, ?)", key, random.nextInt(200) - 100);
              after.add(key);
              ran.add("insert " + key);
            } else if (op == 1) {
              run(app, random, "UPDATE nk SET v = ? WHERE a = ? AND b = ? AND c = ?", key, random.nextInt(200) - 100);
              ran.add("update " + key);
            } else {
              run(app, random, "DELETE FROM nk WHERE a = ? AND b = ? AND c = ?", key, null);
              missingDeletes += after.remove(key) ? 0 : 1;
              ran.add("delete " + key);
            }
          }
          if (random.nextInt(8) == 0) {
            app.rollback();
            continue;
          }
          app.commit();
          present = after;
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, "nk");
          assertThat(ran).as("transaction %d on %s (seed %d)", t, kind, SEED).isNotEmpty();
        }
        assertThat(missingDeletes).as("deletes of keys without a row (seed %d)", SEED).isPositive();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Runs {@code sql} with {@code value} (if any) first, then the key, each bound through a random setter. */
  private static void run(Connection app, Random random, String sql, List<Integer> key, Integer value)
      throws SQLException {
    try (PreparedStatement statement = app.prepareStatement(sql)) {
      int index = 1;
      boolean valueFirst = sql.startsWith("UPDATE");
      if (value != null && valueFirst) {
        bind(statement, index++, value, random);
      }
      for (int component : key) {
        bind(statement, index++, component, random);
      }
      if (value != null && !valueFirst) {
        bind(statement, index, value, random);
      }
      statement.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, int index, int value, Random random) throws SQLException {
    switch (random.nextInt(8)) {
      case 0 -> statement.setByte(index, (byte) value);
      case 1 -> statement.setShort(index, (short) value);
      case 2 -> statement.setInt(index, value);
      case 3 -> statement.setLong(index, value);
      case 4 -> statement.setObject(index, (byte) value);
      case 5 -> statement.setObject(index, (short) value);
      case 6 -> statement.setObject(index, value);
      default -> statement.setObject(index, (long) value);
    }
  }
}
