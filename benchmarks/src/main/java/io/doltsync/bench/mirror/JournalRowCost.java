package io.doltsync.bench.mirror;

import io.doltsync.bench.core.LoadAverage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * The primary's side of the {@code writes} suite's auto-commit update by key, taken apart without doltsync in the
 * way: raw JDBC statements shaped as doltsync's one-trip write sends them ({@code OneTripWrite}), with parts left out
 * or changed, on one connection per variant, in interleaved rounds. Per transaction it prints the CPU of the server
 * thread (MariaDB, {@code information_schema.processlist.tid}) or backend process (PostgreSQL) serving the
 * connection, from {@code /proc/.../schedstat} (load-independent, unlike tx/s), the client thread's CPU and tx/s.
 * Variants: the bare update; the one-trip form with the journal insert never taken (the wrapper's own cost); the
 * full one-trip form into the journal as doltsync creates it (secondary index on {@code txn}); and into a journal
 * without that index. MariaDB sets of their own (fifth argument): {@code sizes}, {@code blocks}, {@code trims},
 * {@code journals}, {@code candidates}, {@code commits}, {@code lastid} (see each method). {@code -Djrc.prefix} names the database.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt) \
 *   io.doltsync.bench.mirror.JournalRowCost mariadb|postgresql rounds seconds [payloadBytes [set|variants]]</pre>
 * PostgreSQL's {@code prepared} variants run the texts as doltsync sends them (prepared, with parameters).
 */
public final class JournalRowCost {

  private static final int ACCOUNTS = 1000;

  private JournalRowCost() {}

