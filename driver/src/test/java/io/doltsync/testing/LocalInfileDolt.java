package io.doltsync.testing;

import io.doltsync.internal.dolt.EmbeddedDoltServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A private dolt sql-server that allows {@code LOAD DATA LOCAL INFILE} (the shared test server does not):
 * doltsync's own embedded server over a temporary directory, started once per JVM on first use and stopped
 * with the JVM. Fails, never skips, when {@code dolt} is missing.
 */
public final class LocalInfileDolt {

  private static EmbeddedDoltServer server;
  private static Path directory;

  private LocalInfileDolt() {}

  /** The directory of the server, for {@code doltsync.target=embedded:<directory>}. */
  public static synchronized Path directory() throws SQLException {
    port();
    return directory;
  }

  /** The server's port, starting it if needed. */
  public static synchronized int port() throws SQLException {
    if (server == null) {
      try {
        directory = Files.createTempDirectory("doltsync-localinfile-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = EmbeddedDoltServer.forDirectory(directory, "dolt");
    }
    return server.ensureRunning();
  }

  /** The root password doltsync gave the server (it keeps it in the server's directory). */
  public static synchronized String password() throws SQLException {
    port();
    return server.password();
  }

  /** A new, empty database on the server and a connection to it that may stream LOAD DATA. */
  public static Connection newDatabase(String prefix) throws SQLException {
    String database = TestServers.uniqueName(prefix);
    String url = "jdbc:mariadb://127.0.0.1:" + port() + "/";
    String password = password();
    try (Connection server = DriverManager.getConnection(url, "root", password); Statement statement = server.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    return DriverManager.getConnection(url + database + "?allowLocalInfile=true", "root", password);
  }
}
