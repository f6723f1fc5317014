package io.doltsync.tck;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generator: writes that bypass doltsync: inserts, updates and deletes over a plain connection to the primary,
 * and rows changed and committed on Dolt's mirrored branch by another Dolt client. Every case is DRIFT_HEALED:
 * {@code verify} names the table, one {@code reconcile} makes verify clean and Dolt equal to the primary.
 */
final class OutOfBandCases {

  private OutOfBandCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    String table = "h_drift";
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> setup = new ArrayList<>();
      if (i == 0) {
        setup.add("CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(40))");
      }
      int base = 1000 * (i + 1);
      setup.add("INSERT INTO " + world.q(table) + " (id, v) VALUES (" + base + ", 'a'), (" + (base + 1) + ", 'b'), ("
          + (base + 2) + ", 'c')");
      boolean onDolt = random.nextInt(3) == 0;
      int verb = random.nextInt(3);
      String t = onDolt ? HostileWorld.dq(table) : world.q(table);
      String sql = switch (verb) {
        case 0 -> "INSERT INTO " + t + " (id, v) VALUES (" + (base + 3 + random.nextInt(100)) + ", 'sneaked in')";
        case 1 -> "UPDATE " + t + " SET v = 'changed " + random.nextInt(100) + "' WHERE id = " + (base + random.nextInt(3));
        default -> "DELETE FROM " + t + " WHERE id = " + (base + random.nextInt(3));
      };
      cases.add(new HostileCase("out-of-band writes", (onDolt ? "on Dolt: " : "on the primary: ") + sql,
          HostileOutcome.DRIFT_HEALED, List.of(table), setup, w -> {
            try (Statement statement = (onDolt ? w.plainDolt() : w.plainPrimary()).createStatement()) {
              statement.execute(sql);
              if (onDolt) {
                statement.execute("CALL dolt_commit('-am', 'out of band')");
              }
            }
          }));
    }
    return cases;
  }
}
