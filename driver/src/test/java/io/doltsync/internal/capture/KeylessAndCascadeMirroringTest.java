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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyless tables captured as row deltas and foreign-key cascades captured through the edges they really
 * fire, on each primary, checked by comparing Dolt with the primary after commit (and the whole-table
 * copies counted by the mirror's metric: only the fallbacks the test provokes).
 */
class KeylessAndCascadeMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void keylessInsertsAreMirroredAsAddedRows(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("keyless");
    String timestamp = kind == PrimaryKind.MARIADB ? "TIMESTAMP(6) NULL" : "TIMESTAMP(6)";
    try (PrimaryKind.Space space = kind.createSpace("keyless")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE log (n INT, amount DECIMAL(8,2), note VARCHAR(40), at " + timestamp + ")");
        s.execute("INSERT INTO log VALUES (0, 0.00, 'before doltsync', NULL)");
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        Random random = new Random(SEED);
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO log (n, amount, note, at) VALUES (?, ?, ?, ?)")) {
          for (int i = 0; i < 30; i++) {
            // duplicates on purpose: a multiset keeps every copy
            insert.setInt(1, random.nextInt(5));
            insert.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(100_000), 2));
            if (random.nextInt(4) == 0) {
              insert.setNull(3, Types.VARCHAR);
            } else {
              insert.setString(3, "note " + random.nextInt(3));
            }
            insert.setTimestamp(4, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(random.nextInt(3))
                .plusNanos(1000L * random.nextInt(3))));
            if (i % 3 == 0) {
              insert.addBatch();
              insert.addBatch();
              insert.executeBatch();
            } else {
              insert.executeUpdate();
            }
          }
        }
        try (Statement s = app.createStatement()) {
          s.executeUpdate("INSERT INTO log VALUES (7, 1.50, 'literal', NULL), (7, 1.50, 'literal', NULL)");
        }
        app.commit();
        Savepoint savepoint = app.setSavepoint();
        try (Statement s = app.createStatement()) {
          s.executeUpdate("INSERT INTO log VALUES (8, 2.00, 'rolled back', NULL)");
        }
        app.rollback(savepoint);
        try (Statement s = app.createStatement()) {
          s.executeUpdate("INSERT INTO log VALUES (9, 3.00, 'kept', NULL)");
        }
        app.commit();
        try (Statement s = app.createStatement()) {
          s.execute("SAVEPOINT sp1");
          s.executeUpdate("INSERT INTO log VALUES (8, 2.00, 'rolled back in SQL', NULL)");
          s.execute("ROLLBACK TO SAVEPOINT sp1");
          s.executeUpdate("INSERT INTO log VALUES (9, 3.00, 'kept after SQL', NULL)");
        }
        app.commit();
        long copiesSoFar = MirrorComparison.metric(doltDb, "WholeTableCopies");
        assertThat(copiesSoFar).as("only the savepoint rollbacks' transactions copy the table").isEqualTo(2);
        try (Statement s = app.createStatement()) {
          s.executeUpdate("INSERT INTO log VALUES (10, 1.005, 'rounded by the database', NULL)");
        }
        app.commit();
        try (Statement s = app.createStatement()) {
          s.executeUpdate("DELETE FROM log WHERE n = 1");
          s.executeUpdate("UPDATE log SET note = 'updated' WHERE n = 2");
        }
        app.commit();
        try (PreparedStatement converted = app.prepareStatement("INSERT INTO log (n, amount, note, at) VALUES (?, ?, ?, ?)")) {
          converted.setInt(1, 11);
          converted.setObject(2, new BigDecimal("2.345"), Types.DECIMAL, 1);
          converted.setString(3, "driver-converted");
          converted.setTimestamp(4, Timestamp.valueOf("2024-06-01 12:00:00"),
              java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("GMT-05:00")));
          converted.executeUpdate();
        }
        app.commit();
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies"))
            .as("a value the database rounds and values the driver converts (a target scale, a calendar) copy the"
                + " table; a keyless DELETE and UPDATE by WHERE (the TIMESTAMP it leaves unassigned is not ON UPDATE)"
                + " do not")
            .isEqualTo(4);
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        MirrorComparison.assertSameRows(space, doltDb, "log");
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /**
   * A generated FK graph: parent ← child (ON DELETE CASCADE, ON UPDATE CASCADE on a unique code) ← grandchild
   * (ON DELETE CASCADE and ON UPDATE CASCADE), and a SET NULL child, under random updates of referenced and
   * unreferenced columns and deletes.
   */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void cascadesAreMirroredThroughTheEdgesTheyFire(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("cascade");
    try (PrimaryKind.Space space = kind.createSpace("cascade")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE parent (id INT PRIMARY KEY, code INT NOT NULL UNIQUE, total INT)");
        s.execute("CREATE TABLE child (id INT PRIMARY KEY, p_code INT, c_code INT UNIQUE, qty INT,"
            + " FOREIGN KEY (p_code) REFERENCES parent (code) ON DELETE CASCADE ON UPDATE CASCADE)");
        s.execute("CREATE TABLE grandchild (id INT PRIMARY KEY, c_code INT, note VARCHAR(20),"
            + " FOREIGN KEY (c_code) REFERENCES child (c_code) ON DELETE CASCADE ON UPDATE CASCADE)");
        s.execute("CREATE TABLE watcher (id INT PRIMARY KEY, p_id INT,"
            + " FOREIGN KEY (p_id) REFERENCES parent (id) ON DELETE SET NULL)");
        for (int p = 1; p <= 20; p++) {
          s.execute("INSERT INTO parent VALUES (" + p + ", " + (100 + p) + ", 0)");
          s.execute("INSERT INTO watcher VALUES (" + p + ", " + p + ")");
          for (int c = 0; c < 3; c++) {
            int id = p * 10 + c;
            s.execute("INSERT INTO child VALUES (" + id + ", " + (100 + p) + ", " + (1000 + id) + ", 1)");
            s.execute("INSERT INTO grandchild VALUES (" + id + ", " + (1000 + id) + ", 'g')");
          }
        }
      }
      Random random = new Random(SEED);
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        int nextCode = 500;
        for (int tx = 0; tx < 12; tx++) {
          try (Statement s = app.createStatement()) {
            for (int op = 0; op < 3; op++) {
              int p = 1 + random.nextInt(20);
              int c = p * 10 + random.nextInt(3);
              switch (random.nextInt(6)) {
                case 0 -> s.executeUpdate("UPDATE parent SET total = total + 1 WHERE id = " + p);
                case 1 -> s.executeUpdate("UPDATE parent SET code = " + (nextCode++) + " WHERE id = " + p);
                case 2 -> s.executeUpdate("DELETE FROM parent WHERE id = " + p);
                case 3 -> s.executeUpdate("UPDATE child SET c_code = " + (nextCode++) + " WHERE id = " + c);
                case 4 -> s.executeUpdate("UPDATE child SET qty = qty + 1 WHERE id = " + c);
                default -> s.executeUpdate("DELETE FROM child WHERE id = " + c);
              }
            }
          }
          app.commit();
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        MirrorComparison.assertSameRows(space, doltDb, "parent", "child", "grandchild", "watcher");
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }
}
