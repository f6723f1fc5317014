package io.doltsync.routing;

import io.doltsync.testing.PrimaryKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the statements of the routing differential: reads and writes of primary tables whose columns,
 * aliases, CTEs and one table are named like Dolt's ({@code dolt_ver}, {@code dolt_log}, {@code of},
 * {@code hashof}, {@code dolt_notes}), with Dolt markers inside every string quoting and comment style of
 * the dialect, plus the SQL Hibernate 6, Flyway and Spring emit. None of them may reach Dolt.
 */
final class RoutingStatements {

  /** One statement to run, with the values of its {@code ?} markers (none: run as plain text). */
  record Probe(String sql, List<Object> parameters) {
    static Probe text(String sql) {
      return new Probe(sql, List.of());
    }

    @Override
    public String toString() {
      return parameters.isEmpty() ? sql : sql + " " + parameters;
    }
  }

  static final String USER_COLUMNS = "id, name, dolt_ver, dolt_log, hashof, active_branch, dolt_commit";

  /** The schema, the same on both sides. */
  static List<String> schema() {
    return List.of(
        "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(200), dolt_ver INT, dolt_log INT, hashof INT,"
            + " active_branch VARCHAR(200), dolt_commit VARCHAR(200))",
        "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, dolt_status VARCHAR(200), qty INT)",
        "CREATE TABLE dolt_notes (id INT PRIMARY KEY, note VARCHAR(400))");
  }

  private static final String[] COLUMNS = {"id", "name", "dolt_ver", "dolt_log", "hashof", "active_branch",
      "dolt_commit"};
  private static final String[] ALIASES = {"dolt_log", "dolt_diff", "dolt_x", "dolt_history_users", "hashof_v",
      "active_branch", "asof", "dolt_status", "dolt_commit", "dolt_branches", "of"};
  private static final String[] TABLE_ALIASES = {"", " u", " dolt_u", " AS dolt_log", " dolt_diff_users",
      " AS of", " of", " AS dolt_status"};
  /** Text that would route if it were code. */
  private static final String[] MARKERS = {"FROM dolt_log", "t AS OF 'main~1'", "CALL dolt_commit('-m', 'x')",
      "@@db_head", "; DELETE FROM users", "JOIN dolt_diff('a', 'b', 'users')", "HASHOF('main')",
      "`shop/feature`.users", "SELECT dolt_version()"};

  private final PrimaryKind kind;
  private final Random random;
  private int nextId = 1000;

  RoutingStatements(PrimaryKind kind, long seed) {
    this.kind = kind;
    this.random = new Random(seed);
  }

  /** Rows every generated statement can count on. */
  List<Probe> seed() {
    List<Probe> seed = new ArrayList<>();
    for (int id = 1; id <= 6; id++) {
      seed.add(Probe.text("INSERT INTO users (" + USER_COLUMNS + ") VALUES (" + id + ", 'user " + id + "', " + id
          + ", " + (id * 10) + ", " + (id % 3) + ", 'main', 'c" + id + "')"));
      seed.add(Probe.text("INSERT INTO orders (id, user_id, dolt_status, qty) VALUES (" + id + ", " + (1 + id % 4)
          + ", 'open', " + (id * 2) + ")"));
    }
    seed.add(Probe.text("INSERT INTO dolt_notes (id, note) VALUES (1, 'the primary''s own dolt_notes')"));
    return seed;
  }

  /** {@code count} random statements. */
  List<Probe> generate(int count) {
    List<Probe> probes = new ArrayList<>(count);
    while (probes.size() < count) {
      int choice = random.nextInt(100);
      if (choice < 40) {
        probes.add(Probe.text(select()));
      } else if (choice < 50) {
        probes.add(Probe.text(cte()));
      } else if (choice < 58) {
        probes.add(Probe.text(expressionSelect()));
      } else if (choice < 88) {
        probes.addAll(write());
      } else {
        probes.add(Probe.text(commented(select())));
      }
    }
    return probes.subList(0, count);
  }

  private String select() {
    String table = pick("users", "users", "orders", "dolt_notes");
    String alias = pick(TABLE_ALIASES);
    String qualifier = alias.isEmpty() ? table : alias.substring(alias.lastIndexOf(' ') + 1);
    List<String> items = new ArrayList<>();
    for (int i = random.nextInt(3); i >= 0; i--) {
      items.add(selectItem(table, qualifier));
    }
    String sql = "SELECT " + String.join(", ", items) + " FROM " + table + alias;
    if (random.nextBoolean()) {
      sql += " WHERE " + condition(table, qualifier);
    }
    return sql;
  }

  private String selectItem(String table, String qualifier) {
    String column = column(table);
    String item = switch (random.nextInt(6)) {
      case 0 -> string();
      case 1 -> qualifier + "." + column;
      case 2 -> "COUNT(*)";
      default -> column;
    };
    if (item.equals("COUNT(*)")) {
      return item + " AS " + pick(ALIASES);
    }
    return switch (random.nextInt(4)) {
      case 0 -> item + " AS " + pick(ALIASES);
      case 1 -> item + " " + pick("dolt_y", "hashof_y", "dolt_log_y", "asof");
      case 2 -> item + " AS " + quote(pick("dolt_log", "AS OF", "dolt_diff('a')", "of"));
      default -> item;
    };
  }

