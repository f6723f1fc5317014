package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: a transaction that truncates a log table and then writes a parent whose foreign-key actions or
 * triggers may reach other tables (the multi-writer oracle's {@code TRUNCATE event_log} then a cascade delete,
 * seeds -5599387729444967922 and 4872111613841872523) has the same lock behaviour through doltsync as through
 * the raw driver. A second session holds {@code TRUNCATE} of a table the first one's statements did not write (a
 * dependent its plan copies whole in case) and then waits for the log table. The raw commit waits for nothing;
 * doltsync's copy of the dependent took {@code ACCESS SHARE} on it at commit, which waited for the second
 * session while it waited for the first: a deadlock (40P01) raw never has. A generator of rounds (which parent
 * statement: none matched, a trigger's table not reached, a cascade that deletes rows; which table the second
 * session holds), each run raw then through doltsync: the outcomes of both sessions must be the same, and Dolt
 * must equal the primary after the doltsync rounds.
 */
class CopyLocksDeadlockParityTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ROUNDS = Integer.getInteger("doltsync.test.copyLockRounds", 6);
  private static final List<String> TABLES = List.of("parent", "child", "watcher", "audit", "log");

  @Test
  void copiesOfTablesTheTransactionDidNotWriteTakeNoLocks() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("cplk");
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("tckseeds_cplk");
        PrimaryKind.Space rawSpace = PrimaryKind.POSTGRES.createSpace("tckseeds_cplkraw")) {
      createTables(space);
      createTables(rawSpace);
      List<String> rawOutcomes = new ArrayList<>();
      List<String> mirroredOutcomes = new ArrayList<>();
      int nextParent = 1;
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          PrimaryKind.POSTGRES.credentials()); Connection plain = rawSpace.connect()) {
        for (int round = 0; round < ROUNDS; round++) {
          Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
          List<String> untouched = shape.untouched();
          String held = untouched.get(random.nextInt(untouched.size()));
          for (boolean mirrored : new boolean[] {false, true}) {
            int parent = shape == Shape.CASCADE_DELETE ? nextParent++ : 1000 + round;
            String outcome = round(mirrored ? space : rawSpace, mirrored ? app : plain, shape, parent, held);
            (mirrored ? mirroredOutcomes : rawOutcomes).add(shape + " holding " + held + ": " + outcome);
          }
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
      }
      assertThat(mirroredOutcomes).as("seed " + SEED + ": doltsync's outcomes, raw's " + rawOutcomes)
          .isEqualTo(rawOutcomes);
      assertThat(rawOutcomes).as("seed " + SEED).allMatch(o -> o.endsWith("committed, other session waited, rolled back"));
      MirrorComparison.assertSameRows(space, doltDb, TABLES.toArray(String[]::new));
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** The same tables and rows in each space: the raw rounds run in one, the doltsync rounds in the other. */
  private static void createTables(PrimaryKind.Space space) throws SQLException {
    try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
      s.execute("CREATE TABLE parent (id INT PRIMARY KEY, total INT NOT NULL)");
      s.execute("CREATE TABLE child (id INT PRIMARY KEY, p_id INT REFERENCES parent (id) ON DELETE CASCADE)");
      s.execute("CREATE TABLE watcher (id INT PRIMARY KEY, p_id INT REFERENCES parent (id) ON DELETE SET NULL)");
      s.execute("CREATE TABLE audit (id SERIAL PRIMARY KEY, p_id INT, total INT)");
      s.execute("CREATE TABLE log (kind VARCHAR(10), ref INT)"); // keyless, like the oracle's event_log
      s.execute("CREATE FUNCTION audit_total() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " INSERT INTO audit (p_id, total) VALUES (NEW.id, NEW.total); RETURN NEW; END $$");
      s.execute("CREATE TRIGGER parent_audit AFTER UPDATE OF total ON parent FOR EACH ROW"
          + " EXECUTE FUNCTION audit_total()");
      for (int p = 1; p <= 40; p++) {
        s.execute("INSERT INTO parent VALUES (" + p + ", 0)");
        s.execute("INSERT INTO child VALUES (" + p + ", " + p + ")");
        s.execute("INSERT INTO watcher VALUES (" + p + ", " + p + ")");
        s.execute("INSERT INTO log VALUES ('seed', " + p + ")");
      }
    }
  }

  /** The application transaction's statement after {@code TRUNCATE log}. */
  private enum Shape {
    /** Deletes no parent: no foreign-key action runs, child and watcher are not written. */
    DELETE_NO_PARENT("DELETE FROM parent WHERE id = ?", List.of("child", "watcher", "audit")),
    /** Updates no parent: the audit trigger does not fire. */
    UPDATE_NO_PARENT("UPDATE parent SET total = total + 1 WHERE id = ?", List.of("child", "watcher", "audit")),
    /** Deletes a parent: the actions write child and watcher; audit is not written. */
    CASCADE_DELETE("DELETE FROM parent WHERE id = ?", List.of("audit"));

    private final String sql;
    private final List<String> untouched;

    Shape(String sql, List<String> untouched) {
      this.sql = sql;
      this.untouched = untouched;
    }

    List<String> untouched() {
      return untouched;
    }
  }

  /**
   * One round: the application truncates log and runs the shape's statement; another session truncates
   * {@code held} and inserts into log (waiting for the application); the application commits; the other session
   * rolls back. Returns what happened to both.
   */
  private static String round(PrimaryKind.Space space, Connection app, Shape shape, int parent, String held)
      throws Exception {
    app.setAutoCommit(false);
    try (Statement s = app.createStatement(); PreparedStatement write = app.prepareStatement(shape.sql)) {
      s.execute("TRUNCATE log");
      write.setInt(1, parent);
      write.executeUpdate();
      s.execute("INSERT INTO log VALUES ('app', " + parent + ")");
    }
    try (Connection other = space.connect()) {
      other.setAutoCommit(false);
      int otherPid;
      try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        otherPid = rs.getInt(1);
        s.execute("TRUNCATE " + held);
      }
      CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
        try (Statement s = other.createStatement()) {
          s.execute("INSERT INTO log VALUES ('other', 0)");
          return "other session waited";
        } catch (SQLException e) {
          return "other session failed " + e.getSQLState();
        }
      });
      awaitLockWait(space, otherPid);
      String committed;
      try {
        app.commit();
        committed = "committed";
      } catch (SQLException e) {
        committed = "commit failed " + e.getSQLState();
        app.rollback();
      }
      String otherOutcome = waiting.get(60, TimeUnit.SECONDS);
      other.rollback();
      return committed + ", " + otherOutcome + ", rolled back";
    }
  }

  /** Waits until the session is waiting for a lock (its insert into log behind the application's TRUNCATE). */
  private static void awaitLockWait(PrimaryKind.Space space, int pid) throws Exception {
    try (Connection observer = space.connect();
        PreparedStatement waiting = observer.prepareStatement("SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted")) {
      waiting.setInt(1, pid);
      for (int i = 0; i < 200; i++) {
        try (ResultSet rs = waiting.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(25);
      }
    }
    throw new AssertionError("the other session never waited for the application's lock on log");
  }
}
