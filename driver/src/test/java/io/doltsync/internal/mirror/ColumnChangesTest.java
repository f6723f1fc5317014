package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryJournal;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * UPDATEs by key journaled as column changes ({@link TableChange.Kind#COLUMNS}: {@code SET c = ?}, {@code c = c + ?})
 * on MariaDB, applied to a real Dolt. A generator mixes determined values, integer and decimal amounts, and the forms
 * that must not be journaled so (float and unsigned columns, {@code setDouble} and over-long decimals into a decimal
 * amount, sums that overflow with and without strict mode and under {@code UPDATE IGNORE}, a column assigned twice, a table with an
 * {@code ON UPDATE CURRENT_TIMESTAMP} column), with updates that match no row, rows updated several times, inserted
 * then updated, deleted, savepoint rollbacks, batches and auto-commit statements. The journal is left unapplied while
 * the application runs; its entries are then applied to Dolt one by one, in order, and after each Dolt must hold
 * exactly what the primary held after that transaction. UPDATEs by a key range (rows found by a locking read, then
 * journaled as column changes), DELETEs by key (journaled as deleted keys) and re-inserts of deleted rows mix in.
 */
class ColumnChangesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.columnChanges", 80);
  private static final String ACCT = "SELECT id, qty, ytd, cnt, f, v, big, u FROM acct ORDER BY id";
  private static final String STAMP = "SELECT id, n, t FROM stamp ORDER BY id";

  @Test
  void doltHoldsThePrimarysRowsAfterEveryTransaction() throws Exception {
    Random random = new Random(SEED);
    String doltDb = TestServers.createDoltDatabase("colchg");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("colchg")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE acct (id INT PRIMARY KEY, qty INT NOT NULL, ytd DECIMAL(8,2) NOT NULL, cnt SMALLINT,"
            + " f DOUBLE, v VARCHAR(10), big BIGINT, u INT UNSIGNED)");
        s.execute("CREATE TABLE stamp (id INT PRIMARY KEY, n INT,"
            + " t TIMESTAMP(6) NOT NULL DEFAULT '2001-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP(6))");
        for (int id = 1; id <= 20; id++) {
          s.execute("INSERT INTO acct VALUES (" + id + ", 10, 100.00, 5, 1.5, 'seed', 0, 100)");
          s.execute("INSERT INTO stamp (id, n) VALUES (" + id + ", 0)");
        }
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      Map<String, String> options = new LinkedHashMap<>();
      options.put("doltsync.target", TestServers.doltUrl(doltDb));
      options.put("doltsync.applier", "false");
      Map<Integer, List<List<Object>>> primaryAfterEntries = new LinkedHashMap<>();
      List<List<Object>> initial;
      List<TableChange> bootstrap;
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), options),
          PrimaryKind.MARIADB.credentials()); Connection raw = space.connect()) {
        app.setAutoCommit(false);
        app.commit(); // the mirror is bootstrapped: Dolt holds the seeded rows
        initial = rows(raw, dialect);
        bootstrap = List.of(bootstrapCopy(raw, dialect, "acct"), bootstrapCopy(raw, dialect, "stamp"));
        for (int t = 0; t < TRANSACTIONS; t++) {
          boolean strict = random.nextInt(4) > 0;
          try (Statement s = app.createStatement()) {
            s.execute(strict ? "SET SESSION sql_mode = 'STRICT_TRANS_TABLES'" : "SET SESSION sql_mode = ''");
          }
          boolean autoCommit = random.nextInt(5) == 0;
          app.setAutoCommit(autoCommit);
          int statements = autoCommit ? 1 : 1 + random.nextInt(5);
          for (int st = 0; st < statements; st++) {
            try {
              statement(app, random, autoCommit);
            } catch (SQLException refused) {
              // a sum out of range in strict mode, a duplicate key: the statement changed nothing
            }
          }
          if (!autoCommit) {
            if (random.nextInt(10) == 0) {
              app.rollback();
            } else {
              app.commit();
            }
          }
          primaryAfterEntries.put(journaledTransactions(raw), rows(raw, dialect));
        }
        app.setAutoCommit(true);
      }
      List<JournalEntry> entries = List.copyOf(PrimaryJournal.entries(space).values());
      SourceDialect mariadb = SourceDialects.forUrl(TestServers.mariadbUrl());
      DoltWriter writer = new DoltWriter(mariadb, false);
      int columnChanges = 0;
      try (Connection dolt = TestServers.dolt(doltDb)) {
        dolt.setAutoCommit(false);
        for (TableChange copy : bootstrap) {
          writer.apply(dolt, copy);
        }
        writer.commit(dolt, "bootstrap", "test", "test@example.com", Instant.now(), true);
        assertThat(rows(dolt, dialect)).as("Dolt after the bootstrap (seed %d)", SEED).isEqualTo(initial);
        for (int e = 0; e < entries.size(); e++) {
          for (TableChange change : entries.get(e).changes()) {
            writer.apply(dolt, change);
            columnChanges += change.kind() == TableChange.Kind.COLUMNS ? change.rowCount() : 0;
          }
          writer.commit(dolt, "entry " + e, "test", "test@example.com", Instant.now(), true);
          List<List<Object>> expected = primaryAfterEntries.get(e + 1);
          if (expected != null) {
            assertThat(rows(dolt, dialect)).as("Dolt after entry %d: %s (seed %d)", e, entries.get(e).changes().stream()
                .map(TableChange::describe).toList(), SEED).isEqualTo(expected);
          }
        }
      }
      assertThat(primaryAfterEntries).as("transactions journaled").containsKey(entries.size());
      System.out.printf("%d transactions, %d entries, %d rows journaled as column changes%n", TRANSACTIONS,
          entries.size(), columnChanges);
      assertThat(columnChanges).as("rows journaled as column changes (seed %d)", SEED).isGreaterThan(TRANSACTIONS / 4);
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  @Test
  void aRowDoltDoesNotHoldFailsTheEntry() throws Exception {
    String database = seededDolt("colchgmiss", "(1, 1, 1.00)");
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    try (Connection dolt = TestServers.dolt(database)) {
      dolt.setAutoCommit(false);
      DoltWriter writer = new DoltWriter(dialect, false);
      writer.apply(dolt, TableChange.columns("t", List.of("id", "n", "d"), List.of("id"),
          List.<Object[]>of(new Object[] {1L, 5L, new BigDecimal("0.25")}), new Object[] {"ADD", "ADD"}));
      writer.commit(dolt, "one row", "test", "test@example.com", Instant.now(), false);
      assertThat(values(dolt, "SELECT n, d FROM t WHERE id = 1")).containsExactly("6 1.25");
      writer.apply(dolt, TableChange.columns("t", List.of("id", "n"), List.of("id"),
          List.<Object[]>of(new Object[] {2L, 7L}), new Object[] {"SET"}));
      assertThatThrownBy(() -> writer.commit(dolt, "absent row", "test", "test@example.com", Instant.now(), false))
          .isInstanceOf(SQLDataException.class)
          .satisfies(e -> assertThat(ApplyFailures.classify(e)).isEqualTo(ApplyFailures.Kind.REFUSED));
      dolt.rollback();
    } finally {
      DoltDatabases.drop(database);
    }
  }

  @Test
  void inOneTextEachUpdateCountIsChecked() throws Exception {
    String database = seededDolt("colchgtext", "(1, 1, 1.00), (2, 2, 2.00)");
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    String url = TestServers.doltUrl(database) + "?allowMultiQueries=true";
    try {
      DoltWriter writer = new DoltWriter(dialect, false, new ApplyProfile(), true);
      TableChange added = TableChange.columns("t", List.of("id", "n", "d"), List.of("id"),
          List.<Object[]>of(new Object[] {1L, 5L, new BigDecimal("0.25")}, new Object[] {2L, -1L, new BigDecimal("1.00")}),
          new Object[] {"ADD", "ADD"});
      try (Connection dolt = DriverManager.getConnection(url, "root", "")) {
        dolt.setAutoCommit(false);
        writer.apply(dolt, added);
        writer.commit(dolt, "two rows in one text", "test", "test@example.com", Instant.now(), false);
        assertThat(values(dolt, "SELECT n, d FROM t ORDER BY id")).containsExactly("6 1.25", "1 3.00");
        writer.apply(dolt, TableChange.columns("t", List.of("id", "n"), List.of("id"),
            List.<Object[]>of(new Object[] {1L, 7L}, new Object[] {3L, 7L}), new Object[] {"SET"}));
        assertThatThrownBy(() -> writer.commit(dolt, "an absent row", "test", "test@example.com", Instant.now(), false))
            .as("a text whose second statement matched no row")
            .satisfies(e -> assertThat(ApplyFailures.classify(e)).isEqualTo(ApplyFailures.Kind.TRANSIENT));
      }
      writer.reset();
      try (Connection dolt = DriverManager.getConnection(url, "root", "")) { // as the applier reconnects
        dolt.setAutoCommit(false);
        writer.apply(dolt, TableChange.columns("t", List.of("id", "n"), List.of("id"),
            List.<Object[]>of(new Object[] {1L, 7L}, new Object[] {3L, 7L}), new Object[] {"SET"}));
        assertThatThrownBy(() -> writer.commit(dolt, "an absent row", "test", "test@example.com", Instant.now(), false))
            .as("the same statements one by one: the entry is refused")
            .isInstanceOf(SQLDataException.class)
            .satisfies(e -> assertThat(ApplyFailures.classify(e)).isEqualTo(ApplyFailures.Kind.REFUSED));
        dolt.rollback();
        assertThat(values(dolt, "SELECT n, d FROM t WHERE id = 1")).as("nothing of the refused entry stays")
            .containsExactly("6 1.25");
      }
    } finally {
      DoltDatabases.drop(database);
    }
  }

  /** One generated statement (or savepoint, or batch) of the application. */
  private static void statement(Connection app, Random random, boolean autoCommit) throws SQLException {
    int id = 1 + random.nextInt(25); // ids above 20 have no row until one is inserted
    int[] journaledAsChanges = {0, 1, 2, 9, 12, 15, 16, 17};
    switch (random.nextInt(3) > 0 ? journaledAsChanges[random.nextInt(journaledAsChanges.length)]
        : random.nextInt(autoCommit ? 12 : 15)) {
      case 0, 1 -> update(app, "UPDATE acct SET qty = ?, ytd = ytd + ?, cnt = cnt + 1 WHERE id = ?",
          random.nextInt(100), decimalOperand(random), id);
      case 2 -> update(app, "UPDATE acct SET ytd = ytd - ? WHERE id = ?", decimalOperand(random), id);
      case 3 -> update(app, random.nextBoolean() ? "UPDATE acct SET cnt = cnt + ? WHERE id = ?"
              : "UPDATE IGNORE acct SET cnt = cnt + ? WHERE id = ?", // clipped with a warning even in strict mode
          random.nextBoolean() ? random.nextInt(10) : 30_000 + random.nextInt(10_000), id);
      case 4 -> update(app, "UPDATE acct SET f = f + ? WHERE id = ?", random.nextDouble(), id);
      case 5 -> update(app, "UPDATE acct SET v = ?, qty = qty + 2 WHERE id = ?",
          random.nextBoolean() ? "v" + random.nextInt(1000) : "\u00e9t\u00e9", id);
      case 6 -> update(app, "UPDATE acct SET big = big + ? WHERE id = ?",
          random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1000), id);
      case 7 -> update(app, "UPDATE acct SET u = u - ? WHERE id = ?", random.nextInt(150), id);
      case 8 -> update(app, "UPDATE acct SET qty = qty + 1, qty = qty + 1 WHERE id = ?", id);
      case 9 -> update(app, "UPDATE acct SET ytd = ytd + 1.25, cnt = cnt - 1, qty = 7 WHERE id = " + id);
      case 10 -> update(app, "UPDATE stamp SET n = n + 1 WHERE id = ?", id);
      case 11 -> update(app, "INSERT INTO acct VALUES (?, 0, 0, 0, 0, 'new', 0, 0)", 21 + random.nextInt(5));
      case 12 -> update(app, "DELETE FROM acct WHERE id = ?", id); // journaled as a deleted key when it deleted one
      case 15 -> update(app, "UPDATE acct SET qty = ?, ytd = ytd + ? WHERE id BETWEEN ? AND ?", random.nextInt(100),
          decimalOperand(random), id, id + random.nextInt(4)); // the rows found by a locking read, then changed
      case 16 -> update(app, "INSERT INTO acct VALUES (?, 1, 1, 1, 1, 'back', 1, 1)", id); // a deleted row back
      case 17 -> update(app, "UPDATE stamp SET n = n + 1, t = ? WHERE id = ?", // its ON UPDATE column assigned
          java.sql.Timestamp.valueOf("2003-03-03 03:03:03." + (100_000 + random.nextInt(900_000))), id);
      case 13 -> {
        Savepoint savepoint = app.setSavepoint();
        update(app, "UPDATE acct SET qty = ?, ytd = ytd + ?, cnt = cnt + 1 WHERE id = ?", random.nextInt(100),
            decimalOperand(random), id);
        if (random.nextBoolean()) {
          app.rollback(savepoint);
        }
      }
      default -> {
        try (PreparedStatement batch = app.prepareStatement("UPDATE acct SET ytd = ytd + ?, cnt = cnt + 1 WHERE id = ?")) {
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            batch.setInt(1, random.nextInt(10));
            batch.setInt(2, 1 + random.nextInt(25));
            batch.addBatch();
          }
          batch.executeBatch();
        } catch (BatchUpdateException e) {
          throw e;
        }
      }
    }
  }

  /** An amount for {@code DECIMAL(8,2)}: exact ones, and ones that must not be predicted. */
  private static Object decimalOperand(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> random.nextInt(50);
      case 1 -> BigDecimal.valueOf(random.nextInt(10_000), random.nextInt(3));
      case 2 -> BigDecimal.valueOf(random.nextInt(10_000), 3); // rounded by the primary
      case 3 -> random.nextInt(1000) / 4.0; // setDouble
      case 4 -> new BigDecimal("999999.99"); // overflows after a few
      default -> (long) random.nextInt(5);
    };
  }

  private static void update(Connection app, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = app.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  /** Both tables' rows, each value canonical. */
  private static List<List<Object>> rows(Connection connection, SourceDialect dialect) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    for (String sql : List.of(ACCT, STAMP)) {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            Object value = rs.getObject(c);
            row.add(value instanceof java.sql.Timestamp stamp ? stamp.toLocalDateTime().toString()
                : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                : value instanceof Number n && !(value instanceof Double) ? n.longValue()
                : value == null ? null : value.toString());
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static int journaledTransactions(Connection raw) throws SQLException {
    try (Statement s = raw.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT txn) FROM doltsync_journal")) {
      rs.next();
      return rs.getInt(1);
    } catch (java.sql.SQLSyntaxErrorException noJournalYet) {
      return 0;
    }
  }

  /** A table's rows as the bootstrap copies them into Dolt: the whole table, reshaped. */
  private static TableChange bootstrapCopy(Connection raw, SourceDialect dialect, String table) throws SQLException {
    TableSchema schema = dialect.readTable(raw, table);
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT " + dialect.selectColumns(schema.columns()) + " FROM " + table)) {
      while (rs.next()) {
        Object[] row = new Object[schema.columns().size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = dialect.readValue(rs, c + 1, schema.columns().get(c));
        }
        rows.add(row);
      }
    }
    return new TableChange(table, TableChange.Kind.RESHAPE, schema,
        schema.columns().stream().map(io.doltsync.spi.ColumnSchema::name).toList(), schema.primaryKey(), rows, List.of());
  }

  /** A new Dolt database whose committed table {@code t (id, n, d DECIMAL(6,2))} holds the given rows. */
  private static String seededDolt(String prefix, String values) throws SQLException {
    String database = TestServers.createDoltDatabase(prefix);
    try (Connection dolt = TestServers.dolt(database); Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT, d DECIMAL(6,2))");
      s.execute("INSERT INTO t VALUES " + values);
      s.execute("CALL dolt_commit('-Am', 'seed')");
    }
    return database;
  }

  /** The rows of a query of an integer and a decimal column, each as {@code "n d"} with the decimal as written. */
  private static List<String> values(Connection dolt, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getLong(1) + " " + rs.getBigDecimal(2).toPlainString());
      }
    }
    return values;
  }

  static String describe(Object[] row) {
    return Arrays.toString(row);
  }
}
