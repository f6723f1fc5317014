package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.testing.PrimaryJournal;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's journal block for DDL that created tables empty ({@link JournalTable#appendIfEmpty}): it writes the
 * entry only while each such table has no row under its lock, otherwise it writes nothing and says so; an insert
 * another session holds uncommitted on the table makes it wait and then refuse when the insert commits (the caller
 * then reads the rows in a transaction); the session's {@code LAST_INSERT_ID()} is kept either way.
 */
class JournalAppendIfEmptyTest {

  @Test
  void writesTheEntryOnlyWhileTheCreatedTablesAreEmpty() throws Exception {
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("ifempty");
        Connection app = space.connect(); Connection other = space.connect()) {
      JournalTable journal = new JournalTable(SourceDialects.forUrl(space.url()), "doltsync_journal");
      journal.ensureExists(app);
      try (Statement s = app.createStatement()) {
        s.execute("CREATE TABLE fresh (id INT PRIMARY KEY)");
        s.execute("CREATE TABLE filled (id INT PRIMARY KEY)");
        s.execute("INSERT INTO filled VALUES (1)");
        s.execute("DO LAST_INSERT_ID(42)");
      }

      assertThat(journal.appendIfEmpty(app, entry("e1"), List.of("fresh"))).isTrue();
      assertThat(journal.appendIfEmpty(app, entry("e2"), List.of("fresh", "filled"))).isFalse();
      assertThat(journal.appendIfEmpty(app, entry("e3"), List.of())).isTrue(); // drops only: written
      assertThat(lastInsertId(app)).isEqualTo(42);
      assertThat(app.getAutoCommit()).isTrue();

      // another session's uncommitted insert: the block waits for it, then finds the row and writes nothing
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("INSERT INTO fresh VALUES (7)");
      }
      CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
        try {
          return journal.appendIfEmpty(app, entry("e4"), List.of("fresh"));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(500);
      assertThat(blocked).as("waits for the uncommitted insert").isNotDone();
      other.commit();
      assertThat(blocked.get(30, TimeUnit.SECONDS)).isFalse();
      assertThat(lastInsertId(app)).isEqualTo(42);

      // no lock is left behind: another session writes the table at once
      try (Statement s = other.createStatement()) {
        s.execute("SET SESSION innodb_lock_wait_timeout = 2");
        s.execute("INSERT INTO fresh VALUES (8)");
        s.execute("INSERT INTO filled VALUES (9)");
      }
      other.commit();
      assertThat(PrimaryJournal.entries(space).keySet()).containsExactly("e1", "e3");
    }
  }

  private static JournalEntry entry(String transactionId) {
    return new JournalEntry(transactionId, "test", "author", "author@example.com", "message",
        List.of(TableChange.drop("gone")), false);
  }

  private static long lastInsertId(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
