package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The journal table on each primary: an entry larger than a chunk is written as several final rows (each
 * carrying the entry's chunk count) and read back, streamed, exactly.
 */
class JournalTableTest {

  /**
   * A JVM's first commit makes sure the journal exists; where it does (with its index) that takes no lock on it:
   * PostgreSQL's {@code CREATE INDEX IF NOT EXISTS} waited for every open journal insert and, with a whole-table
   * copy's order lock held by the committing transaction, closed a cycle no server could see (the tck's multi-writer
   * run stalled, PostgreSQL seed 7). Here a writer's journal insert is open while another connection ensures the
   * journal under a short lock timeout.
   */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void ensuringAnExistingJournalWaitsForNoWriter(PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("journal"); Connection writer = space.connect();
        Connection other = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      JournalTable journal = new JournalTable(dialect, "doltsync_journal");
      writer.setAutoCommit(true);
      journal.ensureExists(writer);
      writer.setAutoCommit(false);
      journal.append(writer, new JournalEntry("txn-open", "app:1", "A", "a@x", "open", List.of(), true));
      try (Statement statement = other.createStatement()) {
        statement.execute(switch (kind) {
          case POSTGRES -> "SET lock_timeout = '2s'";
          case MARIADB -> "SET SESSION lock_wait_timeout = 2";
          default -> "SET LOCK_TIMEOUT 2000";
        });
      }
      other.setAutoCommit(true);
      long started = System.nanoTime();
      journal.ensureExists(other);
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms ensuring the journal").isLessThan(1_500);
      writer.commit();
      assertThat(journal.readPending(other, 10)).extracting(JournalTable.PendingEntry::transactionId)
          .containsExactly("txn-open");
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void anEntryOfSeveralChunksIsWrittenStreamedAndReadBackExactly(PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("journal"); Connection connection = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      JournalTable journal = new JournalTable(dialect, "doltsync_journal");
      connection.setAutoCommit(true);
      journal.ensureExists(connection);
      byte[] blob = new byte[JournalTable.CHUNK_BYTES * 2 + 12_345];
      new Random(7).nextBytes(blob);
      JournalEntry big = new JournalEntry("txn-big", "app:1", "A", "a@x", "big", List.of(new TableChange("blobs",
          TableChange.Kind.ROWS, null, List.of("id", "data"), List.of("id"), List.<Object[]>of(new Object[] {1L, blob}),
          List.of())), false);
      JournalEntry small = new JournalEntry("txn-small", "app:1", "A", "a@x", "small", List.of(), true);

      connection.setAutoCommit(false);
      journal.append(connection, big);
      journal.append(connection, small);
      connection.commit();
      connection.setAutoCommit(true);

      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT txn, chunk, chunks FROM " + dialect.quoteIdentifier(
              "doltsync_journal") + " ORDER BY id")) {
        StringBuilder rows = new StringBuilder();
        while (rs.next()) {
          rows.append(rs.getString(1)).append(' ').append(rs.getInt(2)).append('/').append(rs.getInt(3)).append(';');
        }
        assertThat(rows.toString()).isEqualTo("txn-big 0/3;txn-big 1/3;txn-big 2/3;txn-small 0/1;");
      }
      List<JournalTable.PendingEntry> pending = journal.readPending(connection, 100);
      assertThat(pending).extracting(JournalTable.PendingEntry::transactionId).containsExactly("txn-big", "txn-small");
      assertThat(pending).allSatisfy(p -> assertThat(p.problem()).isNull());
      JournalEntry decoded = journal.decode(connection, pending.get(0));
      assertThat((byte[]) decoded.changes().get(0).upserts().get(0)[1]).isEqualTo(blob);
      assertThat(journal.decode(connection, pending.get(1)).allowEmpty()).isTrue();

      // a forged row: a chunk count that does not add up is reported, not waited for or allocated
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + dialect.quoteIdentifier("doltsync_journal")
            + " (txn, chunk, chunks, instance, payload) VALUES ('txn-forged', 0, 2147483647, 'x', NULL)");
      }
      JournalTable.PendingEntry forged = journal.readPending(connection, 100).get(2);
      assertThat(forged.problem()).contains("2147483647");
      assertThatThrownBy(() -> journal.decode(connection, forged)).isInstanceOf(JournalFormatException.class);
    }
  }

  /** Entries from empty to a few chunks, their sizes drawn around the inline bound and the chunk size. */
  private static List<JournalEntry> randomEntries(Random random, int count) {
    int[] sizes = {0, 1, 100, JournalTable.INLINE_BYTES - 200, JournalTable.INLINE_BYTES + 1, 300_000,
        JournalTable.CHUNK_BYTES + 7};
    List<JournalEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] blob = new byte[sizes[random.nextInt(sizes.length)]];
      random.nextBytes(blob);
      entries.add(new JournalEntry("txn-" + i, "app:1", "A", "a@x", "m" + i, List.of(new TableChange("blobs",
          TableChange.Kind.ROWS, null, List.of("id", "data"), List.of("id"), List.<Object[]>of(new Object[] {1L, blob}),
          List.of())), false));
    }
    return entries;
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void smallEntriesComeInlineWithThePendingQueryAndDecodeWithoutAnotherQuery(PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("journal"); Connection raw = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      JournalTable journal = new JournalTable(dialect, "doltsync_journal");
      raw.setAutoCommit(true);
      journal.ensureExists(raw);
      List<JournalEntry> entries = randomEntries(new Random(11), 12);
      raw.setAutoCommit(false);
      for (JournalEntry entry : entries) {
        journal.append(raw, entry);
      }
      raw.commit();
      raw.setAutoCommit(true);

      int[] statements = {0};
      Connection counting = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
              statements[0]++;
            }
            try {
              return method.invoke(raw, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
      List<JournalTable.PendingEntry> pending = journal.readPending(counting, 1000);
      assertThat(statements[0]).isEqualTo(1);
      assertThat(pending).extracting(JournalTable.PendingEntry::transactionId)
          .containsExactlyElementsOf(entries.stream().map(JournalEntry::transactionId).toList());
      for (int i = 0; i < entries.size(); i++) {
        byte[] written = (byte[]) entries.get(i).changes().get(0).upserts().get(0)[1];
        boolean small = written.length < JournalTable.INLINE_BYTES - 100;
        int before = statements[0];
        JournalEntry decoded = journal.decode(counting, pending.get(i));
        assertThat((byte[]) decoded.changes().get(0).upserts().get(0)[1]).isEqualTo(written);
        assertThat(pending.get(i).inline() != null).as("entry %d of %d bytes inline", i, written.length)
            .isEqualTo(small);
        assertThat(statements[0] - before).isEqualTo(small ? 0 : pending.get(i).rowIds().size());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void anOldestEntryLongerThanTheRowLimitIsReadWholeByItsTransaction(PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("journal"); Connection connection = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      JournalTable journal = new JournalTable(dialect, "doltsync_journal");
      connection.setAutoCommit(true);
      journal.ensureExists(connection);
      byte[] blob = new byte[JournalTable.CHUNK_BYTES * 2 + 5];
      new Random(3).nextBytes(blob);
      connection.setAutoCommit(false);
      journal.append(connection, new JournalEntry("txn-big", "app:1", "A", "a@x", "big", List.of(new TableChange(
          "blobs", TableChange.Kind.ROWS, null, List.of("id", "data"), List.of("id"),
          List.<Object[]>of(new Object[] {1L, blob}), List.of())), false));
      journal.append(connection, new JournalEntry("txn-small", "app:1", "A", "a@x", "small", List.of(), true));
      connection.commit();
      connection.setAutoCommit(true);

      List<JournalTable.PendingEntry> pending = journal.readPending(connection, 2);
      assertThat(pending).extracting(JournalTable.PendingEntry::transactionId).containsExactly("txn-big");
      assertThat(pending.get(0).problem()).isNull();
      assertThat(pending.get(0).rowIds()).hasSize(3);
      assertThat((byte[]) journal.decode(connection, pending.get(0)).changes().get(0).upserts().get(0)[1])
          .isEqualTo(blob);
      assertThat(journal.readPending(connection, 4)).extracting(JournalTable.PendingEntry::transactionId)
          .containsExactly("txn-big", "txn-small");
    }
  }
}
