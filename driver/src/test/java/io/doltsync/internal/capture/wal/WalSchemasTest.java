package io.doltsync.internal.capture.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.mirror.CommitTrailer;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wal capture mirrors of two schemas of one database, each into its own Dolt database: every slot of the database
 * decodes every logical message written in it, whichever schema the transaction wrote. Random transactions on both,
 * those of the second with what a doltsync connection announces (tables created, altered and dropped, commit
 * messages and authors, {@code DOLT_COMMIT('--allow-empty')}); each Dolt database must then hold its own schema's
 * tables and rows only, with one commit per transaction of its own schema (another mirror's DDL or empty commit made
 * tables and commits in the first one's Dolt database before its announcements were scoped to its slot).
 */
class WalSchemasTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private final List<String> schemas = new ArrayList<>();
  private final List<String> doltDatabases = new ArrayList<>();

  @AfterEach
  void drop() throws SQLException {
    io.doltsync.internal.mirror.MirrorRegistry.closeAll();
    try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
      for (String schema : schemas) {
        WalCaptureValuesTest.dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    for (String database : doltDatabases) {
      DoltDatabases.drop(database);
    }
  }

  @Test
  void aMirrorTakesNoOtherSchemasAnnouncements() throws Exception {
    long seed = Long.getLong("walSchemas.seed", System.nanoTime());
    System.out.println("[walSchemas] seed " + seed);
    Random random = new Random(seed);
    String quiet = TestServers.createPostgresSchema("pgwal_quiet_walmode");
    schemas.add(quiet);
    String busy = TestServers.createPostgresSchema("pgwal_busy_walmode");
    schemas.add(busy);
    try (Connection raw = TestServers.postgres(quiet); Statement statement = raw.createStatement()) {
      statement.execute("CREATE TABLE counter (id integer PRIMARY KEY, n integer)");
      statement.execute("INSERT INTO counter VALUES (1, 0)");
    }
    try (Connection quietSide = open(quiet); Connection busySide = open(busy);
        Statement onQuiet = quietSide.createStatement(); Statement onBusy = busySide.createStatement()) {
      int quietTransactions = 0;
      List<String> busyTables = new ArrayList<>();
      int nextTable = 0;
      for (int t = 0; t < 40; t++) {
        switch (random.nextInt(6)) {
          case 0 -> {
            String table = "b" + nextTable++;
            onBusy.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, v text)");
            busyTables.add(table);
          }
          case 1 -> {
            if (!busyTables.isEmpty()) {
              onBusy.execute("ALTER TABLE " + busyTables.get(random.nextInt(busyTables.size()))
                  + " ADD COLUMN c" + t + " integer");
            }
          }
          case 2 -> {
            if (!busyTables.isEmpty()) {
              onBusy.execute("DROP TABLE " + busyTables.remove(random.nextInt(busyTables.size())));
            }
          }
          case 3 -> onBusy.execute("CALL DOLT_COMMIT('--allow-empty', '-m', 'empty " + t + "')");
          case 4 -> {
            if (!busyTables.isEmpty()) {
              busySide.setAutoCommit(false);
              DoltSyncConnection doltsync = busySide.unwrap(DoltSyncConnection.class);
              doltsync.setCommitMessage("busy " + t);
              doltsync.setCommitAuthor("Busy Writer", "busy@example.com");
              onBusy.execute("INSERT INTO " + busyTables.get(random.nextInt(busyTables.size())) + " (id, v) VALUES ("
                  + t + ", 'v')");
              busySide.commit();
              busySide.setAutoCommit(true);
            }
          }
          default -> {
            onQuiet.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
            quietTransactions++;
          }
        }
      }
      busySide.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
      quietSide.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
      String quietDolt = doltDatabases.get(0);
      assertThat(doltTables(quietDolt)).as("seed %d: tables in the quiet schema's Dolt database", seed)
          .containsExactly("counter");
      assertThat(mirroredCommits(quietDolt)).as("seed %d: the quiet schema's Dolt commits", seed)
          .isEqualTo(quietTransactions);
      try (Connection dolt = TestServers.dolt(quietDolt); Statement statement = dolt.createStatement();
          ResultSet rs = statement.executeQuery("SELECT n FROM counter WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).as("seed %d: the quiet schema's row in Dolt", seed).isEqualTo(quietTransactions);
      }
      assertThat(doltTables(doltDatabases.get(1))).as("seed %d: tables in the busy schema's Dolt database", seed)
          .containsExactlyElementsOf(new TreeSet<>(busyTables));
    }
  }

  private Connection open(String schema) throws SQLException {
    String dolt = DoltDatabases.newName("pgwal_schemas_walmode");
    doltDatabases.add(dolt);
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", "wal");
    return DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD);
  }

  private static List<String> doltTables(String database) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection dolt = TestServers.dolt(database); Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        if (!rs.getString(1).startsWith("doltsync_")) {
          tables.add(rs.getString(1));
        }
      }
    }
    tables.sort(null);
    return tables;
  }

  private static long mirroredCommits(String database) throws SQLException {
    long commits = 0;
    try (Connection dolt = TestServers.dolt(database); Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT message FROM dolt_log")) {
      while (rs.next()) {
        if (CommitTrailer.transactionsOf(rs.getString(1)).stream().anyMatch(id -> id.startsWith("pg-"))) {
          commits++;
        }
      }
    }
    return commits;
  }
}