  private String condition(String table, String qualifier) {
    return switch (random.nextInt(5)) {
      case 0 -> qualifier + ".id = " + (1 + random.nextInt(8));
      case 1 -> column(table) + " IS NOT NULL";
      case 2 -> "id IN (SELECT user_id FROM orders WHERE dolt_status = " + string() + " OR qty > 3)";
      case 3 -> "id <> " + random.nextInt(5) + " " + comment();
      default -> qualifier + "." + column(table) + " <> " + string();
    };
  }

  private String cte() {
    String name = pick("dolt_c", "dolt_log", "of_c", "dolt_history_users", "c");
    return switch (random.nextInt(3)) {
      case 0 -> "WITH " + name + " AS (SELECT id, dolt_ver AS dolt_v FROM users WHERE id < " + random.nextInt(6)
          + ") SELECT * FROM " + name;
      case 1 -> "WITH " + name + " AS (SELECT user_id, qty FROM orders), dolt_d AS (SELECT id FROM users)"
          + " SELECT " + name + ".qty FROM " + name + " JOIN dolt_d ON dolt_d.id = " + name + ".user_id";
      default -> "WITH RECURSIVE " + name + " (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM " + name + " WHERE n < "
          + (2 + random.nextInt(4)) + ") SELECT n AS dolt_n FROM " + name;
    };
  }

  private String expressionSelect() {
    return switch (random.nextInt(6)) {
      case 0 -> "SELECT SUBSTRING(name FROM 1 FOR 4) AS dolt_s FROM users WHERE id = " + (1 + random.nextInt(6));
      case 1 -> "SELECT TRIM(BOTH ' ' FROM dolt_commit) AS of FROM users";
      case 2 -> "SELECT * FROM (SELECT id AS dolt_id, dolt_ver FROM users) dolt_sub WHERE dolt_sub.dolt_id > 2";
      case 3 -> "SELECT MAX(dolt_ver) AS hashof, MIN(dolt_log) dolt_min FROM users";
      case 4 -> "SELECT u.name, dolt_o.qty FROM users u JOIN orders dolt_o ON dolt_o.user_id = u.id WHERE "
          + "dolt_o.qty > " + random.nextInt(10);
      default -> "SELECT CASE WHEN dolt_ver > 2 THEN " + string() + " ELSE 'low' END AS active_branch FROM users";
    };
  }

  private List<Probe> write() {
    int id = nextId++;
    return switch (random.nextInt(7)) {
      case 0 -> List.of(Probe.text("INSERT INTO users (" + USER_COLUMNS + ") VALUES (" + id + ", " + string() + ", "
          + random.nextInt(9) + ", " + random.nextInt(99) + ", 1, " + string() + ", " + string() + ")"));
      case 1 -> List.of(Probe.text("UPDATE users SET dolt_ver = dolt_ver + 1, name = " + string() + " WHERE id = "
          + (1 + random.nextInt(6))));
      case 2 -> List.of(Probe.text("INSERT INTO dolt_notes (id, note) VALUES (" + id + ", " + string() + ")"),
          Probe.text("UPDATE dolt_notes SET note = " + string() + " WHERE id = " + id));
      case 3 -> List.of(Probe.text("UPDATE orders SET dolt_status = " + string() + " " + comment()
          + " WHERE user_id = " + (1 + random.nextInt(4))));
      case 4 -> List.of(Probe.text("INSERT INTO orders (id, user_id, dolt_status, qty) VALUES (" + id + ", 2, "
          + string() + ", " + random.nextInt(9) + ")"), Probe.text("DELETE FROM orders WHERE id = " + id));
      case 5 -> List.of(Probe.text("DELETE FROM dolt_notes WHERE id = " + (id - random.nextInt(3))));
      default -> List.of(Probe.text(commented("UPDATE users SET hashof = hashof + 1, active_branch = " + string()
          + " WHERE dolt_log > " + random.nextInt(60))));
    };
  }

  /** A string literal holding a Dolt marker, in one of the dialect's quoting styles. */
  String string() {
    String marker = pick(MARKERS);
    List<String> forms = new ArrayList<>(List.of("'" + marker.replace("'", "''") + "'"));
    switch (kind) {
      case MARIADB -> {
        forms.add("'it\\'s " + marker.replace("'", "\\'") + "'");
        forms.add("\"" + marker.replace("\"", "\"\"") + "\"");
        forms.add("'back\\\\slash " + marker.replace("'", "''") + "'");
      }
      case POSTGRES -> {
        forms.add("E'it\\'s " + marker.replace("'", "\\'") + "'");
        forms.add("$$" + marker + "$$");
        forms.add("$dolt_tag$ $$ " + marker + " $dolt_tag$");
      }
      case H2 -> forms.add("$$" + marker + "$$");
    }
    return forms.get(random.nextInt(forms.size()));
  }

