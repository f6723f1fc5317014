package io.doltsync.internal.capture;

import static io.doltsync.internal.capture.TwinPrimaries.quoted;
import static io.doltsync.internal.capture.TwinPrimaries.withKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.capture.TwinPrimaries.Operation;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL UPDATEs by the full key whose new values the statement does not determine (TPC-C's
 * {@code d_next_o_id = d_next_o_id + 1}, {@code s_ytd = s_ytd + ?}, {@code c_balance = c_balance - ?}, Delivery's
 * {@code o_carrier_id = ?}): doltsync runs them with {@code RETURNING} (pgjdbc's column-name prepare) and keeps the
 * returned rows as the rows' images, so nothing is read at commit. A generator of transactions over a table with a
 * composite integer key and one with a text and date key: arithmetic on numeric and integer columns, string
 * concatenation, CASE, {@code now()}, columns set to themselves, only some columns assigned, literal
 * {@code Statement}s, batches with repeated and absent keys, 0-row updates, rows updated twice, CHECK failures,
 * savepoint rollbacks, mixed with statement-determined updates, key moves and DELETEs by the full key (the forms
 * that keep their old capture). Every operation runs on a raw connection to a twin schema and through doltsync:
 * what the application sees (update counts, generated keys, {@code execute} results, warnings, errors, metadata)
 * must be equal, the primaries equal, and Dolt equal to the mirrored primary after every transaction. A deferred
 * constraint trigger on an excluded table records, at COMMIT, how often each table was scanned in the transaction:
 * doltsync's scans must equal raw's for transactions of returned forms only (no read at commit), and may exceed
 * them only by the commit-time reads of the other forms.
 */
class FullKeyReturnedRowsTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.fullKeyTransactions", 25);
  private static final String[] TABLES = {"acct", "tk"};
  private static final String[] TEXTS = {"plain", "it's", "quote \" and \\ backslash", "é ü ß", "日本語", "", "trail  "};

  @Test
  void fullKeyComputedUpdatesAreCapturedFromTheirReturnedRows() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("fkret");
    try (TwinPrimaries twins = TwinPrimaries.open("fkret", doltDb, FullKeyReturnedRowsTest::createAndSeed,
        Map.of("doltsync.exclude", "probe*"))) {
      Connection raw = twins.raw();
      Connection app = twins.app();
      Generator generator = new Generator(random);
      int returnedOnly = 0;
      for (int t = 0; t < TRANSACTIONS; t++) {
        for (Connection c : List.of(raw, app)) {
          try (PreparedStatement p = c.prepareStatement("INSERT INTO probe VALUES (?)")) {
            p.setInt(1, t);
            p.executeUpdate();
          }
        }
        Map<String, Long> rawAtStart = TwinPrimaries.scans(raw, TABLES);
        Map<String, Long> appAtStart = TwinPrimaries.scans(app, TABLES);
        boolean failed = false;
        boolean allReturned = true;
        List<Operation> ran = new ArrayList<>();
        int statements = 1 + random.nextInt(6);
        for (int s = 0; s < statements && !failed; s++) {
          if (!twins.hasSavepoints() && random.nextInt(6) == 0) {
            twins.setSavepoints();
          }
          Operation op = generator.next();
          ran.add(op);
          failed = twins.runAlike(op, SEED).startsWith("error");
          allReturned &= op.returned();
        }
        if (!failed && twins.hasSavepoints() && random.nextBoolean()) {
          twins.rollbackToSavepoints();
          allReturned = false; // the images known before the savepoint are read at commit again
        }
        if (failed || random.nextInt(10) == 0) {
          twins.rollback();
          continue;
        }
        twins.commit();
        Map<String, Long> rawScans = TwinPrimaries.minus(recordedScans(raw, t), rawAtStart);
        Map<String, Long> appScans = TwinPrimaries.minus(recordedScans(app, t), appAtStart);
        if (allReturned) {
          returnedOnly++;
          assertThat(appScans).as("scans of each table in transaction %d through doltsync, commit-time reads"
              + " included, against raw: %s (seed %d)", t, ran, SEED).isEqualTo(rawScans);
        } else {
          for (String table : TABLES) {
            assertThat(appScans.get(table)).as("scans of %s in transaction %d, %s, raw %s doltsync %s (seed %d)",
                table, t, ran, rawScans, appScans, SEED)
                .isGreaterThanOrEqualTo(rawScans.get(table));
          }
        }
        twins.assertMirrored(TABLES);
        for (String table : TABLES) {
          twins.assertSameOnBoth(dump(table), "table " + table, SEED);
        }
        twins.commit();
      }
      assertThat(returnedOnly).as("committed transactions of returned forms only (seed %d)", SEED).isPositive();
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /**
   * A statement prepared with returning columns for the capture describes the text as written, as raw does,
   * and prepares it for that once: the second call answers the same metadata without asking the server again.
   */
  @Test
  void metadataOfAStatementPreparedWithReturningColumnsIsDescribedOnce() throws Exception {
    String doltDb = DoltDatabases.newName("fkmeta");
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("fkmeta")) {
      try (Connection c = space.connect()) {
        createAndSeed(c);
      }
      try (Connection raw = space.connect();
          Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
              PrimaryKind.POSTGRES.credentials())) {
        for (String sql : List.of("UPDATE acct SET bal = bal + ? WHERE w = ? AND d = ? AND id = ?",
            "UPDATE acct SET name = ? WHERE w = ? AND d = ?")) {
          try (PreparedStatement r = raw.prepareStatement(sql); PreparedStatement a = app.prepareStatement(sql)) {
            ResultSetMetaData first = a.getMetaData();
            assertThat(describe(first)).as(sql).isEqualTo(describe(r.getMetaData()));
            assertThat(a.getMetaData()).as("the second answer of %s", sql).isSameAs(first);
          }
        }
        String select = "SELECT w, name FROM acct WHERE id = ?";
        try (PreparedStatement r = raw.prepareStatement(select); PreparedStatement a = app.prepareStatement(select)) {
          assertThat(describe(a.getMetaData())).isEqualTo(describe(r.getMetaData())).isEqualTo("2: w int4, name varchar");
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static String describe(ResultSetMetaData metadata) throws SQLException {
    if (metadata == null) {
      return "none";
    }
    StringBuilder text = new StringBuilder().append(metadata.getColumnCount()).append(':');
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      text.append(i > 1 ? ", " : " ").append(metadata.getColumnLabel(i)).append(' ').append(metadata.getColumnTypeName(i));
    }
    return text.toString();
  }

  private static void createAndSeed(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE acct (w INT, d SMALLINT, id BIGINT, bal NUMERIC(12,2) CHECK (bal > -1000), cnt INT,"
          + " ytd NUMERIC(12,2), name VARCHAR(40), data TEXT, at TIMESTAMPTZ, stamp TIMESTAMP(3), PRIMARY KEY (w, d, id))");
      s.execute("CREATE TABLE tk (code VARCHAR(10), day DATE, qty INT, txt TEXT, price NUMERIC(8,3),"
          + " PRIMARY KEY (code, day))");
      s.execute("INSERT INTO acct SELECT w, d, i, (w * 31 + i) / 7.0, i % 3, 0, 'n ' || i, 'data ' || i,"
          + " TIMESTAMPTZ '2024-03-01 10:00:00+00', TIMESTAMP '2024-01-01 00:00:00.125'"
          + " FROM generate_series(1, 2) w, generate_series(1, 3) d, generate_series(1, 6) i");
      s.execute("INSERT INTO tk SELECT c, DATE '2024-01-01' + i, i, 't ' || i, i * 1.125"
          + " FROM (VALUES ('a'), ('b'), ('it''s')) v(c), generate_series(0, 4) i");
      // a deferred trigger on an excluded table records, at COMMIT, the transaction's scans of each table
      s.execute("CREATE TABLE probe_scans (txn INT, rel TEXT, scans BIGINT)");
      s.execute("CREATE TABLE probe (txn INT)");
      s.execute("CREATE FUNCTION probe_record() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " INSERT INTO probe_scans SELECT NEW.txn, relname, COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0)"
          + " FROM pg_stat_xact_user_tables WHERE schemaname = current_schema() AND relname IN ('acct', 'tk');"
          + " RETURN NULL; END $$");
      s.execute("CREATE CONSTRAINT TRIGGER probe_at_commit AFTER INSERT ON probe DEFERRABLE INITIALLY DEFERRED"
          + " FOR EACH ROW EXECUTE FUNCTION probe_record()");
    }
  }

  /** The scans of each table the probe recorded at the commit of transaction {@code txn}. */
  private static Map<String, Long> recordedScans(Connection c, int txn) throws SQLException {
    Map<String, Long> scans = new LinkedHashMap<>();
    for (String table : TABLES) {
      scans.put(table, 0L);
    }
    try (PreparedStatement p = c.prepareStatement("SELECT rel, scans FROM probe_scans WHERE txn = ?")) {
      p.setInt(1, txn);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          scans.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    c.commit();
    return scans;
  }

  /** A query of the table's rows as text, without the columns {@code now()} sets (each transaction has its own). */
  private static String dump(String table) {
    String columns = table.equals("acct") ? "w, d, id, bal, cnt, ytd, name, data" : "code, day, qty, txt, price";
    return "SELECT (" + columns + ")::text FROM " + table + " ORDER BY 1";
  }

  /** Generates operations with values drawn from the seed; every value is fixed when the operation is made. */
  private static final class Generator {
    private final Random random;
    private int nextMoved = 100;

    Generator(Random random) {
      this.random = random;
    }

    Operation next() {
      return switch (random.nextInt(15)) {
        case 0, 1 -> arithmetic();
        case 2 -> concatenation();
        case 3 -> caseExpression();
        case 4 -> clock();
        case 5 -> setToThemselves();
        case 6 -> someColumns();
        case 7 -> literalStatement();
        case 8, 9 -> batch();
        case 10 -> executeForms();
        case 11 -> checkFailure();
        case 12 -> statementDetermined();
        case 13 -> movedKey();
        default -> deleteByKey();
      };
    }

    /** A key of acct: w, d, id; one in five matches no row. */
    private int[] key() {
      return new int[] {1 + random.nextInt(2), 1 + random.nextInt(3), random.nextInt(5) == 0 ? 50 + random.nextInt(3)
          : 1 + random.nextInt(6)};
    }

    private BigDecimal amount() {
      return new BigDecimal(random.nextInt(100_000)).movePointLeft(1 + random.nextInt(4)); // may round to 2 digits
    }

    private String text() {
      return TwinPrimaries.text(random, TEXTS);
    }

    private static void bindKey(PreparedStatement p, int from, int[] key) throws SQLException {
      p.setInt(from, key[0]);
      p.setInt(from + 1, key[1]);
      p.setLong(from + 2, key[2]);
    }

    /** Update counts, the generated keys the application sees (none asked for), and the statement's warnings. */
    private static String seen(Statement statement, String counts) throws SQLException {
      StringBuilder seen = new StringBuilder(withKeys(statement, counts));
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        seen.append(" warning ").append(w.getSQLState()).append(' ').append(w.getMessage());
      }
      return seen.toString();
    }

    private Operation prepared(String sql, boolean returned, Binder binder) {
      return new Operation(sql, 0, returned, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          binder.bind(p);
          return seen(p, "count " + p.executeUpdate());
        }
      });
    }

    /** TPC-C's Payment and New-Order forms: arithmetic on numeric and integer columns. */
    private Operation arithmetic() {
      int[] key = key();
      BigDecimal amount = amount();
      return prepared("UPDATE acct SET bal = bal - ?, ytd = ytd + ?, cnt = cnt + 1 WHERE w = ? AND d = ? AND id = ?",
          true, p -> {
            p.setBigDecimal(1, amount);
            p.setBigDecimal(2, amount);
            bindKey(p, 3, key);
          });
    }

    private Operation concatenation() {
      int[] key = key();
      String prefix = text();
      return prepared("UPDATE acct SET data = substr(? || ' ' || data, 1, 60), name = left(name || '+', 40)"
          + " WHERE w = ? AND d = ? AND id = ?", true, p -> {
            p.setString(1, prefix);
            bindKey(p, 2, key);
          });
    }

    private Operation caseExpression() {
      int[] key = key();
      int add = random.nextInt(4);
      return prepared("UPDATE acct SET cnt = CASE WHEN cnt > 5 THEN 0 ELSE cnt + ? END,"
          + " name = CASE WHEN bal < 10 THEN 'low' ELSE name END WHERE id = ? AND w = ? AND d = ?", true, p -> {
            p.setInt(1, add);
            p.setLong(2, key[2]);
            p.setInt(3, key[0]);
            p.setInt(4, key[1]);
          });
    }

    /** {@code now()} and {@code localtimestamp}: values only the primary knows. */
    private Operation clock() {
      int[] key = key();
      return prepared("UPDATE acct SET at = now(), stamp = localtimestamp, cnt = cnt + 1 WHERE w = ? AND d = ? AND id = ?",
          true, p -> bindKey(p, 1, key));
    }

    private Operation setToThemselves() {
      int[] key = key();
      return prepared("UPDATE acct SET bal = bal, name = name WHERE w = ? AND d = ? AND id = ?", true,
          p -> bindKey(p, 1, key));
    }

    /** Delivery's {@code o_carrier_id = ?}: a parameter, but not every column assigned; and the text key. */
    private Operation someColumns() {
      if (random.nextBoolean()) {
        int[] key = key();
        String name = text();
        return prepared("UPDATE acct SET name = ? WHERE w = ? AND d = ? AND id = ?", true, p -> {
          p.setString(1, name);
          bindKey(p, 2, key);
        });
      }
      String code = random.nextInt(4) == 0 ? "A" : random.nextBoolean() ? "a" : "it's";
      LocalDate day = LocalDate.of(2024, 1, 1 + random.nextInt(6));
      String txt = text();
      return prepared("UPDATE tk SET txt = ?, qty = qty * 2 WHERE code = ? AND day = ?", true, p -> {
        p.setString(1, txt);
        p.setString(2, code);
        p.setObject(3, day);
      });
    }

    private Operation literalStatement() {
      int[] key = key();
      String sql = random.nextBoolean()
          ? "UPDATE acct SET ytd = ytd + 0.005, data = data || " + quoted(text()) + " WHERE w = " + key[0]
              + " AND d = " + key[1] + " AND id = " + key[2]
          : "UPDATE tk SET price = price * 1.0005, qty = qty + 1 WHERE code = " + quoted(random.nextBoolean() ? "b" : "it's")
              + " AND day = DATE '2024-01-0" + (1 + random.nextInt(6)) + "'";
      return new Operation(sql, 0, true, c -> {
        try (Statement s = c.createStatement()) {
          return seen(s, "count " + s.executeUpdate(sql));
        }
      });
    }

    /** New-Order's stock update as a batch: entries may repeat a key or match nothing. */
    private Operation batch() {
      int entries = 1 + random.nextInt(5);
      List<int[]> keys = new ArrayList<>();
      List<Integer> quantities = new ArrayList<>();
      for (int i = 0; i < entries; i++) {
        keys.add(i > 0 && random.nextInt(4) == 0 ? keys.get(i - 1) : key());
        quantities.add(1 + random.nextInt(10));
      }
      String sql = "UPDATE acct SET cnt = ?, ytd = ytd + ?, bal = bal + 0.5 WHERE w = ? AND d = ? AND id = ?";
      return new Operation(sql + " (batch)", 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          for (int i = 0; i < entries; i++) {
            p.setInt(1, quantities.get(i));
            p.setInt(2, quantities.get(i));
            bindKey(p, 3, keys.get(i));
            p.addBatch();
          }
          return seen(p, "counts " + Arrays.toString(p.executeBatch()));
        }
      });
    }

    /** {@code execute} forms: the boolean, the update count, the result set, the metadata and the next results. */
    private Operation executeForms() {
      int[] key = key();
      BigDecimal amount = amount();
      boolean prepared = random.nextBoolean();
      String sql = prepared ? "UPDATE acct SET bal = bal + ? WHERE w = ? AND d = ? AND id = ?"
          : "UPDATE acct SET cnt = cnt + 2 WHERE w = " + key[0] + " AND d = " + key[1] + " AND id = " + key[2];
      return new Operation(sql + " (execute)", 0, true, c -> {
        Statement statement;
        boolean result;
        if (prepared) {
          PreparedStatement p = c.prepareStatement(sql);
          p.setBigDecimal(1, amount);
          bindKey(p, 2, key);
          result = p.execute();
          statement = p;
        } else {
          statement = c.createStatement();
          result = statement.execute(sql);
        }
        try (statement) {
          String seen = "execute " + result + " count " + statement.getUpdateCount() + " rs " + statement.getResultSet()
              + (statement instanceof PreparedStatement p ? " metadata " + describe(p.getMetaData())
                  + " again " + describe(p.getMetaData()) : "");
          return seen(statement, seen) + " more " + statement.getMoreResults() + " count " + statement.getUpdateCount();
        }
      });
    }

    /** A CHECK violation: the same error; the transaction is rolled back. */
    private Operation checkFailure() {
      int[] key = key();
      return prepared("UPDATE acct SET bal = bal - 5000 WHERE w = ? AND d = ? AND id = ?", true, p -> bindKey(p, 1, key));
    }

    /** Every other column given a parameter: the statement determines the image (its own capture, mixed in). */
    private Operation statementDetermined() {
      int[] key = key();
      BigDecimal bal = new BigDecimal(random.nextInt(1000));
      String name = text();
      return prepared("UPDATE acct SET bal = ?, cnt = ?, ytd = ?, name = ?, data = ?, at = NULL, stamp = NULL"
          + " WHERE w = ? AND d = ? AND id = ?", false, p -> {
            p.setBigDecimal(1, bal);
            p.setInt(2, 7);
            p.setBigDecimal(3, bal);
            p.setString(4, name);
            p.setString(5, name);
            bindKey(p, 6, key);
          });
    }

    /** A key column assigned: the old and new keys are captured and read at commit, as before. */
    private Operation movedKey() {
      int[] key = key();
      long to = nextMoved++;
      return prepared("UPDATE acct SET id = ?, cnt = cnt + 1 WHERE w = ? AND d = ? AND id = ?", false, p -> {
        p.setLong(1, to);
        bindKey(p, 2, key);
      });
    }

    /** A DELETE by the full key returns its key: no read at commit, alone or mixed with returned images. */
    private Operation deleteByKey() {
      int[] key = key();
      return prepared("DELETE FROM acct WHERE w = ? AND d = ? AND id = ?", true, p -> bindKey(p, 1, key));
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }
}
