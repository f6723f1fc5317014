package io.doltsync.tck;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generator: a value only Dolt refuses: another Dolt client gives a mirrored table a CHECK the primary does not
 * have, then the application commits a row that breaks it. Every case is QUARANTINED: the entry shows in
 * status, the applier goes on, and one {@code reconcile} (which creates the table again without the rule) makes
 * verify clean and Dolt equal to the primary.
 */
final class DoltOnlyRuleCases {

  private DoltOnlyRuleCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String table = "h_rule" + i;
      int limit = 10 + random.nextInt(1000);
      int bad = limit + random.nextInt(1000);
      List<String> setup = List.of("CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, v INT)",
          "INSERT INTO " + world.q(table) + " VALUES (1, " + (limit - 1) + ")");
      cases.add(new HostileCase("a value only Dolt refuses", "CHECK (v < " + limit + "), v = " + bad,
          HostileOutcome.QUARANTINED, List.of(table), setup, w -> {
            try (Statement dolt = w.plainDolt().createStatement()) {
              dolt.execute("ALTER TABLE " + HostileWorld.dq(table) + " ADD CONSTRAINT " + table + "_small CHECK (v < "
                  + limit + ")");
              dolt.execute("CALL dolt_commit('-am', 'out of band: a rule only Dolt has')");
            }
            w.execute("INSERT INTO " + w.q(table) + " VALUES (2, " + bad + ")");
          }));
    }
    return cases;
  }
}
