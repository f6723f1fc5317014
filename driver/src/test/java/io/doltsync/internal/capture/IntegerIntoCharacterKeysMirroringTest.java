package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Integers bound to character key columns, as BenchBase AuctionMark's loader binds its ids ({@code setLong} into
 * {@code item_image.ii_id varchar(128)}): the primary stores their decimal text, and the commit-time read of such a
 * key must look it up and compare it as that text (PostgreSQL has no {@code varchar = bigint}: the commit failed
 * there, and a row read back keyed {@code "5"} is not the learned key {@code 5}). A generator of transactions over a
 * table keyed by two {@code VARCHAR} columns and an int: inserts bind the character key columns through an integer
 * setter picked at random ({@code setInt}, {@code setLong}, {@code setShort}, {@code setObject} of an
 * {@code Integer}, {@code Long} or {@code BigInteger}) or as text, and updates and deletes of the same rows by
 * their key as text follow in the same or later transactions (negative ids too). Every transaction must commit as
 * it does raw, and Dolt must equal the primary after each one.
 */
class IntegerIntoCharacterKeysMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.characterKeyTransactions", 15);

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void integersBoundToCharacterKeysMirrorExactly(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("ckey");
    try (PrimaryKind.Space space = kind.createSpace("ckey")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE ck (a VARCHAR(20) NOT NULL, b VARCHAR(20) NOT NULL, c INT NOT NULL, v INT,"
            + " PRIMARY KEY (a, b, c))");
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        Set<List<Integer>> present = new HashSet<>();
        int integerBound = 0;
        for (int t = 0; t < TRANSACTIONS; t++) {
          int statements = 1 + random.nextInt(5);
          Set<List<Integer>> after = new HashSet<>(present);
          for (int s = 0; s < statements; s++) {
            List<Integer> key = List.of(random.nextInt(5) - 2, random.nextInt(3) * 1000, random.nextInt(2));
            int op = random.nextInt(3);
            if (op == 0 && !after.contains(key)) {
              try (PreparedStatement insert = app.prepareStatement("INSERT INTO ck (a, b, c, v) VALUES (?, ?, ?, ?)")) {
                integerBound += bindCharacter(insert, 1, key.get(0), random) + bindCharacter(insert, 2, key.get(1), random);
                insert.setInt(3, key.get(2));
                insert.setInt(4, random.nextInt(100));
                assertThat(insert.executeUpdate()).isEqualTo(1);
              }
              after.add(key);
            } else if (op == 1) {
              try (PreparedStatement update = app.prepareStatement("UPDATE ck SET v = ? WHERE a = ? AND b = ? AND c = ?")) {
                update.setInt(1, random.nextInt(100));
                update.setString(2, Integer.toString(key.get(0)));
                update.setString(3, Integer.toString(key.get(1)));
                update.setInt(4, key.get(2));
                assertThat(update.executeUpdate()).isEqualTo(after.contains(key) ? 1 : 0);
              }
            } else {
              try (PreparedStatement delete = app.prepareStatement("DELETE FROM ck WHERE a = ? AND b = ? AND c = ?")) {
                delete.setString(1, Integer.toString(key.get(0)));
                delete.setString(2, Integer.toString(key.get(1)));
                delete.setInt(3, key.get(2));
                assertThat(delete.executeUpdate()).isEqualTo(after.remove(key) ? 1 : 0);
              }
            }
          }
          if (random.nextInt(8) == 0) {
            app.rollback();
            continue;
          }
          app.commit();
          present = after;
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, "ck");
        }
        assertThat(integerBound).as("character key values bound as integers (seed %d)", SEED).isPositive();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Binds {@code value} to a character column through a random integer setter or as text; 1 when an integer. */
  private static int bindCharacter(PreparedStatement statement, int index, int value, Random random)
      throws SQLException {
    switch (random.nextInt(7)) {
      case 0 -> statement.setInt(index, value);
      case 1 -> statement.setLong(index, value);
      case 2 -> statement.setShort(index, (short) value);
      case 3 -> statement.setObject(index, value);
      case 4 -> statement.setObject(index, (long) value);
      case 5 -> statement.setObject(index, BigInteger.valueOf(value));
      default -> {
        statement.setString(index, Integer.toString(value));
        return 0;
      }
    }
    return 1;
  }
}