  /** A comment holding a Dolt marker, in one of the dialect's styles. */
  String comment() {
    String marker = pick(MARKERS).replace("*/", "");
    List<String> forms = new ArrayList<>(List.of("/* " + marker + " */", "-- " + marker + "\n"));
    switch (kind) {
      case MARIADB -> forms.add("# " + marker + "\n");
      case POSTGRES -> forms.add("/* outer /* " + marker + " */ still */");
      case H2 -> forms.add("// " + marker + "\n");
    }
    return forms.get(random.nextInt(forms.size()));
  }

  private String commented(String sql) {
    int cut = sql.indexOf(' ', random.nextInt(sql.length()));
    return cut < 0 ? sql + " " + comment() : sql.substring(0, cut) + " " + comment() + sql.substring(cut);
  }

  /** An identifier quoted the dialect's way. */
  String quote(String name) {
    return kind == PrimaryKind.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
  }

  private String column(String table) {
    return switch (table) {
      case "orders" -> pick("id", "user_id", "dolt_status", "qty");
      case "dolt_notes" -> pick("id", "note");
      default -> pick(COLUMNS);
    };
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** What Hibernate 6, Flyway and Spring send for entities with such names, with bound values. */
  List<Probe> frameworks() {
    String page = kind == PrimaryKind.MARIADB ? "limit ?,?" : "offset ? rows fetch first ? rows only";
    List<Object> pageValues = kind == PrimaryKind.MARIADB ? List.of(1, 2) : List.of(1, 2);
    List<Probe> probes = new ArrayList<>(List.of(
        // Hibernate ORM 6: an entity User with @Version dolt_ver and fields named like Dolt's
        new Probe("select u1_0.id,u1_0.active_branch,u1_0.dolt_commit,u1_0.dolt_log,u1_0.dolt_ver,u1_0.hashof,"
            + "u1_0.name from users u1_0 where u1_0.id=?", List.of(1)),
        new Probe("insert into users (active_branch,dolt_commit,dolt_log,dolt_ver,hashof,name,id) values (?,?,?,?,?,?,?)",
            List.of("feature", "abc", 7, 0, 1, "hibernate", 900)),
        new Probe("update users set active_branch=?,dolt_commit=?,dolt_log=?,dolt_ver=?,hashof=?,name=? where id=? and"
            + " dolt_ver=?", List.of("main", "def", 8, 1, 2, "hibernate 2", 900, 0)),
        new Probe("update users set name=?,dolt_ver=? where id=? and dolt_ver=?", List.of("stale", 5, 900, 0)),
        new Probe("select count(*) from users u1_0 where u1_0.dolt_ver>?", List.of(0)),
        new Probe("select u1_0.id,u1_0.name from users u1_0 order by u1_0.dolt_ver desc,u1_0.id " + page, pageValues),
        new Probe("select o1_0.id,o1_0.dolt_status,o1_0.qty,o1_0.user_id from orders o1_0 join users u1_0 on"
            + " u1_0.id=o1_0.user_id where u1_0.name like ?", List.of("user%")),
        new Probe("select n1_0.id,n1_0.note from dolt_notes n1_0 where n1_0.id=?", List.of(1)),
        new Probe("insert into dolt_notes (note,id) values (?,?)", List.of("from hibernate", 901)),
        new Probe("delete from dolt_notes where id=?", List.of(901)),
        new Probe("delete from users where id=? and dolt_ver=?", List.of(900, 1)),
        // Flyway
        new Probe("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema=? AND table_name=?",
            List.of("no_such_schema", "flyway_schema_history")),
        Probe.text("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL, version VARCHAR(50),"
            + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
            + " checksum INT, installed_by VARCHAR(100) NOT NULL, execution_time INT NOT NULL,"
            + " success BOOLEAN NOT NULL, PRIMARY KEY (installed_rank))"),
        new Probe("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
            + " installed_by, execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            List.of(1, "1", "add dolt_ver to users", "SQL", "V1__add_dolt_ver.sql", 12345, "app", 3, true)),
        new Probe("SELECT installed_rank,version,description,type,script,checksum,installed_by,execution_time,success"
            + " FROM flyway_schema_history WHERE installed_rank > ? ORDER BY installed_rank", List.of(0)),
        new Probe("UPDATE flyway_schema_history SET description=? WHERE version=?", List.of("dolt_log AS OF x", "1")),
        // Spring: Hikari's validation, JdbcTemplate, Spring Data derived queries
        Probe.text("SELECT 1"),
        new Probe("select id, name, dolt_ver from users where id = ?", List.of(2)),
        new Probe("select u.id as dolt_id, u.dolt_log as of_log from users u where u.dolt_commit = ?", List.of("c2")),
        new Probe("SELECT COUNT(*) FROM orders WHERE dolt_status = ?", List.of("open"))));
    return probes;
  }
}
