package io.doltsync.internal.dolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.mirror.MirrorRegistry;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dolt server the driver starts itself has a random root password kept in its private directory: the
 * application mirrors through it, and another local client without the password cannot connect to write the
 * history.
 */
class EmbeddedDoltServerPasswordTest {

  @Test
  void theDriverStartedServerHasARandomRootPasswordInAPrivateDirectory(@TempDir Path parent) throws Exception {
    Path directory = parent.resolve("history");
    String primary = "jdbc:h2:mem:" + TestServers.uniqueName("embedded") + ";DB_CLOSE_DELAY=-1";
    try (Connection raw = DriverManager.getConnection(primary, "sa", ""); Statement sql = raw.createStatement()) {
      sql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    try {
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(primary, "doltsync.target", "embedded:" + directory),
          "sa", ""); Statement sql = app.createStatement()) {
        sql.executeUpdate("INSERT INTO t VALUES (1)");
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      }
      Path passwordFile = directory.resolve("root.password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
      String password = Files.readString(passwordFile).strip();
      assertThat(password).hasSizeGreaterThanOrEqualTo(32);

      String server = "jdbc:mariadb://127.0.0.1:" + port(directory) + "/";
      assertThatThrownBy(() -> DriverManager.getConnection(server, "root", "").close())
          .as("root without the password").isInstanceOf(SQLException.class);
      try (Connection root = DriverManager.getConnection(server, "root", password); Statement sql = root.createStatement();
          ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM `" + databaseOf(root) + "`.t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    } finally {
      MirrorRegistry.closeAll();
      EmbeddedDoltServer.forDirectory(directory, null).stop();
    }
  }

  private static int port(Path directory) throws Exception {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(directory.resolve("server.properties"))) {
      properties.load(reader);
    }
    return Integer.parseInt(properties.getProperty("port"));
  }

  /** The one user database of the server. */
  private static String databaseOf(Connection root) throws SQLException {
    try (Statement sql = root.createStatement(); ResultSet rs = sql.executeQuery("SHOW DATABASES")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!name.equals("information_schema") && !name.equals("mysql")) {
          return name;
        }
      }
    }
    throw new AssertionError("no database on the embedded server");
  }
}
