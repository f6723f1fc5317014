package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rows changed in place ({@link TableChange.Kind#COLUMNS}) that {@link DoltWriter} merges into one {@code UPDATE ...
 * CASE ...} per run of rows: a generator of entries (single and composite integer keys given as {@code Integer},
 * {@code Long} or {@code BigInteger}, a key repeated within an entry, {@code SET} and {@code ADD} columns with
 * integers, decimals of several scales, strings, date-times ({@code LocalDateTime}, {@code Timestamp}), doubles and NULLs, a value of another Java class in the same column, rows Dolt
 * does not hold, values Dolt refuses) is applied to two Dolt databases: through the writer as journaled (merged
 * statements, sent as one multi-statement text) and row by row, one single-row {@code UPDATE} each (the form every
 * row had before). After every entry both must hold the same rows; an entry one refuses (a row Dolt does not hold,
 * a string too long, a sum out of range) the other refuses too, and after its rollback and a reconnect (as the
 * applier does) neither holds any of its changes: no half-applied commit.
 */
class MergedColumnUpdatesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ENTRIES = Integer.getInteger("doltsync.test.mergedColumns", 120);
  private static final int ROWS = 40;

  @Test
  void mergedUpdatesLeaveWhatRowByRowUpdatesLeave() throws Exception {
    Random random = new Random(SEED);
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    String merged = seeded("colmerge");
    String single = seeded("colsingle");
    int mergedStatements = 0;
    int refused = 0;
    try {
      DoltWriter mergingWriter = new DoltWriter(dialect, false, new ApplyProfile(), true);
      DoltWriter singleWriter = new DoltWriter(dialect, false);
      Connection mergedDolt = open(merged);
      try (Connection singleDolt = open(single)) {
        for (int e = 0; e < ENTRIES; e++) {
          List<TableChange> entry = entry(random);
          for (TableChange change : entry) {
            int rows = change.upserts().size();
            for (int from = 0; from < rows; ) {
              int run = DoltWriter.mergeableRows(change.upserts(), from, change.keyColumns().size());
              mergedStatements += run > 1 ? 1 : 0;
              from += run;
            }
          }
          SQLException mergedFailure = apply(mergingWriter, mergedDolt, entry, e);
          List<TableChange> rowByRow = new ArrayList<>();
          for (TableChange change : entry) {
            for (Object[] row : change.upserts()) {
              rowByRow.add(TableChange.columns(change.table(), change.columns(), change.keyColumns(),
                  List.<Object[]>of(row), change.columnKinds().toArray()));
            }
          }
          SQLException singleFailure = apply(singleWriter, singleDolt, rowByRow, e);
          assertThat(mergedFailure == null).as("entry %d refused merged (%s) and row by row (%s), seed %d", e,
              mergedFailure, singleFailure, SEED).isEqualTo(singleFailure == null);
          if (mergedFailure != null) {
            refused++;
            // the applier drops a connection whose text failed (Dolt drops the uncommitted transaction with it) and
            // tries the entry again, one statement per round trip: it must be refused again, on its own statements
            mergedDolt.close();
            mergedDolt = open(merged);
            if (ApplyFailures.classify(mergedFailure) == ApplyFailures.Kind.TRANSIENT) {
              SQLException again = apply(mergingWriter, mergedDolt, entry, e);
              assertThat((Object) again).as("entry %d tried again statement by statement (seed %d)", e, SEED).isNotNull();
              assertThat(ApplyFailures.classify(again)).as("entry %d: %s (seed %d)", e, again, SEED)
                  .isEqualTo(ApplyFailures.Kind.REFUSED);
            }
          }
          assertThat(contents(mergedDolt)).as("Dolt after entry %d (seed %d)", e, SEED).isEqualTo(contents(singleDolt));
        }
      } finally {
        mergedDolt.close();
      }
      System.out.printf("%d entries, %d merged statements, %d refused (seed %d)%n", ENTRIES, mergedStatements, refused,
          SEED);
      assertThat(mergedStatements).as("merged statements (seed %d)", SEED).isGreaterThan(ENTRIES / 2);
      assertThat(refused).as("refused entries (seed %d)", SEED).isPositive();
    } finally {
      DoltDatabases.drop(merged);
      DoltDatabases.drop(single);
    }
  }

  /**
   * Runs long enough to fill the merged statement and go past it ({@link DoltWriter#MAX_MERGED_COLUMN_ROWS}): rows of
   * distinct keys whose values are of one class, so that only the cap cuts them, at lengths drawn around one and two
   * caps; now and then one row names a key Dolt does not hold. Merged and row by row must leave the same rows and
   * refuse the same entries, and every run but the last of a change is a full statement.
   */
  @Test
  void runsLongerThanOneStatementLeaveWhatRowByRowUpdatesLeave() throws Exception {
    Random random = new Random(SEED);
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    String merged = seeded("colcapm");
    String single = seeded("colcaps");
    int cap = DoltWriter.MAX_MERGED_COLUMN_ROWS;
    int refused = 0;
    try {
      DoltWriter mergingWriter = new DoltWriter(dialect, false, new ApplyProfile(), true);
      DoltWriter singleWriter = new DoltWriter(dialect, false);
      Connection mergedDolt = open(merged);
      try (Connection singleDolt = open(single)) {
        for (int e = 0; e < 12; e++) {
          int length = Math.max(2, (1 + random.nextInt(2)) * cap + random.nextInt(5) - 2);
          List<Object[]> rows = new ArrayList<>();
          List<Integer> cells = new ArrayList<>();
          for (int cell = 0; cell < ROWS * ROWS; cell++) {
            cells.add(cell);
          }
          java.util.Collections.shuffle(cells, random);
          boolean absent = random.nextInt(4) == 0;
          for (int r = 0; r < length; r++) {
            int cell = cells.get(r);
            long i = absent && r == length / 2 ? ROWS + 1 : 1 + cell / ROWS;
            rows.add(new Object[] {1 + cell % ROWS, i, random.nextInt(200) - 100,
                new BigDecimal(BigInteger.valueOf(random.nextInt(20_000) - 10_000), 2)});
          }
          for (int from = 0; from < length; ) {
            int run = DoltWriter.mergeableRows(rows, from, 2);
            assertThat(run).as("run from %d of %d (seed %d)", from, length, SEED).isEqualTo(Math.min(cap, length - from));
            from += run;
          }
          List<Object> kinds = List.of("SET", "ADD");
          List<TableChange> entry = List.of(TableChange.columns("two", List.of("w", "i", "q", "ytd"), List.of("w", "i"),
              rows, kinds.toArray()));
          List<TableChange> rowByRow = new ArrayList<>();
          for (Object[] row : rows) {
            rowByRow.add(TableChange.columns("two", List.of("w", "i", "q", "ytd"), List.of("w", "i"),
                List.<Object[]>of(row), kinds.toArray()));
          }
          SQLException mergedFailure = apply(mergingWriter, mergedDolt, entry, e);
          SQLException singleFailure = apply(singleWriter, singleDolt, rowByRow, e);
          assertThat(mergedFailure == null).as("entry %d of %d rows refused merged (%s) and row by row (%s), seed %d", e,
              length, mergedFailure, singleFailure, SEED).isEqualTo(singleFailure == null).isEqualTo(!absent);
          if (mergedFailure != null) {
            refused++;
            mergedDolt.close();
            mergedDolt = open(merged);
          }
          assertThat(contents(mergedDolt)).as("Dolt after entry %d (seed %d)", e, SEED).isEqualTo(contents(singleDolt));
        }
      } finally {
        mergedDolt.close();
      }
      System.out.printf("12 long entries, %d refused (seed %d)%n", refused, SEED);
    } finally {
      DoltDatabases.drop(merged);
      DoltDatabases.drop(single);
    }
  }

  /** Applies the changes and commits; returns the failure (after rolling back), or null. */
  private static SQLException apply(DoltWriter writer, Connection dolt, List<TableChange> changes, int e) {
    try {
      for (TableChange change : changes) {
        writer.apply(dolt, change);
      }
      writer.commit(dolt, "entry " + e, "test", "test@example.com", Instant.now(), true);
      return null;
    } catch (SQLException failure) {
      writer.reset();
      try {
        dolt.rollback();
      } catch (SQLException rollback) {
        failure.addSuppressed(rollback);
      }
      return failure;
    }
  }

  /** One entry: in-place changes of one or both tables, as a journal would hold them. */
  private static List<TableChange> entry(Random random) {
    List<TableChange> changes = new ArrayList<>();
    if (random.nextInt(4) > 0) {
      changes.add(change(random, "one", List.of("id", "n", "d", "s", "t", "f"), List.of("id")));
    }
    if (changes.isEmpty() || random.nextBoolean()) {
      changes.add(change(random, "two", List.of("w", "i", "q", "ytd", "cnt"), List.of("w", "i")));
    }
    return changes;
  }

  private static TableChange change(Random random, String table, List<String> columns, List<String> keys) {
    int changed = columns.size() - keys.size();
    // which of the table's non-key columns this statement shape assigns, and how
    List<Integer> assigned = new ArrayList<>();
    List<Object> kinds = new ArrayList<>();
    for (int c = 0; c < changed; c++) {
      if (random.nextInt(3) > 0 || assigned.isEmpty() && c == changed - 1) {
        assigned.add(keys.size() + c);
        String column = columns.get(keys.size() + c);
        kinds.add(List.of("s", "t", "f").contains(column) || random.nextInt(3) == 0 ? "SET" : "ADD");
      }
    }
    List<String> shape = new ArrayList<>(keys);
    assigned.forEach(c -> shape.add(columns.get(c)));
    int rows = 1 + random.nextInt(random.nextInt(5) == 0 ? 25 : 6);
    List<Object[]> values = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Object[] row = new Object[shape.size()];
      for (int k = 0; k < keys.size(); k++) {
        int id = random.nextInt(50) == 0 ? ROWS + 1 + random.nextInt(5) : 1 + random.nextInt(ROWS); // rarely absent
        row[k] = switch (random.nextInt(6)) {
          case 0 -> BigInteger.valueOf(id);
          case 1, 2 -> (long) id;
          default -> id;
        };
      }
      for (int a = 0; a < assigned.size(); a++) {
        row[keys.size() + a] = value(random, shape.get(keys.size() + a), kinds.get(a).equals("ADD"));
      }
      values.add(row);
    }
    return TableChange.columns(table, shape, keys, values, kinds.toArray());
  }

  private static Object value(Random random, String column, boolean add) {
    if (random.nextInt(25) == 0) {
      return null;
    }
    return switch (column) {
      case "n", "q", "cnt" -> random.nextInt(60) == 0 ? (Object) 3_000_000_000L // out of an INT's range
          : random.nextInt(4) == 0 ? (Object) (long) (random.nextInt(200) - 100) : (Object) (random.nextInt(200) - 100);
      case "d", "ytd" -> random.nextInt(20) == 0 ? (Object) (random.nextInt(9) - 4) // an integer into a decimal
          : new BigDecimal(BigInteger.valueOf(random.nextInt(20_000) - 10_000), random.nextInt(3));
      case "s" -> random.nextInt(40) == 0 ? "far too long for it" : "v" + random.nextInt(1000);
      case "t" -> {
        java.time.LocalDateTime time = java.time.LocalDateTime.of(2000 + random.nextInt(30), 1 + random.nextInt(12),
            1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
            random.nextInt(1_000_000) * 1000);
        yield random.nextBoolean() ? time : java.sql.Timestamp.valueOf(time);
      }
      case "f" -> random.nextInt(10) == 0 ? (Object) (Math.ulp(1.0) * random.nextInt(5))
          : (Object) (random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
      default -> throw new IllegalArgumentException(column + (add ? " (add)" : ""));
    };
  }

  private static String seeded(String prefix) throws SQLException {
    String database = TestServers.createDoltDatabase(prefix);
    try (Connection dolt = TestServers.dolt(database); Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE one (id INT PRIMARY KEY, n INT, d DECIMAL(12,2), s VARCHAR(10), t DATETIME(6), f DOUBLE)");
      s.execute("CREATE TABLE two (w INT NOT NULL, i BIGINT NOT NULL, q INT, ytd DECIMAL(12,2) NOT NULL,"
          + " cnt SMALLINT, PRIMARY KEY (w, i))");
      StringBuilder one = new StringBuilder("INSERT INTO one VALUES ");
      StringBuilder two = new StringBuilder("INSERT INTO two VALUES ");
      for (int id = 1; id <= ROWS; id++) {
        one.append(id == 1 ? "" : ", ").append("(").append(id).append(", 0, 10.00, 's', '2001-01-01 00:00:00', 0.5)");
        for (int w = 1; w <= ROWS; w++) {
          two.append(id == 1 && w == 1 ? "" : ", ").append("(").append(w).append(", ").append(id)
              .append(", 1, 100.00, 0)");
        }
      }
      s.execute(one.toString());
      s.execute(two.toString());
      s.execute("CALL dolt_commit('-Am', 'seed')");
    }
    return database;
  }

  private static Connection open(String database) throws SQLException {
    Connection dolt = DriverManager.getConnection(TestServers.doltUrl(database) + "?allowMultiQueries=true", "root", "");
    dolt.setAutoCommit(false);
    return dolt;
  }

  /** Every row of both tables, in key order, each column as text; read in a transaction of its own. */
  private static List<String> contents(Connection dolt) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (String query : List.of("SELECT * FROM one ORDER BY id", "SELECT * FROM two ORDER BY w, i")) {
      try (Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery(query)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.append(c == 1 ? "" : " ").append(rs.getString(c));
          }
          rows.add(row.toString());
        }
      }
    }
    dolt.commit();
    return rows;
  }
}
