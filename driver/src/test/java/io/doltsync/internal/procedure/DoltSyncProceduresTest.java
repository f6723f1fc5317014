package io.doltsync.internal.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code CALL DOLTSYNC_VERIFY/RECONCILE/STATUS} through the application's own connection, on every primary:
 * through a statement, a prepared statement with markers, a callable statement and a batch; drift made over
 * a plain connection is reported, healed in one Dolt commit, and an unknown doltsync procedure is refused
 * without reaching either database.
 */
class DoltSyncProceduresTest {

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void verifyReconcileAndStatusRunThroughTheConnection(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("procs");
    try (PrimaryKind.Space space = kind.createSpace("procs")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Connection plain = space.connect();
          Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        statement.execute("CREATE TABLE other (id INT PRIMARY KEY)");
        statement.executeUpdate("INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        statement.executeUpdate("INSERT INTO other VALUES (1)");

        Map<String, Boolean> clean = inSync(statement.executeQuery("CALL DOLTSYNC_VERIFY()"));
        assertThat(clean).as(kind.name()).containsEntry("items", true).containsEntry("other", true);

        try (Statement outOfBand = plain.createStatement()) {
          outOfBand.executeUpdate("INSERT INTO items VALUES (4, 'oob')");
          outOfBand.executeUpdate("UPDATE items SET name = 'x' WHERE id = 1");
          outOfBand.executeUpdate("DELETE FROM other");
          if (!plain.getAutoCommit()) {
            plain.commit();
          }
        }
        try (PreparedStatement verify = app.prepareStatement("{call doltsync_verify(?)}")) {
          verify.setString(1, "items");
          try (ResultSet rs = verify.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("table_name")).isEqualToIgnoringCase("items");
            assertThat(rs.getBoolean("in_sync")).isFalse();
            assertThat(rs.getLong("missing_in_dolt")).isEqualTo(1);
            assertThat(rs.getLong("changed")).isEqualTo(1);
            assertThat(rs.getLong("differing_rows")).isEqualTo(2);
            assertThat(rs.next()).as("one table asked for").isFalse();
          }
        }
        try (CallableStatement call = app.prepareCall("{call DOLTSYNC_VERIFY('other')}")) {
          assertThat(call.execute()).isTrue();
          assertThat(inSync(call.getResultSet())).containsExactly(Map.entry("other", false));
        }

        long commitsBefore = DoltDatabases.commitCount(doltDb);
        Map<String, String> hashes = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("call doltsync_reconcile()")) {
          while (rs.next()) {
            hashes.put(rs.getString("table_name").toLowerCase(), rs.getString("commit_hash"));
            if (rs.getString("table_name").equalsIgnoreCase("items")) {
              assertThat(rs.getLong("inserted")).isEqualTo(1);
              assertThat(rs.getLong("updated")).isEqualTo(1);
            } else {
              assertThat(rs.getLong("deleted")).isEqualTo(1);
            }
          }
        }
        assertThat(hashes.keySet()).containsExactlyInAnyOrder("items", "other");
        assertThat(hashes.values()).allSatisfy(hash -> assertThat(hash).hasSize(32));
        assertThat(DoltDatabases.commitCount(doltDb)).as("one Dolt commit").isEqualTo(commitsBefore + 1);
        assertThat(inSync(statement.executeQuery("CALL DOLTSYNC_VERIFY()"))).doesNotContainValue(false);

        assertThat(statement.execute("CALL doltsync_status()")).isTrue();
        try (ResultSet rs = statement.getResultSet()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("database_name")).isEqualTo(doltDb);
          assertThat(rs.getBoolean("healthy")).isTrue();
          assertThat(rs.getLong("queue_depth")).isZero();
        }

        statement.addBatch("CALL DOLTSYNC_STATUS()");
        statement.addBatch("INSERT INTO other VALUES (9)");
        assertThat(statement.executeBatch()).containsExactly(Statement.SUCCESS_NO_INFO, 1);

        long commitsNow = DoltDatabases.commitCount(doltDb);
        assertThatThrownBy(() -> statement.execute("CALL DOLTSYNC_NO_SUCH_THING('x')"))
            .isInstanceOf(SQLSyntaxErrorException.class)
            .hasMessageContaining("doltsync has no procedure DOLTSYNC_NO_SUCH_THING")
            .hasMessageContaining("DOLTSYNC_VERIFY([table, ...])");
        assertThatThrownBy(() -> statement.execute("CALL DOLTSYNC_VERIFY(1)"))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("takes table names");
        assertThat(DoltDatabases.commitCount(doltDb)).isEqualTo(commitsNow);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static Map<String, Boolean> inSync(ResultSet rs) throws Exception {
    Map<String, Boolean> tables = new LinkedHashMap<>();
    try (rs) {
      while (rs.next()) {
        tables.put(rs.getString("table_name").toLowerCase(), rs.getBoolean("in_sync"));
      }
    }
    return tables;
  }
}
