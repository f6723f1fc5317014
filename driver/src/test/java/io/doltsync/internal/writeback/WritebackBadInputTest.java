package io.doltsync.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.jdbc.DoltSyncDriver;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each class of bad input, generated: revisions that name nothing (random text with quotes and non-ASCII,
 * random hashes, {@code main~N} past the first commit, {@code HEAD^...}, dates before the first commit,
 * ranges of such), commits of other branches, tables that are not mirrored, the mirrored branch as a
 * branch to publish; and tables write-back refuses: a foreign-key cycle, a self-reference, a keyless
 * table; and a Dolt database that mirrors another primary. Each is a clear error, and neither the primary
 * nor Dolt changes. {@code -Ddoltsync.writebackSeed} fixes the seed (default random, printed on failure).
 */
class WritebackBadInputTest {

  private static final int GENERATED = 10;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789~^._-/'\"\\` ;()%é中😀";

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void everyClassOfBadInputIsRefusedWithNothingChanged(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.writebackSeed", new Random().nextLong());
    Random random = new Random(seed);
    String context = kind + " seed " + seed;
    String doltDb = DoltDatabases.newName("wbbad");
    try (PrimaryKind.Space space = kind.createSpace("wbbad")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Connection dolt = TestServers.dolt(doltDb);
          Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE wb_items (id INT PRIMARY KEY, v INT)");
        statement.execute("CREATE TABLE wb_cyc_a (id INT PRIMARY KEY, b_id INT)");
        statement.execute("CREATE TABLE wb_cyc_b (id INT PRIMARY KEY, a_id INT REFERENCES wb_cyc_a (id))");
        statement.execute("ALTER TABLE wb_cyc_a ADD FOREIGN KEY (b_id) REFERENCES wb_cyc_b (id)");
        statement.execute("CREATE TABLE wb_tree (id INT PRIMARY KEY, parent_id INT REFERENCES wb_tree (id))");
        statement.execute("CREATE TABLE wb_keyless (v INT)");
        statement.executeUpdate("INSERT INTO wb_items VALUES (1, 1), (2, 2)");
        statement.executeUpdate("UPDATE wb_items SET v = 3 WHERE id = 2");
        String itemsCommit = head(dolt);
        app.setAutoCommit(false);
        statement.executeUpdate("INSERT INTO wb_cyc_a VALUES (1, NULL)");
        statement.executeUpdate("INSERT INTO wb_cyc_b VALUES (1, 1)");
        app.commit();
        app.setAutoCommit(true);
        String cycleCommit = head(dolt);
        statement.executeUpdate("INSERT INTO wb_tree VALUES (1, NULL)");
        String treeCommit = head(dolt);
        statement.executeUpdate("INSERT INTO wb_keyless VALUES (1)");
        String keylessCommit = head(dolt);
        List<String> sideCommits = new ArrayList<>();
        try (Statement side = dolt.createStatement()) {
          for (int b = 0; b < 3; b++) {
            side.execute("CALL DOLT_BRANCH('side" + b + "', '" + itemsCommit + "')");
            side.execute("CALL DOLT_CHECKOUT('side" + b + "')");
            side.executeUpdate("UPDATE wb_items SET v = " + (10 + b) + " WHERE id = 1");
            side.execute("CALL DOLT_COMMIT('-am', 'side " + b + "')");
            sideCommits.add(QueryRows.rows(dolt, "SELECT HASHOF('HEAD')").get(0).get(0));
            side.execute("CALL DOLT_CHECKOUT('main')");
          }
        }
        long commits = DoltDatabases.commitCount(doltDb);
        String state = QueryRows.rows(app, "SELECT id, v FROM wb_items ORDER BY id").toString();

        List<String> unknown = unknownRevisions(random, commits);
        for (int i = 0; i < unknown.size(); i++) {
          String revision = unknown.get(i);
          assertThatThrownBy(() -> DoltSync.revert(app, revision, WritebackOptions.DEFAULT)).as(context + " " + revision)
              .isInstanceOf(SQLDataException.class)
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(DoltRevisions.INVALID_REVISION));
          if (i % 3 == 0) {
            assertThatThrownBy(() -> DoltSync.restore(app, revision, WritebackOptions.DEFAULT)).as(context + " " + revision)
                .isInstanceOf(SQLDataException.class);
            assertThatThrownBy(() -> DoltSync.publish(app, revision, WritebackOptions.DEFAULT)).as(context + " " + revision)
                .isInstanceOf(SQLDataException.class);
          }
        }
        for (String commit : sideCommits) {
          assertThatThrownBy(() -> DoltSync.revert(app, commit, WritebackOptions.DEFAULT)).as(context)
              .isInstanceOf(SQLDataException.class).hasMessageContaining("not on the mirrored branch");
          assertThatThrownBy(() -> DoltSync.revert(app, itemsCommit + ".." + commit, WritebackOptions.DEFAULT))
              .as(context).isInstanceOf(SQLDataException.class).hasMessageContaining("not on the mirrored branch");
        }
        for (String table : unmirroredTables(random)) {
          assertThatThrownBy(() -> DoltSync.restore(app, itemsCommit, WritebackOptions.DEFAULT.withTables(List.of(table))))
              .as(context + " " + table).isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining(table);
        }
        for (String mirrored : List.of("main", "MAIN", " main ")) {
          assertThatThrownBy(() -> DoltSync.publish(app, mirrored, WritebackOptions.DEFAULT)).as(context)
              .isInstanceOf(SQLDataException.class).hasMessageContaining("mirrored branch itself");
        }
        assertThatThrownBy(() -> DoltSync.revert(app, cycleCommit, WritebackOptions.DEFAULT)).as(context)
            .isInstanceOf(SQLFeatureNotSupportedException.class)
            .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("cycle").contains("wb_cyc_a").contains("wb_cyc_b"));
        assertThatThrownBy(() -> DoltSync.revert(app, treeCommit, WritebackOptions.DEFAULT)).as(context)
            .isInstanceOf(SQLFeatureNotSupportedException.class)
            .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("wb_tree -> wb_tree"));
        assertThatThrownBy(() -> DoltSync.revert(app, keylessCommit, WritebackOptions.DEFAULT)).as(context)
            .isInstanceOf(SQLFeatureNotSupportedException.class)
            .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("wb_keyless").contains("no primary key"));

        assertThat(DoltDatabases.commitCount(doltDb)).as(context + ": no Dolt commit").isEqualTo(commits);
        assertThat(QueryRows.rows(app, "SELECT id, v FROM wb_items ORDER BY id").toString()).isEqualTo(state);
        assertThat(QueryRows.rows(app, "SELECT COUNT(*) FROM wb_cyc_b")).isEqualTo(List.of(List.of("1")));
        assertThat(QueryRows.rows(app, "SELECT COUNT(*) FROM wb_keyless")).isEqualTo(List.of(List.of("1")));
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** A Dolt database taken over by another primary (doltsync.adopt) is refused to the first one's write-backs. */
  @Test
  void aDoltDatabaseThatMirrorsAnotherPrimaryIsRefused() throws Exception {
    String doltDb = DoltDatabases.newName("wbadopt");
    try (PrimaryKind.Space first = PrimaryKind.H2.createSpace("wbadopt");
        PrimaryKind.Space second = PrimaryKind.H2.createSpace("wbadopt")) {
      String firstUrl = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(first.url(), doltDb), "doltsync.mode", "sync");
      String secondUrl = DoltSyncUrls.withParameter(DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(second.url(), doltDb),
          "doltsync.mode", "sync"), "doltsync.adopt", "true");
      String commit;
      try (Connection app = DriverManager.getConnection(firstUrl, PrimaryKind.H2.credentials());
          Statement statement = app.createStatement(); Connection dolt = TestServers.dolt(doltDb)) {
        statement.execute("CREATE TABLE wb_items (id INT PRIMARY KEY, v INT)");
        statement.executeUpdate("INSERT INTO wb_items VALUES (1, 1)");
        commit = head(dolt);
      }
      DoltSync.shutdown();
      DoltSyncDriver.register();
      // the first primary reconnects without an applier (its identity still matches), then another adopts the database
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.withParameter(firstUrl, "doltsync.applier", "false"),
          PrimaryKind.H2.credentials())) {
        try (Connection other = DriverManager.getConnection(secondUrl, PrimaryKind.H2.credentials());
            Statement otherStatement = other.createStatement()) {
          otherStatement.execute("CREATE TABLE wb_items (id INT PRIMARY KEY, v INT)");
          otherStatement.executeUpdate("INSERT INTO wb_items VALUES (1, 100)");
        }
        assertThatThrownBy(() -> DoltSync.revert(app, commit, WritebackOptions.DEFAULT))
            .isInstanceOf(SQLNonTransientConnectionException.class).hasMessageContaining("mirrors another primary");
        assertThat(QueryRows.rows(app, "SELECT v FROM wb_items")).isEqualTo(List.of(List.of("1")));
      } finally {
        DoltSync.shutdown();
        DoltSyncDriver.register();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Revisions that name nothing in the Dolt database. */
  private static List<String> unknownRevisions(Random random, long commits) {
    List<String> revisions = new ArrayList<>(List.of("", "   ", "..", "main~" + (commits + 5), "1999-01-01",
        "1970-01-01 00:00:01"));
    for (int i = 0; i < GENERATED; i++) {
      switch (i % 5) {
        case 0 -> revisions.add("zz" + text(random, 1 + random.nextInt(20)));
        case 1 -> revisions.add(hash(random));
        case 2 -> revisions.add("HEAD" + "^".repeat((int) commits + 1 + random.nextInt(5)));
        case 3 -> revisions.add(hash(random) + ".." + "main");
        default -> revisions.add("nobranch_" + random.nextInt(1_000_000) + "~" + random.nextInt(3));
      }
    }
    return revisions;
  }

  private static List<String> unmirroredTables(Random random) {
    List<String> tables = new ArrayList<>(List.of("doltsync_journal", "wb_items_x", "dolt_log"));
    for (int i = 0; i < GENERATED / 5; i++) {
      tables.add("nt_" + Integer.toString(random.nextInt(Integer.MAX_VALUE), 36));
    }
    return tables;
  }

  private static String hash(Random random) {
    StringBuilder hash = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      hash.append("0123456789abcdefghijklmnopqrstuv".charAt(random.nextInt(32)));
    }
    return hash.toString();
  }

  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0,
          ALPHABET.length())))));
    }
    return text.toString();
  }

  private static String head(Connection dolt) throws SQLException {
    return QueryRows.rows(dolt, "SELECT HASHOF('main')").get(0).get(0);
  }
}
