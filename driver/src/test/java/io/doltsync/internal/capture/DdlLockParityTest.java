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
 * PostgreSQL: while one session holds uncommitted DDL of a table ({@code ALTER … ADD COLUMN}, {@code SET DEFAULT},
 * {@code CREATE INDEX}, {@code DROP INDEX}, {@code RENAME}, {@code DROP TABLE}, {@code CREATE TABLE}), another
 * session's writes wait exactly where they wait through the raw driver: on the table the DDL locked, never on
 * another. The DDL invalidates the mirror's schemas of that table, and the writer's next statement read them again
 * inside its transaction with queries that open the table ({@code pg_get_indexdef}, {@code pg_get_expr} of a default,
 * pgjdbc's {@code getColumns}), so it waited behind the DDL's lock where raw did not. Random rounds, each run in a raw
 * twin space and then through doltsync (both sessions doltsync connections of one JVM), with a small
 * {@code lock_timeout}: the statement outcomes must be the same, and Dolt must equal the primary after.
 */
class DdlLockParityTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ROUNDS = Integer.getInteger("doltsync.test.ddlLockRounds", 12);
  private static final String LOCK_TIMEOUT = "SET lock_timeout = '1500ms'";

  @Test
  void writesWaitForAnotherSessionsDdlOnlyWhereRawWaits() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("ddllock");
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("pgcatalog_ddllock");
        PrimaryKind.Space rawSpace = PrimaryKind.POSTGRES.createSpace("pgcatalog_ddllockraw")) {
      List<String> tables = new ArrayList<>(List.of("dl0", "dl1", "dl2", "dl3"));
      for (PrimaryKind.Space each : List.of(space, rawSpace)) {
        try (Connection c = each.connect(); Statement s = c.createStatement()) {
          for (String table : tables) {
            create(s, table);
          }
        }
      }
      String url = DoltSyncUrls.mirroring(space.url(), doltDb);
      List<String> rawOutcomes = new ArrayList<>();
      List<String> mirroredOutcomes = new ArrayList<>();
      try (Connection ddl = session(DriverManager.getConnection(url, PrimaryKind.POSTGRES.credentials()));
          Connection writer = session(DriverManager.getConnection(url, PrimaryKind.POSTGRES.credentials()));
          Connection rawDdl = session(rawSpace.connect()); Connection rawWriter = session(rawSpace.connect())) {
        int nextId = 100;
        for (int round = 0; round < ROUNDS; round++) {
          Round plan = Round.generate(random, round, tables, nextId);
          nextId += 10;
          String raw = plan.run(rawDdl, rawWriter);
          rawOutcomes.add(raw);
          mirroredOutcomes.add(plan.run(ddl, writer));
          if (plan.ddlCommits && raw.contains(plan.ddl + " -> ok;")) {
            plan.applyTo(tables);
          }
        }
        writer.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
      }
      assertThat(mirroredOutcomes).as("seed %d: doltsync's outcomes, raw's %s", SEED, rawOutcomes)
          .isEqualTo(rawOutcomes);
      assertThat(rawOutcomes).as("seed %d: raw writes that did not wait", SEED).anyMatch(o -> o.contains("ok"));
      MirrorComparison.assertSameRows(space, doltDb, tables.toArray(String[]::new));
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void create(Statement s, String table) throws SQLException {
    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v TEXT DEFAULT 'x', w INT, s SERIAL)");
    s.execute("CREATE INDEX " + table + "_w ON " + table + " (w)");
    s.execute("INSERT INTO " + table + " (id, w) SELECT g, g FROM generate_series(1, 5) g");
  }

  private static Connection session(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(LOCK_TIMEOUT);
    }
    connection.setAutoCommit(false);
    return connection;
  }

  /** One round: DDL held open by one session, a transaction of 1–3 writes by the other, then the DDL ends. */
  private record Round(int round, String target, String ddl, String renamedTo, boolean dropped, String created,
      List<String> writes, boolean ddlCommits) {

    static Round generate(Random random, int round, List<String> tables, int firstId) {
      String target = tables.get(random.nextInt(tables.size()));
      String renamedTo = null;
      boolean dropped = false;
      String created = null;
      String ddl = switch (random.nextInt(tables.size() > 3 ? 7 : 6)) {
        case 0 -> "ALTER TABLE " + target + " ADD COLUMN c" + round + " INT DEFAULT " + round;
        case 1 -> "ALTER TABLE " + target + " ALTER COLUMN v SET DEFAULT 'r" + round + "'";
        case 2 -> "CREATE INDEX " + target + "_i" + round + " ON " + target + " (w, id)";
        case 3 -> "DROP INDEX " + target + "_w";
        case 4 -> "ALTER TABLE " + target + " RENAME TO " + (renamedTo = "dl" + (10 + round));
        case 5 -> "CREATE TABLE " + (created = "dl" + (40 + round)) + " (id INT PRIMARY KEY, v TEXT DEFAULT 'n')";
        default -> {
          dropped = true;
          yield "DROP TABLE " + target;
        }
      };
      List<String> writes = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        String table = tables.get(random.nextInt(tables.size()));
        int id = 1 + random.nextInt(5);
        writes.add(switch (random.nextInt(3)) {
          case 0 -> "INSERT INTO " + table + " (id, w) VALUES (" + (firstId + i) + ", " + round + ")";
          case 1 -> "UPDATE " + table + " SET w = w + 1 WHERE id = " + id;
          default -> "DELETE FROM " + table + " WHERE id = " + (firstId - 10 + i);
        });
      }
      return new Round(round, target, ddl, renamedTo, dropped, created, writes, random.nextBoolean());
    }

    /** Runs the round on two sessions; returns what happened to each statement. */
    String run(Connection ddlSession, Connection writer) throws SQLException {
      StringBuilder outcome = new StringBuilder("round " + round + ": " + ddl + " -> " + execute(ddlSession, ddl));
      boolean failed = false;
      for (String write : writes) {
        String result = execute(writer, write);
        outcome.append("; ").append(write).append(" -> ").append(result);
        if (!result.equals("ok")) {
          failed = true;
          break;
        }
      }
      if (failed) {
        writer.rollback();
        outcome.append("; writer rolled back");
      } else {
        writer.commit();
        outcome.append("; writer committed");
      }
      if (ddlCommits) {
        ddlSession.commit();
      } else {
        ddlSession.rollback();
      }
      return outcome.toString();
    }

    void applyTo(List<String> tables) {
      if (renamedTo != null) {
        tables.set(tables.indexOf(target), renamedTo);
      } else if (dropped) {
        tables.remove(target);
      } else if (created != null) {
        tables.add(created);
      }
    }

    private static String execute(Connection session, String sql) {
      try (Statement s = session.createStatement()) {
        s.execute(sql);
        return "ok";
      } catch (SQLException e) {
        return e.getSQLState();
      }
    }
  }
}
