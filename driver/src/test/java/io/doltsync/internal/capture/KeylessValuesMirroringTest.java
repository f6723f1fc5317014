package io.doltsync.internal.capture;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyless tables whose values Dolt's {@code <=>} does not compare exactly with the journaled ones (floats at their
 * extremes and with no short decimal form, JSON, times, date-times) next to ones it does (integers, decimals, text,
 * bytes, booleans), in journal capture: a generator of transactions of inserts of duplicate rows, UPDATEs of some
 * columns and DELETEs by predicates (captured as rows removed and added), TRUNCATE, NULLs, rolled-back
 * transactions. After every committed transaction Dolt must hold the primary's multiset of rows: a removal that
 * matched no row in Dolt while its replacement was inserted left the table diverged silently.
 */
class KeylessValuesMirroringTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.keylessTransactions", 30);

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void keylessRowsOfInexactlyComparedTypesAreRemovedExactly(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("kvals_keyless");
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("kvals_keyless")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE kv (g INT, r " + (kind == PrimaryKind.MARIADB ? "FLOAT" : "REAL") + ", d DOUBLE"
            + (kind == PrimaryKind.MARIADB ? "" : " PRECISION") + ", j " + (kind == PrimaryKind.POSTGRES ? "JSONB" : "JSON")
            + ", t TIME(3), ts " + (kind == PrimaryKind.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)") + ", b BOOLEAN,"
            + " s VARCHAR(10), y " + (kind == PrimaryKind.POSTGRES ? "BYTEA" : "VARBINARY(10)") + ", n DECIMAL(8,2))");
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
          kind.credentials())) {
        app.setAutoCommit(false);
        app.commit();
        for (int t = 0; t < TRANSACTIONS; t++) {
          List<String> statements = new ArrayList<>();
          int count = 1 + random.nextInt(4);
          for (int st = 0; st < count; st++) {
            int what = random.nextInt(12);
            if (what < 5) {
              statements.add("INSERT INTO kv VALUES (" + random.nextInt(3) + ", " + row(kind, random) + ")");
            } else if (what < 8) {
              statements.add("UPDATE kv SET " + assignments(kind, random) + " WHERE " + predicate(random));
            } else if (what < 11) {
              statements.add("DELETE FROM kv WHERE " + predicate(random));
            } else {
              statements.add(random.nextInt(3) == 0 ? "TRUNCATE TABLE kv" : "DELETE FROM kv WHERE g = 2");
            }
          }
          try (Statement s = app.createStatement()) {
            for (String sql : statements) {
              s.execute(sql);
            }
          }
          if (random.nextInt(8) == 0) {
            app.rollback();
            continue;
          }
          app.commit();
          // after every transaction: a later whole-table copy would hide an earlier wrong removal
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          try {
            MirrorComparison.assertSameRows(space, doltDb, "kv");
          } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + ", " + kind + ", transaction " + t + " " + statements + ": "
                + e.getMessage(), e);
          }
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static String predicate(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "g = " + random.nextInt(3);
      case 1 -> "b = " + (random.nextBoolean() ? "TRUE" : "FALSE");
      case 2 -> "b IS NULL";
      default -> "g = " + random.nextInt(3) + " AND s IS NOT NULL";
    };
  }

  private static final String[] COLUMNS = {"r", "d", "j", "t", "ts", "b", "s", "y", "n"};

  /** Literals for some columns (at least one). */
  private static String assignments(PrimaryKind kind, Random random) {
    List<String> set = new ArrayList<>();
    for (int c = 0; c < COLUMNS.length; c++) {
      if (random.nextInt(3) == 0) {
        set.add(COLUMNS[c] + " = " + value(kind, random, c));
      }
    }
    if (set.isEmpty()) {
      int c = random.nextInt(COLUMNS.length);
      set.add(COLUMNS[c] + " = " + value(kind, random, c));
    }
    return String.join(", ", set);
  }

  private static String row(PrimaryKind kind, Random random) {
    List<String> values = new ArrayList<>();
    for (int c = 0; c < COLUMNS.length; c++) {
      values.add(value(kind, random, c));
    }
    return String.join(", ", values);
  }

  /** A literal of column {@code c}, from small pools (duplicate rows are common), NULL one time in eight. */
  private static String value(PrimaryKind kind, Random r, int c) {
    if (r.nextInt(8) == 0) {
      return "NULL";
    }
    return switch (COLUMNS[c]) {
      case "r" -> pick(r, "0", "2.5", "0.1", "123456.79", "3.4e38", "-1.5e-38");
      case "d" -> pick(r, "0", "-1.5", "0.1", "1.7976931348623157e308", "4.9e-300", "123456789.123");
      case "j" -> (kind == PrimaryKind.H2 ? "JSON " : "") + "'" + pick(r, "{\"b\": [1, 2.50], \"a\": \"x\"}", "[]", "{}",
          "\"s\"", "7", "{\"k\": null, \"t\": true}") + "'";
      case "t" -> "'" + pick(r, "12:34:56.789", "00:00:00", "23:59:59.999", "01:02:03.5") + "'";
      case "ts" -> "'" + pick(r, "2020-01-02 03:04:05.123456", "1999-12-31 23:59:59", "2038-02-03 04:05:06.5") + "'";
      case "b" -> pick(r, "TRUE", "FALSE");
      case "s" -> "'" + pick(r, "a", "bb", "é日", "") + "'";
      case "y" -> kind == PrimaryKind.POSTGRES ? "'\\x" + pick(r, "00ff", "", "abcdef") + "'"
          : "X'" + pick(r, "00ff", "", "abcdef") + "'";
      default -> pick(r, "0.00", "1.50", "-999.99");
    };
  }

  private static String pick(Random r, String... choices) {
    return choices[r.nextInt(choices.length)];
  }
}
