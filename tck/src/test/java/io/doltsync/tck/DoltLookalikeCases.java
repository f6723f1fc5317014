package io.doltsync.tck;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generator: SQL that looks like Dolt's but is the primary's: {@code dolt_*} columns, aliases {@code of},
 * {@code as_of} and {@code dolt_*}, CTEs named {@code dolt_*}, and Dolt syntax inside strings (in each of the
 * primary's quotings, dollar quotes included) and comments. Every case is MIRRORED, and its query answers
 * through doltsync exactly as on the plain primary.
 */
final class DoltLookalikeCases {

  private static final List<String> DOLT_SYNTAX = List.of("SELECT * FROM dolt_log AS OF 'main'",
      "CALL DOLT_COMMIT('-am', 'x'); DROP TABLE t; --", "@@shop_head = HASHOF('main')", "`shop/main`.orders",
      "dolt_diff('HEAD~1', 'HEAD', 'orders')", "FOR SYSTEM_TIME AS OF '2020-01-01'", "CALL dolt_reset('--hard')",
      "DOLT_HASHOF_TABLE('t')", "SET @@dolt_transaction_commit = 1", "PREPARE dolt_p FROM 'DELETE FROM t'");

  private DoltLookalikeCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    String table = "h_lookalike";
    String column = "dolt_ver";
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> setup = i == 0 ? List.of("CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, "
          + column + " INT, note VARCHAR(400))") : List.of();
      String payload = DOLT_SYNTAX.get(random.nextInt(DOLT_SYNTAX.size()))
          + (random.nextBoolean() ? " " + random.nextInt(1000) : "");
      String quoted = quote(world, payload, random);
      String comment = comment(random);
      int id = i + 1;
      String insert = "INSERT INTO " + world.q(table) + " (id, " + column + ", note) VALUES (" + id + ", "
          + random.nextInt(100) + ", " + quoted + ")" + comment;
      String update = "UPDATE " + world.q(table) + " SET " + column + " = " + column + " + 1 WHERE note = " + quoted
          + comment;
      String query = queries(world, table, column, quoted).get(random.nextInt(4));
      cases.add(new HostileCase("dolt-lookalike names and strings", insert + " / " + query,
          HostileOutcome.MIRRORED, List.of(table), setup, w -> {
            w.execute(insert);
            w.execute(update);
            String viaDoltSync = answer(w.app(), query);
            String viaPrimary = answer(w.plainPrimary(), query);
            if (!viaDoltSync.equals(viaPrimary)) {
              throw new AssertionError("query answered " + viaDoltSync + " through doltsync, " + viaPrimary
                  + " on the primary: " + query);
            }
          }));
    }
    return cases;
  }

  /** Queries whose columns, aliases and CTE names look like Dolt's. */
  private static List<String> queries(HostileWorld world, String table, String column, String quoted) {
    String t = world.q(table);
    return List.of(
        "SELECT id AS of, " + column + " AS as_of FROM " + t + " WHERE note = " + quoted + " ORDER BY id",
        "SELECT x.id, x." + column + " AS dolt_log FROM " + t + " x ORDER BY x.id",
        "WITH dolt_diff AS (SELECT id, " + column + " FROM " + t + ") SELECT COUNT(*), SUM(" + column
            + ") FROM dolt_diff /* AS OF 'main' */",
        "SELECT " + quoted + " AS dolt_branches, COUNT(*) AS as_of FROM " + t + " -- FROM dolt_log\n");
  }

  /** The payload as a string literal in one of the primary's quotings. */
  private static String quote(HostileWorld world, String payload, Random random) {
    List<String> forms = new ArrayList<>(List.of(world.literal(payload)));
    if (world.isPostgres()) {
      forms.add("$$" + payload + "$$");
      forms.add("$dolt$" + payload + "$dolt$");
      forms.add("E'" + payload.replace("\\", "\\\\").replace("'", "\\'") + "'");
    } else if (world.isH2()) {
      forms.add("$$" + payload + "$$");
    } else if (world.isMysqlFamily()) {
      forms.add("\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
      forms.add("'" + payload.replace("\\", "\\\\").replace("'", "\\'") + "'");
    }
    return forms.get(random.nextInt(forms.size()));
  }

  private static String comment(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> " /* FROM dolt_log AS OF 'main'; CALL dolt_commit('-am', 'x') */";
      case 1 -> " -- UPDATE `shop/main`.orders SET qty = 0\n";
      default -> "";
    };
  }

  private static String answer(java.sql.Connection connection, String query) throws Exception {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
      StringBuilder text = new StringBuilder();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= columns; c++) {
          text.append(rs.getString(c)).append(c == columns ? "\n" : "|");
        }
      }
      return text.toString();
    }
  }
}
