package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MariaDB indexes over text and blob columns of every size, created through doltsync as an application's schema
 * script creates them (BenchBase's Wikipedia: {@code CREATE INDEX idx_ipb_range ON ipblocks (ipb_range_start(8),
 * ipb_range_end(8))} over two {@code TINYBLOB}s, which Dolt refused with "incorrect prefix key" when doltsync gave
 * them its usual 3072-byte prefix, so every transaction on the table was quarantined). A generator of tables with
 * one or two such columns of random types (tiny, plain, medium, long; text and blob) indexed alone, together or
 * with an int, with and without a prefix of the application's: Dolt must take every table and index, and hold
 * the primary's rows after a few transactions (a quarantined transaction leaves them out).
 */
class LobIndexPrefixMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TABLES = Integer.getInteger("doltsync.test.lobIndexTables", 10);
  private static final String[] TYPES = {"TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "TINYTEXT", "TEXT",
      "MEDIUMTEXT", "LONGTEXT"};

  @Test
  void everyLobIndexIsTakenByDoltAndItsTablesMirror() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("lobix");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("lobix");
        Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
            PrimaryKind.MARIADB.credentials())) {
      List<String> tables = new ArrayList<>();
      for (int t = 0; t < TABLES; t++) {
        String table = "lob" + t;
        // every type indexed at least once (the first tables), then at random
        String first = t < TYPES.length ? TYPES[t] : TYPES[random.nextInt(TYPES.length)];
        String second = TYPES[random.nextInt(TYPES.length)];
        String keyPart = "a" + (random.nextBoolean() ? "(" + (1 + random.nextInt(8)) + ")" : "(10)");
        String index = switch (random.nextInt(3)) {
          case 0 -> keyPart;
          case 1 -> keyPart + ", b(" + (1 + random.nextInt(8)) + ")";
          default -> "n, " + keyPart;
        };
        try (Statement s = app.createStatement()) {
          s.execute("CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, n INT, a " + first + ", b " + second
              + ")");
          s.execute("CREATE INDEX ix_" + table + " ON " + table + " (" + index + ")");
        }
        tables.add(table + " " + first + "/" + second + " (" + index + ")");
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
          for (int r = 0; r < 3; r++) {
            insert.setInt(1, r);
            insert.setInt(2, random.nextInt(5));
            insert.setString(3, "v" + random.nextInt(1000));
            insert.setString(4, "w" + random.nextInt(1000));
            insert.executeUpdate();
          }
        }
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
      for (int t = 0; t < TABLES; t++) {
        MirrorComparison.assertSameRows(space, doltDb, "lob" + t);
        try (Connection dolt = TestServers.dolt(doltDb); Statement s = dolt.createStatement();
            ResultSet rs = s.executeQuery("SHOW INDEX FROM lob" + t + " WHERE Key_name <> 'PRIMARY'")) {
          assertThat(rs.next()).as("an index on %s in Dolt (seed %d)", tables.get(t), SEED).isTrue();
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }
}
