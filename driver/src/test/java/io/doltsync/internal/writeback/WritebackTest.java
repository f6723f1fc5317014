package io.doltsync.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.WritebackConflictException;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Revert, restore and publish on each primary, with a parent and a child table joined by a foreign key:
 * the primary ends equal to what Dolt's {@code AS OF} reads define, the mirror records exactly one commit
 * named after the operation, conflicts fail with nothing changed (or are skipped cell-wise when asked),
 * a dry run changes nothing, and bad input (unknown revision, commit off the mirrored branch, table not
 * mirrored, a column added since) is refused with nothing changed.
 */
class WritebackTest {

  private static final String PARENTS = "SELECT id, name, qty FROM wb_parent ORDER BY id";
  private static final String CHILDREN = "SELECT id, parent_id, note FROM wb_child ORDER BY id";

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void revertRestoreAndPublishWriteExactlyWhatDoltDefines(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("wb");
    try (PrimaryKind.Space space = kind.createSpace("wb")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Connection dolt = TestServers.dolt(doltDb)) {
        try (Statement statement = app.createStatement()) {
          statement.execute("CREATE TABLE wb_parent (id INT PRIMARY KEY, name VARCHAR(40), qty INT)");
          statement.execute("CREATE TABLE wb_child (id INT PRIMARY KEY, parent_id INT NOT NULL, note VARCHAR(40),"
              + " FOREIGN KEY (parent_id) REFERENCES wb_parent (id))");
          statement.execute("CREATE TABLE wb_other (id INT PRIMARY KEY, v INT)");
        }
        String c1 = transaction(app, "INSERT INTO wb_parent VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30),"
            + " (4, 'four', 40)", "INSERT INTO wb_child VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')",
            "INSERT INTO wb_other VALUES (1, 1)");
        List<List<String>> parentsAtC1 = QueryRows.rows(app, PARENTS);
        List<List<String>> childrenAtC1 = QueryRows.rows(app, CHILDREN);
        // the transaction to undo: an update, a delete of a child, a new parent with a new child
        String bad = transaction(app, "UPDATE wb_parent SET name = 'TWO' WHERE id = 2", "DELETE FROM wb_child WHERE id = 3",
            "INSERT INTO wb_parent VALUES (5, 'five', 50)", "INSERT INTO wb_child VALUES (5, 5, 'e')");
        String unrelated = transaction(app, "UPDATE wb_other SET v = 2 WHERE id = 1");

        // dry run: the counts, nothing changed, no commit
        long commits = DoltDatabases.commitCount(doltDb);
        WritebackReport dry = DoltSync.revert(app, bad, WritebackOptions.DEFAULT.withDryRun(true));
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.commitHash()).isEmpty();
        assertThat(counts(dry)).isEqualTo(List.of(List.of("wb_parent", 0L, 1L, 1L), List.of("wb_child", 1L, 0L, 1L)));
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
        assertThat(QueryRows.rows(app, PARENTS)).isNotEqualTo(parentsAtC1);

        WritebackReport reverted = DoltSync.revert(app, bad, WritebackOptions.DEFAULT);
        assertThat(reverted.commitHash()).isNotBlank();
        assertThat(reverted.message()).startsWith("Revert " + bad.substring(0, 8) + ": ");
        assertThat(DoltDatabases.commitCount(doltDb)).as("one Dolt commit").isEqualTo(commits + 1);
        assertThat(headMessage(dolt)).startsWith(reverted.message());
        assertThat(QueryRows.rows(app, PARENTS)).isEqualTo(parentsAtC1);
        assertThat(QueryRows.rows(app, CHILDREN)).isEqualTo(childrenAtC1);
        assertThat(QueryRows.rows(app, "SELECT v FROM wb_other")).as("a later commit stays").isEqualTo(List.of(List.of("2")));
        assertThat(QueryRows.rows(dolt, "SELECT id, name, qty FROM wb_parent ORDER BY id"))
            .isEqualTo(QueryRows.rows(dolt, "SELECT id, name, qty FROM wb_parent AS OF '" + c1 + "' ORDER BY id"));

        // a row changed again since: a conflict, nothing applied, no commit
        String first = transaction(app, "UPDATE wb_parent SET qty = 41, name = 'FOUR' WHERE id = 4");
        transaction(app, "UPDATE wb_parent SET qty = 42 WHERE id = 4", "UPDATE wb_parent SET qty = 31 WHERE id = 3");
        List<List<String>> before = QueryRows.rows(app, PARENTS);
        commits = DoltDatabases.commitCount(doltDb);
        assertThatThrownBy(() -> DoltSync.revert(app, first, WritebackOptions.DEFAULT))
            .isInstanceOfSatisfying(WritebackConflictException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("23000");
              assertThat(e.conflicts()).hasSize(1);
              WritebackReport.Conflict conflict = e.conflicts().get(0);
              assertThat(conflict.table()).isEqualToIgnoringCase("wb_parent");
              assertThat(conflict.key().toString()).isEqualTo("[4]");
              assertThat(String.valueOf(value(conflict.current(), "qty"))).isEqualTo("42");
              assertThat(String.valueOf(value(conflict.expected(), "qty"))).isEqualTo("41");
              assertThat(e.getMessage()).containsIgnoringCase("wb_parent").contains("42").contains("41");
            });
        assertThat(QueryRows.rows(app, PARENTS)).isEqualTo(before);
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
        // cell-wise: the name still holds what the commit wrote, so it is reverted; qty conflicts and stays
        WritebackReport cells = DoltSync.revert(app, first, WritebackOptions.DEFAULT.withSkipConflicts(true));
        assertThat(cells.conflictCount()).isEqualTo(1);
        assertThat(cells.conflicts().get(0).columns()).map(String::toLowerCase).containsExactly("qty");
        assertThat(QueryRows.rows(app, "SELECT name, qty FROM wb_parent WHERE id = 4"))
            .isEqualTo(List.of(List.of("four", "42")));
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits + 1);

        // restore one table to c1, by a relative revision too
        commits = DoltDatabases.commitCount(doltDb);
        WritebackReport restored = DoltSync.restore(app, c1, WritebackOptions.DEFAULT.withTables(List.of("wb_parent")));
        assertThat(restored.message()).startsWith("Restore wb_parent to " + c1.substring(0, 8));
        assertThat(QueryRows.rows(app, PARENTS)).isEqualTo(parentsAtC1);
        assertThat(QueryRows.rows(app, "SELECT v FROM wb_other")).isEqualTo(List.of(List.of("2")));
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits + 1);
        WritebackReport again = DoltSync.restore(app, c1, WritebackOptions.DEFAULT.withTables(List.of("wb_parent")));
        assertThat(again.inserted() + again.updated() + again.deleted()).as("only differing rows").isZero();
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits + 1);
        WritebackReport undo = DoltSync.restore(app, "main~1", WritebackOptions.DEFAULT.withDryRun(true));
        assertThat(counts(undo)).as("main~1 is the state before the restore").isEqualTo(List.of(List.of("wb_parent", 0L, 2L, 0L)));
        assertThat(DoltSync.restore(app, "main", WritebackOptions.DEFAULT.withDryRun(true)).tables()).isEmpty();

        // publish: a branch prepared on Dolt, while the primary changed another cell of the same row
        try (Statement statement = dolt.createStatement()) {
          statement.execute("CALL DOLT_BRANCH('fix')");
          statement.execute("CALL DOLT_CHECKOUT('fix')");
          statement.execute("UPDATE wb_parent SET name = 'ONE' WHERE id = 1");
          statement.execute("INSERT INTO wb_parent VALUES (7, 'seven', 70)");
          statement.execute("DELETE FROM wb_child WHERE id = 2");
          statement.execute("CALL DOLT_COMMIT('-am', 'prepared fix')");
          statement.execute("CALL DOLT_CHECKOUT('main')");
        }
        transaction(app, "UPDATE wb_parent SET qty = 11 WHERE id = 1");
        commits = DoltDatabases.commitCount(doltDb);
        WritebackReport published = DoltSync.publish(app, "fix", WritebackOptions.DEFAULT);
        assertThat(published.message()).startsWith("Publish fix (");
        assertThat(QueryRows.rows(app, "SELECT id, name, qty FROM wb_parent WHERE id IN (1, 7) ORDER BY id"))
            .isEqualTo(List.of(List.of("1", "ONE", "11"), List.of("7", "seven", "70")));
        assertThat(QueryRows.rows(app, "SELECT COUNT(*) FROM wb_child WHERE id = 2")).isEqualTo(List.of(List.of("0")));
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits + 1);
        WritebackReport republished = DoltSync.publish(app, "fix", WritebackOptions.DEFAULT);
        assertThat(republished.inserted() + republished.updated() + republished.deleted()).isZero();
        // a conflicting branch: the same cell changed on both sides
        try (Statement statement = dolt.createStatement()) {
          statement.execute("CALL DOLT_BRANCH('clash')");
          statement.execute("CALL DOLT_CHECKOUT('clash')");
          statement.execute("UPDATE wb_parent SET qty = 99 WHERE id = 3");
          statement.execute("CALL DOLT_COMMIT('-am', 'clashing fix')");
          statement.execute("CALL DOLT_CHECKOUT('main')");
        }
        transaction(app, "UPDATE wb_parent SET qty = 33 WHERE id = 3");
        assertThatThrownBy(() -> DoltSync.publish(app, "clash", WritebackOptions.DEFAULT))
            .isInstanceOf(WritebackConflictException.class).hasMessageContaining("99");
        assertThat(QueryRows.rows(app, "SELECT qty FROM wb_parent WHERE id = 3")).isEqualTo(List.of(List.of("33")));

        // bad input: each refused, nothing changed
        commits = DoltDatabases.commitCount(doltDb);
        List<List<String>> state = QueryRows.rows(app, PARENTS);
        String offBranch = QueryRows.rows(dolt, "SELECT HASHOF('clash')").get(0).get(0);
        assertThatThrownBy(() -> DoltSync.revert(app, "no-such-revision", WritebackOptions.DEFAULT))
            .isInstanceOf(SQLDataException.class).hasMessageContaining("no-such-revision")
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
        assertThatThrownBy(() -> DoltSync.revert(app, offBranch, WritebackOptions.DEFAULT))
            .isInstanceOf(SQLDataException.class).hasMessageContaining("not on the mirrored branch");
        assertThatThrownBy(() -> DoltSync.publish(app, "no_such_branch", WritebackOptions.DEFAULT))
            .isInstanceOf(SQLDataException.class).hasMessageContaining("no_such_branch");
        assertThatThrownBy(() -> DoltSync.restore(app, c1, WritebackOptions.DEFAULT.withTables(List.of("wb_nope"))))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("wb_nope");
        try (Statement statement = app.createStatement()) {
          statement.execute("ALTER TABLE wb_parent ADD COLUMN extra INT");
        }
        commits = DoltDatabases.commitCount(doltDb);
        assertThatThrownBy(() -> DoltSync.restore(app, c1, WritebackOptions.DEFAULT))
            .isInstanceOf(SQLSyntaxErrorException.class)
            .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("table wb_parent").contains("column extra"));
        assertThat(QueryRows.rows(app, PARENTS)).isEqualTo(state);
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Runs the statements as one transaction and returns its Dolt commit. */
  static String transaction(Connection app, String... statements) throws SQLException {
    app.setAutoCommit(false);
    try (Statement statement = app.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    app.commit();
    app.setAutoCommit(true);
    return app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
  }

  private static String headMessage(Connection dolt) throws SQLException {
    return QueryRows.rows(dolt, "SELECT message FROM dolt_log LIMIT 1").get(0).get(0);
  }

  private static List<List<Object>> counts(WritebackReport report) {
    return report.tables().stream().map(t -> List.<Object>of(t.table().toLowerCase(), t.inserted(), t.updated(),
        t.deleted())).toList();
  }

  private static Object value(java.util.Map<String, Object> row, String column) {
    return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst().orElseThrow().getValue();
  }
}
