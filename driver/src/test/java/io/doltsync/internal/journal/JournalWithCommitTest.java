package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryJournal;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The journal entry written together with the commit ({@link JournalTable#appendAndCommit}): transactions of
 * random sizes (small entries travel with the commit on MariaDB and PostgreSQL; entries above
 * {@link JournalTable#FUSED_BYTES} and H2's go the usual way), explicit and auto-commit, each with an instance
 * name holding quotes and non-ASCII text, leave exactly one decodable entry per committed transaction, naming
 * the rows the primary holds; a journal write that fails commits nothing; and on MariaDB the entry and the
 * commit are one statement the client sends.
 */
class JournalWithCommitTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final String INSTANCE = "app 'one' \\ \"é\" 😀";

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void everyCommittedTransactionHasExactlyItsEntry(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("jcommit");
    try (PrimaryKind.Space space = kind.createSpace("jcommit")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE note (id INT PRIMARY KEY, body " + (kind == PrimaryKind.H2 ? "CLOB" : kind == PrimaryKind.MARIADB ? "MEDIUMTEXT" : "TEXT") + ")");
      }
      List<Integer> committed = new ArrayList<>();
      long questions = 0;
      int explicitSmall = 0;
      try (Connection app = DriverManager.getConnection(url(space, doltDb), properties(kind))) {
        app.setAutoCommit(false);
        app.commit();
        for (int id = 1; id <= 40; id++) {
          boolean autoCommit = random.nextBoolean();
          boolean large = random.nextInt(5) == 0;
          app.setAutoCommit(autoCommit);
          long before = questions(kind, app);
          insert(app, id, large ? noise(random, JournalTable.FUSED_BYTES * 2) : noise(random, 50));
          if (!autoCommit) {
            if (random.nextInt(6) == 0) {
              app.rollback();
              continue;
            }
            app.commit();
          }
          committed.add(id);
          if (!autoCommit && !large) {
            questions += questions(kind, app) - before - 1;
            explicitSmall++;
          }
        }
        app.setAutoCommit(true);
      }
      Map<String, JournalEntry> entries = PrimaryJournal.withChanges(space);
      assertThat(entries).as("one entry per committed transaction (seed %d)", SEED).hasSize(committed.size());
      List<Integer> journaled = new ArrayList<>();
      for (JournalEntry entry : entries.values()) {
        assertThat(entry.instance()).isEqualTo(INSTANCE);
        for (TableChange change : entry.changes()) {
          change.upserts().forEach(row -> journaled.add(((Number) row[0]).intValue()));
        }
      }
      assertThat(journaled).as("the rows each entry names, in commit order").isEqualTo(committed);
      try (Connection raw = space.connect(); Statement s = raw.createStatement();
          ResultSet rs = s.executeQuery("SELECT id FROM note ORDER BY id")) {
        List<Integer> stored = new ArrayList<>();
        while (rs.next()) {
          stored.add(rs.getInt(1));
        }
        assertThat(stored).isEqualTo(committed.stream().sorted().toList());
      }
      if (kind == PrimaryKind.MARIADB && explicitSmall > 0) {
        assertThat(questions / (double) explicitSmall)
            .as("statements per explicit transaction of one INSERT: the INSERT, then the entry with the commit")
            .isEqualTo(2.0);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aJournalWriteThatFailsCommitsNothing(PrimaryKind kind) throws Exception {
    failingJournalWriteCommitsNothing(kind, null);
  }

  /** pgjdbc's autosave rolls a failed statement back to its own savepoint and goes on: the entry then goes alone. */
  @org.junit.jupiter.api.Test
  void withPgjdbcAutosaveAJournalWriteThatFailsCommitsNothing() throws Exception {
    failingJournalWriteCommitsNothing(PrimaryKind.POSTGRES, "autosave=always");
  }

  private static void failingJournalWriteCommitsNothing(PrimaryKind kind, String rawParameter) throws Exception {
    String doltDb = DoltDatabases.newName("jfail");
    try (PrimaryKind.Space space = kind.createSpace("jfail")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(100))");
      }
      String rawUrl = rawParameter == null ? space.url()
          : space.url() + (space.url().contains("?") ? "&" : "?") + rawParameter;
      try (Connection app = DriverManager.getConnection(url(new PrimaryKind.Space(kind, space.name(), rawUrl), doltDb),
          properties(kind))) {
        app.setAutoCommit(false);
        insert(app, 1, "journaled");
        app.commit();
        try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
          s.execute("DROP TABLE " + journalName(kind)); // behind doltsync's back: its next journal write fails
        }
        insert(app, 2, "never committed");
        assertThatThrownBy(app::commit).isInstanceOf(SQLException.class);
        app.rollback();
        app.setAutoCommit(true);
        assertThatThrownBy(() -> insert(app, 3, "auto-commit, never committed")).isInstanceOf(SQLException.class);
        try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM note ORDER BY id")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1);
          assertThat(rs.next()).as("rows whose journal write failed").isFalse();
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static String url(PrimaryKind.Space space, String doltDb) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("doltsync.target", TestServers.doltUrl(doltDb));
    options.put("doltsync.applier", "false");
    return DoltSyncUrls.wrap(space.url(), options);
  }

  /** The credentials, and the instance name (a connection property: any text, no URL quoting). */
  private static java.util.Properties properties(PrimaryKind kind) {
    java.util.Properties properties = kind.credentials();
    properties.setProperty("doltsync.instance", INSTANCE);
    return properties;
  }

  private static String journalName(PrimaryKind kind) {
    return kind == PrimaryKind.H2 ? "\"doltsync_journal\"" : "doltsync_journal";
  }

  private static void insert(Connection app, int id, String body) throws SQLException {
    try (PreparedStatement insert = app.prepareStatement("INSERT INTO note (id, body) VALUES (?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, body);
      insert.executeUpdate();
    }
  }

  /** Text that does not compress: its entry stays about its length. */
  private static String noise(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) ('!' + random.nextInt(90)));
    }
    return sb.toString();
  }

  private static long questions(PrimaryKind kind, Connection app) throws SQLException {
    if (kind != PrimaryKind.MARIADB) {
      return 0;
    }
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }
}
