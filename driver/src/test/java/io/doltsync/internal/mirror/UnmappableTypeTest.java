package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.spi.UnmappableTypeException;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A column type Dolt cannot store fails loudly at connect, or is stored as text when asked to. */
class UnmappableTypeTest {

  @Test
  void aPostgresPointColumnFailsTheFirstConnectionNamingTableColumnAndType() throws Exception {
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("unmapped")) {
      createPlaces(space);
      String dolt = DoltDatabases.newName("unmapped");
      assertThatThrownBy(() -> DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt),
          PrimaryKind.POSTGRES.credentials()))
          .isInstanceOf(UnmappableTypeException.class)
          .hasMessageContaining("places.spot")
          .hasMessageContaining("point")
          .hasMessageContaining("doltsync.unmappedTypes=text");
    }
  }

  @Test
  void withTheTextFallbackThePointIsMirroredAsText() throws Exception {
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("unmapped")) {
      createPlaces(space);
      String dolt = DoltDatabases.newName("unmapped");
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), dolt), "doltsync.unmappedTypes", "text");
      try (Connection app = DriverManager.getConnection(url, PrimaryKind.POSTGRES.credentials());
          Statement sql = app.createStatement()) {
        sql.executeUpdate("INSERT INTO places VALUES (2, point(3, 4))");
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      }
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT spot FROM places WHERE id = 2")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("(3,4)");
      } finally {
        DoltDatabases.drop(dolt);
      }
    }
  }

  private static void createPlaces(PrimaryKind.Space space) throws Exception {
    try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
      sql.execute("CREATE TABLE places (id INT PRIMARY KEY, spot point)");
      sql.execute("INSERT INTO places VALUES (1, point(1, 2))");
    }
  }
}
