package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generator: table, column and ENUM value names Dolt may not take. Quoted table and column names with
 * {@code .}, {@code @}, backslash, {@code %}, {@code _}, spaces, quotes and non-ASCII letters, and ENUM values with
 * backslashes, quotes and trailing spaces (MariaDB, H2) are MIRRORED verbatim; a table or column name longer
 * than 64 bytes and a table whose name differs from a mirrored one only in case are REFUSED (doltsync never
 * renames).
 */
final class HostileNameCases {

  private static final String ODD = ".@\\%_ '\"-$#é漢ß";

  private HostileNameCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(10);
      if (kind < 5) {
        cases.add(punctuated(world, random, i));
      } else if (kind < 7 && (world.isMysqlFamily() || world.isH2())) {
        cases.add(enumeration(world, random, i));
      } else if (kind < 9) {
        cases.add(tooLong(world, random, i));
      } else {
        cases.add(caseTwin(world, random, i));
      }
    }
    return cases;
  }

  private static HostileCase punctuated(HostileWorld world, Random random, int i) {
    String table = "h" + i + odd(random, 1 + random.nextInt(6)) + "t";
    String column = "c" + odd(random, 1 + random.nextInt(4)) + "x";
    String create = "CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, " + world.q(column)
        + " VARCHAR(40))";
    String insert = "INSERT INTO " + world.q(table) + " (id, " + world.q(column) + ") VALUES (1, "
        + world.literal(table) + "), (2, NULL)";
    String update = "UPDATE " + world.q(table) + " SET " + world.q(column) + " = " + world.literal(column)
        + " WHERE id = 2";
    return new HostileCase("odd names", "table [" + table + "], column [" + column + "]", HostileOutcome.MIRRORED,
        List.of(table), List.of(create), w -> {
          w.execute(insert);
          w.execute(update);
        });
  }

  private static HostileCase enumeration(HostileWorld world, Random random, int i) {
    String table = "h_enum" + i;
    List<String> values = new ArrayList<>(List.of("plain"));
    for (int v = 0; v < 1 + random.nextInt(4); v++) {
      String value = "v" + v + odd(random, 1 + random.nextInt(3)) + (random.nextInt(4) == 0 ? " " : "");
      if (!values.contains(value)) {
        values.add(value);
      }
    }
    String type = "ENUM(" + String.join(", ", values.stream().map(world::literal).toList()) + ")";
    StringBuilder insert = new StringBuilder("INSERT INTO " + world.q(table) + " (id, e) VALUES ");
    for (int v = 0; v < values.size(); v++) {
      insert.append(v == 0 ? "" : ", ").append("(").append(v).append(", ").append(world.literal(values.get(v)))
          .append(")");
    }
    String create = "CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, e " + type + ")";
    return new HostileCase("odd names", "ENUM values " + values, HostileOutcome.MIRRORED, List.of(table),
        List.of(create), w -> w.execute(insert.toString()));
  }

  private static HostileCase tooLong(HostileWorld world, Random random, int i) {
    boolean longTable = random.nextBoolean();
    String longName = "h" + i + "_" + "x".repeat(63 + random.nextInt(40 - ("" + i).length()));
    String table = longTable ? longName : "h_longcol" + i;
    String column = longTable ? "c" : "c" + longName;
    String create = "CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, " + world.q(column) + " INT)";
    String text = (longTable ? "table" : "column") + " name of " + longName.length() + " characters";
    if (world.isPostgres()) {
      // PostgreSQL itself cuts identifiers to 63 bytes (a NOTICE): what it keeps is a name Dolt takes, and the
      // (empty) table reaches Dolt at the DDL's commit, under the cut name
      String kept = table.substring(0, Math.min(63, table.length()));
      return new HostileCase("odd names", text + " (PostgreSQL keeps 63)", HostileOutcome.MIRRORED, List.of(kept),
          List.of(), w -> w.execute(create));
    }
    return new HostileCase("odd names", text, HostileOutcome.REFUSED, List.of(table), List.of(),
        w -> w.execute(create));
  }

  private static HostileCase caseTwin(HostileWorld world, Random random, int i) {
    String table = "h_twin" + i;
    String twin = "H_Twin" + i;
    return new HostileCase("odd names", "tables [" + table + "] and [" + twin + "]", HostileOutcome.REFUSED,
        List.of(table, twin), List.of("CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY)"),
        w -> w.execute("CREATE TABLE " + w.q(twin) + " (id INT NOT NULL PRIMARY KEY)"));
  }

  private static String odd(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ODD.charAt(random.nextInt(ODD.length())));
    }
    return text.toString();
  }
}
