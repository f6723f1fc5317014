package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row changes made through updatable result sets ({@code updateRow}, {@code insertRow}, {@code deleteRow})
 * are mirrored like statements: a generator of sessions over tables keyed by an integer, a text, a composite
 * key and a database-generated key mixes updates (of key columns too), inserts and deletes, in auto-commit
 * mode and in transactions that commit or roll back, through each primary's driver (MariaDB through MariaDB
 * Connector/J and MySQL Connector/J, PostgreSQL, H2). After every transaction Dolt holds the primary's rows,
 * and Dolt gains exactly one commit per transaction that changed rows. Only an insert whose key the driver
 * does not report (a generated key, on every driver but pgjdbc) copies its table whole.
 */
class UpdatableResultSetMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.updatableTransactions", 14);
  private static final String[] TABLES = {"acct", "tag", "line", "gen"};

  static Stream<Arguments> drivers() {
    return Stream.of(Arguments.of(PrimaryKind.MARIADB, MySqlClient.MARIADB_JAVA_CLIENT),
        Arguments.of(PrimaryKind.MARIADB, MySqlClient.CONNECTOR_J),
        Arguments.of(PrimaryKind.POSTGRES, MySqlClient.MARIADB_JAVA_CLIENT),
        Arguments.of(PrimaryKind.H2, MySqlClient.MARIADB_JAVA_CLIENT));
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void rowChangesThroughUpdatableResultSetsAreMirrored(PrimaryKind kind, MySqlClient client) throws Exception {
    String doltDb = DoltDatabases.newName("updrs");
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("updrs")) {
      String url = client.url(space.url());
      try (Connection raw = DriverManager.getConnection(url, kind.credentials()); Statement s = raw.createStatement()) {
        String generated = switch (kind) {
          case POSTGRES -> "id SERIAL PRIMARY KEY";
          default -> "id INT AUTO_INCREMENT PRIMARY KEY";
        };
        s.execute("CREATE TABLE acct (id INT PRIMARY KEY, owner VARCHAR(20), balance DECIMAL(10,2))");
        s.execute("CREATE TABLE tag (code VARCHAR(12) PRIMARY KEY, label VARCHAR(30))");
        s.execute("CREATE TABLE line (o INT NOT NULL, n INT NOT NULL, qty INT, PRIMARY KEY (o, n))");
        s.execute("CREATE TABLE gen (" + generated + ", note VARCHAR(20))");
        for (int i = 1; i <= 6; i++) {
          s.execute("INSERT INTO acct VALUES (" + i + ", 'o" + i + "', " + i + ".50)");
          s.execute("INSERT INTO tag VALUES ('t" + i + "', 'label " + i + "')");
          s.execute("INSERT INTO line VALUES (" + (i % 3) + ", " + i + ", " + i + ")");
          s.execute("INSERT INTO gen (note) VALUES ('g" + i + "')");
        }
      }
      Generator generator = new Generator(random);
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(url, doltDb), kind.credentials())) {
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        doltsync.awaitMirrored(Duration.ofSeconds(120));
        long copiesAtStart = MirrorComparison.metric(doltDb, "WholeTableCopies");
        long expectedCopies = 0;
        for (int t = 0; t < TRANSACTIONS; t++) {
          boolean autoCommit = random.nextInt(3) == 0;
          app.setAutoCommit(autoCommit);
          long commitsBefore = DoltDatabases.commitCount(doltDb);
          int changes = 1 + random.nextInt(4);
          long copies = 0;
          long changingStatements = 0; // a generated change may set a row to the values it had: no Dolt commit
          var atStart = MirrorComparison.primaryRows(space, TABLES);
          var before = atStart;
          for (int c = 0; c < changes; c++) {
            copies += generator.change(app, kind) && autoCommit ? 1 : 0;
            if (autoCommit) {
              var after = MirrorComparison.primaryRows(space, TABLES);
              changingStatements += after.equals(before) ? 0 : 1;
              before = after;
            }
          }
          boolean copied = generator.takeCopied();
          long expectedCommits;
          if (autoCommit) {
            expectedCommits = changingStatements;
            expectedCopies += copies;
          } else if (random.nextInt(5) == 0) {
            app.rollback();
            expectedCommits = 0;
          } else {
            app.commit();
            expectedCommits = MirrorComparison.primaryRows(space, TABLES).equals(atStart) ? 0 : 1;
            expectedCopies += copied ? 1 : 0;
          }
          doltsync.awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, TABLES);
          assertThat(DoltDatabases.commitCount(doltDb) - commitsBefore)
              .as("Dolt commits for transaction %d (auto-commit %s, %d changes, seed %d)", t, autoCommit, changes, SEED)
              .isEqualTo(expectedCommits);
        }
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesAtStart)
            .as("whole-table copies: only inserts whose generated key the driver does not report (seed %d)", SEED)
            .isEqualTo(expectedCopies);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void aRowChangeOfNoOneTableIsRefusedBeforeTheDriverRunsIt(PrimaryKind kind, MySqlClient client) throws Exception {
    String doltDb = DoltDatabases.newName("updrsx");
    try (PrimaryKind.Space space = kind.createSpace("updrsx")) {
      String url = client.url(space.url());
      try (Connection raw = DriverManager.getConnection(url, kind.credentials()); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE a (id INT PRIMARY KEY, v INT)");
        s.execute("CREATE TABLE b (id INT PRIMARY KEY, w INT)");
        s.execute("INSERT INTO a VALUES (1, 1)");
        s.execute("INSERT INTO b VALUES (1, 1)");
      }
      String[] queries = {"SELECT a.id, a.v, b.w FROM a JOIN b ON a.id = b.id", "SELECT 1 AS x, 2 AS y"};
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(url, doltDb), kind.credentials())) {
        for (String query : queries) {
          for (String change : new String[] {"update", "delete", "insert"}) {
            try (Statement statement = app.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_UPDATABLE); ResultSet rows = statement.executeQuery(query)) {
              rows.next();
              org.assertj.core.api.ThrowableAssert.ThrowingCallable call = switch (change) {
                case "update" -> rows::updateRow;
                case "delete" -> rows::deleteRow;
                default -> rows::insertRow;
              };
              assertThat(org.assertj.core.api.Assertions.catchThrowable(call))
                  .as("%s through %s", change, query)
                  .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class)
                  .hasFieldOrPropertyWithValue("SQLState", "0A000");
            }
          }
        }
      }
      try (Connection raw = DriverManager.getConnection(url, kind.credentials()); Statement s = raw.createStatement();
          ResultSet rows = s.executeQuery("SELECT (SELECT COUNT(*) FROM a) + (SELECT COUNT(*) FROM b)")) {
        rows.next();
        assertThat(rows.getInt(1)).as("rows left in a and b").isEqualTo(2);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Makes one random row change through an updatable result set; tracks which ones copy a table whole. */
  private static final class Generator {
    private final Random random;
    private int next = 1000;
    private boolean copied;

    Generator(Random random) {
      this.random = random;
    }

    /** Whether a change since the last call copies a table whole; resets. */
    boolean takeCopied() {
      boolean was = copied;
      copied = false;
      return was;
    }

    /** Returns true when this change copies its table whole. */
    boolean change(Connection app, PrimaryKind kind) throws Exception {
      String table = TABLES[random.nextInt(TABLES.length)];
      String order = table.equals("line") ? "o, n" : table.equals("tag") ? "code" : "id";
      try (Statement statement = app.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
          ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
        int count = rows.last() ? rows.getRow() : 0;
        int action = count == 0 ? 1 : random.nextInt(3);
        if (action == 1) {
          rows.moveToInsertRow();
          boolean copies = insertValues(rows, table) && kind != PrimaryKind.POSTGRES;
          rows.insertRow();
          rows.moveToCurrentRow();
          copied |= copies;
          return copies;
        }
        rows.absolute(1 + random.nextInt(count));
        if (action == 2) {
          rows.deleteRow();
          return false;
        }
        int value = next++;
        switch (table) {
          case "acct" -> {
            if (random.nextInt(3) == 0) {
              rows.updateInt("id", value); // the key itself changes
            }
            rows.updateString("owner", random.nextInt(4) == 0 ? null : "u" + value);
            rows.updateBigDecimal("balance", BigDecimal.valueOf(value, 2));
          }
          case "tag" -> {
            if (random.nextInt(3) == 0) {
              rows.updateString("code", "k" + value);
            }
            rows.updateString("label", "l'" + value + " é");
          }
          case "line" -> {
            if (random.nextInt(3) == 0) {
              rows.updateInt("n", value);
            }
            rows.updateInt("qty", value);
          }
          default -> rows.updateString("note", "n" + value);
        }
        rows.updateRow();
        return false;
      }
    }

    /** Sets the insert row's values; true when the key is left to the database. */
    private boolean insertValues(ResultSet rows, String table) throws Exception {
      int value = next++;
      switch (table) {
        case "acct" -> {
          rows.updateInt("id", value);
          rows.updateString("owner", "new" + value);
          rows.updateBigDecimal("balance", BigDecimal.valueOf(value, 1));
        }
        case "tag" -> {
          rows.updateString("code", "c" + value);
          rows.updateString("label", "new " + value);
        }
        case "line" -> {
          rows.updateInt("o", value % 3);
          rows.updateInt("n", value);
          rows.updateInt("qty", 1);
        }
        default -> {
          rows.updateString("note", "ins" + value);
          return true;
        }
      }
      return false;
    }
  }
}
