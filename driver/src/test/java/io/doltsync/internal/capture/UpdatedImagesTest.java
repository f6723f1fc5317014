package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryJournal;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An UPDATE by key that sets every column ({@link TableEffect.UpdatedImages}) journals the row image its own
 * values determine instead of reading the row at commit. A generator of such updates (values certain to be
 * stored unchanged, mixed with values at every edge of each type from {@link StatementValuesTest}, keys that
 * match no row, auto-commit statements and transactions of several updates, failed statements) runs through
 * doltsync with the journal left unapplied; every journaled image must equal the row the primary holds after
 * that transaction, and on MariaDB fewer rows must have been read than were journaled.
 */
class UpdatedImagesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.updatedImages", 120);
  private static final int IDS = 25;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aJournaledUpdateImageIsWhatThePrimaryStored(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("updimg");
    String timestamp = kind == PrimaryKind.MARIADB ? "DATETIME(3)" : "TIMESTAMP(3)";
    try (PrimaryKind.Space space = kind.createSpace("updimg")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE conv (id INT PRIMARY KEY, i INT, s SMALLINT, b BIGINT, d DECIMAL(7,2),"
            + " v VARCHAR(10), t " + timestamp + ", f CHAR(6))");
        for (int id = 1; id <= IDS - 5; id++) { // ids above 20 match no row
          s.execute("INSERT INTO conv VALUES (" + id + ", 0, 0, 0, 0, 'seed', NULL, 'seed01')");
        }
      }
      Map<String, String> options = new LinkedHashMap<>();
      options.put("doltsync.target", TestServers.doltUrl(doltDb));
      options.put("doltsync.applier", "false");
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      List<Map<Integer, Object[]>> afterEachCommit = new ArrayList<>();
      long selectsBefore;
      long selectsAfter;
      int updates = 0;
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), options), kind.credentials());
          Connection raw = space.connect()) {
        TableSchema table = dialect.readTable(raw, dialect.listTables(raw).stream()
            .filter(t -> t.equalsIgnoreCase("conv")).findFirst().orElseThrow());
        app.setAutoCommit(false);
        app.commit();
        selectsBefore = selects(kind, app);
        for (int t = 0; t < TRANSACTIONS; t++) {
          boolean autoCommit = random.nextBoolean();
          app.setAutoCommit(autoCommit);
          int statements = autoCommit ? 1 : 1 + random.nextInt(3);
          List<Integer> touched = new ArrayList<>();
          boolean failed = false;
          for (int st = 0; st < statements && !failed; st++) {
            int id = 1 + random.nextInt(IDS);
            try {
              update(app, random, id);
              touched.add(id);
              updates++;
            } catch (SQLException refused) {
              failed = true; // a value out of range in strict mode: the transaction is rolled back
            }
          }
          if (!autoCommit) {
            if (failed) {
              app.rollback();
              continue;
            }
            app.commit();
          }
          // a transaction that only updated ids no row has changed nothing: its entry (deletes of absent keys)
          // may be left out (a lone auto-commit UPDATE sent in one round trip journals only when it matched)
          if (!touched.isEmpty() && !failed && touched.stream().anyMatch(id -> id <= IDS - 5)) {
            afterEachCommit.add(rowsOf(raw, dialect, table, touched));
          }
        }
        app.setAutoCommit(true);
        selectsAfter = selects(kind, app);
      }
      List<JournalEntry> entries = PrimaryJournal.withChanges(space).values().stream()
          .filter(entry -> entry.changes().stream().anyMatch(change -> !change.upserts().isEmpty()))
          .toList();
      assertThat(entries).as("one entry per committed transaction (seed %d)", SEED).hasSize(afterEachCommit.size());
      int known = 0;
      for (int e = 0; e < entries.size(); e++) {
        Map<Integer, Object[]> expected = afterEachCommit.get(e);
        for (TableChange change : entries.get(e).changes()) {
          for (Object[] row : change.upserts()) {
            int id = ((Number) row[0]).intValue();
            Object[] stored = expected.get(id);
            assertThat(stored).as("entry %d writes row %d, which the primary holds (seed %d)", e, id, SEED).isNotNull();
            for (int c = 0; c < row.length; c++) {
              assertThat(CanonicalValues.same(row[c], stored[c]))
                  .as("entry %d, row %d, column %s: journaled %s, stored %s (seed %d)", e, id,
                      change.columns().get(c), row[c], stored[c], SEED)
                  .isTrue();
            }
            known++;
          }
          for (Object[] deleted : change.deletedKeys()) {
            int id = ((Number) deleted[0]).intValue();
            assertThat(expected.get(id)).as("entry %d deletes row %d, which the primary lacks (seed %d)", e, id, SEED)
                .isNull();
          }
        }
      }
      assertThat(known).as("rows journaled").isGreaterThan(TRANSACTIONS / 4);
      if (kind == PrimaryKind.MARIADB) {
        // each row read at commit is one SELECT; the SHOW statements themselves count as Com_select too
        long rowReads = selectsAfter - selectsBefore - 1;
        System.out.printf("MariaDB: %d updates, %d SELECTs at commit%n", updates, rowReads);
        assertThat(rowReads).as("row reads at commit: updates of every column by key need none").isLessThan(updates * 3L / 4);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void update(Connection app, Random random, int id) throws SQLException {
    boolean certain = random.nextInt(3) > 0;
    Object[] values = certain
        ? new Object[] {random.nextInt(3) == 0 ? null : random.nextInt(), (short) random.nextInt(1000),
            random.nextLong(), BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(3)),
            "v" + random.nextInt(100_000), LocalDateTime.of(2000 + random.nextInt(30), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                random.nextInt(1000) * 1_000_000), String.format(java.util.Locale.ROOT, "f%05d", random.nextInt(100_000))}
        : new Object[] {StatementValuesTest.anInt(random), StatementValuesTest.aSmallint(random),
            StatementValuesTest.aBigint(random), StatementValuesTest.aDecimal(random),
            StatementValuesTest.aString(random), StatementValuesTest.aDateTime(random),
            StatementValuesTest.aFixedString(random)};
    boolean literal = random.nextInt(5) == 0 && values[0] instanceof Integer;
    String sql = literal ? "UPDATE conv SET i = " + values[0] + ", s = ?, b = ?, d = ?, v = ?, t = ?, f = ? WHERE id = " + id
        : "UPDATE conv SET i = ?, s = ?, b = ?, d = ?, v = ?, t = ?, f = ? WHERE id = ?";
    try (PreparedStatement update = app.prepareStatement(sql)) {
      int index = 1;
      for (int c = literal ? 1 : 0; c < values.length; c++) {
        update.setObject(index++, values[c]);
      }
      if (!literal) {
        update.setInt(index, id);
      }
      update.executeUpdate();
    }
  }

  /** The primary's rows of these ids, canonical, by id (absent ids have none). */
  private static Map<Integer, Object[]> rowsOf(Connection raw, SourceDialect dialect, TableSchema table,
      List<Integer> ids) throws SQLException {
    Map<Integer, Object[]> rows = new LinkedHashMap<>();
    try (PreparedStatement select = raw.prepareStatement("SELECT id, i, s, b, d, v, t, f FROM conv WHERE id = ?")) {
      for (int id : ids) {
        select.setInt(1, id);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            Object[] row = new Object[table.columns().size()];
            for (int c = 0; c < row.length; c++) {
              ColumnSchema column = table.columns().get(c);
              row[c] = dialect.readValue(rs, c + 1, column);
            }
            rows.put(id, row);
          }
        }
      }
    }
    return rows;
  }

  /** MariaDB's count of SELECTs this session ran (the SHOW itself included); 0 elsewhere. */
  private static long selects(PrimaryKind kind, Connection app) throws SQLException {
    if (kind != PrimaryKind.MARIADB) {
      return 0;
    }
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_select'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  static String describe(Object[] row) {
    return Arrays.toString(row);
  }
}
