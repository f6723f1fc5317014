package io.doltsync.tck;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.VerifyReport;
import io.doltsync.WritebackConflictException;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the write-back oracle (see {@link WritebackOracleTest}). Two tables, accounts and their
 * entries (a foreign key between them); accounts are only updated, entries inserted, updated and deleted.
 * A background writer on a doltsync connection of its own writes the same tables throughout, restores
 * included.
 *
 * <p>The expected state of a write-back's commit {@code W} with parent {@code P} (the mirror's order is the
 * primary's commit order, and every row the write-back writes was locked until {@code W}, so {@code P}
 * holds what it saw): revert {@code C} (or {@code A..B}): every row differing between {@code C~1} and
 * {@code C} is decided by the merge rule (strict row rule, or cell-wise with skipConflicts) from base
 * {@code C}, target {@code C~1} and ours {@code P}; publish {@code B}: the same from merge base {@code M},
 * target {@code B}, ours {@code P}, cell-wise; restore {@code R} from the head {@code H} it started from
 * (the report's {@code from}): strict, the restored tables equal {@code R}, except a row under a key
 * absent from both {@code H} and {@code R} that a concurrent transaction inserted and the restore did not
 * touch ({@code W} equals {@code P} there; PostgreSQL and H2 only, MariaDB's gap locks keep such an insert
 * waiting), and no row that changed between {@code H} and {@code P} was written by the restore (that
 * would be a concurrent change overwritten); with skipConflicts, the cell-wise merge from base {@code H},
 * target {@code R}, ours {@code P}. Every other row equals {@code P}. A strict write-back that reported no
 * conflict must find none here.
 */
final class WritebackOracleRun {

  static final int DEFAULT_OPERATIONS = 8;
  private static final int ACCOUNTS = 16;
  private static final int ENTRIES = 24;
  private static final List<String> TABLES = List.of("wbo_account", "wbo_entry");
  private static final Map<String, String> COLUMNS = Map.of(
      "wbo_account", "id, owner, balance, flag",
      "wbo_entry", "id, account_id, amount, note");

  private final Primary primary;
  private final int operations;
  private final long seed;
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger nextEntry = new AtomicInteger(1000);
  private int applied;
  private int conflicts;
  private int refused;
  private int restores;
  private int keptInserts;
  private final AtomicInteger writerCommits = new AtomicInteger();
  private final AtomicInteger writerRetries = new AtomicInteger();

  WritebackOracleRun(Primary primary, int operations, long seed) {
    this.primary = primary;
    this.operations = operations;
    this.seed = seed;
  }

  record Summary(String primary, long seed, int operations, int applied, int conflicts, int refused, int writerCommits,
      int writerRetries, int restores, int keptInserts, List<String> violations) {
    @Override
    public String toString() {
      return "write-back oracle on " + primary + " (seed " + seed + "): " + operations + " write-backs, " + applied
          + " committed, " + conflicts + " refused for conflicts, " + refused + " refused otherwise; concurrent writer "
          + writerCommits + " commits, " + writerRetries + " retried; " + restores + " restores committed with the writer active, "
          + keptInserts + " concurrent inserts kept by them; violations: " + violations.size()
          + (violations.isEmpty() ? "" : "\n  " + String.join("\n  ", violations.subList(0, Math.min(10, violations.size()))));
    }
  }

  Summary run() throws Exception {
    Random random = new Random(seed);
    PrimaryDatabase database = primary.createDatabase();
    DoltDatabase dolt = DoltDatabase.fresh();
    Properties properties = database.credentials();
    properties.setProperty("doltsync.target", primary.doltTarget(dolt.targetUrl()));
    properties.setProperty("doltsync.targetUser", Servers.DOLT_USER);
    properties.setProperty("doltsync.targetPassword", "");
    properties.setProperty("doltsync.mode", "sync");
    properties.setProperty("doltsync.syncTimeout", "120s");
    boolean ok = false;
    try (Connection app = DriverManager.getConnection(database.doltSyncUrl(), properties);
        Connection other = DriverManager.getConnection(database.doltSyncUrl(), properties);
        Connection doltReader = dolt.connect()) {
      setUp(app, random);
      String setupHead = head(doltReader);
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = new Thread(() -> writeConcurrently(other, new Random(seed + 1), stop), "wbo-writer");
      writer.start();
      try {
        for (int i = 0; i < operations; i++) {
          for (int t = 1 + random.nextInt(3); t > 0; t--) {
            randomTransaction(app, random, 2_000);
          }
          operation(app, doltReader, dolt, random, setupHead, i);
        }
      } finally {
        stop.set(true);
        writer.join(60_000);
      }
      VerifyReport verify = DoltSync.verify(app);
      if (!verify.inSync()) {
        violations.add("after the run the primary and Dolt's head differ: " + verify.differingTables());
      }
      ok = violations.isEmpty();
    } finally {
      if (ok) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
          statement.execute(database.dropStatement());
        } catch (SQLException ignored) {
          // best effort
        }
        dolt.drop();
      }
    }
    return new Summary(primary.name(), seed, operations, applied, conflicts, refused, writerCommits.get(),
        writerRetries.get(), restores, keptInserts, List.copyOf(violations));
  }

  private void setUp(Connection app, Random random) throws SQLException {
    try (Statement statement = app.createStatement()) {
      statement.execute("CREATE TABLE wbo_account (id INT PRIMARY KEY, owner VARCHAR(30), balance DECIMAL(12,2), flag INT)");
      statement.execute("CREATE TABLE wbo_entry (id INT PRIMARY KEY, account_id INT NOT NULL, amount DECIMAL(12,2),"
          + " note VARCHAR(30), FOREIGN KEY (account_id) REFERENCES wbo_account (id))");
    }
    app.setAutoCommit(false);
    try (Statement statement = app.createStatement()) {
      for (int a = 1; a <= ACCOUNTS; a++) {
        statement.execute("INSERT INTO wbo_account VALUES (" + a + ", 'owner" + a + "', " + a * 10 + ".25, 0)");
      }
      for (int e = 1; e <= ENTRIES; e++) {
        statement.execute("INSERT INTO wbo_entry VALUES (" + e + ", " + (1 + random.nextInt(ACCOUNTS)) + ", " + e
            + ".50, 'seed')");
      }
    }
    app.commit();
    app.setAutoCommit(true);
  }

  /** One application transaction of 1-3 random writes; returns its Dolt commit (null when it failed). */
  private String randomTransaction(Connection connection, Random random, int entryBase) {
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (int s = 1 + random.nextInt(3); s > 0; s--) {
          int account = 1 + random.nextInt(ACCOUNTS);
          switch (random.nextInt(6)) {
            case 0 -> statement.executeUpdate("UPDATE wbo_account SET balance = " + random.nextInt(10_000) + ".75 WHERE id = " + account);
            case 1 -> statement.executeUpdate("UPDATE wbo_account SET owner = 'o" + random.nextInt(100) + "', flag = "
                + random.nextInt(5) + " WHERE id = " + account);
            case 2 -> statement.executeUpdate("INSERT INTO wbo_entry VALUES (" + (entryBase + nextEntry.incrementAndGet())
                + ", " + account + ", " + random.nextInt(500) + ".00, 'n" + random.nextInt(100) + "')");
            case 3 -> statement.executeUpdate("UPDATE wbo_entry SET note = 'u" + random.nextInt(100) + "' WHERE id = "
                + (1 + random.nextInt(ENTRIES)));
            case 4 -> statement.executeUpdate("DELETE FROM wbo_entry WHERE id = " + (1 + random.nextInt(ENTRIES)));
            default -> statement.executeUpdate("UPDATE wbo_entry SET amount = amount + 1 WHERE account_id = " + account);
          }
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      return connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
    } catch (SQLException e) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is reused; a broken one shows up in the next statement
      }
      return null;
    }
  }

  private void writeConcurrently(Connection connection, Random random, AtomicBoolean stop) {
    while (!stop.get()) {
      if (randomTransaction(connection, random, 50_000) != null) {
        writerCommits.incrementAndGet();
      } else {
        writerRetries.incrementAndGet();
      }
      try {
        Thread.sleep(random.nextInt(30));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void operation(Connection app, Connection dolt, DoltDatabase database, Random random, String setupHead, int n)
      throws Exception {
    List<String> history = commitsSince(dolt, setupHead);
    int kind = random.nextInt(3);
    String before = head(dolt);
    WritebackReport report;
    Expected expected;
    try {
      if (kind == 0 && !history.isEmpty()) {
        String commit = history.get(random.nextInt(Math.min(history.size(), 8)));
        boolean range = random.nextInt(4) == 0 && history.size() > 2;
        String from = range ? commit + "~2" : commit + "~1";
        boolean cells = random.nextBoolean();
        report = DoltSync.revert(app, range ? resolve(dolt, from) + ".." + commit : commit,
            WritebackOptions.DEFAULT.withSkipConflicts(cells));
        expected = (p, table) -> merge(dolt, table, resolve(dolt, commit), resolve(dolt, from), p, cells);
      } else if (kind == 1) {
        String target = history.isEmpty() ? setupHead : history.get(random.nextInt(history.size()));
        List<String> tables = random.nextBoolean() ? List.of() : List.of(TABLES.get(random.nextInt(2)));
        boolean cells = random.nextInt(3) == 0;
        WritebackReport restored = DoltSync.restore(app, target, WritebackOptions.DEFAULT.withTables(tables)
            .withSkipConflicts(cells));
        report = restored;
        expected = (p, table) -> !tables.isEmpty() && !tables.contains(table) ? rows(dolt, table, p)
            : cells ? merge(dolt, table, restored.from(), resolve(dolt, target), p, true)
            : restoredRows(dolt, table, restored.from(), resolve(dolt, target), p, restored.commitHash());
      } else {
        String branch = "wbo_branch_" + n;
        String base = history.isEmpty() ? setupHead : history.get(random.nextInt(history.size()));
        prepareBranch(database, branch, base, random);
        String tip = resolve(dolt, branch);
        String mergeBase = single(dolt, "SELECT DOLT_MERGE_BASE('" + tip + "', 'main')");
        report = DoltSync.publish(app, branch, WritebackOptions.DEFAULT);
        expected = (p, table) -> merge(dolt, table, mergeBase, tip, p, true);
      }
    } catch (WritebackConflictException e) {
      conflicts++;
      checkNoCommit(dolt, before, e.report().message(), "conflict " + e.report().operation());
      for (WritebackReport.Conflict conflict : e.conflicts()) {
        if (Objects.equals(String.valueOf(conflict.current()), String.valueOf(conflict.expected()))) {
          violations.add("a reported conflict is no conflict: " + conflict);
        }
      }
      return;
    } catch (SQLException e) {
      refused++;
      checkNoCommit(dolt, before, null, "refused write-back (" + e.getMessage() + ")");
      return;
    }
    if (report.commitHash().isEmpty()) {
      return;
    }
    applied++;
    if (report.operation().equals("restore")) {
      restores++;
    }
    String w = report.commitHash();
    String p = resolve(dolt, w + "~1");
    List<String> made = messagesSince(dolt, before).stream().filter(m -> m.startsWith(report.message())).toList();
    if (made.size() != 1) {
      violations.add(report.operation() + " " + report.revision() + ": " + made.size() + " commits with its message");
    }
    for (String table : TABLES) {
      Map<String, List<String>> want = expected.rows(p, table);
      Map<String, List<String>> got = rows(dolt, table, w);
      if (!want.equals(got)) {
        violations.add(report.operation() + " " + report.revision() + " (" + report.message() + "), table " + table
            + ": expected " + difference(want, got));
      }
    }
  }

  /**
   * What a strict restore's commit {@code w} must hold for a table: the rows of {@code target}, plus rows a
   * concurrent transaction inserted under keys absent from both {@code base} and {@code target} that the
   * restore left as they were in {@code parent} (not on MariaDB, whose gap locks make such inserts wait).
   * A row that changed between {@code base} and {@code parent} must not have been written by the restore.
   */
  private Map<String, List<String>> restoredRows(Connection dolt, String table, String base, String target,
      String parent, String w) throws SQLException {
    Map<String, List<String>> b = rows(dolt, table, base);
    Map<String, List<String>> p = rows(dolt, table, parent);
    Map<String, List<String>> got = rows(dolt, table, w);
    Map<String, List<String>> expected = rows(dolt, table, target);
    Set<String> keys = new LinkedHashSet<>(b.keySet());
    keys.addAll(p.keySet());
    for (String key : keys) {
      if (!Objects.equals(b.get(key), p.get(key)) && !Objects.equals(p.get(key), got.get(key))) {
        violations.add("strict restore overwrote a concurrent change of " + table + " key " + key + ": " + b.get(key)
            + " at its base, " + p.get(key) + " before it, " + got.get(key) + " after it");
      }
    }
    for (Map.Entry<String, List<String>> row : got.entrySet()) {
      String key = row.getKey();
      if (!expected.containsKey(key) && !b.containsKey(key) && row.getValue().equals(p.get(key))) {
        if (primary.name().startsWith("mariadb")) {
          violations.add("restore on MariaDB: a concurrent insert of " + table + " key " + key + " committed before it");
        }
        keptInserts++;
        expected.put(key, row.getValue());
      }
    }
    return expected;
  }

  @FunctionalInterface
  private interface Expected {
    Map<String, List<String>> rows(String parent, String table) throws SQLException;
  }

  /** The oracle's own three-way rule: rows of {@code ours} with the changes base→target merged in. */
  private Map<String, List<String>> merge(Connection dolt, String table, String base, String target, String ours,
      boolean cells) throws SQLException {
    Map<String, List<String>> b = rows(dolt, table, base);
    Map<String, List<String>> t = rows(dolt, table, target);
    Map<String, List<String>> result = rows(dolt, table, ours);
    Set<String> keys = new LinkedHashSet<>(b.keySet());
    keys.addAll(t.keySet());
    for (String key : keys) {
      List<String> baseRow = b.get(key);
      List<String> targetRow = t.get(key);
      if (Objects.equals(baseRow, targetRow)) {
        continue;
      }
      List<String> current = result.get(key);
      if (Objects.equals(current, targetRow)) {
        continue;
      }
      if (baseRow == null || targetRow == null) {
        if (Objects.equals(current, baseRow)) {
          if (targetRow == null) {
            result.remove(key);
          } else {
            result.put(key, targetRow);
          }
        } else if (!cells) {
          violations.add("strict write-back applied though " + table + " key " + key + " conflicts: current " + current
              + ", expected " + baseRow);
        }
        continue;
      }
      if (current == null) {
        if (!cells) {
          violations.add("strict write-back applied though " + table + " key " + key + " was deleted since");
        }
        continue;
      }
      if (!cells) {
        if (current.equals(baseRow)) {
          result.put(key, targetRow);
        } else {
          violations.add("strict write-back applied though " + table + " key " + key + " changed since: " + current
              + ", expected " + baseRow);
        }
        continue;
      }
      List<String> merged = new ArrayList<>(current);
      for (int c = 0; c < merged.size(); c++) {
        if (!Objects.equals(baseRow.get(c), targetRow.get(c)) && Objects.equals(current.get(c), baseRow.get(c))) {
          merged.set(c, targetRow.get(c));
        }
      }
      result.put(key, merged);
    }
    return result;
  }

  private void prepareBranch(DoltDatabase database, String branch, String base, Random random) throws SQLException {
    try (Connection dolt = database.connect(); Statement statement = dolt.createStatement()) {
      statement.execute("CALL DOLT_BRANCH('" + branch + "', '" + base + "')");
      statement.execute("CALL DOLT_CHECKOUT('" + branch + "')");
      for (int s = 1 + random.nextInt(4); s > 0; s--) {
        int account = 1 + random.nextInt(ACCOUNTS);
        switch (random.nextInt(4)) {
          case 0 -> statement.executeUpdate("UPDATE wbo_account SET balance = " + random.nextInt(10_000) + ".10 WHERE id = " + account);
          case 1 -> statement.executeUpdate("UPDATE wbo_account SET flag = " + (10 + random.nextInt(5)) + " WHERE id = " + account);
          case 2 -> statement.executeUpdate("INSERT INTO wbo_entry VALUES (" + (90_000 + nextEntry.incrementAndGet()) + ", "
              + account + ", 1.00, 'branch')");
          default -> statement.executeUpdate("DELETE FROM wbo_entry WHERE id = " + (1 + random.nextInt(ENTRIES)));
        }
      }
      statement.execute("CALL DOLT_COMMIT('-Am', 'prepared on " + branch + "', '--allow-empty')");
    }
  }

  private void checkNoCommit(Connection dolt, String before, String message, String what) throws SQLException {
    for (String made : messagesSince(dolt, before)) {
      if (made.startsWith("Revert ") || made.startsWith("Restore ") || made.startsWith("Publish ")) {
        if (message == null || made.startsWith(message)) {
          violations.add(what + " left a commit: " + made.lines().findFirst().orElse(""));
        }
      }
    }
  }

  private static Map<String, List<String>> rows(Connection dolt, String table, String revision) throws SQLException {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT " + COLUMNS.get(table) + " FROM " + table + " AS OF '" + revision + "'")) {
      int width = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[width];
        for (int c = 0; c < width; c++) {
          row[c] = rs.getString(c + 1);
        }
        rows.put(row[0], Arrays.asList(row));
      }
    }
    return rows;
  }

  private static String difference(Map<String, List<String>> want, Map<String, List<String>> got) {
    List<String> lines = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(want.keySet());
    keys.addAll(got.keySet());
    for (String key : keys) {
      if (!Objects.equals(want.get(key), got.get(key))) {
        lines.add("key " + key + ": expected " + want.get(key) + ", Dolt " + got.get(key));
      }
    }
    return String.join("; ", lines.subList(0, Math.min(5, lines.size())));
  }

  /** The mirrored branch's commits after {@code since}, newest first. */
  private static List<String> commitsSince(Connection dolt, String since) throws SQLException {
    List<String> commits = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT commit_hash FROM dolt_log('" + since + "..main')")) {
      while (rs.next()) {
        commits.add(rs.getString(1));
      }
    }
    return commits;
  }

  private static List<String> messagesSince(Connection dolt, String since) throws SQLException {
    List<String> messages = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT message FROM dolt_log('" + since + "..main')")) {
      while (rs.next()) {
        messages.add(rs.getString(1));
      }
    }
    return messages;
  }

  private static String head(Connection dolt) throws SQLException {
    return single(dolt, "SELECT HASHOF('main')");
  }

  private static String resolve(Connection dolt, String revision) throws SQLException {
    return single(dolt, "SELECT HASHOF('" + revision + "')");
  }

  private static String single(Connection dolt, String sql) throws SQLException {
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
