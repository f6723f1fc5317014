package io.doltsync.internal.capture;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MariaDB columns that an UPDATE changes without assigning them ({@code ON UPDATE CURRENT_TIMESTAMP}, with or
 * without a default, TIMESTAMP or DATETIME, nullable or not), on keyed and keyless tables: UPDATEs that assign
 * other columns by key, by range, by amounts and by literals must reach Dolt with the column's new value. A
 * generator of column declarations and updates; Dolt equals the primary after every transaction.
 */
class OnUpdateColumnsMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  private static final List<String> ON_UPDATE_COLUMNS = List.of(
      "TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP",
      "TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP",
      "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP",
      "TIMESTAMP(6) NOT NULL DEFAULT '2001-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP(6)",
      "DATETIME NULL ON UPDATE CURRENT_TIMESTAMP",
      "DATETIME(3) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(3)",
      "DATETIME NOT NULL DEFAULT '2001-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP");

  @Test
  void columnsAnUpdateChangesWithoutAssigningThemReachDolt() throws Exception {
    Random random = new Random(SEED);
    PrimaryKind kind = PrimaryKind.MARIADB;
    String doltDb = DoltDatabases.newName("onupd");
    try (PrimaryKind.Space space = kind.createSpace("onupd")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        for (int t = 0; t < ON_UPDATE_COLUMNS.size(); t++) {
          String touched = ON_UPDATE_COLUMNS.get(t);
          s.execute("CREATE TABLE k" + t + " (id INT PRIMARY KEY, qty INT NOT NULL, amount DECIMAL(10,2) NOT NULL,"
              + " note VARCHAR(20), touched " + touched + ")");
          s.execute("CREATE TABLE l" + t + " (g INT, qty INT NOT NULL, note VARCHAR(20), touched " + touched + ")");
          for (int i = 1; i <= 6; i++) {
            // an old value: the first UPDATE of each row changes it, whatever the clock says
            s.execute("INSERT INTO k" + t + " VALUES (" + i + ", 10, 1.00, 'seed', '2001-01-01 00:00:00')");
            s.execute("INSERT INTO l" + t + " VALUES (" + (i % 3) + ", 10, 'seed', '2001-01-01 00:00:00')");
          }
        }
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        app.commit();
        for (int round = 0; round < 2 * ON_UPDATE_COLUMNS.size(); round++) {
          int t = round % ON_UPDATE_COLUMNS.size();
          if (round >= ON_UPDATE_COLUMNS.size()) {
            Thread.sleep(1_100); // a second after the table's last change: CURRENT_TIMESTAMP differs from what it stored
          }
          for (int st = 0; st < 1 + random.nextInt(3); st++) {
            update(app, random, t);
          }
          app.commit();
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, "k" + t, "l" + t);
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void update(Connection app, Random random, int t) throws Exception {
    int id = 1 + random.nextInt(6);
    String sql = switch (random.nextInt(6)) {
      case 0 -> "UPDATE k" + t + " SET qty = ? WHERE id = " + id;
      case 1 -> "UPDATE k" + t + " SET qty = qty + ?, amount = amount - 0.25 WHERE id = " + id;
      case 2 -> "UPDATE k" + t + " SET note = 'n', qty = ?, amount = 2.50 WHERE id = " + id;
      case 3 -> "UPDATE k" + t + " SET qty = ? WHERE id > " + id;
      case 4 -> "UPDATE l" + t + " SET qty = ? WHERE g = " + (id % 3);
      default -> "UPDATE l" + t + " SET note = 'm', qty = ? WHERE g = " + (id % 3) + " AND note IS NOT NULL";
    };
    try (PreparedStatement update = app.prepareStatement(sql)) {
      update.setObject(1, random.nextBoolean() ? (Object) (1 + random.nextInt(9)) : BigDecimal.valueOf(1 + random.nextInt(9)));
      update.executeUpdate();
    }
  }
}
