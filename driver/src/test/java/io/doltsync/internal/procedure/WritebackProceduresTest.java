package io.doltsync.internal.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code CALL DOLTSYNC_REVERT/RESTORE/PUBLISH} through the application's connection on every primary: a dry
 * run reports and changes nothing, a call in auto-commit mode is one Dolt commit of its own, a call inside
 * an explicit transaction joins it (one Dolt commit at the application's commit, named after the write-back),
 * bad arguments and unknown branches are refused with nothing changed.
 */
class WritebackProceduresTest {

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void writebacksRunThroughTheConnection(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("wbprocs");
    try (PrimaryKind.Space space = kind.createSpace("wbprocs")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Statement statement = app.createStatement()) {
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        statement.execute("CREATE TABLE other (id INT PRIMARY KEY)");
        statement.executeUpdate("INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        String filled = doltsync.awaitMirrored(Duration.ofSeconds(60));
        statement.executeUpdate("UPDATE items SET name = 'B' WHERE id = 2");
        String changed = doltsync.awaitMirrored(Duration.ofSeconds(60));

        long commits = DoltDatabases.commitCount(doltDb);
        try (ResultSet rs = statement.executeQuery("CALL DOLTSYNC_REVERT('" + changed + "', '--dry-run')")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("table_name")).isEqualToIgnoringCase("items");
          assertThat(rs.getLong("updated")).isEqualTo(1);
          assertThat(rs.getBoolean("dry_run")).isTrue();
          assertThat(rs.getString("commit_hash")).isEmpty();
          assertThat(rs.next()).isFalse();
        }
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
        try (PreparedStatement revert = app.prepareStatement("{call doltsync_revert(?)}")) {
          revert.setString(1, changed);
          try (ResultSet rs = revert.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("commit_hash")).hasSize(32);
            assertThat(rs.getString("message")).startsWith("Revert " + changed.substring(0, 8));
          }
        }
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits + 1);
        assertThat(QueryRows.rows(app, "SELECT name FROM items WHERE id = 2")).isEqualTo(List.of(List.of("b")));

        // inside an explicit transaction: joins it, one commit at the application's commit
        statement.executeUpdate("DELETE FROM items WHERE id = 3");
        commits = DoltDatabases.commitCount(doltDb);
        app.setAutoCommit(false);
        statement.executeUpdate("INSERT INTO other VALUES (7)");
        try (ResultSet rs = statement.executeQuery("CALL DOLTSYNC_RESTORE('" + filled + "', 'items')")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong("inserted")).isEqualTo(1);
          assertThat(rs.getString("commit_hash")).as("mirrored at the application's commit").isEmpty();
        }
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
        app.commit();
        app.setAutoCommit(true);
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits + 1);
        try (Connection dolt = TestServers.dolt(doltDb)) {
          assertThat(QueryRows.rows(dolt, "SELECT message FROM dolt_log LIMIT 1").get(0).get(0))
              .startsWith("Restore items to " + filled.substring(0, 8));
          assertThat(QueryRows.rows(dolt, "SELECT COUNT(*) FROM items")).isEqualTo(List.of(List.of("3")));
          assertThat(QueryRows.rows(dolt, "SELECT id FROM other")).isEqualTo(List.of(List.of("7")));
          try (Statement branch = dolt.createStatement()) {
            branch.execute("CALL DOLT_BRANCH('review')");
            branch.execute("CALL DOLT_CHECKOUT('review')");
            branch.execute("UPDATE items SET name = 'reviewed' WHERE id = 1");
            branch.execute("CALL DOLT_COMMIT('-am', 'review')");
          }
        }
        try (ResultSet rs = statement.executeQuery("CALL DOLTSYNC_PUBLISH('review')")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong("updated")).isEqualTo(1);
          assertThat(rs.getString("message")).startsWith("Publish review (");
        }
        assertThat(QueryRows.rows(app, "SELECT name FROM items WHERE id = 1")).isEqualTo(List.of(List.of("reviewed")));

        commits = DoltDatabases.commitCount(doltDb);
        assertThatThrownBy(() -> statement.execute("CALL DOLTSYNC_PUBLISH('no_such_branch')"))
            .isInstanceOf(SQLDataException.class).hasMessageContaining("no_such_branch");
        assertThatThrownBy(() -> statement.execute("CALL DOLTSYNC_REVERT('" + changed + "', 'bogus')"))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("bogus");
        assertThatThrownBy(() -> statement.execute("CALL DOLTSYNC_RESTORE()"))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("DOLTSYNC_RESTORE(");
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commits);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }
}
