package io.doltsync.internal.capture;

import static io.doltsync.testing.QueryRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQL-level {@code PREPARE}/{@code EXECUTE}/{@code DEALLOCATE} run on the primary (MariaDB's
 * {@code PREPARE p FROM '...'} with {@code USING @vars} and {@code FROM @variable}, PostgreSQL's
 * {@code PREPARE p (types) AS ...} with {@code EXECUTE p(args)}) are captured as the writes they run:
 * generated workloads that prepare, execute, redefine and deallocate statements, in auto-commit mode and in
 * transactions, leave Dolt equal to the primary.
 *
 * <p>{@code -Ddoltsync.sqlPrepare.steps=N} runs longer workloads (default 40 steps per primary).
 */
class SqlLevelPrepareTest {

  private static final int STEPS = Integer.getInteger("doltsync.sqlPrepare.steps", 40);

  /** Generates the statements of one workload step for a dialect. */
  static final class PrepareWorkload {
    private final Random random;
    private final boolean postgres;
    private int nextId = 1;
    private final java.util.Set<String> prepared = new java.util.HashSet<>();

    PrepareWorkload(long seed, boolean postgres) {
      this.random = new Random(seed);
      this.postgres = postgres;
    }

    List<String> step() {
      int id = nextId++;
      int target = 1 + random.nextInt(Math.max(1, nextId));
      String name = "p" + random.nextInt(3);   // few names: statements get redefined
      List<String> sql = new ArrayList<>();
      if (postgres) {
        sql.add("DEALLOCATE ALL");
      } else if (prepared.contains(name) && random.nextBoolean()) {
        sql.add("DEALLOCATE PREPARE " + name);
        prepared.remove(name);
      }
      switch (random.nextInt(5)) {
        case 0 -> { // insert with arguments
          if (postgres) {
            sql.add("PREPARE " + name + " (int, text) AS INSERT INTO t (id, v) VALUES ($1, $2)");
            sql.add("EXECUTE " + name + "(" + id + ", 'v" + id + "')");
          } else {
            sql.add("PREPARE " + name + " FROM 'INSERT INTO t (id, v) VALUES (?, ?)'");
            sql.add("SET @a = " + id + ", @b = 'v" + id + "'");
            sql.add("EXECUTE " + name + " USING @a, @b");
          }
        }
        case 1 -> { // an update without arguments, executed twice
          String text = "UPDATE t SET n = n + 1 WHERE id <= " + target;
          sql.add(postgres ? "PREPARE " + name + " AS " + text : "PREPARE " + name + " FROM '" + text + "'");
          sql.add("EXECUTE " + name);
          sql.add("EXECUTE " + name);
        }
        case 2 -> { // a delete with an argument
          if (postgres) {
            sql.add("PREPARE " + name + " (int) AS DELETE FROM t WHERE id = $1");
            sql.add("EXECUTE " + name + "(" + target + ")");
          } else {
            sql.add("PREPARE " + name + " FROM 'DELETE FROM t WHERE id = ?'");
            sql.add("SET @a = " + target);
            sql.add("EXECUTE " + name + " USING @a");
          }
        }
        case 3 -> { // MariaDB: the text from a variable, with a quote in it; PostgreSQL: an upsert
          if (postgres) {
            sql.add("PREPARE " + name + " AS INSERT INTO u (k, v) VALUES (" + target % 4
                + ", 'it''s') ON CONFLICT (k) DO UPDATE SET v = u.v || '+'");
          } else {
            sql.add("SET @text = 'INSERT INTO u (k, v) VALUES (" + target % 4
                + ", ''it''''s'') ON DUPLICATE KEY UPDATE v = CONCAT(v, ''+'')'");
            sql.add("PREPARE " + name + " FROM @text");
          }
          sql.add("EXECUTE " + name);
        }
        default -> { // a plain insert, for rows to update and delete
          sql.add("INSERT INTO t (id, v) VALUES (" + id + ", 'plain')");
        }
      }
      if (sql.stream().anyMatch(statement -> statement.startsWith("PREPARE"))) {
        prepared.add(name);
      }
      return sql;
    }
  }

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void executedPreparedWritesAreMirroredExactly(PrimaryKind kind) throws Exception {
    String doltDatabase = DoltDatabases.newName("sqlprep_" + kind.name().toLowerCase());
    try (PrimaryKind.Space space = kind.createSpace("sqlprep");
        Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
            kind.credentials())) {
      try (Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40), n INT DEFAULT 0)");
        statement.execute("CREATE TABLE u (k INT PRIMARY KEY, v VARCHAR(400))");
      }
      PrepareWorkload workload = new PrepareWorkload(42 + kind.ordinal(), kind == PrimaryKind.POSTGRES);
      for (int step = 0; step < STEPS; step++) {
        boolean transaction = step % 4 == 3;
        app.setAutoCommit(!transaction);
        try (Statement statement = app.createStatement()) {
          for (String sql : workload.step()) {
            statement.execute(sql);
          }
        }
        if (transaction) {
          app.commit();
        }
      }
      app.setAutoCommit(true);
      // the same through a JDBC prepared statement whose text is an EXECUTE
      try (Statement statement = app.createStatement()) {
        statement.execute(kind == PrimaryKind.POSTGRES ? "DEALLOCATE ALL" : "DEALLOCATE PREPARE p0");
        statement.execute(kind == PrimaryKind.POSTGRES ? "PREPARE p0 AS UPDATE t SET v = 'last' WHERE id % 3 = 0"
            : "PREPARE p0 FROM 'UPDATE t SET v = ''last'' WHERE id % 3 = 0'");
      }
      try (PreparedStatement execute = app.prepareStatement("EXECUTE p0")) {
        assertThat(execute.executeUpdate()).isPositive();
        // p0 redefined after the JDBC statement was prepared: the next execution writes another table
        try (Statement statement = app.createStatement()) {
          statement.execute(kind == PrimaryKind.POSTGRES ? "DEALLOCATE p0" : "DEALLOCATE PREPARE p0");
          statement.execute(kind == PrimaryKind.POSTGRES ? "PREPARE p0 AS UPDATE u SET v = 'redefined'"
              : "PREPARE p0 FROM 'UPDATE u SET v = ''redefined'''");
        }
        assertThat(execute.executeUpdate()).isPositive();
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      try (Connection dolt = TestServers.dolt(doltDatabase)) {
        for (String query : List.of("SELECT id, v, n FROM t ORDER BY id", "SELECT k, v FROM u ORDER BY k")) {
          assertThat(rows(dolt, query)).as(query).isEqualTo(rows(app, query));
        }
        assertThat(rows(app, "SELECT id FROM t")).hasSizeGreaterThan(3);
        assertThat(rows(app, "SELECT DISTINCT v FROM u")).containsExactly(List.of("redefined"));
        assertThat(rows(app, "SELECT id FROM t WHERE n > 0")).isNotEmpty();
      }
    } finally {
      DoltDatabases.drop(doltDatabase);
    }
  }

  /**
   * The name is bound when the primary runs the PREPARE, not when doltsync plans it: a JDBC statement whose
   * text is a PREPARE, run again after the name was redefined, binds it back; a PREPARE only added to a
   * batch that is cleared binds nothing; a PREPARE that fails on the primary binds nothing.
   */
  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void aPreparedNameIsBoundWhenThePrimaryRunsThePrepare(PrimaryKind kind) throws Exception {
    boolean postgres = kind == PrimaryKind.POSTGRES;
    String doltDatabase = DoltDatabases.newName("sqlprep_bind_" + kind.name().toLowerCase());
    try (PrimaryKind.Space space = kind.createSpace("sqlprepbind");
        Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
            kind.credentials())) {
      try (Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE a (id INT PRIMARY KEY, n INT)");
        statement.execute("CREATE TABLE b (id INT PRIMARY KEY, n INT)");
        statement.execute("INSERT INTO a VALUES (1, 0), (2, 0)");
        statement.execute("INSERT INTO b VALUES (1, 0), (2, 0)");
      }
      String deallocate = postgres ? "DEALLOCATE p" : "DEALLOCATE PREPARE p";
      try (PreparedStatement prepareA = app.prepareStatement(prepare(postgres, "UPDATE a SET n = n + 1"));
          Statement statement = app.createStatement()) {
        prepareA.execute();
        statement.execute(deallocate);
        statement.execute(prepare(postgres, "UPDATE b SET n = n + 10"));
        statement.execute(deallocate);
        prepareA.execute();                       // the primary binds p to a again
        statement.execute("EXECUTE p");           // writes a

        statement.addBatch(deallocate);
        statement.addBatch(prepare(postgres, "UPDATE b SET n = n + 100"));
        statement.clearBatch();                   // never ran: p is still a
        statement.execute("EXECUTE p");           // writes a

        if (!postgres) {                          // MariaDB drops p, then fails to prepare the new text
          assertThatThrownBy(() -> statement.execute(prepare(false, "UPDATE no_such_table SET n = 1")))
              .isInstanceOf(SQLException.class);
          assertThatThrownBy(() -> statement.execute("EXECUTE p")).isInstanceOf(SQLException.class);
          statement.execute(prepare(false, "UPDATE b SET n = n + 1000"));
          statement.execute("EXECUTE p");         // writes b
        } else {                                  // PostgreSQL keeps p when the new PREPARE fails
          assertThatThrownBy(() -> statement.execute(prepare(true, "UPDATE b SET n = n + 1000")))
              .isInstanceOf(SQLException.class);
          statement.execute("EXECUTE p");         // writes a
        }
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      try (Connection dolt = TestServers.dolt(doltDatabase)) {
        for (String query : List.of("SELECT id, n FROM a ORDER BY id", "SELECT id, n FROM b ORDER BY id")) {
          assertThat(rows(dolt, query)).as(query).isEqualTo(rows(app, query));
        }
      }
      assertThat(rows(app, "SELECT n FROM a WHERE id = 1")).containsExactly(List.of(postgres ? "3" : "2"));
      assertThat(rows(app, "SELECT n FROM b WHERE id = 1")).containsExactly(List.of(postgres ? "0" : "1000"));
    } finally {
      DoltDatabases.drop(doltDatabase);
    }
  }

  private static String prepare(boolean postgres, String text) {
    return postgres ? "PREPARE p AS " + text : "PREPARE p FROM '" + text + "'";
  }
}
