package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * One Dolt database, one primary: the bootstrap records which primary a Dolt branch mirrors; another primary
 * pointed at it is refused at connect unless {@code doltsync.adopt=true}, which replaces the branch's tables
 * with its own; and a target that is not a Dolt server is refused before anything is created on it.
 */
class OnePrimaryTest {

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aSecondPrimaryIsRefusedUntilItAdoptsTheDoltDatabase(PrimaryKind kind) throws Exception {
    String dolt = DoltDatabases.newName("oneprimary");
    try (PrimaryKind.Space first = kind.createSpace("first"); PrimaryKind.Space second = kind.createSpace("second")) {
      createTable(first, "first_table");
      createTable(second, "second_table");
      insertMirrored(DoltSyncUrls.mirroring(first.url(), dolt), kind, "first_table", 1);
      MirrorRegistry.closeAll();

      assertThatThrownBy(() -> DriverManager.getConnection(DoltSyncUrls.mirroring(second.url(), dolt), kind.credentials()))
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("mirrors another primary")
          .hasMessageContaining("#")
          .hasMessageContaining("doltsync.adopt=true")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(kind.password().isEmpty() ? "\u0000" : "password="));

      insertMirrored(DoltSyncUrls.mirroring(first.url(), dolt), kind, "first_table", 2);
      MirrorRegistry.closeAll();
      assertThat(tablesOf(dolt)).containsExactly("first_table");

      insertMirrored(DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(second.url(), dolt), "doltsync.adopt", "true"),
          kind, "second_table", 3);
      MirrorRegistry.closeAll();
      assertThat(tablesOf(dolt)).as("the adopted branch holds the new primary's tables only").containsExactly("second_table");
      assertThatThrownBy(() -> DriverManager.getConnection(DoltSyncUrls.mirroring(first.url(), dolt), kind.credentials()))
          .isInstanceOf(SQLNonTransientConnectionException.class).hasMessageContaining("mirrors another primary");
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  @Test
  void aTargetThatIsNotADoltServerIsRefusedAndNothingIsCreatedOnIt() throws Exception {
    String database = TestServers.uniqueName("notdolt");
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("notdolt")) {
      String url = DoltSyncUrls.wrap(space.url(), "doltsync.target", TestServers.mariadbUrl(database));
      Properties properties = PrimaryKind.H2.credentials();
      properties.setProperty("doltsync.targetUser", TestServers.USER);
      properties.setProperty("doltsync.targetPassword", TestServers.PASSWORD);
      assertThatThrownBy(() -> DriverManager.getConnection(url, properties))
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("is not a Dolt server")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TestServers.PASSWORD + "@"));
    } finally {
      MirrorRegistry.closeAll();
    }
    try (Connection mariadb = TestServers.mariadb(); Statement sql = mariadb.createStatement();
        ResultSet rs = sql.executeQuery("SHOW DATABASES LIKE '" + database + "'")) {
      assertThat(rs.next()).as("no database created on the MariaDB server").isFalse();
    }
  }

  private static void createTable(PrimaryKind.Space space, String table) throws Exception {
    try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
      sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY)");
    }
  }

  private static void insertMirrored(String url, PrimaryKind kind, String table, int id) throws Exception {
    try (Connection app = DriverManager.getConnection(url, kind.credentials()); Statement sql = app.createStatement()) {
      sql.executeUpdate("INSERT INTO " + table + " VALUES (" + id + ")");
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
    }
  }

  private static List<String> tablesOf(String dolt) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
        ResultSet rs = sql.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}
