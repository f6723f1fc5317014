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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MariaDB columns that an UPDATE changes without assigning them ({@code ON UPDATE CURRENT_TIMESTAMP}, with or
 * without a default, TIMESTAMP or DATETIME, nullable or not), on keyed and keyless tables: UPDATEs that assign
 * other columns by key, by range, by amounts and by literals must reach Dolt with the column's new value. A
 * generator of column declarations and updates; Dolt equals the primary after every transaction. A second generator
 * mixes date-time columns that are {@code ON UPDATE} with ones that are not (whose tables are journaled as column
 * changes and row deltas, nothing read), the implicit {@code ON UPDATE} of a first TIMESTAMP under
 * {@code explicit_defaults_for_timestamp=OFF}, DDL that adds or drops {@code ON UPDATE} between transactions, UPDATEs
 * by key and by range, DELETEs by key and re-inserts, on MariaDB and H2.
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

  /** Declarations of a date-time column on MariaDB: {@code true} when it is {@code ON UPDATE}. */
  private static final List<java.util.Map.Entry<String, Boolean>> MARIADB_DECLARATIONS = List.of(
      java.util.Map.entry("TIMESTAMP(6) NULL ON UPDATE CURRENT_TIMESTAMP(6)", true),
      java.util.Map.entry("TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)", true),
      java.util.Map.entry("DATETIME(6) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6)", true),
      java.util.Map.entry("DATETIME(6) NOT NULL DEFAULT '2001-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP(6)", true),
      java.util.Map.entry("TIMESTAMP(6) NULL", false),
      java.util.Map.entry("TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)", false),
      java.util.Map.entry("TIMESTAMP NULL DEFAULT '2001-01-01 00:00:00'", false),
      java.util.Map.entry("DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6)", false),
      java.util.Map.entry("DATETIME NOT NULL DEFAULT '2001-01-01 00:00:00'", false));

  /** The same on H2, whose ON UPDATE takes any expression. */
  private static final List<java.util.Map.Entry<String, Boolean>> H2_DECLARATIONS = List.of(
      java.util.Map.entry("TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)", true),
      java.util.Map.entry("TIMESTAMP(6) DEFAULT TIMESTAMP '2001-01-01 00:00:00' ON UPDATE LOCALTIMESTAMP(6)", true),
      java.util.Map.entry("TIMESTAMP(6) NOT NULL DEFAULT LOCALTIMESTAMP ON UPDATE LOCALTIMESTAMP(6)", true),
      java.util.Map.entry("TIMESTAMP(6)", false),
      java.util.Map.entry("TIMESTAMP(6) DEFAULT LOCALTIMESTAMP(6)", false),
      java.util.Map.entry("TIMESTAMP(6) NOT NULL DEFAULT TIMESTAMP '2001-01-01 00:00:00'", false));

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "H2"})
  void onlyColumnsTheCatalogSaysAreOnUpdateChangeUnassigned(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    List<java.util.Map.Entry<String, Boolean>> declarations =
        kind == PrimaryKind.MARIADB ? MARIADB_DECLARATIONS : H2_DECLARATIONS;
    int tables = 4;
    String doltDb = DoltDatabases.newName("onupd_cat");
    try (PrimaryKind.Space space = kind.createSpace("onupd_cat")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        for (int t = 0; t < tables; t++) {
          boolean implicit = kind == PrimaryKind.MARIADB && t == tables - 1;
          String touched = implicit ? "TIMESTAMP" : declarations.get(random.nextInt(declarations.size())).getKey();
          if (implicit) { // the first TIMESTAMP becomes NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
            s.execute("SET SESSION explicit_defaults_for_timestamp = OFF");
          }
          s.execute("CREATE TABLE c" + t + " (id INT PRIMARY KEY, qty INT NOT NULL, amount DECIMAL(10,2) NOT NULL,"
              + " note VARCHAR(20), touched " + touched + ")");
          s.execute("CREATE TABLE g" + t + " (g INT, qty INT NOT NULL, note VARCHAR(20), touched " + touched + ")");
          if (implicit) {
            s.execute("SET SESSION explicit_defaults_for_timestamp = ON");
          }
          for (int i = 1; i <= 8; i++) {
            // an old value: an UPDATE that changes it shows, whatever the clock says
            s.execute("INSERT INTO c" + t + " VALUES (" + i + ", 10, 1.00, 'seed', TIMESTAMP '2001-01-01 00:00:00')");
            s.execute("INSERT INTO g" + t + " VALUES (" + (i % 3) + ", 10, 'seed', TIMESTAMP '2001-01-01 00:00:00')");
          }
        }
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        app.commit();
        for (int round = 0; round < 24; round++) {
          int t = random.nextInt(tables);
          if (random.nextInt(5) == 0) { // the table's column becomes ON UPDATE, or stops being so
            String touched = declarations.get(random.nextInt(declarations.size())).getKey();
            try (Statement s = app.createStatement()) {
              s.execute(kind == PrimaryKind.MARIADB ? "ALTER TABLE c" + t + " MODIFY touched " + touched
                  : "ALTER TABLE c" + t + " ALTER COLUMN touched " + touched);
            } catch (java.sql.SQLException nullsInNotNull) {
              // a NOT NULL declaration over rows holding NULL: the table is unchanged
            }
            app.commit();
          }
          for (int st = 0; st < 1 + random.nextInt(4); st++) {
            change(app, random, t);
          }
          app.commit();
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, "c" + t, "g" + t);
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void change(Connection app, Random random, int t) throws Exception {
    int id = 1 + random.nextInt(10); // 9 and 10 have no row until one is inserted
    String sql = switch (random.nextInt(9)) {
      case 0 -> "UPDATE c" + t + " SET qty = ? WHERE id = " + id;
      case 1 -> "UPDATE c" + t + " SET qty = qty + ?, amount = amount - 0.25 WHERE id = " + id;
      case 2 -> "UPDATE c" + t + " SET note = 'n', qty = ?, touched = TIMESTAMP '2002-02-02 00:00:00' WHERE id = " + id;
      case 3 -> "UPDATE c" + t + " SET qty = ? WHERE id > " + id;
      case 4 -> "UPDATE c" + t + " SET qty = qty + ? WHERE id BETWEEN " + id + " AND " + (id + 2);
      case 5 -> "DELETE FROM c" + t + " WHERE id = ?";
      case 6 -> "INSERT INTO c" + t + " (id, qty, amount, note) VALUES (" + id + ", ?, 3.00, 'back')";
      case 7 -> "UPDATE g" + t + " SET qty = ? WHERE g = " + (id % 3);
      default -> "UPDATE g" + t + " SET note = 'm', qty = ? WHERE g = " + (id % 3) + " AND note IS NOT NULL";
    };
    try (PreparedStatement statement = app.prepareStatement(sql)) {
      statement.setObject(1, random.nextBoolean() ? (Object) (1 + random.nextInt(9)) : BigDecimal.valueOf(1 + random.nextInt(9)));
      statement.executeUpdate();
    } catch (java.sql.SQLException duplicateOrNotNull) {
      // an INSERT of a key that is there, or of a NOT NULL column without a default left out: nothing changed
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
