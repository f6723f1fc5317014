package io.doltsync.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQL-level {@code PREPARE} named like Dolt's ({@code dolt_p}) runs on the primary, and what its
 * {@code EXECUTE} writes reaches Dolt like any other write.
 */
class PrimarySqlLevelPrepareTest {

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void aPreparedWriteNamedLikeDoltsRunsOnThePrimaryAndIsMirrored(PrimaryKind kind) throws Exception {
    String dolt = DoltDatabases.newName("rt_prep");
    try (PrimaryKind.Space space = kind.createSpace("rt_prep");
        Connection db = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), kind.credentials());
        Statement statement = db.createStatement()) {
      statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, dolt_ver INT)");
      if (kind == PrimaryKind.MARIADB) {
        statement.execute("PREPARE dolt_p FROM 'INSERT INTO notes (id, dolt_ver) VALUES (1, 7), (2, 8)'");
        statement.execute("EXECUTE dolt_p");
        statement.execute("DEALLOCATE PREPARE dolt_p");
      } else {
        statement.execute("PREPARE dolt_p AS INSERT INTO notes (id, dolt_ver) VALUES (1, 7), (2, 8)");
        statement.execute("EXECUTE dolt_p");
        statement.execute("DEALLOCATE dolt_p");
      }
      db.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));

      assertThat(rows(TestServers.dolt(dolt), "SELECT id, dolt_ver FROM notes ORDER BY id"))
          .containsExactly(List.of("1", "7"), List.of("2", "8"));
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  private static List<List<String>> rows(Connection connection, String sql) throws Exception {
    try (connection; Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(List.of(rs.getString(1), rs.getString(2)));
      }
      return rows;
    }
  }
}
