package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lone auto-commit writes that doltsync sends with their journal entry as one statement ({@link OneTripWrite},
 * PostgreSQL and MariaDB) behave exactly as through the raw driver, and mirror exactly: a generator makes auto-commit INSERTs (one and two
 * rows) and UPDATEs by key that set every column (matching one row or none), prepared with parameters or as a plain
 * {@link Statement}'s text with the values as literals (half of those tamed, so that they qualify), with hostile values (quotes,
 * backslashes, {@code ?}, {@code ;}, comment and dollar-quote marks, NULs, unicode, the column's maximum length and
 * one beyond, numbers beyond the column's precision, a check constraint's bound), run through {@code executeUpdate}
 * and {@code execute}; each failing class (duplicate key, value too long, numeric overflow, check violation,
 * lock timeout while another connection holds the row, a NUL the driver refuses) comes up. Each operation runs on a
 * raw and a doltsync connection against twin tables; update counts, {@code getUpdateCount()},
 * {@code getMoreResults()}, exception classes, SQLStates, vendor codes and messages are compared, and a third
 * connection checks the committed rows. At the end Dolt (drained) equals the primary's table, with exactly one Dolt
 * commit per write that changed a row.
 */
class OneTripWriteTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int OPERATIONS = Integer.getInteger("doltsync.test.oneTripOperations", 120);

  private static final String[] PIECES = {"a", "Z", "'", "''", "\\", "\\'", "?", "??", ";", "--", "/*", "*/", "$$",
      "$1", "é", "日本", "😀", "\t", "\n", " ", "%", "_", "\u0000", "x", "0"};

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = PrimaryKind.class, names = {"POSTGRES", "MARIADB"})
  void loneAutoCommitWritesBehaveAsRawAndMirrorExactly(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    try (TwinTables twins = TwinTables.open(kind, "onetrip", "acct", "(id INT PRIMARY KEY, name VARCHAR(12) NOT NULL,"
        + " amount NUMERIC(8,2) CHECK (amount > -1000), note TEXT, qty SMALLINT)", "id, name, amount, note, qty")) {
      twins.onBoth(kind == PrimaryKind.POSTGRES ? "SET lock_timeout = '300ms'" : "SET innodb_lock_wait_timeout = 1");
      twins.startCounting();
      Connection app = twins.app();
      Connection observer = twins.observer();
      int changing = 0;
      long plainOneTrip = 0;
      MirrorSession session = twins.session();
      for (int i = 0; i < OPERATIONS; i++) {
        Write write = Write.generate(random);
        boolean lockHeld = random.nextInt(kind == PrimaryKind.POSTGRES ? 12 : 30) == 0; // MariaDB waits 1 s
        if (lockHeld) {
          lockRow(observer, write.firstId());
        }
        Outcome expected = write.run(twins.raw(), twins.rawTable(), kind, twins);
        long tripsBefore = session.oneTripWrites();
        Outcome actual = write.run(app, twins.mirroredTable(), kind, twins);
        if (write.plain()) {
          plainOneTrip += session.oneTripWrites() - tripsBefore;
        }
        if (lockHeld) {
          observer.rollback();
          observer.setAutoCommit(true);
        }
        String context = twins.ran(write, SEED, "");
        assertThat(actual).as("outcome through doltsync, %s", context).isEqualTo(expected);
        assertThat(app.getAutoCommit()).as("getAutoCommit(), %s", context).isTrue();
        twins.assertSameCommitted(context);
        if (actual.count() > 0) {
          changing++;
        }
      }
      assertThat(changing).as("writes that changed rows (seed %d)", SEED).isPositive();
      assertThat(plainOneTrip).as("plain statements' writes sent with their journal entry in one statement (seed %d)",
          SEED).isPositive();
      assertThat(session.oneTripWrites()).as("writes sent with their journal entry in one statement (seed %d)", SEED)
          .isGreaterThanOrEqualTo(OPERATIONS / 20); // MariaDB: text with non-ASCII characters goes the usual way
      twins.assertMirroredExactly(changing, "write", SEED);
    }
  }

  /** Takes another connection's lock on the row (both twins), so a write of it waits into its lock timeout. */
  private static void lockRow(Connection observer, int id) throws SQLException {
    observer.setAutoCommit(false);
    try (Statement s = observer.createStatement()) {
      s.executeQuery("SELECT * FROM r_acct WHERE id = " + id + " FOR UPDATE").close();
      s.executeQuery("SELECT * FROM d_acct WHERE id = " + id + " FOR UPDATE").close();
    }
  }

  /** What the application saw: an update count (and what execute()'s follow-up calls said), or an error. */
  record Outcome(long count, String followUp, String error) {}

  /** One generated auto-commit write: its SQL with the table as {@code %s}, its values, how it is executed. */
  record Write(String sql, Object[] values, boolean viaExecute, boolean plain) {

    static Write generate(Random random) {
      Write drawn = draw(random);
      Write write = drawn.plain() && random.nextBoolean() ? drawn.tame() : drawn;
      if (write.sql().startsWith("INSERT") && java.util.stream.IntStream.range(0, write.values().length)
          .anyMatch(i -> beyondColumn(write.values(), i))) {
        // keys no row has, one value beyond its column and no check violation: the insert fails on that value
        // alone. PostgreSQL reports a value's coercion error before or after an execution-time error (a duplicate
        // key, a check constraint, another row's value) by the plan: a custom plan folds the coercion while
        // planning, a generic one meets it row by row, and which one a text gets is its plan-cache history on the
        // connection (see below)
        Object[] values = write.values().clone();
        boolean beyondKept = false;
        for (int i = 0; i < values.length; i++) {
          if (i % 5 == 0) {
            values[i] = 900 + i;
          } else if (beyondColumn(values, i)) {
            values[i] = beyondKept ? withinColumn(values[i]) : values[i];
            beyondKept = true;
          } else if (new BigDecimal("-1000.00").equals(values[i])) {
            values[i] = new BigDecimal("-999.99");
          }
        }
        return new Write(write.sql(), values, write.viaExecute(), write.plain());
      }
      return write;
    }

    /** Whether the value at {@code i} is beyond its column: a 13-character name, an overflowing amount or qty. */
    private static boolean beyondColumn(Object[] values, int i) {
      Object value = values[i];
      return (i % 5 == 1 && value instanceof String text && text.codePointCount(0, text.length()) == 13)
          || new BigDecimal("1000000.00").equals(value) || Integer.valueOf(Short.MAX_VALUE + 1).equals(value);
    }

    /** A value of the same column that fits it. */
    private static Object withinColumn(Object value) {
      return value instanceof String text ? text.substring(0, text.offsetByCodePoints(0, 12))
          : value instanceof BigDecimal ? new BigDecimal("999999.99") : (Object) (int) Short.MAX_VALUE;
    }

    private static Write draw(Random random) {
      boolean viaExecute = random.nextInt(3) == 0;
      boolean plain = random.nextBoolean();
      int id = 1 + random.nextInt(20);
      return switch (random.nextInt(5)) {
        case 0, 1 -> new Write("INSERT INTO %s (id, name, amount, note, qty) VALUES (?, ?, ?, ?, ?)",
            new Object[] {id, name(random, true), amount(random, true), text(random, 40), qty(random, true)}, viaExecute, plain);
        case 2 -> new Write("INSERT INTO %s (id, name, amount, note, qty) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
            new Object[] {id, name(random, true), amount(random, true), text(random, 40), qty(random, true),
                1 + random.nextInt(20), name(random, true), amount(random, true), text(random, 10), qty(random, true)},
            viaExecute, plain);
        // no value beyond its column here: PostgreSQL folds a parameter's coercion to the column (length, precision,
        // range) while making a custom plan, so an UPDATE matching no row fails or not by the plan-cache history of
        // its text on the connection (pgjdbc server-prepares a text from its fifth run, PostgreSQL plans it
        // generically from the sixth), which differs between the two connections once doltsync runs some
        // executions as a statement of its own
        default -> new Write("UPDATE %s SET name = ?, amount = ?, note = ?, qty = ? WHERE id = ?",
            new Object[] {name(random, false), amount(random, false), text(random, 40), qty(random, false), id},
            viaExecute, plain);
      };
    }

    /**
     * The write with every character that keeps a plain statement's text on the usual way ({@code ?}, backslash,
     * comment and dollar marks, braces, and the semicolon {@code OneTripWrite.statementText} refuses anywhere)
     * replaced by {@code x}: same lengths, so the same failing classes.
     */
    Write tame() {
      Object[] tamed = values.clone();
      for (int i = 0; i < tamed.length; i++) {
        if (tamed[i] instanceof String text) {
          tamed[i] = text.replaceAll("[?\\\\#{}$/*;-]", "x");
        }
      }
      return new Write(sql, tamed, viaExecute, plain);
    }

    int firstId() {
      return (Integer) (sql.startsWith("UPDATE") ? values[values.length - 1] : values[0]);
    }

    Outcome run(Connection connection, String table, PrimaryKind kind, TwinTables twins) {
      if (plain) {
        return runPlain(connection, literalText(table), kind, twins);
      }
      try (PreparedStatement statement = connection.prepareStatement(String.format(sql, table))) {
        for (int i = 0; i < values.length; i++) {
          statement.setObject(i + 1, values[i]);
        }
        if (!viaExecute) {
          return new Outcome(statement.executeUpdate(), warnings(statement, kind), null);
        }
        boolean resultSet = statement.execute();
        long count = statement.getUpdateCount();
        String followUp = resultSet + " " + (statement.getResultSet() == null) + " " + statement.getMoreResults() + " "
            + statement.getUpdateCount() + " " + warnings(statement, kind);
        return new Outcome(count, followUp, null);
      } catch (SQLException e) {
        return failure(e, twins);
      }
    }

    /**
     * The text with its values as literals, as a plain {@link Statement} runs it: strings quoted with doubled
     * quotes only (their backslashes, {@code ?}, comment and dollar marks left in: such a text takes the usual
     * way, and what the server makes of it is compared), numbers as written, {@code NULL}.
     */
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
        text.append(value == null ? "NULL" : value instanceof String string ? "'" + string.replace("'", "''") + "'"
            : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
      }
      return text.toString();
    }

    private Outcome runPlain(Connection connection, String text, PrimaryKind kind, TwinTables twins) {
      try (Statement statement = connection.createStatement()) {
        if (!viaExecute) {
          return new Outcome(statement.executeUpdate(text), warnings(statement, kind), null);
        }
        boolean resultSet = statement.execute(text);
        long count = statement.getUpdateCount();
        String followUp = resultSet + " " + (statement.getResultSet() == null) + " " + statement.getMoreResults() + " "
            + statement.getUpdateCount() + " " + warnings(statement, kind);
        return new Outcome(count, followUp, null);
      } catch (SQLException e) {
        return failure(e, twins);
      }
    }

    private static Outcome failure(SQLException e, TwinTables twins) {
      // the twin tables' rows sit at their own tuple positions (a lock timeout names the tuple it waited for)
      String message = twins.message(e).replaceAll("tuple \\(\\d+,\\d+\\)", "tuple (…)");
      return new Outcome(-1, null, e.getClass().getName() + " " + e.getSQLState() + " " + e.getErrorCode() + " "
          + message);
    }

    /**
     * The statement's warnings, on PostgreSQL (pgjdbc keeps them with the statement). MariaDB Connector/J asks the
     * server ({@code SHOW WARNINGS}), which answers for the last statement of the connection: after doltsync's own
     * statements (the usual path's commit, or the one-trip block) the write's warnings are gone, a known
     * difference of both paths (README, Known limits).
     */
    private static String warnings(Statement statement, PrimaryKind kind) throws SQLException {
      if (kind != PrimaryKind.POSTGRES) {
        return "";
      }
      StringBuilder all = new StringBuilder();
      for (java.sql.SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        all.append(w.getSQLState()).append(' ').append(w.getErrorCode()).append(' ').append(w.getMessage()).append(';');
      }
      return all.toString();
    }

    @Override
    public String toString() {
      return sql.substring(0, 6) + java.util.Arrays.deepToString(values) + (viaExecute ? " execute" : "")
          + (plain ? " plain" : "");
    }

    /** A name for a VARCHAR(12): hostile pieces, often exactly 12 characters, sometimes 13 (too long). */
    private static String name(Random random, boolean tooLongNowAndThen) {
      boolean asciiOnly = random.nextInt(3) > 0;
      int length = switch (random.nextInt(4)) {
        case 0 -> 12;
        case 1 -> tooLongNowAndThen && random.nextInt(10) == 0 ? 13 : 12;
        default -> 1 + random.nextInt(12);
      };
      StringBuilder name = new StringBuilder();
      while (name.codePointCount(0, name.length()) < length) {
        String piece = PIECES[random.nextInt(PIECES.length)];
        if ((piece.equals("\u0000") && random.nextInt(4) > 0) || (asciiOnly && piece.chars().anyMatch(c -> c > 127))) {
          continue; // a NUL now and then; MariaDB's images are predicted for ASCII text only
        }
        name.append(piece);
      }
      while (name.codePointCount(0, name.length()) > length) {
        name.setLength(name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - 1));
      }
      return name.toString();
    }

    private static String text(Random random, int maxPieces) {
      boolean asciiOnly = random.nextBoolean();
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(maxPieces);
      for (int i = 0; i < pieces; i++) {
        String piece = PIECES[random.nextInt(PIECES.length)];
        if ((!piece.equals("\u0000") || random.nextInt(8) == 0) && !(asciiOnly && piece.chars().anyMatch(c -> c > 127))) {
          text.append(piece);
        }
      }
      return text.toString();
    }

    /** SMALLINT values: in range, at its bounds, one beyond (overflow), now and then SQL NULL (the usual path). */
    private static Object qty(Random random, boolean beyondNowAndThen) {
      return switch (random.nextInt(10)) {
        case 0 -> (int) Short.MAX_VALUE;
        case 1 -> beyondNowAndThen && random.nextInt(3) == 0 ? Short.MAX_VALUE + 1 : (int) Short.MIN_VALUE;
        case 2 -> random.nextInt(3) == 0 ? null : 7;
        default -> random.nextInt(2000) - 1000;
      };
    }

    /** NUMERIC(8,2) values: in range, at its bounds, one beyond (overflow), below the check, with a third decimal. */
    private static BigDecimal amount(Random random, boolean beyondNowAndThen) {
      return switch (random.nextInt(8)) {
        case 0 -> new BigDecimal("999999.99");
        case 1 -> beyondNowAndThen && random.nextInt(6) == 0 ? new BigDecimal("1000000.00") : new BigDecimal("-999.99");
        case 2 -> random.nextInt(4) == 0 ? new BigDecimal("-1000.00") : BigDecimal.valueOf(random.nextInt(99_999), 2);
        case 3 -> BigDecimal.valueOf(random.nextInt(99_999), 3);
        default -> BigDecimal.valueOf(random.nextInt(9_999_999) - 99_999, 2);
      };
    }
  }
}
