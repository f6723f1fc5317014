package io.doltsync.internal.mirror;

import static io.doltsync.testing.QueryRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated sequences of DDL and writes over a few tables (CREATE TABLE new and empty, with {@code IF NOT EXISTS},
 * from a query, with table options; DROP TABLE with and without {@code IF EXISTS}, of tables that exist or not;
 * ALTER, CREATE INDEX, TRUNCATE; inserts), in auto-commit and in transactions of several statements (PostgreSQL runs
 * them in the transaction, the others commit around each DDL), with DDL that fails mixed in: after each transaction
 * Dolt holds exactly the primary's tables, columns and rows. Covers the journal entries of DDL that read no rows (a
 * table created new and empty: its schema only; a dropped table: its removal) next to those that copy the table.
 *
 * <p>{@code -Ddoltsync.ddlSequence.steps=N} runs more steps per primary (default 40).
 */
class DdlSequenceMirrorTest {

  private static final int STEPS = Integer.getInteger("doltsync.ddlSequence.steps", 40);
  private static final List<String> TABLES = List.of("ga", "gb", "gc");

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void generatedDdlSequencesLeaveDoltEqualToThePrimaryAfterEachTransaction(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.ddlSequence.seed", System.nanoTime());
    Random random = new Random(seed);
    String doltDatabase = DoltDatabases.newName("ddlseq_" + kind.name().toLowerCase(Locale.ROOT));
    try (PrimaryKind.Space space = kind.createSpace("ddlseq");
        Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
            kind.credentials())) {
      int nextId = 1;
      List<String> history = new ArrayList<>();
      for (int step = 0; step < STEPS; step++) {
        boolean transaction = random.nextInt(3) == 0;
        app.setAutoCommit(!transaction);
        List<String> ran = new ArrayList<>();
        int statements = transaction ? 2 + random.nextInt(3) : 1;
        for (int i = 0; i < statements; i++) {
          String sql = statement(kind, random, nextId);
          nextId += 3;
          try (Statement statement = app.createStatement()) {
            statement.execute(sql);
            ran.add(sql);
          } catch (SQLException refused) {
            ran.add(sql + " -- refused: " + refused.getSQLState());
            if (kind == PrimaryKind.POSTGRES && transaction) {
              break; // the transaction is aborted: its commit rolls it back
            }
          }
        }
        if (transaction) {
          app.commit();
        }
        app.setAutoCommit(true);
        history.add((transaction ? "tx " : "") + ran);
        try {
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        } catch (SQLException e) {
          throw new AssertionError("seed " + seed + " step " + step + ": " + String.join("\n", history), e);
        }
        assertSameContent(kind, space, app, doltDatabase, "seed " + seed + " step " + step + ": " + ran);
      }
    } finally {
      DoltDatabases.drop(doltDatabase);
    }
  }

  /**
   * MariaDB, auto-commit: a {@code CREATE TABLE} of a new empty table costs the DDL, the schema reads (a listing,
   * {@code getColumns}, one catalog query) and one journal block; a {@code DROP TABLE} the DDL, a listing and the
   * block: no {@code START TRANSACTION} and no read of the table's rows. A table of the same name that is not
   * empty by construction ({@code IF NOT EXISTS}) is still read. Dolt then holds what the primary holds.
   */
  @org.junit.jupiter.api.Test
  void mariaDbNewEmptyTablesAndDropsAreJournaledWithoutATransactionOrARead() throws Exception {
    String doltDatabase = DoltDatabases.newName("ddlcount");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("ddlcount");
        Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
            PrimaryKind.MARIADB.credentials())) {
      try (Statement statement = app.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS ga"); // creates the journal
        long idle = sent(app, () -> { });
        for (String table : TABLES) {
          long created = sent(app, () -> statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, n INT)"
              + " ENGINE=InnoDB")) - idle;
          assertThat(created).as("statements of a CREATE TABLE of a new empty table").isEqualTo(5);
        }
        statement.execute("INSERT INTO gb VALUES (1, 1)");
        long kept = sent(app, () -> statement.execute("CREATE TABLE IF NOT EXISTS gb (id INT PRIMARY KEY, n INT)"))
            - idle;
        assertThat(kept).as("IF NOT EXISTS: the table is read in a transaction").isGreaterThan(5);
        long indexed = sent(app, () -> statement.execute("CREATE INDEX gb_n ON gb (n)")) - idle;
        assertThat(indexed).as("CREATE INDEX: the DDL, START TRANSACTION, the schema reads, the table's read, the"
            + " block, each once").isEqualTo(7);
        long dropped = sent(app, () -> statement.execute("DROP TABLE ga")) - idle;
        assertThat(dropped).as("statements of a DROP TABLE").isEqualTo(3);
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      assertSameContent(PrimaryKind.MARIADB, space, app, doltDatabase, "after the counted DDL");
    } finally {
      DoltDatabases.drop(doltDatabase);
    }
  }

  /**
   * PostgreSQL: DDL in a transaction that a later failure aborts, so that its commit rolls it back; the schema
   * doltsync read inside it (the altered table) is forgotten, and the next writes are mirrored with the schema the
   * primary has (seed 8 of the generator found a journaled column the rollback had removed).
   */
  @org.junit.jupiter.api.Test
  void postgresDdlRolledBackByAFailedTransactionsCommitIsForgotten() throws Exception {
    String doltDatabase = DoltDatabases.newName("ddlabort");
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("ddlabort");
        Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
            PrimaryKind.POSTGRES.credentials())) {
      try (Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE ga (id INT PRIMARY KEY, name VARCHAR(20))");
        statement.execute("INSERT INTO ga (id, name) VALUES (1, 'a')");
        app.setAutoCommit(false);
        statement.execute("ALTER TABLE ga ADD COLUMN c1 INT");
        statement.execute("INSERT INTO ga (id, name) VALUES (2, 'b')");
        try {
          statement.execute("INSERT INTO missing_table VALUES (1)");
        } catch (SQLException expected) {
          // the transaction is aborted: its commit rolls it back
        }
        app.commit();
        app.setAutoCommit(true);
        statement.execute("INSERT INTO ga (id, name) VALUES (3, 'c')");
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      assertSameContent(PrimaryKind.POSTGRES, space, app, doltDatabase, "after the rolled-back ALTER");
    } finally {
      DoltDatabases.drop(doltDatabase);
    }
  }

  private interface Action {
    void run() throws SQLException;
  }

  /** The statements the MariaDB session sent while {@code action} ran, plus the one that asks. */
  private static long sent(Connection app, Action action) throws SQLException {
    long before = questions(app);
    action.run();
    return questions(app) - before;
  }

  private static long questions(Connection app) throws SQLException {
    return Long.parseLong(rows(app, "SHOW SESSION STATUS LIKE 'Questions'").get(0).get(1));
  }

  /** One generated statement on one of {@link #TABLES}; some fail on the primary by design. */
  private static String statement(PrimaryKind kind, Random random, int id) {
    String table = TABLES.get(random.nextInt(TABLES.size()));
    String other = TABLES.get(random.nextInt(TABLES.size()));
    return switch (random.nextInt(14)) {
      case 0, 1 -> "CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20))";
      case 2 -> "CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20), n INT)"
          + (kind == PrimaryKind.MARIADB ? " ENGINE=InnoDB" : "");
      case 3 -> "CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY, name VARCHAR(20))";
      case 4 -> "CREATE TABLE " + table + " AS SELECT id, name FROM " + other;
      case 5 -> "DROP TABLE " + table;
      case 6 -> "DROP TABLE IF EXISTS " + table;
      case 7 -> "ALTER TABLE " + table + " ADD COLUMN c" + id + " INT";
      case 8 -> "CREATE INDEX i" + id + " ON " + table + " (name)";
      case 9 -> "TRUNCATE TABLE " + table;
      default -> "INSERT INTO " + table + " (id, name) VALUES (" + id + ", 'r" + id + "'), (" + (id + 1) + ", 'r"
          + (id + 1) + "')";
    };
  }

  /** Dolt holds the primary's tables of {@link #TABLES}, each with the same columns and rows. */
  private static void assertSameContent(PrimaryKind kind, PrimaryKind.Space space, Connection app,
      String doltDatabase, String context) throws SQLException {
    try (Connection primary = space.connect(); Connection dolt = TestServers.dolt(doltDatabase)) {
      TreeMap<String, List<String>> primaryTables = tables(primary, switch (kind) {
        case MARIADB -> "DATABASE()";
        case POSTGRES -> "current_schema()";
        case H2 -> "CURRENT_SCHEMA";
      });
      TreeMap<String, List<String>> doltTables = tables(dolt, "DATABASE()");
      doltTables.keySet().retainAll(TABLES);
      primaryTables.keySet().retainAll(TABLES);
      assertThat(doltTables).as(context).isEqualTo(primaryTables);
      for (var table : primaryTables.entrySet()) {
        String order = String.join(", ", table.getValue());
        assertThat(rows(dolt, "SELECT " + order + " FROM " + table.getKey() + " ORDER BY " + order))
            .as(context + " rows of " + table.getKey())
            .isEqualTo(rows(primary, "SELECT " + order + " FROM " + table.getKey() + " ORDER BY " + order));
      }
    }
  }

  /** The tables of the connection's current schema (lower case) and their columns in order. */
  private static TreeMap<String, List<String>> tables(Connection connection, String schemaFunction)
      throws SQLException {
    TreeMap<String, List<String>> tables = new TreeMap<>();
    for (List<String> row : rows(connection, "SELECT LOWER(table_name), LOWER(column_name) FROM"
        + " information_schema.columns WHERE table_schema = " + schemaFunction + " ORDER BY table_name,"
        + " ordinal_position")) {
      tables.computeIfAbsent(row.get(0), t -> new ArrayList<>()).add(row.get(1));
    }
    return tables;
  }
}
