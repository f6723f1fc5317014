package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Generator: writes of the mirrored branch through the application's connection, bare or wrapped: statements
 * routed to Dolt by a Dolt table in them (a subquery of {@code dolt_log}, a CTE), revision-qualified names
 * ({@code `db/main`.t}), Dolt procedures that change the working set, multi-statement texts, SQL-level
 * PREPARE/EXECUTE, rewritten calls followed by more text, and the same from a detached head. Every case is
 * REFUSED, with the primary's and Dolt's rows, Dolt's head and its working set unchanged.
 */
final class MirroredBranchWriteCases {

  private MirroredBranchWriteCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    String table = "h_guarded";
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> setup = i == 0 ? List.of("CREATE TABLE " + world.q(table)
          + " (id INT NOT NULL PRIMARY KEY, v INT)", "INSERT INTO " + world.q(table) + " VALUES (1, 1), (2, 2)")
          : List.of();
      List<String> writes = writes(world, table);
      String write = writes.get(random.nextInt(writes.size()));
      List<UnaryOperator<String>> wrappers = wrappers(world, write);
      String statement = wrappers.get(random.nextInt(wrappers.size())).apply(write);
      boolean detached = random.nextInt(4) == 0 && statement.contains(world.doltDatabase() + "/main");
      String head = "@@" + world.doltDatabase() + "_head";
      cases.add(new HostileCase("writes of the mirrored branch", (detached ? "(detached head) " : "") + statement,
          HostileOutcome.REFUSED, List.of(table), setup, w -> {
            if (!detached) {
              w.execute(statement);
              return;
            }
            w.execute("SET " + head + " = HASHOF('main')");
            try {
              w.execute(statement);
            } finally {
              w.execute("SET " + head + " = NULL");
            }
          }));
    }
    return cases;
  }

  /** Writes that reach Dolt's mirrored branch when doltsync routes them to Dolt. */
  private static List<String> writes(HostileWorld world, String table) {
    String db = world.doltDatabase();
    String t = world.q(table);
    String qualified = world.q(db + "/main") + "." + t;
    String backticked = "`" + db + "/main`.`" + table + "`";
    return List.of(
        "DELETE FROM " + t + " WHERE id IN (SELECT 1 FROM dolt_log)",
        "UPDATE " + t + " SET v = v + 1 WHERE EXISTS (SELECT 1 FROM dolt_log)",
        "INSERT INTO " + t + " (id, v) SELECT 100 + COUNT(*), 0 FROM dolt_log",
        "INSERT INTO " + qualified + " (id, v) VALUES (3, 3)",
        "UPDATE " + qualified + " SET v = 0",
        "DELETE FROM " + backticked,
        "INSERT INTO " + backticked + " VALUES (4, 4)",
        "CALL dolt_reset('--hard', 'HEAD~1')",
        "CALL dolt_add('.')",
        "CALL dolt_rm('" + table + "')",
        "CALL dolt_revert('HEAD')",
        "CALL dolt_clean()",
        "CALL DOLT_COMMIT('-m', 'x'); DROP TABLE " + t + "; --', 'y')",
        "CALL dolt_commit('-am', 'x'); DELETE FROM " + t,
        "SELECT DOLT_COMMIT('-m', 'x'); DELETE FROM " + t);
  }

  /** Ways to wrap a write that keep it a write of the mirrored branch. */
  private static List<UnaryOperator<String>> wrappers(HostileWorld world, String write) {
    List<UnaryOperator<String>> wrappers = new ArrayList<>(List.of(s -> s, s -> "/* a comment */ " + s,
        s -> "-- a comment\n" + s, s -> s + ";"));
    if (write.startsWith("INSERT") || write.startsWith("UPDATE") || write.startsWith("DELETE")) {
      wrappers.add(s -> "WITH c AS (SELECT 1 AS one) " + s);
      wrappers.add(s -> "WITH c AS (SELECT commit_hash FROM dolt_log) " + s);
      wrappers.add(s -> "SELECT * FROM dolt_log LIMIT 1; " + s);
      wrappers.add(s -> "PREPARE dolt_p FROM " + world.literal(s));
      wrappers.add(s -> "PREPARE dolt_p FROM " + world.literal(s) + "; EXECUTE dolt_p");
      wrappers.add(s -> "SET @s = " + world.literal(s) + "; PREPARE dolt_p FROM @s; EXECUTE dolt_p");
    }
    return wrappers;
  }
}
