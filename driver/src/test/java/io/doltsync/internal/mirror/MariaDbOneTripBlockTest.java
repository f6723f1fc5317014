package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MariaDB's one-trip block ({@link OneTripWrite}: the statement, its journal insert and the commit in one compound
 * statement whose reply's affected rows and warning count say what it did) behaves as the raw driver and mirrors
 * exactly, under a strict and a non-strict {@code sql_mode} and with Connector/J's found rows and
 * {@code useAffectedRows}: a generator makes auto-commit {@code INSERT}s (one and two rows), {@code INSERT IGNORE}s
 * and {@code UPDATE}s by key, prepared or plain, through {@code executeUpdate} and {@code execute}, with ids that
 * exist or not (duplicate keys, updates that match no row), values that repeat the row's (a matched row left
 * unchanged), are too long or out of range (an error when strict, a warning when not), or have a third decimal (a
 * note); now and then another connection holds the row (lock wait timeout), or a trigger on the journal table
 * refuses the journal insert (the write fails and commits nothing). Each runs on a raw and a doltsync connection
 * against twin tables; update counts, exceptions (class, SQLState, code, message) and warnings are compared, then
 * the committed rows, and that the doltsync session has no transaction left open. At the end Dolt (drained)
 * equals the primary's table, with one Dolt commit per write that changed a row's values.
 */
class MariaDbOneTripBlockTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int OPERATIONS = Integer.getInteger("doltsync.test.oneTripBlockOperations", 80);

  @ParameterizedTest(name = "strict {0}, useAffectedRows {1}")
  @CsvSource({"true, false", "false, false", "true, true", "false, true"})
  void blockWritesBehaveAsRawAndMirrorExactly(boolean strict, boolean affectedRows) throws Exception {
    Random random = new Random(SEED + (strict ? 1 : 0) + (affectedRows ? 2 : 0));
    PrimaryKind kind = PrimaryKind.MARIADB;
    String doltDb = DoltDatabases.newName("mdbblock");
    try (PrimaryKind.Space space = kind.createSpace("mdbblock")) {
      try (Connection setup = space.connect(); Statement s = setup.createStatement()) {
        for (String side : List.of("r", "d")) {
          s.execute("CREATE TABLE " + side + "_item (id INT PRIMARY KEY, name VARCHAR(6) NOT NULL,"
              + " amount DECIMAL(6,2), qty TINYINT)");
        }
        s.execute("CREATE TABLE journal_refused (refuse INT NOT NULL)");
        s.execute("INSERT INTO journal_refused VALUES (0)");
      }
      String url = space.url() + (space.url().contains("?") ? "&" : "?") + "useAffectedRows=" + affectedRows;
      Map<String, String> options = new LinkedHashMap<>();
      options.put("doltsync.target", TestServers.doltUrl(doltDb));
      try (Connection raw = DriverManager.getConnection(url, kind.credentials());
          Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(url, options), kind.credentials());
          Connection observer = space.connect()) {
        for (Connection side : List.of(raw, app)) {
          try (Statement s = side.createStatement()) {
            s.execute("SET SESSION sql_mode = '" + (strict ? "STRICT_TRANS_TABLES" : "") + "',"
                + " innodb_lock_wait_timeout = 1");
          }
        }
        for (Connection side : List.of(raw, app)) { // a first write: doltsync creates its journal table
          try (Statement s = side.createStatement()) {
            s.executeUpdate("INSERT INTO " + (side == raw ? "r" : "d") + "_item VALUES (99, 'first', 1, 1)");
          }
        }
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        doltsync.awaitMirrored(Duration.ofSeconds(60));
        try (Statement s = observer.createStatement()) {
          s.execute("CREATE TRIGGER journal_refusal BEFORE INSERT ON doltsync_journal FOR EACH ROW"
              + " IF (SELECT refuse FROM journal_refused) = 1 THEN"
              + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'journal refused'; END IF");
        }
        long commitsBefore = DoltDatabases.commitCount(doltDb);
        MirrorSession session = (MirrorSession) ((io.doltsync.internal.jdbc.wrapper.ConnectionWrapper) app).session();
        int changing = 0;
        int refused = 0;
        int warned = 0;
        List<String> done = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
          List<String> before = rows(observer, "r_item");
          Write write = Write.generate(random, before);
          int chance = random.nextInt(24);
          boolean lockHeld = chance == 0;
          // the journal refuses now and then, and every write of the last twenty until a refusal was seen
          boolean refuse = chance == 1 || chance == 2 || refused == 0 && i >= OPERATIONS - 20;
          done.add(write + (lockHeld ? " locked" : "") + (refuse ? " refused" : ""));
          String context = "seed " + SEED + ", after " + done.subList(Math.max(0, done.size() - 5), done.size());
          if (lockHeld) {
            lockRow(observer, write.firstId());
          }
          Outcome expected;
          Outcome actual;
          long tripsBefore = session.oneTripWrites();
          if (refuse) {
            raw.setAutoCommit(false); // what the statement alone would do, taken back: nothing may commit
            expected = write.run(raw, "r_item");
            raw.rollback();
            raw.setAutoCommit(true);
            setRefusal(observer, 1);
            actual = write.run(app, "d_item");
            setRefusal(observer, 0);
            if (expected.error() == null && !(expected.count() == 0 && actual.error() == null)) {
              // the statement succeeds, and its entry (every write that changed a row has one) is refused
              assertThat(actual.error()).as("the journal insert's error, %s", context)
                  .contains("45000 1644 journal refused");
              refused++;
            } else {
              assertThat(actual).as("outcome with the journal refusing, %s", context).isEqualTo(expected);
            }
          } else {
            expected = write.run(raw, "r_item");
            actual = write.run(app, "d_item");
            assertThat(actual).as("outcome through doltsync, %s", context).isEqualTo(expected);
            if (!rows(observer, "r_item").equals(before)) {
              changing++; // a matched row left unchanged makes an entry, and no Dolt commit
            }
            if (!expected.warnings().isEmpty()) {
              warned++;
            }
          }
          if (lockHeld) {
            observer.rollback();
            observer.setAutoCommit(true);
          }
          if (write.plain() && session.oneTripWrites() > tripsBefore) {
            done.set(done.size() - 1, done.get(done.size() - 1) + " (one trip)");
          }
          assertThat(app.getAutoCommit()).as("getAutoCommit(), %s", context).isTrue();
          assertThat(rows(observer, "d_item")).as("committed rows, %s", context).isEqualTo(rows(observer, "r_item"));
          if (random.nextInt(4) == 0) {
            try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SELECT @@in_transaction")) {
              rs.next();
              assertThat(rs.getInt(1)).as("a transaction left open, %s", context).isZero();
            }
          }
        }
        assertThat(changing).as("writes that changed rows (seed %d)", SEED).isPositive();
        assertThat(refused).as("writes whose journal insert was refused (seed %d)", SEED).isPositive();
        assertThat(session.oneTripWrites()).as("writes sent as one block (seed %d)", SEED)
            .isGreaterThanOrEqualTo(OPERATIONS / 5);
        if (!strict) {
          assertThat(warned).as("writes that raised warnings (seed %d)", SEED).isPositive();
        }
        doltsync.awaitMirrored(Duration.ofSeconds(120));
        try (Connection dolt = TestServers.dolt(doltDb)) {
          assertThat(rows(dolt, "d_item")).as("Dolt's table after draining (seed %d)", SEED)
              .isEqualTo(rows(observer, "d_item"));
        }
        assertThat(DoltDatabases.commitCount(doltDb) - commitsBefore)
            .as("Dolt commits, one per write that changed a row (seed %d)", SEED).isEqualTo(changing);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void setRefusal(Connection observer, int refuse) throws SQLException {
    try (Statement s = observer.createStatement()) {
      s.executeUpdate("UPDATE journal_refused SET refuse = " + refuse);
    }
  }

  /** Takes another connection's lock on the row (both twins), so a write of it waits into its lock timeout. */
  private static void lockRow(Connection observer, int id) throws SQLException {
    observer.setAutoCommit(false);
    try (Statement s = observer.createStatement()) {
      s.executeQuery("SELECT * FROM r_item WHERE id = " + id + " FOR UPDATE").close();
      s.executeQuery("SELECT * FROM d_item WHERE id = " + id + " FOR UPDATE").close();
    }
  }

  /** What the application saw: an update count and the statement's warnings, or an error. */
  record Outcome(long count, String warnings, String error) {}

  /** One generated auto-commit write: its SQL with the table as {@code %s}, its values, how it is executed. */
  record Write(String sql, Object[] values, boolean viaExecute, boolean plain) {

    static Write generate(Random random, List<String> current) {
      boolean viaExecute = random.nextInt(3) == 0;
      boolean plain = random.nextBoolean();
      int id = 1 + random.nextInt(10);
      return switch (random.nextInt(6)) {
        case 0, 1 -> new Write("INSERT INTO %s (id, name, amount, qty) VALUES (?, ?, ?, ?)",
            new Object[] {id, name(random), amount(random), qty(random)}, viaExecute, plain);
        case 2 -> new Write("INSERT INTO %s (id, name, amount, qty) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
            new Object[] {id, name(random), amount(random), qty(random), 1 + random.nextInt(10), name(random),
                amount(random), qty(random)}, viaExecute, plain);
        case 3 -> new Write("INSERT IGNORE INTO %s (id, name, amount, qty) VALUES (?, ?, ?, ?)",
            new Object[] {id, name(random), amount(random), qty(random)}, viaExecute, plain);
        default -> {
          Object[] values = {name(random), amount(random), qty(random), id};
          String row = current.stream().filter(r -> r.startsWith(id + "|")).findFirst().orElse(null);
          if (row != null && random.nextInt(3) == 0) { // the values it has: matched, left unchanged
            String[] parts = row.split("\\|", -1);
            values = new Object[] {parts[1], new BigDecimal(parts[2]), Integer.valueOf(parts[3]), id};
          }
          yield new Write("UPDATE %s SET name = ?, amount = ?, qty = ? WHERE id = ?", values, viaExecute, plain);
        }
      };
    }

    int firstId() {
      return (Integer) (sql.startsWith("UPDATE") ? values[values.length - 1] : values[0]);
    }

    Outcome run(Connection connection, String table) {
      try {
        if (plain) {
          try (Statement statement = connection.createStatement()) {
            long count = viaExecute ? (statement.execute(literalText(table)) ? -2 : statement.getUpdateCount())
                : statement.executeUpdate(literalText(table));
            return new Outcome(count, warnings(statement.getWarnings()), null);
          }
        }
        try (PreparedStatement statement = connection.prepareStatement(String.format(sql, table))) {
          for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
          }
          long count = viaExecute ? (statement.execute() ? -2 : statement.getUpdateCount()) : statement.executeUpdate();
          return new Outcome(count, warnings(statement.getWarnings()), null);
        }
      } catch (SQLException e) {
        String message = String.valueOf(e.getMessage()).replace("r_item", "d_item").replaceAll("\\(conn=\\d+\\) ?", "");
        return new Outcome(-1, "", e.getClass().getName() + " " + e.getSQLState() + " " + e.getErrorCode() + " "
            + message);
      }
    }

    private static String warnings(SQLWarning first) {
      StringBuilder all = new StringBuilder();
      for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
        all.append(w.getErrorCode()).append(' ').append(w.getMessage().replace("r_item", "d_item")).append(';');
      }
      return all.toString();
    }

    /** The text with its values as literals (they are letters and numbers: nothing keeps it from one trip). */
    String literalText(String table) {
      String written = String.format(sql, table);
      StringBuilder text = new StringBuilder();
      int next = 0;
      for (int i = 0; i < written.length(); i++) {
        char c = written.charAt(i);
        if (c != '?') {
          text.append(c);
          continue;
        }
        Object value = values[next++];
        text.append(value instanceof String string ? "'" + string + "'"
            : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
      }
      return text.toString();
    }

    @Override
    public String toString() {
      return String.format(sql, "t").substring(0, 13) + java.util.Arrays.deepToString(values)
          + (viaExecute ? " execute" : "") + (plain ? " plain" : "");
    }

    /** A name for a VARCHAR(6): one to six letters, now and then seven (too long). */
    private static String name(Random random) {
      int length = random.nextInt(12) == 0 ? 7 : 1 + random.nextInt(6);
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < length; i++) {
        name.append((char) ('a' + random.nextInt(3)));
      }
      return name.toString();
    }

    /** DECIMAL(6,2) values: in range, a third decimal now and then (a note), beyond the column now and then. */
    private static BigDecimal amount(Random random) {
      return switch (random.nextInt(12)) {
        case 0 -> new BigDecimal("10000.00");
        case 1, 2 -> BigDecimal.valueOf(random.nextInt(9_999), 3);
        default -> BigDecimal.valueOf(random.nextInt(20), 0);
      };
    }

    /** TINYINT values: a few repeating ones, now and then one beyond its range. */
    private static Integer qty(Random random) {
      return random.nextInt(12) == 0 ? 128 : random.nextInt(4);
    }
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, amount, qty FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        BigDecimal amount = rs.getBigDecimal(3);
        Integer qty = rs.getInt(4);
        qty = rs.wasNull() ? null : qty;
        rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + (amount == null ? null : amount.toPlainString()) + "|"
            + qty);
      }
    }
    return rows;
  }
}
