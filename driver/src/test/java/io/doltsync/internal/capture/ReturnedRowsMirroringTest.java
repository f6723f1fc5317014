package io.doltsync.internal.capture;

import static io.doltsync.internal.capture.TwinPrimaries.quoted;
import static io.doltsync.internal.capture.TwinPrimaries.withKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.capture.TwinPrimaries.Operation;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL UPDATEs and DELETEs whose rows doltsync learns from the statement's own returned rows (pgjdbc
 * appends {@code RETURNING}) instead of a locking pre-select and a commit-time image read. A generator of
 * transactions over tables with composite keys of several types (int/smallint/bigint; varchar/date/numeric) and a
 * keyless table: partial-key UPDATEs (literals, parameters, computed values), DELETEs, keyless DELETEs, batches,
 * 0-row statements, rows changed twice in a transaction, deleted and inserted again, moved rows (an UPDATE of a key
 * column: the pre-select path), failing statements, savepoint and whole rollbacks, with values that stress
 * exactness (numeric scale rounding, timestamps with zones and sub-millisecond digits, text with quotes and
 * unicode, bytea). Every operation runs on a raw connection to a twin schema and through doltsync: what the
 * application sees (update counts, {@code execute} results, result sets, generated keys, errors) must be equal; the
 * two primaries must hold equal tables; Dolt must equal the mirrored primary after every transaction; and inside
 * each transaction the doltsync side must have scanned each table only as often as raw plus the pre-selects of the
 * forms that still need one (PostgreSQL's {@code pg_stat_xact_user_tables}), i.e. no pre-select for the others.
 */
class ReturnedRowsMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.returnedTransactions", 30);
  private static final String[] TABLES = {"ol", "k2", "lg"};
  private static final String[] TEXTS = {"plain", "it's", "quote \" and \\ backslash", "é ü ß", "日本語", "emoji 😀",
      "", "trailing  "};

  @Test
  void returnedRowsCaptureExactlyWhatRawSees() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("rret");
    try (TwinPrimaries twins = TwinPrimaries.open("rret", doltDb, ReturnedRowsMirroringTest::createAndSeed, Map.of())) {
      Connection raw = twins.raw();
      Connection app = twins.app();
      Generator generator = new Generator(random);
      long copiesAtStart = MirrorComparison.metric(doltDb, "WholeTableCopies");
      int transactionsThatMayCopy = 0;
      int returnedStatements = 0;
      for (int t = 0; t < TRANSACTIONS; t++) {
        int preSelects = 0;
        boolean failed = false;
        boolean savepointRolledBack = false;
        Map<String, Long> rawScansBefore = TwinPrimaries.scans(raw, TABLES);
        Map<String, Long> appScansBefore = TwinPrimaries.scans(app, TABLES);
        int statements = 1 + random.nextInt(6);
        List<Operation> ran = new ArrayList<>();
        for (int s = 0; s < statements && !failed; s++) {
          if (!twins.hasSavepoints() && random.nextInt(8) == 0) {
            twins.setSavepoints();
          }
          Operation op = generator.next();
          ran.add(op);
          failed = twins.runAlike(op, SEED).startsWith("error");
          preSelects += op.preSelects();
          returnedStatements += op.returned() ? 1 : 0;
        }
        if (!failed) {
          assertThat(TwinPrimaries.minus(TwinPrimaries.scans(app, TABLES), appScansBefore))
              .as("table scans inside transaction %d through doltsync, %s (seed %d)", t, ran, SEED)
              .isEqualTo(expectedScans(TwinPrimaries.minus(TwinPrimaries.scans(raw, TABLES), rawScansBefore),
                  preSelects));
        }
        if (!failed && twins.hasSavepoints() && random.nextBoolean()) {
          twins.rollbackToSavepoints();
          savepointRolledBack = true;
        }
        if (failed || random.nextInt(10) == 0) {
          twins.rollback();
          continue;
        }
        twins.commit();
        transactionsThatMayCopy += savepointRolledBack ? 1 : 0;
        twins.assertMirrored(TABLES);
        assertSamePrimaries(twins);
      }
      assertThat(returnedStatements).as("statements of the returned-rows forms (seed %d)", SEED).isPositive();
      assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesAtStart)
          .as("whole-table copies: only after a savepoint rollback of keyless deltas (seed %d)", SEED)
          .isLessThanOrEqualTo(transactionsThatMayCopy);
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /**
   * A statement prepared before its table gained a column still returns the old columns: those images are
   * read again at commit with the new schema. An application that asks for generated keys itself (pgjdbc:
   * {@code RETURNING *}, or its own column names) gets them as raw, and the capture reads as before.
   */
  @Test
  void statementsPreparedBeforeASchemaChangeAndTheApplicationsOwnKeys() throws Exception {
    String doltDb = DoltDatabases.newName("rret2");
    try (TwinPrimaries twins = TwinPrimaries.open("rret2", doltDb, ReturnedRowsMirroringTest::createAndSeed,
        Map.of())) {
      Connection raw = twins.raw();
      Connection app = twins.app();
      String update = "UPDATE ol SET note = ? WHERE o_id = ? AND d_id = ?";
      try (PreparedStatement rawOld = raw.prepareStatement(update);
          PreparedStatement appOld = app.prepareStatement(update)) {
        for (Connection c : List.of(raw, app)) {
          try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ol ADD COLUMN extra INT DEFAULT 7");
          }
          c.commit();
        }
        for (PreparedStatement p : List.of(rawOld, appOld)) {
          p.setString(1, "after the column");
          p.setInt(2, 2);
          p.setInt(3, 1);
          assertThat(p.executeUpdate()).isEqualTo(5);
        }
        twins.commit();
        twins.assertMirrored(TABLES);
      }
      for (Object keys : List.of(Statement.RETURN_GENERATED_KEYS, new String[] {"o_id", "note"})) {
        List<String> seen = new ArrayList<>();
        for (Connection c : List.of(raw, app)) {
          try (PreparedStatement p = keys instanceof String[] names ? c.prepareStatement(update, names)
              : c.prepareStatement(update, Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, "own keys");
            p.setInt(2, 3);
            p.setInt(3, 2);
            StringBuilder rows = new StringBuilder("count " + p.executeUpdate());
            try (ResultSet rs = p.getGeneratedKeys()) {
              while (rs.next()) {
                rows.append(" | ").append(rs.getString("o_id")).append(' ').append(rs.getString("note"));
              }
            }
            seen.add(rows.toString());
          }
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0)).contains("own keys");
        twins.commit();
        twins.assertMirrored(TABLES);
      }
      assertSamePrimaries(twins);
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /**
   * A table with a rewrite rule is treated as one with a trigger: a conditional DO INSTEAD rule refuses
   * {@code RETURNING}, so the statement must run as written (the raw driver's outcome), and the rule's own
   * writes to another mirrored table reach Dolt.
   */
  @Test
  void tablesWithRulesRunTheStatementAsWritten() throws Exception {
    String doltDb = DoltDatabases.newName("rret3");
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("rret3")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE ruled (a INT, b INT, v TEXT, PRIMARY KEY (a, b))");
        s.execute("CREATE TABLE ruled_log (a INT, b INT)");
        s.execute("INSERT INTO ruled SELECT 1, g, 'v' FROM generate_series(1, 4) g");
        s.execute("CREATE RULE skip_big AS ON UPDATE TO ruled WHERE NEW.b > 100 DO INSTEAD NOTHING");
        s.execute("CREATE RULE logged AS ON DELETE TO ruled DO ALSO INSERT INTO ruled_log VALUES (OLD.a, OLD.b)");
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          PrimaryKind.POSTGRES.credentials())) {
        app.setAutoCommit(false);
        try (PreparedStatement update = app.prepareStatement("UPDATE ruled SET v = ? WHERE a = ?");
            PreparedStatement delete = app.prepareStatement("DELETE FROM ruled WHERE a = ? AND b > ?")) {
          update.setString(1, "ruled");
          update.setInt(2, 1);
          assertThat(update.executeUpdate()).isEqualTo(4);
          delete.setInt(1, 1);
          delete.setInt(2, 2);
          assertThat(delete.executeUpdate()).isEqualTo(2);
        }
        app.commit();
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
        MirrorComparison.assertSameRows(space, doltDb, "ruled", "ruled_log");
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void createAndSeed(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ol (o_id INT, d_id SMALLINT, w_id BIGINT, n INT, amount NUMERIC(12,4) CHECK (amount >= 0),"
          + " delivered TIMESTAMPTZ, at TIMESTAMP(3), note TEXT, data BYTEA, PRIMARY KEY (o_id, d_id, w_id, n))");
      s.execute("CREATE TABLE k2 (code VARCHAR(10), day DATE, seq NUMERIC(6,2), qty INT, txt VARCHAR(40),"
          + " at TIMESTAMPTZ, PRIMARY KEY (code, day, seq))");
      s.execute("CREATE TABLE lg (g INT, amount NUMERIC(8,2), note TEXT, at TIMESTAMPTZ, data BYTEA)");
      s.execute("INSERT INTO ol SELECT o, d, 1, n, (o * 7 + n) / 3.0, TIMESTAMPTZ '2024-03-01 10:00:00+00' + o * INTERVAL"
          + " '1 hour', TIMESTAMP '2024-01-01 00:00:00.125', 'seed ' || o, decode('00ff', 'hex')"
          + " FROM generate_series(1, 8) o, generate_series(1, 3) d, generate_series(1, 5) n");
      s.execute("INSERT INTO k2 SELECT c, DATE '2024-01-01' + (i % 4), i * 1.25, i, 'k ' || i, NULL"
          + " FROM (VALUES ('a'), ('b'), ('c')) v(c), generate_series(1, 6) i");
      s.execute("INSERT INTO lg SELECT g % 4, g / 4.0, CASE WHEN g % 3 = 0 THEN NULL ELSE 'it''s ' || (g % 2) END,"
          + " TIMESTAMPTZ '2024-05-05 05:05:05.123456+02', decode('ab', 'hex') FROM generate_series(1, 16) g");
      s.execute("INSERT INTO lg SELECT g % 4, g / 4.0, 'dup', NULL, NULL FROM generate_series(1, 6) g");
    }
  }

  /** Raw's scans plus the pre-selects, which the generator counts per table in its op (packed: ol, k2, lg). */
  private static Map<String, Long> expectedScans(Map<String, Long> raw, int preSelects) {
    Map<String, Long> expected = new LinkedHashMap<>(raw);
    for (int i = 0; i < TABLES.length; i++) {
      expected.merge(TABLES[i], (long) ((preSelects >> (8 * i)) & 0xff), Long::sum);
    }
    return expected;
  }

  private static void assertSamePrimaries(TwinPrimaries twins) throws SQLException {
    for (String table : TABLES) {
      twins.assertSameOnBoth("SELECT t::text FROM " + table + " t ORDER BY t::text", "table " + table, SEED);
    }
  }

  /** Generates operations with values drawn from the seed; every value is fixed when the operation is made. */
  private static final class Generator {
    private final Random random;
    private int nextOrder = 100;
    private int nextSeq = 1000;
    private int nextWarehouse = 10;

    Generator(Random random) {
      this.random = random;
    }

    Operation next() {
      return switch (random.nextInt(18)) {
        case 16 -> computedKeylessInsert();
        case 17 -> computedKeyedInsert();
        case 0, 1 -> partialKeyUpdate();
        case 2 -> literalUpdate();
        case 3 -> computedUpdate();
        case 4 -> partialKeyDelete();
        case 5 -> k2Update();
        case 6 -> k2Delete();
        case 7 -> keylessDelete();
        case 8 -> batchUpdate();
        case 9 -> insertOrderLines();
        case 10 -> movedRows();
        case 11 -> keylessInsertOrUpdate();
        case 12 -> executeForms();
        case 13 -> failingUpdate();
        case 14 -> batchDelete();
        default -> reinsertDeleted();
      };
    }

    private int order() {
      return random.nextInt(4) == 0 ? 500 + random.nextInt(5) : 1 + random.nextInt(8); // 500+: no such row
    }

    private BigDecimal amount() {
      return new BigDecimal(random.nextInt(100_000)).movePointLeft(2 + random.nextInt(5)); // up to 6 digits: rounded to 4
    }

    private OffsetDateTime instant() {
      return OffsetDateTime.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
          random.nextInt(60), random.nextInt(1_000_000) * 1000, ZoneOffset.ofTotalSeconds((random.nextInt(25) - 12) * 30 * 60));
    }

    private String text() {
      return TwinPrimaries.text(random, TEXTS);
    }

    private byte[] bytes() {
      byte[] bytes = new byte[random.nextInt(6)];
      random.nextBytes(bytes);
      return bytes;
    }

    private static String columns(java.sql.ResultSetMetaData metadata) throws SQLException {
      return metadata == null ? "none" : metadata.getColumnCount() + " columns";
    }

    /** Delivery's form: UPDATE by a partial key, parameters. */
    private Operation partialKeyUpdate() {
      int o = order();
      int d = 1 + random.nextInt(3);
      OffsetDateTime at = instant();
      String note = text();
      byte[] data = bytes();
      BigDecimal amount = amount();
      String sql = "UPDATE ol SET delivered = ?, note = ?, data = ?, amount = ? WHERE o_id = ? AND d_id = ?";
      return new Operation(sql, 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setObject(1, at);
          p.setString(2, note);
          p.setBytes(3, data);
          p.setBigDecimal(4, amount);
          p.setInt(5, o);
          p.setInt(6, d);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }

    /** A Statement with literals (text with quotes and unicode, a timestamp with sub-millisecond digits). */
    private Operation literalUpdate() {
      int o = order();
      String note = text();
      LocalDateTime at = LocalDateTime.of(2023, 1 + random.nextInt(12), 1 + random.nextInt(28), 1, 2, 3,
          random.nextInt(1_000_000_000));
      String sql = "UPDATE ol SET note = " + quoted(note) + ", at = TIMESTAMP '" + at + "' WHERE o_id = " + o
          + (random.nextBoolean() ? " AND n <= " + (1 + random.nextInt(5)) : "");
      return new Operation(sql, 0, true, c -> {
        try (Statement s = c.createStatement()) {
          return withKeys(s, "count " + s.executeUpdate(sql));
        }
      });
    }

    /** Values computed by the database (no pre-select needed for their images either). */
    private Operation computedUpdate() {
      int d = 1 + random.nextInt(3);
      String sql = "UPDATE ol SET amount = amount * 1.00005 + 0.00001, note = note || '''', delivered = delivered"
          + " + INTERVAL '1.5 seconds' WHERE d_id = ? AND n > ?";
      int n = random.nextInt(6);
      return new Operation(sql, 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setInt(1, d);
          p.setInt(2, n);
          return withKeys(p, "count " + p.executeLargeUpdate());
        }
      });
    }

    private Operation partialKeyDelete() {
      int o = order();
      int n = random.nextInt(6);
      String sql = "DELETE FROM ol WHERE o_id = ? AND n >= ?";
      return new Operation(sql, 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setInt(1, o);
          p.setInt(2, n);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }

    private Operation k2Update() {
      String code = String.valueOf((char) ('a' + random.nextInt(4)));
      LocalDate day = LocalDate.of(2024, 1, 1 + random.nextInt(5));
      String txt = text();
      OffsetDateTime at = random.nextInt(4) == 0 ? null : instant();
      String sql = "UPDATE k2 SET txt = ?, at = ?, qty = qty + 1 WHERE code = ? AND day >= ?";
      return new Operation(sql, 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, txt.length() > 40 ? txt.substring(0, 40) : txt);
          if (at == null) {
            p.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            p.setObject(2, at);
          }
          p.setString(3, code);
          p.setObject(4, day);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }

    private Operation k2Delete() {
      BigDecimal below = new BigDecimal("1.25").multiply(BigDecimal.valueOf(random.nextInt(4)));
      String code = String.valueOf((char) ('a' + random.nextInt(3)));
      String sql = "DELETE FROM k2 WHERE seq < " + below.toPlainString() + " AND code = " + quoted(code);
      return new Operation(sql, 0, true, c -> {
        try (Statement s = c.createStatement()) {
          return withKeys(s, "count " + s.executeLargeUpdate(sql));
        }
      });
    }

    private Operation keylessDelete() {
      if (random.nextBoolean()) {
        int g = random.nextInt(5);
        String sql = "DELETE FROM lg WHERE g = ?";
        return new Operation(sql, 0, true, c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, g);
            return withKeys(p, "count " + p.executeUpdate());
          }
        });
      }
      String note = random.nextBoolean() ? "dup" : "it's " + random.nextInt(2);
      String sql = "DELETE FROM lg WHERE note = " + quoted(note) + " AND amount < " + random.nextInt(5);
      return new Operation(sql, 0, true, c -> {
        try (Statement s = c.createStatement()) {
          return withKeys(s, "count " + s.executeUpdate(sql));
        }
      });
    }

    /** A batch whose entries overlap (rows changed twice) or match nothing. */
    private Operation batchUpdate() {
      int entries = 2 + random.nextInt(3);
      int[] orders = new int[entries];
      String[] notes = new String[entries];
      for (int i = 0; i < entries; i++) {
        orders[i] = order();
        notes[i] = text();
      }
      String sql = "UPDATE ol SET note = ?, amount = amount + 1 WHERE o_id = ?";
      return new Operation(sql + " (batch)", 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          for (int i = 0; i < entries; i++) {
            p.setString(1, notes[i]);
            p.setInt(2, orders[i]);
            p.addBatch();
          }
          return withKeys(p, "counts " + Arrays.toString(p.executeBatch()));
        }
      });
    }

    private Operation batchDelete() {
      int[] groups = {random.nextInt(5), random.nextInt(5)};
      String sql = "DELETE FROM lg WHERE g = ? AND amount > ?";
      return new Operation(sql + " (batch)", 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          for (int g : groups) {
            p.setInt(1, g);
            p.setBigDecimal(2, new BigDecimal("0.75"));
            p.addBatch();
          }
          return withKeys(p, "counts " + Arrays.toString(p.executeBatch()));
        }
      });
    }

    private Operation insertOrderLines() {
      int o = nextOrder++;
      BigDecimal amount = amount();
      OffsetDateTime at = instant();
      String sql = "INSERT INTO ol (o_id, d_id, w_id, n, amount, delivered, at, note, data) VALUES (?, 1, 1, ?, ?, ?, NULL, ?, ?)";
      return new Operation(sql, 0, false, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          for (int n = 1; n <= 3; n++) {
            p.setInt(1, o);
            p.setInt(2, n);
            p.setBigDecimal(3, amount);
            p.setObject(4, at);
            p.setString(5, "new");
            p.setBytes(6, new byte[] {(byte) n});
            p.addBatch();
          }
          return withKeys(p, "counts " + Arrays.toString(p.executeBatch()));
        }
      });
    }

    /** Deleted and inserted again in the same transaction (when the delete runs first), by full key. */
    private Operation reinsertDeleted() {
      int o = 1 + random.nextInt(8);
      int d = 1 + random.nextInt(3);
      String sql = "INSERT INTO ol (o_id, d_id, w_id, n, amount, note) VALUES (?, ?, 1, 5, 1.5, 'again')"
          + " ON CONFLICT DO NOTHING";
      return new Operation(sql, 0, false, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setInt(1, o);
          p.setInt(2, d);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }

    /** Moved rows: an UPDATE that assigns a key column keeps the pre-select. */
    private Operation movedRows() {
      if (random.nextBoolean()) {
        int o = order();
        int d = 1 + random.nextInt(3);
        int w = nextWarehouse++;
        String sql = "UPDATE ol SET w_id = ? WHERE o_id = ? AND d_id = ?";
        return new Operation(sql, 1, false, c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, w);
            p.setInt(2, o);
            p.setInt(3, d);
            return withKeys(p, "count " + p.executeUpdate());
          }
        });
      }
      String code = String.valueOf((char) ('a' + random.nextInt(3)));
      LocalDate day = LocalDate.of(2025, 1, 1).plusDays(nextSeq++);
      String sql = "UPDATE k2 SET day = ? WHERE code = ?";
      return new Operation(sql, 1 << 8, false, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setObject(1, day);
          p.setString(2, code);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }

    private Operation keylessInsertOrUpdate() {
      if (random.nextBoolean()) {
        int g = random.nextInt(4);
        String sql = "INSERT INTO lg (g, amount, note, at, data) VALUES (?, ?, ?, ?, ?)";
        BigDecimal amount = new BigDecimal(random.nextInt(400)).movePointLeft(2);
        String note = random.nextBoolean() ? "dup" : text();
        return new Operation(sql, 0, false, c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, g);
            p.setBigDecimal(2, amount);
            p.setString(3, note);
            p.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
            p.setNull(5, Types.BINARY); // a bound byte[] is not certain to be stored as given: the table would be copied
            return withKeys(p, "count " + p.executeUpdate());
          }
        });
      }
      int g = random.nextInt(4);
      String sql = "UPDATE lg SET note = ? WHERE g = ?"; // a keyless UPDATE: the locking read of its rows stays
      String note = text();
      return new Operation(sql, 1 << 16, false, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, note);
          p.setInt(2, g);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }

    /**
     * INSERTs into the keyless table whose values the database computes (functions, {@code DEFAULT}, a SELECT of
     * its own rows): returned whole by the statement instead of a copy of the table. {@code now()} is truncated
     * to the year so that the raw and the mirrored primary store the same value.
     */
    private Operation computedKeylessInsert() {
      int g = random.nextInt(4);
      String note = text();
      BigDecimal amount = new BigDecimal(random.nextInt(400)).movePointLeft(2);
      return switch (random.nextInt(3)) {
        case 0 -> {
          String sql = "INSERT INTO lg (g, amount, note, at, data) VALUES (?, ? * 2, upper(?), date_trunc('year', now()),"
              + " DEFAULT)";
          yield new Operation(sql, 0, true, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
              p.setInt(1, g);
              p.setBigDecimal(2, amount);
              p.setString(3, note);
              return withKeys(p, "count " + p.executeUpdate());
            }
          });
        }
        case 1 -> {
          String sql = "INSERT INTO lg (g, amount, note, at) VALUES (" + g + ", " + amount.toPlainString() + " + 0.001, "
              + quoted(note) + ", TIMESTAMPTZ '2024-02-02 10:00:00.5+00' + INTERVAL '1 day'), (" + g + ", NULL, 'dup', NULL)";
          yield new Operation(sql, 0, true, c -> {
            try (Statement s = c.createStatement()) {
              return withKeys(s, "count " + s.executeUpdate(sql));
            }
          });
        }
        default -> {
          String sql = "INSERT INTO lg (g, amount, note, at, data) SELECT g + 10, amount, note, at, data FROM lg WHERE g = ?";
          yield new Operation(sql + " (batch)", 0, true, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
              p.setInt(1, g);
              p.addBatch();
              p.setInt(1, (g + 1) % 4);
              p.addBatch();
              return withKeys(p, "counts " + Arrays.toString(p.executeBatch()));
            }
          });
        }
      };
    }

    /** An INSERT into a keyed table whose key and values the database computes: its rows' images are returned. */
    private Operation computedKeyedInsert() {
      int o = nextOrder++;
      BigDecimal amount = amount();
      String sql = "INSERT INTO ol (o_id, d_id, w_id, n, amount, delivered, note) VALUES (? + 0, 1, 1, abs(?), ? * 1,"
          + " date_trunc('year', now()), 'computed ' || ?)";
      return new Operation(sql + " (batch)", 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          for (int n = 1; n <= 2; n++) {
            p.setInt(1, o);
            p.setInt(2, -n);
            p.setBigDecimal(3, amount);
            p.setInt(4, n);
            p.addBatch();
          }
          return withKeys(p, "counts " + Arrays.toString(p.executeBatch()));
        }
      });
    }

    /** {@code execute} forms: the boolean, the update count, the result set and the next results. */
    private Operation executeForms() {
      int o = order();
      boolean prepared = random.nextBoolean();
      String sql = prepared ? "UPDATE ol SET amount = ? WHERE o_id = ?" : "DELETE FROM ol WHERE o_id = " + o + " AND n = 1";
      BigDecimal amount = amount();
      return new Operation(sql + " (execute)", 0, true, c -> {
        Statement statement;
        boolean result;
        if (prepared) {
          PreparedStatement p = c.prepareStatement(sql);
          p.setBigDecimal(1, amount);
          p.setInt(2, o);
          result = p.execute();
          statement = p;
        } else {
          statement = c.createStatement();
          result = statement.execute(sql);
        }
        try (statement) {
          String seen = "execute " + result + " count " + statement.getUpdateCount() + " rs " + statement.getResultSet()
              + (statement instanceof PreparedStatement p ? " metadata " + columns(p.getMetaData()) : "");
          String keys = withKeys(statement, "");
          return seen + keys + " more " + statement.getMoreResults() + " count " + statement.getUpdateCount();
        }
      });
    }

    /** A statement that fails (a CHECK constraint): the error must be the same; the transaction is rolled back. */
    private Operation failingUpdate() {
      int d = 1 + random.nextInt(3);
      String sql = "UPDATE ol SET amount = amount - 100000 WHERE d_id = ?";
      return new Operation(sql, 0, true, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setInt(1, d);
          return withKeys(p, "count " + p.executeUpdate());
        }
      });
    }
  }
}
