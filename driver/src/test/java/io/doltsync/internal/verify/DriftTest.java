package io.doltsync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.ReconcileReport;
import io.doltsync.VerifyReport;
import io.doltsync.VerifyReport.RowDifference;
import io.doltsync.VerifyReport.TableReport;
import io.doltsync.internal.verify.DriftFixture.Column;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Out-of-band writes over plain connections (random inserts, updates and deletes over every mapped column
 * type, NULLs included, and duplicates and deletions in a keyless table) are found by verify with exact
 * row reports, healed by reconcile in one Dolt commit, after which verify finds nothing. The seed comes
 * from {@code -Ddoltsync.driftSeed} (default: random, printed with every failure).
 */
class DriftTest {

  private static final int ROWS = 120;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void outOfBandWritesAreFoundExactlyAndHealedInOneCommit(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.driftSeed", new Random().nextLong());
    Random random = new Random(seed);
    String context = kind + " seed " + seed;
    String doltDb = DoltDatabases.newName("drift");
    List<Column> columns = DriftFixture.columns(kind);
    List<Column> keyless = DriftFixture.keylessColumns();
    try (PrimaryKind.Space space = kind.createSpace("drift")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Connection plain = space.connect()) {
        try (Statement statement = app.createStatement()) {
          statement.execute(DriftFixture.createTable(DriftFixture.KEYED, columns, true));
          statement.execute(DriftFixture.createTable(DriftFixture.KEYLESS, keyless, false));
        }
        app.setAutoCommit(false);
        for (long id = 1; id <= ROWS; id++) {
          insertKeyed(app, columns, id, random);
        }
        for (int i = 0; i < ROWS / 2; i++) {
          insertKeyless(app, keyless, i, random);
        }
        app.commit();
        app.setAutoCommit(true);

        VerifyReport clean = DoltSync.verify(app);
        assertThat(clean.inSync()).as(context + ": " + clean).isTrue();
        assertThat(table(clean, DriftFixture.KEYED).rowsCompared()).isEqualTo(ROWS);
        assertThat(table(clean, DriftFixture.KEYLESS).rowsCompared()).isEqualTo(ROWS / 2);

        Expected expected = outOfBand(plain, columns, keyless, random);
        VerifyReport drift = DoltSync.verify(app);
        TableReport items = table(drift, DriftFixture.KEYED);
        assertThat(keysOf(items, r -> r.doltRow() == null)).as(context).isEqualTo(expected.inserted);
        assertThat(keysOf(items, r -> r.primaryRow() != null && r.doltRow() != null)).as(context).isEqualTo(expected.updated);
        assertThat(keysOf(items, r -> r.primaryRow() == null)).as(context).isEqualTo(expected.deleted);
        assertThat(items.differingRows()).isEqualTo(expected.inserted.size() + expected.updated.size() + expected.deleted.size());
        for (RowDifference row : items.rows()) {
          if (row.primaryRow() != null && row.doltRow() != null) {
            int varchar = items.columns().stream().map(String::toLowerCase).toList().indexOf("c_varchar");
            assertThat(row.primaryRow().get(varchar)).as(context).isEqualTo("oob-" + row.key().get(0));
            assertThat(row.doltRow().get(varchar)).as(context).isNotEqualTo("oob-" + row.key().get(0));
          }
        }
        TableReport log = table(drift, DriftFixture.KEYLESS);
        assertThat(log.keyed()).isFalse();
        assertThat(log.rows()).as(context).hasSize(expected.keylessDuplicates + 1);
        assertThat(log.rows().stream().filter(r -> r.doltRow() == null).count()).isEqualTo(expected.keylessDuplicates);
        assertThat(log.rows().stream().filter(r -> r.primaryRow() == null).map(r -> r.doltRow().get(0)).toList())
            .containsExactly(expected.keylessDeleted);

        long commitsBefore = DoltDatabases.commitCount(doltDb);
        ReconcileReport healed = DoltSync.reconcile(app, drift);
        assertThat(healed.commitHash()).as(context).isNotBlank();
        assertThat(DoltDatabases.commitCount(doltDb)).as("one Dolt commit").isEqualTo(commitsBefore + 1);
        assertThat(healed.message()).startsWith("Reconcile: ").contains(DriftFixture.KEYED + " (+"
            + expected.inserted.size() + " ~" + expected.updated.size() + " -" + expected.deleted.size() + ")");
        try (Connection dolt = TestServers.dolt(doltDb); Statement statement = dolt.createStatement();
            ResultSet rs = statement.executeQuery("SELECT message FROM dolt_log LIMIT 1")) {
          rs.next();
          assertThat(rs.getString(1)).startsWith(healed.message());
        }

        VerifyReport after = DoltSync.verify(app);
        assertThat(after.inSync()).as(context + ": " + after.differingTables()).isTrue();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private record Expected(Set<Long> inserted, Set<Long> updated, Set<Long> deleted, int keylessDuplicates,
      String keylessDeleted) {}

  /** Random inserts, updates (always changing c_varchar, and random other columns) and deletes on distinct keys. */
  private static Expected outOfBand(Connection plain, List<Column> columns, List<Column> keyless, Random random)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (long id = 1; id <= ROWS; id++) {
      ids.add(id);
    }
    java.util.Collections.shuffle(ids, random);
    Set<Long> updated = new TreeSet<>(ids.subList(0, 2 + random.nextInt(6)));
    Set<Long> deleted = new TreeSet<>(ids.subList(10, 11 + random.nextInt(4)));
    Set<Long> inserted = new TreeSet<>();
    int inserts = 1 + random.nextInt(5);
    for (int i = 0; i < inserts; i++) {
      inserted.add(10_000L + random.nextInt(1_000_000));
    }
    plain.setAutoCommit(true);
    for (Long id : inserted) {
      insertKeyed(plain, columns, id, random);
    }
    for (Long id : updated) {
      List<Column> changed = new ArrayList<>();
      for (Column column : columns) {
        if (random.nextInt(3) == 0 && !column.name().equals("c_varchar")) {
          changed.add(column);
        }
      }
      StringBuilder sql = new StringBuilder("UPDATE " + DriftFixture.KEYED + " SET c_varchar = ?");
      changed.forEach(c -> sql.append(", ").append(c.name()).append(" = ").append(c.placeholder()));
      sql.append(" WHERE id = ?");
      try (PreparedStatement update = plain.prepareStatement(sql.toString())) {
        update.setString(1, "oob-" + id);
        int index = 2;
        for (Column column : changed) {
          update.setObject(index++, DriftFixture.value(column, random));
        }
        update.setLong(index, id);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
    }
    try (PreparedStatement delete = plain.prepareStatement("DELETE FROM " + DriftFixture.KEYED + " WHERE id = ?")) {
      for (Long id : deleted) {
        delete.setLong(1, id);
        assertThat(delete.executeUpdate()).isEqualTo(1);
      }
    }
    int duplicates = 1 + random.nextInt(3);
    try (Statement statement = plain.createStatement()) {
      for (int i = 0; i < duplicates; i++) {
        statement.executeUpdate("INSERT INTO " + DriftFixture.KEYLESS + " SELECT * FROM " + DriftFixture.KEYLESS
            + " WHERE who LIKE 'row-1-%' LIMIT 1");
      }
      String deletedWho;
      try (ResultSet rs = statement.executeQuery("SELECT who FROM " + DriftFixture.KEYLESS + " WHERE who LIKE 'row-2-%'")) {
        assertThat(rs.next()).isTrue();
        deletedWho = rs.getString(1);
      }
      assertThat(statement.executeUpdate("DELETE FROM " + DriftFixture.KEYLESS + " WHERE who LIKE 'row-2-%'")).isEqualTo(1);
      return new Expected(inserted, updated, deleted, duplicates, deletedWho);
    }
  }

  private static void insertKeyed(Connection connection, List<Column> columns, long id, Random random)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(DriftFixture.insert(DriftFixture.KEYED, columns, true))) {
      insert.setLong(1, id);
      for (int i = 0; i < columns.size(); i++) {
        insert.setObject(i + 2, DriftFixture.value(columns.get(i), random));
      }
      insert.executeUpdate();
    }
  }

  private static void insertKeyless(Connection connection, List<Column> columns, int n, Random random)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(DriftFixture.insert(DriftFixture.KEYLESS, columns, false))) {
      insert.setString(1, "row-" + n + "-" + DriftFixture.text(random, 5, false));
      for (int i = 1; i < columns.size(); i++) {
        insert.setObject(i + 1, DriftFixture.value(columns.get(i), random));
      }
      insert.executeUpdate();
    }
  }

  private static TableReport table(VerifyReport report, String name) {
    return report.tables().stream().filter(t -> t.table().equalsIgnoreCase(name)).findFirst().orElseThrow();
  }

  private static Set<Long> keysOf(TableReport table, java.util.function.Predicate<RowDifference> which) {
    return table.rows().stream().filter(which).map(r -> ((Number) r.key().get(0)).longValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
