package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL aborts a transaction at its first failed statement; pgjdbc's {@code commit()} (or
 * {@code setAutoCommit(true)}) of such a transaction then rolls it back without an exception. A generator runs
 * random explicit transactions (inserts, inserts of a taken key that fail, updates, statements after the failure,
 * savepoints and rollbacks to them) ended by {@code commit()}, {@code setAutoCommit(true)} or {@code rollback()} on a
 * raw and a doltsync connection against twin tables: every step's outcome (count or SQLState) and every end must be
 * raw's, the committed rows equal after each transaction, and Dolt equal to the primary with one commit per
 * transaction that committed a change.
 */
class AbortedTransactionCommitTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.abortedTransactions", 60);

  @Test
  void endingAnAbortedTransactionBehavesAsRawAndMirrorsExactly() throws Exception {
    Random random = new Random(SEED);
    try (TwinTables twins = TwinTables.open(PrimaryKind.POSTGRES, "aborted", "acct",
        "(id INT PRIMARY KEY, qty INT NOT NULL)", "id, qty")) {
      twins.startCounting();
      int changing = 0;
      int abortedEnds = 0;
      int nextId = 1;
      for (int t = 0; t < TRANSACTIONS; t++) {
        List<String> steps = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
          steps.add(step(random, nextId));
          if (steps.get(i).startsWith("INSERT") && !steps.get(i).contains("(1,")) {
            nextId++;
          }
        }
        String end = List.of("commit", "autocommit", "rollback").get(random.nextInt(3));
        List<String> expected = run(twins.raw(), twins.rawTable(), steps, end, twins);
        List<String> actual = run(twins.app(), twins.mirroredTable(), steps, end, twins);
        String context = twins.ran(steps + " " + end, SEED, "");
        assertThat(actual).as("outcomes through doltsync, %s", context).isEqualTo(expected);
        twins.assertSameCommitted(context);
        boolean aborted = expected.stream().anyMatch(o -> o.startsWith("error") && !o.contains("after savepoint"));
        boolean wrote = expected.stream().anyMatch(o -> o.startsWith("count ") && !o.equals("count 0"));
        if (aborted && !end.equals("rollback")) {
          abortedEnds++;
        }
        if (!end.equals("rollback") && wrote && expected.get(expected.size() - 1).equals("end ok")
            && committedSomething(expected)) {
          changing++;
        }
      }
      assertThat(abortedEnds).as("aborted transactions ended by a commit (seed %d)", SEED).isPositive();
      twins.assertMirroredExactly(changing, "transaction that committed a change", SEED);
    }
  }

  /**
   * Whether a transaction ended by a commit changed a row: a change survives unless a rollback to a savepoint taken
   * before it undid it, or a statement failed after the last rollback to a savepoint (the transaction is aborted).
   */
  private static boolean committedSomething(List<String> outcomes) {
    boolean failed = false;
    boolean beforeSavepoint = false;
    boolean sinceSavepoint = false;
    for (String outcome : outcomes) {
      if (outcome.equals("savepoint")) {
        beforeSavepoint |= sinceSavepoint;
        sinceSavepoint = false;
      } else if (outcome.equals("rolled back to savepoint")) {
        sinceSavepoint = false;
        failed = false;
      } else if (outcome.startsWith("error")) {
        failed = true;
      } else if (outcome.startsWith("count ") && !outcome.equals("count 0") && !failed) {
        sinceSavepoint = true;
      }
    }
    return (beforeSavepoint || sinceSavepoint) && !failed;
  }

  private static String step(Random random, int nextId) {
    return switch (random.nextInt(6)) {
      case 0, 1 -> "INSERT INTO %s VALUES (" + nextId + ", " + random.nextInt(100) + ")";
      case 2 -> "INSERT INTO %s VALUES (1, 0)"; // the first transaction inserts id 1; later it is taken
      case 3 -> "UPDATE %s SET qty = qty + 1 WHERE id = " + (1 + random.nextInt(Math.max(1, nextId)));
      case 4 -> "SAVEPOINT";
      default -> "ROLLBACK TO SAVEPOINT";
    };
  }

  private static List<String> run(Connection connection, String table, List<String> steps, String end,
      TwinTables twins) throws SQLException {
    List<String> outcomes = new ArrayList<>();
    connection.setAutoCommit(false);
    Savepoint savepoint = null;
    for (String step : steps) {
      try {
        if (step.equals("SAVEPOINT")) {
          savepoint = connection.setSavepoint();
          outcomes.add("savepoint");
        } else if (step.equals("ROLLBACK TO SAVEPOINT")) {
          if (savepoint == null) {
            outcomes.add("no savepoint");
          } else {
            connection.rollback(savepoint);
            outcomes.add("rolled back to savepoint");
          }
        } else {
          try (Statement s = connection.createStatement()) {
            outcomes.add("count " + s.executeUpdate(step.formatted(table)));
          }
        }
      } catch (SQLException e) {
        outcomes.add("error " + e.getSQLState() + " " + twins.message(e));
      }
    }
    try {
      switch (end) {
        case "commit" -> connection.commit();
        case "autocommit" -> connection.setAutoCommit(true);
        default -> connection.rollback();
      }
      outcomes.add("end ok");
    } catch (SQLException e) {
      outcomes.add("end error " + e.getSQLState());
      connection.rollback();
    }
    connection.setAutoCommit(true);
    return outcomes;
  }
}
