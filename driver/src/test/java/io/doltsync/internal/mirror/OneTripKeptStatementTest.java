package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's one-trip writes run through a prepared statement the session keeps per text ({@link OneTripWrite}):
 * a generator interleaves texts (a one-row and a two-row INSERT, UPDATEs by key of every column or of some), values
 * bound with setters of different types for the same parameter (pgjdbc prepares again), writes that fail (duplicate
 * key, value too long, numeric overflow: the kept statement is let go), statements with a query timeout (prepared
 * afresh, never kept) and executions through {@code execute}. Each runs on a raw and a doltsync connection against
 * twin tables; counts and errors are compared, the committed rows after each, and at the end Dolt equals the primary
 * with one commit per changing write. Now and then another connection holds the row of the next default-settings
 * write for longer than the query timeout a statement had just before: the write waits and succeeds, as raw (a kept
 * statement must not keep a timeout).
 */
class OneTripKeptStatementTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int OPERATIONS = Integer.getInteger("doltsync.test.keptOperations", 150);

  private static final String[] TEXTS = {
      "INSERT INTO %s (id, name, amount, qty) VALUES (?, ?, ?, ?)",
      "INSERT INTO %s (id, name, amount, qty) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
      "UPDATE %s SET name = ?, amount = ?, qty = ? WHERE id = ?",
      "UPDATE %s SET amount = ? WHERE id = ?"};

  @Test
  void keptStatementsBehaveAsFreshOnesAndMirrorExactly() throws Exception {
    Random random = new Random(SEED);
    try (TwinTables twins = TwinTables.open(PrimaryKind.POSTGRES, "kept", "acct",
        "(id INT PRIMARY KEY, name VARCHAR(12) NOT NULL, amount NUMERIC(8,2), qty SMALLINT)", "id, name, amount, qty")) {
      twins.startCounting();
      MirrorSession session = twins.session();
      int changing = 0;
      int waited = 0;
      long oneTripBefore = session.oneTripWrites();
      boolean timeoutJustSet = false;
      for (int i = 0; i < OPERATIONS; i++) {
        int text = random.nextInt(TEXTS.length);
        int timeout = random.nextInt(6) == 0 ? 1 + random.nextInt(2) : 0;
        boolean viaExecute = random.nextInt(4) == 0;
        List<Object> values = values(random, text);
        boolean holdRow = timeoutJustSet && timeout == 0 && text >= 2;
        Object row = text == 2 ? values.get(3) : text == 3 ? values.get(1) : null;
        String expected = run(twins.raw(), twins.rawTable(), text, values, timeout, viaExecute, null, 0)
            .replace(twins.rawTable(), twins.mirroredTable());
        String actual = run(twins.app(), twins.mirroredTable(), text, values, timeout, viaExecute,
            holdRow ? twins.observer() : null, holdRow ? ((Number) row).intValue() : 0);
        if (holdRow) {
          waited++;
        }
        String context = twins.ran(TEXTS[text] + " " + values + " timeout " + timeout, SEED, "");
        assertThat(actual).as("outcome through doltsync, %s", context).isEqualTo(expected);
        twins.assertSameCommitted(context);
        if (actual.startsWith("count ") && !actual.equals("count 0")) {
          changing++;
        }
        timeoutJustSet = timeout > 0;
      }
      assertThat(waited).as("default-settings writes that waited for a held row after a query timeout (seed %d)", SEED)
          .isPositive();
      assertThat(session.oneTripWrites() - oneTripBefore).as("one-trip writes (seed %d)", SEED)
          .isGreaterThan(OPERATIONS / 6);
      assertThat(changing).as("changing writes (seed %d)", SEED).isPositive();
      twins.assertMirroredExactly(changing, "write", SEED);
    }
  }

  private static List<Object> values(Random random, int text) {
    List<Object> values = new ArrayList<>();
    int rows = text == 1 ? 2 : 1;
    switch (text) {
      case 0, 1 -> {
        for (int r = 0; r < rows; r++) {
          values.add(id(random));
          values.add(name(random));
          values.add(amount(random));
          values.add(random.nextBoolean() ? (Object) (short) random.nextInt(100) : (Object) random.nextInt(40_000));
        }
      }
      case 2 -> {
        values.add(name(random));
        values.add(amount(random));
        values.add(random.nextInt(100));
        values.add(id(random));
      }
      default -> {
        values.add(amount(random));
        values.add(id(random));
      }
    }
    return values;
  }

  /** An id as an Integer or a Long: the same parameter bound with another type now and then. */
  private static Object id(Random random) {
    int id = 1 + random.nextInt(12);
    return random.nextBoolean() ? (Object) id : (Object) (long) id;
  }

  private static String name(Random random) {
    return random.nextInt(15) == 0 ? "name-too-long-" + random.nextInt(10) : "n" + random.nextInt(1000);
  }

  private static BigDecimal amount(Random random) {
    return random.nextInt(20) == 0 ? new BigDecimal("1000000.00") : BigDecimal.valueOf(random.nextInt(99_999), 2);
  }

  /**
   * Runs the write and returns what the application saw; with {@code holder}, that connection holds the row
   * {@code id} until about 1.5 s after the write started (longer than the query timeout of the statement before).
   */
  private static String run(Connection connection, String table, int text, List<Object> values, int timeout,
      boolean viaExecute, Connection holder, int id) throws Exception {
    Thread release = null;
    if (holder != null) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeQuery("SELECT * FROM " + table + " WHERE id = " + id + " FOR UPDATE").close();
      }
      release = new Thread(() -> {
        try {
          Thread.sleep(1500);
          holder.rollback();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      release.start();
    }
    try (PreparedStatement statement = connection.prepareStatement(String.format(TEXTS[text], table))) {
      if (timeout > 0) {
        statement.setQueryTimeout(timeout);
      }
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        if (value instanceof Integer v) {
          statement.setInt(i + 1, v);
        } else if (value instanceof Long v) {
          statement.setLong(i + 1, v);
        } else if (value instanceof Short v) {
          statement.setShort(i + 1, v);
        } else if (value instanceof BigDecimal v) {
          statement.setBigDecimal(i + 1, v);
        } else {
          statement.setString(i + 1, (String) value);
        }
      }
      if (viaExecute) {
        boolean rows = statement.execute();
        return "count " + statement.getUpdateCount() + (rows ? " with rows" : "");
      }
      return "count " + statement.executeUpdate();
    } catch (SQLException e) {
      return "error " + e.getSQLState() + " " + e.getMessage();
    } finally {
      if (release != null) {
        release.join();
        holder.setAutoCommit(true);
      }
    }
  }
}