  public static void main(String[] args) throws Exception {
    boolean postgres = args[0].startsWith("postgres");
    int rounds = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int payloadBytes = args.length > 3 ? Integer.parseInt(args[3]) : 255;
    String schema = System.getProperty("jrc.prefix", "jrc") + "_" + Long.toHexString(System.nanoTime() & 0xffffffL);
    String url = postgres ? "jdbc:postgresql://127.0.0.1:35432/doltsync_test?currentSchema=" + schema
        : "jdbc:mariadb://127.0.0.1:33306/" + schema;
    String adminUrl = postgres ? "jdbc:postgresql://127.0.0.1:35432/doltsync_test" : "jdbc:mariadb://127.0.0.1:33306/";
    try (Connection admin = DriverManager.getConnection(adminUrl, "doltsync", "doltsync");
        Statement s = admin.createStatement()) {
      s.execute(postgres ? "CREATE SCHEMA " + schema : "CREATE DATABASE " + schema);
    }
    byte[] payload = new byte[payloadBytes];
    ThreadLocalRandom.current().nextBytes(payload);
    String instance = "vm:12345";
    try {
      Map<String, Variant> variants = new LinkedHashMap<>();
      try (Connection setup = DriverManager.getConnection(url, "doltsync", "doltsync");
          Statement s = setup.createStatement()) {
        s.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal DECIMAL(12,2) NOT NULL, name VARCHAR(40))");
        s.execute("INSERT INTO acct SELECT g, 0, 'account' FROM " + (postgres ? "generate_series(1, " + ACCOUNTS + ") g"
            : "(SELECT seq AS g FROM seq_1_to_" + ACCOUNTS + ") t"));
        for (String journal : List.of("j_index", "j_noindex")) {
          s.execute(postgres
              ? "CREATE TABLE " + journal + " (id BIGSERIAL PRIMARY KEY, txn VARCHAR(36) NOT NULL, chunk INTEGER NOT NULL,"
                  + " chunks INTEGER NOT NULL, created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),"
                  + " instance VARCHAR(255), payload BYTEA)"
              : "CREATE TABLE " + journal + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, txn VARCHAR(36) NOT NULL,"
                  + " chunk INT NOT NULL, chunks INT NOT NULL, created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
                  + " instance VARCHAR(255), payload LONGBLOB) ENGINE=InnoDB");
        }
        s.execute("CREATE INDEX j_index_txn ON j_index (txn)");
      }
      String update = "UPDATE acct SET bal = bal + 1 WHERE id = ";
      variants.put("raw update", new Variant(url, id -> update + id));
      if (postgres && args.length > 4 && args[4].equals("prepared")) {
        variants.clear();
        preparedPostgresVariants(variants, url, payload, instance);
      } else if (postgres) {
        variants.put("one-trip, no journal row", new Variant(url, id -> pgText(update + id, "j_index", payload, instance, false)));
        variants.put("one-trip, journal (index)", new Variant(url, id -> pgText(update + id, "j_index", payload, instance, true)));
        variants.put("one-trip, journal (no index)", new Variant(url, id -> pgText(update + id, "j_noindex", payload, instance, true)));
      } else {
        variants.put("one-trip, no journal row", new Variant(url, id -> mariaDbBlock(update + id, "DO 0")));
        variants.put("one-trip, journal (index)", new Variant(url, id -> mariaDbBlock(update + id,
            mariaDbInsert("j_index", payload, instance))));
        variants.put("one-trip, journal (no index)", new Variant(url, id -> mariaDbBlock(update + id,
            mariaDbInsert("j_noindex", payload, instance))));
        variants.put("update; journal insert; commit (3 trips)", new Variant(url, null));
        if (args.length > 4 && args[4].equals("sizes")) {
          variants.clear();
          variants.put("one-trip, no journal row", new Variant(url, id -> mariaDbBlock(update + id, "DO 0")));
          for (int size : new int[] {32, 128, 255, 1024}) {
            byte[] sized = java.util.Arrays.copyOf(payload, size);
            variants.put("one-trip, journal payload " + size + " B", new Variant(url, id -> mariaDbBlock(update + id,
                mariaDbInsert("j_index", sized, instance))));
          }
        }
        if (args.length > 4 && args[4].equals("candidates")) {
          candidates(variants, url, update, payload, instance);
        }
        if (args.length > 4 && args[4].equals("trims")) {
          trims(variants, url, update, payload, instance);
        }
        if (args.length > 4 && args[4].equals("journals")) {
          journals(variants, url, update, payload, instance);
        }
        if (args.length > 4 && args[4].equals("commits")) {
          commits(variants, url, update, payload, instance);
        }
        if (args.length > 4 && args[4].equals("lastid")) {
          lastId(variants, url, update, payload, instance);
        }
        if (args.length > 4 && args[4].equals("blocks")) {
          variants.put("bare block (update)", new Variant(url, id -> "BEGIN NOT ATOMIC " + update + id + "; END"));
          variants.put("block, handler, no variables", new Variant(url, id -> "BEGIN NOT ATOMIC"
              + " DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END; START TRANSACTION; "
              + update + id + "; COMMIT; END"));
          variants.put("block, variables, no handler", new Variant(url, id -> "BEGIN NOT ATOMIC"
              + " DECLARE doltsync_rows BIGINT DEFAULT 0; DECLARE doltsync_warnings INT DEFAULT 0; START TRANSACTION; "
              + update + id + "\n; SET doltsync_rows = ROW_COUNT(), doltsync_warnings = @@warning_count;"
              + " IF doltsync_warnings > 0 THEN ROLLBACK; SET doltsync_rows = -1;"
              + " ELSEIF doltsync_rows = 1 THEN DO 0; END IF; COMMIT; SELECT doltsync_rows; END"));
          variants.put("one-trip without variables, no journal row", new Variant(url, id -> mariaDbBlockWithoutVariables(
              update + id, "DO 0")));
          variants.put("one-trip without variables, journal", new Variant(url, id -> mariaDbBlockWithoutVariables(
              update + id, mariaDbInsert("j_index", payload, instance))));
          variants.put("start; update; commit, one block", new Variant(url, id -> "BEGIN NOT ATOMIC START TRANSACTION; "
              + update + id + "; COMMIT; END"));
        }
      }
      for (Variant v : variants.values()) {
        v.open(postgres);
      }
      for (int round = -1; round < rounds; round++) {
        List<String> order = new ArrayList<>(variants.keySet());
        java.util.Collections.rotate(order, Math.max(round, 0));
        for (String name : order) {
          Variant v = variants.get(name);
          Result r = v.run(seconds, payload, instance);
          if (round >= 0) {
            v.results.add(r);
          }
          System.out.printf("round %d %-42s %6.0f tx/s  server %5.0f us  client %5.0f us  sent %5d B (load %s)%n",
              round, name, r.rate, r.serverUs, r.clientUs, r.bytesSent, LoadAverage.now());
        }
      }
      System.out.println("medians over " + rounds + " rounds:");
      for (Map.Entry<String, Variant> e : variants.entrySet()) {
        List<Result> rs = e.getValue().results;
        System.out.printf("%-42s tx/s %6.0f  server %5.0f us [%5.0f-%5.0f]  client %5.0f us [%5.0f-%5.0f]%n", e.getKey(),
            median(rs, r -> r.rate), median(rs, r -> r.serverUs), min(rs, r -> r.serverUs), max(rs, r -> r.serverUs),
            median(rs, r -> r.clientUs), min(rs, r -> r.clientUs), max(rs, r -> r.clientUs));
        e.getValue().connection.close();
        if (e.getValue().proxy != null) {
          e.getValue().proxy.close();
        }
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(adminUrl, "doltsync", "doltsync");
          Statement s = admin.createStatement()) {
        s.execute(postgres ? "DROP SCHEMA " + schema + " CASCADE" : "DROP DATABASE " + schema);
      }
    }
  }

  /**
   * MariaDB, the auto-commit update's one-trip candidates (issue 10): today's compound statement; a stored
   * procedure created once that runs the statement's text with {@code EXECUTE IMMEDIATE} and inserts the journal row
   * from its parameters; MariaDB Connector/J's pipelined batch of plain texts (all messages sent before any reply is
   * read), with the commit made conditional by {@code SET autocommit = IF(...)} or by a compound tail; and, as lower
   * bounds that are not exact, the statements pipelined bare.
   */
  private static void candidates(Map<String, Variant> variants, String url, String update, byte[] payload,
      String instance) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "doltsync", "doltsync"); Statement s = c.createStatement()) {
      s.execute("CREATE PROCEDURE jrc_write(stmt LONGTEXT, expected BIGINT, p_txn VARCHAR(36), p_instance VARCHAR(255),"
          + " p_payload LONGBLOB) SQL SECURITY INVOKER BEGIN DECLARE doltsync_rows BIGINT DEFAULT 0;"
          + " DECLARE doltsync_warnings INT DEFAULT 0;"
          + " DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;"
          + " START TRANSACTION; EXECUTE IMMEDIATE stmt;"
          + " SET doltsync_rows = ROW_COUNT(), doltsync_warnings = @@warning_count;"
          + " IF doltsync_warnings > 0 THEN ROLLBACK; SET doltsync_rows = -1;"
          + " ELSEIF doltsync_rows = expected THEN INSERT INTO j_index (txn, chunk, chunks, instance, payload)"
          + " VALUES (p_txn, 0, 1, p_instance, p_payload); END IF; COMMIT; SELECT doltsync_rows; END");
      s.execute("CREATE PROCEDURE jrc_exec(stmt LONGTEXT) SQL SECURITY INVOKER"
          + " BEGIN START TRANSACTION; EXECUTE IMMEDIATE stmt; COMMIT; END");
    }
    String hex = HexFormat.of().formatHex(payload);
    variants.put("bare block (update)", new Variant(url, id -> "BEGIN NOT ATOMIC " + update + id + "; END"));
    variants.put("CALL: EXECUTE IMMEDIATE + journal", new Variant(url, id -> "CALL jrc_write('" + update + id
        + "', 1, '" + UUID.randomUUID() + "', " + mariaDbText(instance) + ", X'" + hex + "')"));
    variants.put("CALL: EXECUTE IMMEDIATE, commit", new Variant(url, id -> "CALL jrc_exec('" + update + id + "')"));
    variants.put("pipeline: 5 messages, SET autocommit", Variant.trips(url, false, id -> List.<String[]>of(new String[] {
        "SET autocommit = 0", update + id, "SET @doltsync_rows = ROW_COUNT(), @doltsync_warnings = @@warning_count",
        mariaDbInsertSelect("j_index", payload, instance, "@doltsync_rows = 1 AND @doltsync_warnings = 0"),
        "SET autocommit = IF(@doltsync_warnings = 0 AND ROW_COUNT() >= 0, 1, 0), @doltsync_rows = NULL,"
            + " @doltsync_warnings = NULL"})));
    variants.put("pipeline: start, update, compound tail", Variant.trips(url, false, id -> List.<String[]>of(
        new String[] {"START TRANSACTION", update + id, "BEGIN NOT ATOMIC IF @@warning_count = 0 AND ROW_COUNT() = 1"
            + " THEN " + mariaDbInsert("j_index", payload, instance) + "; COMMIT; END IF; END"})));
    variants.put("pipeline: start, update, insert, commit (inexact)", Variant.trips(url, false, id -> List.<String[]>of(
        new String[] {"START TRANSACTION", update + id, mariaDbInsert("j_index", payload, instance), "COMMIT"})));
  }

  /**
   * MariaDB, the explicit transaction's commit with its journal row ({@code JournalTable.appendAndCommit}): an
   * update by key in a transaction, then the journal row and the commit as today's compound statement, as a call of
   * a stored procedure created once, as a pipelined insert whose commit {@code SET autocommit = IF(ROW_COUNT() = 1,
   * 1, 0)} makes conditional; and the raw commit and two inexact forms as bounds.
   */
  private static void commits(Map<String, Variant> variants, String url, String update, byte[] payload,
      String instance) throws SQLException {
    variants.clear();
    try (Connection c = DriverManager.getConnection(url, "doltsync", "doltsync"); Statement s = c.createStatement()) {
      s.execute("CREATE PROCEDURE jrc_journal(p_txn VARCHAR(36), p_instance VARCHAR(255), p_payload LONGBLOB)"
          + " SQL SECURITY INVOKER BEGIN INSERT INTO j_index (txn, chunk, chunks, instance, payload)"
          + " VALUES (p_txn, 0, 1, p_instance, p_payload); COMMIT; END");
    }
    String hex = HexFormat.of().formatHex(payload);
    variants.put("update; commit (raw)", Variant.trips(url, true, id -> List.of(new String[] {update + id},
        new String[] {"COMMIT"})));
    variants.put("update; block insert+commit (today)", Variant.trips(url, true, id -> List.of(
        new String[] {update + id}, new String[] {"BEGIN NOT ATOMIC " + mariaDbInsert("j_index", payload, instance)
            + "; COMMIT; END"})));
    variants.put("update; CALL journal procedure", Variant.trips(url, true, id -> List.of(new String[] {update + id},
        new String[] {"CALL jrc_journal('" + UUID.randomUUID() + "', " + mariaDbText(instance) + ", X'" + hex + "')"})));
    variants.put("update; pipeline insert, SET autocommit IF", Variant.trips(url, true, id -> List.of(
        new String[] {update + id}, new String[] {mariaDbInsert("j_index", payload, instance),
            "SET autocommit = IF(ROW_COUNT() = 1, 1, 0)", "SET autocommit = 0"})));
    variants.put("update; insert; commit (3 trips)", Variant.trips(url, true, id -> List.of(new String[] {update + id},
        new String[] {mariaDbInsert("j_index", payload, instance)}, new String[] {"COMMIT"})));
    variants.put("update; pipeline insert, commit (inexact)", Variant.trips(url, true, id -> List.of(
        new String[] {update + id}, new String[] {mariaDbInsert("j_index", payload, instance), "COMMIT"})));
  }

  /**
   * MariaDB, keeping the session's {@code LAST_INSERT_ID()} over the journal insert: the lean one-trip block and the
   * explicit commit's block as they were, with a declared variable saved before the insert and set back after
   * ({@code DO LAST_INSERT_ID(v)}, what doltsync sends), with a user variable instead, and with the journal id
   * taken from a sequence ({@code NEXT VALUE FOR}, which leaves {@code LAST_INSERT_ID()} alone).
   */
  private static void lastId(Map<String, Variant> variants, String url, String update, byte[] payload,
      String instance) throws SQLException {
    variants.clear();
    try (Connection c = DriverManager.getConnection(url, "doltsync", "doltsync"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE j_seq LIKE j_index");
      s.execute("CREATE SEQUENCE j_seq_id");
    }
    String save = "SET doltsync_lid = LAST_INSERT_ID(); ";
    String restore = "; DO LAST_INSERT_ID(doltsync_lid)";
    variants.put("raw update", new Variant(url, id -> update + id));
    variants.put("one-trip lean (before)", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_index", payload, instance), "", "")));
    variants.put("one-trip, declared variable kept", new Variant(url, id -> leanBlock(update + id,
        save + mariaDbInsert("j_index", payload, instance) + restore, "", "").replace("BEGIN NOT ATOMIC",
        "BEGIN NOT ATOMIC DECLARE doltsync_lid BIGINT UNSIGNED;")));
    variants.put("one-trip, user variable kept", new Variant(url, id -> leanBlock(update + id,
        "SET @doltsync_lid = LAST_INSERT_ID(); " + mariaDbInsert("j_index", payload, instance)
            + "; DO LAST_INSERT_ID(@doltsync_lid)", "", "")));
    variants.put("one-trip, id from a sequence", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_seq", payload, instance).replace("(txn, chunk", "(id, txn, chunk")
            .replace("VALUES (", "VALUES (NEXT VALUE FOR j_seq_id, "), "", "")));
    variants.put("update; commit block (before)", Variant.trips(url, true, id -> List.of(
        new String[] {update + id}, new String[] {"BEGIN NOT ATOMIC " + mariaDbInsert("j_index", payload, instance)
            + "; COMMIT; END"})));
    variants.put("update; commit block, variable kept", Variant.trips(url, true, id -> List.of(
        new String[] {update + id}, new String[] {"BEGIN NOT ATOMIC DECLARE doltsync_lid BIGINT UNSIGNED DEFAULT"
            + " LAST_INSERT_ID(); " + mariaDbInsert("j_index", payload, instance) + restore + "; COMMIT; END"})));
  }

  /**
   * MariaDB, today's compound statement taken apart: without its declared variables and final {@code SELECT} (the
   * block's reply is then an OK packet whose affected rows add up the statement's and the journal insert's, and whose
   * warning count is the statement's after a {@code ROLLBACK}), without its handler (an error leaves the block with
   * the transaction open, for the client to roll back), each part added back alone.
   */
  private static void trims(Map<String, Variant> variants, String url, String update, byte[] payload,
      String instance) {
    variants.clear();
    variants.put("raw update", new Variant(url, id -> update + id));
    variants.put("today (vars, handler, select)", new Variant(url, id -> mariaDbBlock(update + id,
        mariaDbInsert("j_index", payload, instance))));
    variants.put("lean: if/elseif, no vars/handler/select", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_index", payload, instance), "", "")));
    variants.put("lean + handler", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_index", payload, instance), HANDLER, "")));
    variants.put("lean + select row_count()", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_index", payload, instance), "", " SELECT 1;")));
    variants.put("lean, no journal row", new Variant(url, id -> leanBlock(update + id, "DO 0", "", "")));
    variants.put("start; update; commit, one block", new Variant(url, id -> "BEGIN NOT ATOMIC START TRANSACTION; "
        + update + id + "; COMMIT; END"));
  }

  /**
   * MariaDB, the lean block's journal insert changed: the instance as a plain literal instead of
   * {@code CAST(X'..' AS CHAR CHARACTER SET utf8mb4)}, into a journal without the {@code txn} index, as one
   * {@code INSERT ... SELECT ... WHERE ROW_COUNT() = 1} instead of an {@code IF} around it.
   */
  private static void journals(Map<String, Variant> variants, String url, String update, byte[] payload,
      String instance) {
    variants.clear();
    variants.put("raw update", new Variant(url, id -> update + id));
    variants.put("lean", new Variant(url, id -> leanBlock(update + id, mariaDbInsert("j_index", payload, instance),
        "", "")));
    variants.put("lean, instance plain literal", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_index", payload, instance).replace(mariaDbText(instance), "'" + instance + "'"), "", "")));
    variants.put("lean, journal without txn index", new Variant(url, id -> leanBlock(update + id,
        mariaDbInsert("j_noindex", payload, instance), "", "")));
    variants.put("lean, insert ... where row_count()", new Variant(url, id -> "BEGIN NOT ATOMIC START TRANSACTION; "
        + update + id + "\n; IF @@warning_count > 0 THEN ROLLBACK; ELSE "
        + mariaDbInsertSelect("j_index", payload, instance, "ROW_COUNT() = 1") + "; COMMIT; END IF; END"));
    variants.put("lean, no journal row", new Variant(url, id -> leanBlock(update + id, "DO 0", "", "")));
  }

  private static final String HANDLER = " DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;";

  /** The block with no variables: its reply's affected rows and warning count tell what it did. */
  static String leanBlock(String sql, String journalInsert, String handler, String tail) {
    return "BEGIN NOT ATOMIC" + handler + " START TRANSACTION; " + sql + "\n; IF @@warning_count > 0 THEN ROLLBACK;"
        + " ELSEIF ROW_COUNT() = 1 THEN " + journalInsert + "; COMMIT; ELSE COMMIT; END IF;" + tail + " END";
  }

  /** The journal insert as {@code INSERT ... SELECT ... FROM DUAL WHERE condition}. */
  static String mariaDbInsertSelect(String table, byte[] payload, String instance, String condition) {
    return "INSERT INTO " + table + " (txn, chunk, chunks, instance, payload) SELECT '" + UUID.randomUUID() + "', 0, 1, "
        + mariaDbText(instance) + ", X'" + HexFormat.of().formatHex(payload) + "' FROM DUAL WHERE " + condition;
  }

  /** The MariaDB block of {@code OneTripWrite.mariaDbBlock}, with {@code journalInsert} as its journal statement. */
  static String mariaDbBlock(String sql, String journalInsert) {
    return "BEGIN NOT ATOMIC DECLARE doltsync_rows BIGINT DEFAULT 0; DECLARE doltsync_warnings INT DEFAULT 0;"
        + " DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;"
        + " START TRANSACTION; " + sql + "\n; SET doltsync_rows = ROW_COUNT(), doltsync_warnings = @@warning_count;"
        + " IF doltsync_warnings > 0 THEN ROLLBACK; SET doltsync_rows = -1;"
        + " ELSEIF doltsync_rows = 1 THEN " + journalInsert + "; END IF; COMMIT; SELECT doltsync_rows; END";
  }

  /** The block without declared variables: the conditions read {@code ROW_COUNT()} and the warning count directly. */
  static String mariaDbBlockWithoutVariables(String sql, String journalInsert) {
    return "BEGIN NOT ATOMIC DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;"
        + " START TRANSACTION; " + sql + "\n; IF @@warning_count > 0 THEN ROLLBACK; SELECT -1;"
        + " ELSEIF ROW_COUNT() = 1 THEN " + journalInsert + "; COMMIT; SELECT 1;"
        + " ELSEIF ROW_COUNT() = 0 THEN COMMIT; SELECT 0;"
        + " ELSE BEGIN DECLARE doltsync_rows BIGINT DEFAULT ROW_COUNT(); COMMIT; SELECT doltsync_rows; END; END IF; END";
  }

  static String mariaDbInsert(String table, byte[] payload, String instance) {
    return "INSERT INTO " + table + " (txn, chunk, chunks, instance, payload) VALUES ("
        + mariaDbText(UUID.randomUUID().toString()) + ", 0, 1, " + mariaDbText(instance) + ", X'"
        + HexFormat.of().formatHex(payload) + "')";
  }

  private static String mariaDbText(String value) {
    return "CAST(X'" + HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "' AS CHAR CHARACTER SET utf8mb4)";
  }

  /**
   * PostgreSQL as doltsync sends it: the application's update by key and the one-trip text around it as prepared
   * statements with parameters (pgjdbc prepares a text on the server from its fifth execution; doltsync's text is
   * the same for every execution of one statement), each connection through a {@link CountingProxy} of its own
   * (bytes on the wire). Variants leave out one part each (the journal row, the journal order lock of
   * {@code JournalOrderLock}, the journal's index on {@code txn}) or change the text's shape (the journal insert as
   * the statement itself, its count the answer); system property {@code journalRowCost.few} keeps the first five
   * (the last of them {@code OneTripWrite}'s text now).
   */
  private static void preparedPostgresVariants(Map<String, Variant> variants, String url, byte[] payload,
      String instance) {
    String update = "UPDATE acct SET bal = ?, name = ? WHERE id = ?";
    Binder app = (statement, offset, id) -> {
      statement.setObject(offset + 1, new java.math.BigDecimal(id % 100_000).movePointLeft(2));
      statement.setObject(offset + 2, "owner-" + id);
      statement.setObject(offset + 3, id);
    };
    variants.put("raw update", new Variant(url, update, app, 0, null, instance));
    variants.put("one-trip as sent", new Variant(url, pgPrepared(update, "j_index", true, true), app, 3, payload,
        instance));
    variants.put("one-trip, no journal row", new Variant(url, pgPrepared(update, "j_index", true, false), app, 3,
        payload, instance));
    variants.put("journal insert on top", new Variant(url, "WITH doltsync_write AS (" + update
        + "\nRETURNING 1), doltsync_order AS (SELECT pg_advisory_xact_lock_shared(1685024884, 12345))"
        + " INSERT INTO j_index (txn, chunk, chunks, instance, payload)"
        + " SELECT ?::text, 0, 1, ?::text, ?::bytea FROM doltsync_order"
        + " WHERE (SELECT count(*) FROM doltsync_write) = 1",
        (statement, offset, id) -> {
          app.bind(statement, 0, id);
          statement.setString(4, UUID.randomUUID().toString());
          statement.setString(5, instance);
          statement.setBytes(6, payload);
        }, 0, null, instance));
    variants.put("journal insert on top, guarded", new Variant(url, "WITH doltsync_write AS (" + update
        + "\nRETURNING 1), doltsync_order AS (SELECT pg_advisory_xact_lock_shared(1685024884, 12345))"
        + " INSERT INTO j_index (txn, chunk, chunks, instance, payload)"
        + " SELECT ?::text, 0, 1, ?::text, ?::bytea FROM doltsync_order"
        + " WHERE CASE (SELECT count(*) FROM doltsync_write) WHEN 1 THEN true WHEN 0 THEN false"
        + " ELSE CAST('doltsync: a write expected to change 1 rows or none changed '"
        + " || (SELECT count(*) FROM doltsync_write) AS boolean) END",
        (statement, offset, id) -> {
          app.bind(statement, 0, id);
          statement.setString(4, UUID.randomUUID().toString());
          statement.setString(5, instance);
          statement.setBytes(6, payload);
        }, 0, null, instance));
    if (Boolean.getBoolean("journalRowCost.few")) {
      return;
    }
    variants.put("one-trip, no order lock", new Variant(url, pgPrepared(update, "j_index", false, true), app, 3,
        payload, instance));
    variants.put("one-trip, no txn index", new Variant(url, pgPrepared(update, "j_noindex", true, true), app, 3,
        payload, instance));
    variants.put("update RETURNING 1", new Variant(url, update + " RETURNING 1", app, 0, null, instance));
    variants.put("WITH update RETURNING 1, count", new Variant(url, "WITH doltsync_write AS (" + update
        + "\nRETURNING 1) SELECT count(*) FROM doltsync_write", app, 0, null, instance));
    variants.put("one-trip, values in the INSERT", new Variant(url, "WITH doltsync_write AS (" + update
        + "\nRETURNING 1), doltsync_order AS (SELECT pg_advisory_xact_lock_shared(1685024884, 12345)),"
        + " doltsync_journal AS (INSERT INTO j_index (txn, chunk, chunks, instance, payload)"
        + " SELECT ?::text, 0, 1, ?::text, ?::bytea FROM doltsync_order"
        + " WHERE (SELECT count(*) FROM doltsync_write) = 1) SELECT count(*) FROM doltsync_write",
        (statement, offset, id) -> {
          app.bind(statement, 0, id);
          statement.setString(4, UUID.randomUUID().toString());
          statement.setString(5, instance);
          statement.setBytes(6, payload);
        }, 0, null, instance));
  }

  /** The text of {@code OneTripWrite} for PostgreSQL, with or without the journal order lock's CTE. */
  static String pgPrepared(String sql, String journal, boolean orderLock, boolean insert) {
    return "WITH doltsync_journal_values (txn, instance, payload) AS (VALUES (?::text, ?::text, ?::bytea)),"
        + " doltsync_write AS (" + sql + "\nRETURNING 1), "
        + (orderLock ? "doltsync_order AS (SELECT pg_advisory_xact_lock_shared(1685024884, 12345)), " : "")
        + " doltsync_journal AS (INSERT INTO " + journal + " (txn, chunk, chunks, instance, payload)"
        + " SELECT txn, 0, 1, instance, payload FROM doltsync_journal_values"
        + (orderLock ? " CROSS JOIN doltsync_order" : "")
        + " WHERE (SELECT count(*) FROM doltsync_write) = " + (insert ? 1 : 0) + ")"
        + " SELECT count(*) FROM doltsync_write";
  }

  /** Binds the application's values of transaction {@code id} after {@code offset} journal values. */
  private interface Binder {
    void bind(PreparedStatement statement, int offset, int id) throws SQLException;
  }

  static String pgText(String sql, String journal, byte[] payload, String instance, boolean insert) {
    return "WITH doltsync_journal_values (txn, instance, payload) AS (VALUES ('" + UUID.randomUUID() + "'::text, '"
        + instance + "'::text, '\\x" + HexFormat.of().formatHex(payload) + "'::bytea)),"
        + " doltsync_write AS (" + sql + "\nRETURNING 1),"
        + " doltsync_journal AS (INSERT INTO " + journal + " (txn, chunk, chunks, instance, payload)"
        + " SELECT txn, 0, 1, instance, payload FROM doltsync_journal_values"
        + " WHERE (SELECT count(*) FROM doltsync_write) = " + (insert ? 1 : 0) + ")"
        + " SELECT count(*) FROM doltsync_write";
  }

  private record Result(double rate, double serverUs, double clientUs, long bytesSent) {}

  private static final class Variant {
    final String url;
    final IntFunction<String> text;
    /** When set, a transaction is these round trips: one text each, or several sent as one pipelined batch. */
    IntFunction<List<String[]>> trips;
    /** The connection runs with auto-commit off (the trips commit). */
    boolean manual;
    /** A prepared variant: its text, how the application's values are bound, and its journal values (or none). */
    final String preparedSql;
    final Binder binder;
    final int journalValues;
    final byte[] preparedPayload;
    final String preparedInstance;
    final List<Result> results = new ArrayList<>();
    Connection connection;
    Path serverStat;
    io.doltsync.bench.core.CountingProxy proxy;

    Variant(String url, IntFunction<String> text) {
      this.url = url;
      this.text = text;
      this.preparedSql = null;
      this.binder = null;
      this.journalValues = 0;
      this.preparedPayload = null;
      this.preparedInstance = null;
    }

    Variant(String url, String preparedSql, Binder binder, int journalValues, byte[] payload, String instance) {
      this.url = url;
      this.text = null;
      this.preparedSql = preparedSql;
      this.binder = binder;
      this.journalValues = journalValues;
      this.preparedPayload = payload;
      this.preparedInstance = instance;
    }

    static Variant trips(String url, boolean manual, IntFunction<List<String[]>> trips) {
      Variant v = new Variant(url, null);
      v.trips = trips;
      v.manual = manual;
      return v;
    }

    void open(boolean postgres) throws SQLException {
      String target = url;
      if (preparedSql != null) {
        try {
          proxy = new io.doltsync.bench.core.CountingProxy("127.0.0.1", 35432,
              io.doltsync.bench.core.CountingProxy.Protocol.POSTGRESQL);
        } catch (java.io.IOException e) {
          throw new SQLException(e);
        }
        target = url.replace(":35432/", ":" + proxy.port() + "/");
      }
      connection = DriverManager.getConnection(target, "doltsync", "doltsync");
      connection.setAutoCommit(!manual);
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery(postgres ? "SELECT pg_backend_pid()"
              : "SELECT tid FROM information_schema.processlist WHERE id = CONNECTION_ID()")) {
        rs.next();
        serverStat = Path.of("/proc", rs.getString(1), "schedstat");
      }
    }

    Result run(double seconds, byte[] payload, String instance) throws Exception {
      var threads = ManagementFactory.getThreadMXBean();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long server0 = serverNanos();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long bytes = 0;
      int n = 0;
      long sent0 = proxy == null ? 0 : proxy.clientBytes();
      try (Statement s = connection.createStatement()) {
        while (System.nanoTime() < end) {
          int id = 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS);
          if (trips != null) {
            for (String[] trip : trips.apply(id)) {
              for (String t : trip) {
                bytes += t.length();
              }
              if (trip.length == 1) {
                boolean rows = s.execute(trip[0]);
                while (rows || s.getUpdateCount() != -1) {
                  if (rows) {
                    try (ResultSet rs = s.getResultSet()) {
                      rs.next();
                    }
                  }
                  rows = s.getMoreResults();
                }
              } else {
                for (String t : trip) {
                  s.addBatch(t);
                }
                s.executeBatch();
              }
            }
          } else if (preparedSql != null) {
            try (PreparedStatement p = connection.prepareStatement(preparedSql)) {
              if (journalValues > 0) {
                p.setString(1, UUID.randomUUID().toString());
                p.setString(2, preparedInstance);
                p.setBytes(3, preparedPayload);
              }
              binder.bind(p, journalValues, id);
              if (p.execute()) {
                try (ResultSet rs = p.getResultSet()) {
                  rs.next();
                }
              }
            }
          } else if (text == null) {
            connection.setAutoCommit(false);
            s.executeUpdate("UPDATE acct SET bal = bal + 1 WHERE id = " + id);
            String insert = mariaDbInsert("j_index", payload, instance);
            bytes += insert.length();
            s.executeUpdate(insert);
            connection.commit();
            connection.setAutoCommit(true);
          } else {
            String sql = text.apply(id);
            bytes += sql.length();
            if (s.execute(sql)) {
              try (ResultSet rs = s.getResultSet()) {
                rs.next();
              }
            }
          }
          n++;
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      long server = serverNanos() - server0;
      if (proxy != null) {
        bytes = proxy.clientBytes() - sent0;
      }
      return new Result(n / wall, server / 1e3 / n, cpu / 1e3 / n, bytes / n);
    }

    long serverNanos() throws java.io.IOException {
      return Long.parseLong(Files.readString(serverStat).trim().split(" ")[0]);
    }
  }

  private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double min(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    return rs.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  private static double max(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    return rs.stream().mapToDouble(f).max().orElse(Double.NaN);
  }
}
