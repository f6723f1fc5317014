package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lone auto-commit {@code INSERT IGNORE} (MariaDB) and {@code INSERT ... ON CONFLICT DO NOTHING} (PostgreSQL) with
 * every row in its VALUES behave as through the raw driver and mirror exactly, whichever way they are captured
 * (MariaDB's one-trip block with the statement's images, proven by its diagnostics; else the keys read at commit):
 * a generator makes one- to three-row inserts of ids that exist or not (duplicates within one statement too), with
 * values that fit, are one beyond their column (too long, out of range), SQL {@code NULL} into a {@code NOT NULL}
 * column, or fail a check, run through a plain {@link Statement} (values as literals) or a prepared statement, under
 * a strict and a non-strict {@code sql_mode} on MariaDB (IGNORE turns each failure into a warning, and the
 * non-strict mode converts values). Each runs on a raw and a doltsync connection against twin tables; update counts
 * and errors are compared, and the committed rows after each. At the end Dolt (drained) equals the primary's table,
 * with exactly one Dolt commit per insert that changed a row.
 */
class IgnoringInsertTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int OPERATIONS = Integer.getInteger("doltsync.test.ignoringInsertOperations", 60);

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = PrimaryKind.class, names = {"POSTGRES", "MARIADB"})
  void ignoringInsertsBehaveAsRawAndMirrorExactly(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    boolean postgres = kind == PrimaryKind.POSTGRES;
    try (TwinTables twins = TwinTables.open(kind, "ignoring", "pet", "(id INT PRIMARY KEY, name VARCHAR(6) NOT NULL,"
        + " qty SMALLINT CHECK (qty > -100), note VARCHAR(20))", "id, name, qty, note")) {
      String sqlMode = postgres ? null : random.nextBoolean() ? "STRICT_TRANS_TABLES" : "";
      if (sqlMode != null) {
        twins.onBoth("SET SESSION sql_mode = '" + sqlMode + "'");
      }
      twins.startCounting();
      MirrorSession session = twins.session();
      int changing = 0;
      for (int i = 0; i < OPERATIONS; i++) {
        Insert insert = Insert.generate(random);
        String expected = insert.run(twins.raw(), twins.rawTable(), postgres, twins);
        String actual = insert.run(twins.app(), twins.mirroredTable(), postgres, twins);
        String context = twins.ran(insert, SEED, ", sql_mode " + sqlMode);
        assertThat(actual).as("outcome through doltsync, %s", context).isEqualTo(expected);
        twins.assertSameCommitted(context);
        if (!actual.startsWith("0") && !actual.startsWith("error")) {
          changing++;
        }
      }
      assertThat(changing).as("inserts that changed rows (seed %d)", SEED).isPositive();
      if (!postgres) {
        assertThat(session.oneTripWrites()).as("inserts sent with their journal entry in one block (seed %d)", SEED)
            .isPositive();
      }
      twins.assertMirroredExactly(changing, "insert", SEED);
    }
  }

  /** One generated insert: its rows (id, name, qty, note), plain or prepared. */
  record Insert(List<Object[]> rows, boolean plain) {

    static Insert generate(Random random) {
      List<Object[]> rows = new ArrayList<>();
      int count = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
      for (int i = 0; i < count; i++) {
        rows.add(new Object[] {1 + random.nextInt(30), name(random), qty(random),
            random.nextInt(5) == 0 ? null : "n" + random.nextInt(1000)});
      }
      return new Insert(rows, random.nextBoolean());
    }

    private static Object name(Random random) {
      return switch (random.nextInt(12)) {
        case 0 -> null; // NOT NULL: an error, or under IGNORE a warning and the column's implicit default
        case 1 -> "sevench"; // one beyond VARCHAR(6)
        case 2 -> "O'Hara";
        default -> "p" + random.nextInt(100);
      };
    }

    private static Object qty(Random random) {
      return switch (random.nextInt(12)) {
        case 0 -> 32768; // beyond SMALLINT
        case 1 -> -100; // fails the check
        case 2 -> null;
        default -> random.nextInt(500);
      };
    }

    String run(Connection connection, String table, boolean postgres, TwinTables twins) {
      StringBuilder sql = new StringBuilder(postgres ? "INSERT INTO " : "INSERT IGNORE INTO ").append(table)
          .append(" (id, name, qty, note) VALUES ");
      for (int r = 0; r < rows.size(); r++) {
        sql.append(r == 0 ? "" : ", ").append('(');
        for (int c = 0; c < 4; c++) {
          sql.append(c == 0 ? "" : ", ").append(plain ? literal(rows.get(r)[c]) : "?");
        }
        sql.append(')');
      }
      if (postgres) {
        sql.append(" ON CONFLICT DO NOTHING");
      }
      try {
        if (plain) {
          try (Statement statement = connection.createStatement()) {
            return String.valueOf(statement.executeUpdate(sql.toString()));
          }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
          int index = 1;
          for (Object[] row : rows) {
            for (Object value : row) {
              statement.setObject(index++, value);
            }
          }
          return String.valueOf(statement.executeUpdate());
        }
      } catch (SQLException e) {
        return "error " + e.getClass().getName() + " " + e.getSQLState() + " " + e.getErrorCode() + " "
            + twins.message(e);
      }
    }

    private static String literal(Object value) {
      return value == null ? "NULL" : value instanceof String text ? "'" + text.replace("'", "''") + "'"
          : value.toString();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(plain ? "plain" : "prepared");
      rows.forEach(row -> text.append(java.util.Arrays.toString(row)));
      return text.toString();
    }
  }
}
