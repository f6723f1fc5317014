package io.doltsync.internal.jdbc.wrapper;

import static io.doltsync.testing.QueryRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches that mix mirrored tables, a table excluded with {@code doltsync.exclude}, and statements routed
 * to Dolt, on every primary: generated batches run through the raw driver and through doltsync must give
 * the same update counts and leave the same rows; after commit, Dolt holds exactly the primary's mirrored
 * tables and the branches the batches' Dolt entries made, and nothing of the excluded table.
 *
 * <p>{@code -Ddoltsync.mixedBatch.rounds=N} runs more generated batches (default 8 per primary).
 */
class MixedBatchTest {

  private static final int ROUNDS = Integer.getInteger("doltsync.mixedBatch.rounds", 8);
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), qty INT)",
      "CREATE TABLE tags (label VARCHAR(40), weight INT)",            // keyless: copied whole
      "CREATE TABLE audit (id INT PRIMARY KEY, note VARCHAR(40))");   // excluded

  /** One batch entry: its SQL, and whether it goes to Dolt (so the raw driver does not run it). */
  record Entry(String sql, boolean dolt) {}

  /**
   * Generates statement batches over {@code items}, {@code tags} and {@code audit}: inserts with fresh keys,
   * updates and deletes by key (hitting a row or not) and by range (several rows), and, when asked, Dolt
   * entries that make and drop branches through the writable {@code dolt_branches} and {@code dolt_branch()}.
   */
  static final class BatchGenerator {
    private final Random random;
    private int nextId = 1;
    private int nextBranch = 1;
    final List<String> branchesMade = new ArrayList<>();
    final List<String> branchesDropped = new ArrayList<>();

    BatchGenerator(long seed) {
      random = new Random(seed);
    }

    List<Entry> batch(boolean withDolt) {
      List<Entry> entries = new ArrayList<>();
      int size = 2 + random.nextInt(8);
      for (int i = 0; i < size; i++) {
        entries.add(withDolt && random.nextInt(4) == 0 ? doltEntry() : primaryEntry());
      }
      if (withDolt && entries.stream().noneMatch(Entry::dolt)) {
        entries.add(doltEntry());
      }
      if (withDolt && branchesDropped.isEmpty() && branchesMade.size() > 1) {
        entries.add(dropBranch());
      }
      if (entries.stream().allMatch(e -> e.dolt() || e.sql().contains("audit"))) {
        entries.add(new Entry("INSERT INTO items VALUES (" + nextId++ + ", 'forced', 1)", false));
      }
      if (entries.stream().noneMatch(e -> e.sql().contains("audit"))) {
        entries.add(new Entry("INSERT INTO audit VALUES (" + nextId++ + ", 'forced')", false));
      }
      return entries;
    }

    private Entry primaryEntry() {
      int known = Math.max(1, nextId);
      String sql = switch (random.nextInt(9)) {
        case 0, 1 -> "INSERT INTO items VALUES (" + nextId++ + ", 'item " + random.nextInt(100) + "', "
            + random.nextInt(50) + ")";
        case 2 -> "UPDATE items SET qty = qty + 1 WHERE id = " + random.nextInt(known + 2);
        case 3 -> "UPDATE items SET name = 'bulk' WHERE qty > " + random.nextInt(50);
        case 4 -> "DELETE FROM items WHERE id = " + random.nextInt(known + 2);
        case 5 -> "INSERT INTO tags VALUES ('t" + random.nextInt(5) + "', " + random.nextInt(9) + ")";
        case 6 -> "UPDATE tags SET weight = weight + 1 WHERE label = 't" + random.nextInt(5) + "'";
        case 7 -> "INSERT INTO audit VALUES (" + nextId++ + ", 'note " + random.nextInt(100) + "')";
        default -> "UPDATE audit SET note = 'seen' WHERE id < " + random.nextInt(known + 2);
      };
      return new Entry(sql, false);
    }

    private Entry dropBranch() {
      String branch = branchesMade.remove(random.nextInt(branchesMade.size()));
      branchesDropped.add(branch);
      return new Entry("DELETE FROM dolt_branches WHERE name = '" + branch + "'", true);
    }

    private Entry doltEntry() {
      if (!branchesMade.isEmpty() && random.nextBoolean()) {
        return dropBranch();
      }
      String branch = "mb" + nextBranch++;
      branchesMade.add(branch);
      return random.nextBoolean()
          ? new Entry("INSERT INTO dolt_branches (name, hash) VALUES ('" + branch + "', HASHOF('main'))", true)
          : new Entry("CALL dolt_branch('" + branch + "')", true);
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void generatedStatementBatchesMatchTheRawDriverAndMirrorExactly(PrimaryKind kind) throws Exception {
    String doltDatabase = DoltDatabases.newName("mixbatch_" + kind.name().toLowerCase());
    try (PrimaryKind.Space rawSpace = kind.createSpace("mixraw"); PrimaryKind.Space space = kind.createSpace("mixds")) {
      try (Connection raw = rawSpace.connect(); Connection app = open(kind, space, doltDatabase)) {
        createSchema(raw);
        createSchema(app);
        BatchGenerator generator = new BatchGenerator(kind.ordinal() * 7919L + 17);
        for (int round = 0; round < ROUNDS; round++) {
          boolean autoCommit = round % 3 == 0;
          raw.setAutoCommit(autoCommit);
          app.setAutoCommit(autoCommit);
          List<Entry> batch = generator.batch(round % 2 == 1);
          long[] rawCounts = runBatch(raw, batch.stream().filter(e -> !e.dolt()).toList());
          long[] appCounts = runBatch(app, batch);
          assertThat(primaryCounts(appCounts, batch)).as("round %d: %s", round, batch).containsExactly(rawCounts);
          assertThat(doltCounts(appCounts, batch)).as("round %d Dolt entries: %s", round, batch)
              .allMatch(count -> count == 1 || count == Statement.SUCCESS_NO_INFO);
          if (!autoCommit) {
            raw.commit();
            app.commit();
          }
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        app.setAutoCommit(true);
        assertSameRows(raw, app, "SELECT id, name, qty FROM items ORDER BY id");
        assertSameRows(raw, app, "SELECT label, weight FROM tags ORDER BY label, weight");
        assertSameRows(raw, app, "SELECT id, note FROM audit ORDER BY id");
        try (Connection dolt = TestServers.dolt(doltDatabase)) {
          assertThat(rows(dolt, "SELECT id, name, qty FROM items ORDER BY id"))
              .isEqualTo(rows(raw, "SELECT id, name, qty FROM items ORDER BY id")).isNotEmpty();
          assertThat(rows(dolt, "SELECT label, weight FROM tags ORDER BY label, weight"))
              .isEqualTo(rows(raw, "SELECT label, weight FROM tags ORDER BY label, weight"));
          assertThat(rows(dolt, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
              + doltDatabase + "' AND table_name = 'audit'")).isEmpty();
          List<List<String>> branches = rows(dolt, "SELECT name FROM dolt_branches WHERE name LIKE 'mb%' ORDER BY name");
          assertThat(branches.stream().map(row -> row.get(0)).sorted().toList())
              .isEqualTo(generator.branchesMade.stream().sorted().toList());
          assertThat(generator.branchesDropped).as("branches dropped by batches").isNotEmpty();
        }
      } finally {
        DoltDatabases.drop(doltDatabase);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void preparedBatchesOnMirroredExcludedAndDoltStatementsInOneTransaction(PrimaryKind kind) throws Exception {
    String doltDatabase = DoltDatabases.newName("mixprep_" + kind.name().toLowerCase());
    try (PrimaryKind.Space rawSpace = kind.createSpace("mpraw"); PrimaryKind.Space space = kind.createSpace("mpds")) {
      try (Connection raw = rawSpace.connect(); Connection app = open(kind, space, doltDatabase)) {
        createSchema(raw);
        createSchema(app);
        Map<String, long[]> rawCounts = preparedBatches(raw, false);
        Map<String, long[]> appCounts = preparedBatches(app, true);
        assertThat(appCounts.keySet()).containsExactly("items", "audit", "update", "dolt");
        for (String batch : List.of("items", "audit", "update")) {
          assertThat(appCounts.get(batch)).as(batch).containsExactly(rawCounts.get(batch));
        }
        assertThat(appCounts.get("dolt")).containsExactly(1, 1, 1);
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        try (Connection dolt = TestServers.dolt(doltDatabase)) {
          assertThat(rows(dolt, "SELECT id, name, qty FROM items ORDER BY id"))
              .isEqualTo(rows(raw, "SELECT id, name, qty FROM items ORDER BY id")).hasSize(20);
          assertThat(rows(dolt, "SELECT name FROM dolt_branches WHERE name LIKE 'pb%' ORDER BY name"))
              .containsExactly(List.of("pb0"), List.of("pb1"), List.of("pb2"));
        }
      } finally {
        DoltDatabases.drop(doltDatabase);
      }
    }
  }

  /** Prepared batches in one transaction: inserts into a mirrored and an excluded table, an update, Dolt branches. */
  private static Map<String, long[]> preparedBatches(Connection connection, boolean withDolt) throws SQLException {
    Map<String, long[]> counts = new LinkedHashMap<>();
    connection.setAutoCommit(false);
    try (PreparedStatement items = connection.prepareStatement("INSERT INTO items (id, name, qty) VALUES (?, ?, ?)");
        PreparedStatement audit = connection.prepareStatement("INSERT INTO audit (id, note) VALUES (?, ?)");
        PreparedStatement update = connection.prepareStatement("UPDATE items SET qty = qty * 2 WHERE id <= ?")) {
      for (int i = 1; i <= 20; i++) {
        items.setInt(1, i);
        items.setString(2, "item " + i);
        items.setInt(3, i);
        items.addBatch();
        audit.setInt(1, i);
        audit.setString(2, "added " + i);
        audit.addBatch();
      }
      counts.put("items", items.executeLargeBatch());
      counts.put("audit", LongStream.of(AbstractStatementWrapper.widen(audit.executeBatch())).toArray());
      for (int limit : new int[] {3, 0, 25}) {
        update.setInt(1, limit);
        update.addBatch();
      }
      counts.put("update", AbstractStatementWrapper.widen(update.executeBatch()));
    }
    if (withDolt) {
      try (PreparedStatement branches =
          connection.prepareStatement("INSERT INTO dolt_branches (name, hash) VALUES (?, HASHOF('main'))")) {
        for (int i = 0; i < 3; i++) {
          branches.setString(1, "pb" + i);
          branches.addBatch();
        }
        counts.put("dolt", AbstractStatementWrapper.widen(branches.executeBatch()));
      }
    }
    connection.commit();
    connection.setAutoCommit(true);
    return counts;
  }

  private static Connection open(PrimaryKind kind, PrimaryKind.Space space, String doltDatabase) throws SQLException {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("doltsync.target", TestServers.doltUrl(doltDatabase));
    options.put("doltsync.exclude", "audit");
    return DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), options), kind.credentials());
  }

  private static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String ddl : SCHEMA) {
        statement.execute(ddl);
      }
    }
  }

  private static long[] runBatch(Connection connection, List<Entry> entries) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (Entry entry : entries) {
        statement.addBatch(entry.sql());
      }
      return statement.executeLargeBatch();
    }
  }

  private static long[] primaryCounts(long[] counts, List<Entry> batch) {
    return LongStream.range(0, counts.length).filter(i -> !batch.get((int) i).dolt()).map(i -> counts[(int) i]).toArray();
  }

  private static List<Long> doltCounts(long[] counts, List<Entry> batch) {
    List<Long> dolt = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (batch.get(i).dolt()) {
        dolt.add(counts[i]);
      }
    }
    return dolt;
  }

  private static void assertSameRows(Connection raw, Connection app, String query) throws SQLException {
    assertThat(rows(app, query)).as(query).isEqualTo(rows(raw, query));
  }
}
