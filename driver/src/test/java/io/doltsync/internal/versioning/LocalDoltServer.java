package io.doltsync.internal.versioning;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code dolt sql-server} a test starts for itself, for what the shared test servers cannot give: its own
 * environment (DOLT_ROOT_PASSWORD, DOLT_REMOTE_PASSWORD). Runs on 127.0.0.1 and free ports, with its own
 * temporary data directory, DOLT_ROOT_PATH and socket. Fails, never skips, when {@code dolt} is missing.
 */
public final class LocalDoltServer implements AutoCloseable {

  private static final long STARTUP_MILLIS = 30_000;

  private final Process process;
  private final Path directory;
  private final int port;
  private final int remotesApiPort;
  private final String rootPassword;

  private LocalDoltServer(Process process, Path directory, int port, int remotesApiPort, String rootPassword) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.remotesApiPort = remotesApiPort;
    this.rootPassword = rootPassword;
  }

  /**
   * Starts a server and waits until it answers.
   *
   * @param environment extra environment variables of the server process
   * @param remotesApi  whether to serve remotesapi (clone, push, pull) on a port of its own
   */
  public static LocalDoltServer start(Map<String, String> environment, boolean remotesApi) throws Exception {
    Path directory = Files.createTempDirectory("doltsync-versioning-");
    Path data = Files.createDirectories(directory.resolve("data"));
    Path home = Files.createDirectories(directory.resolve("home"));
    int port = freePort();
    int remotesApiPort = remotesApi ? freePort() : -1;
    List<String> command = new ArrayList<>(List.of(dolt().toString(), "sql-server", "--data-dir", data.toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--socket", directory.resolve("dolt.sock").toString(),
        "--loglevel", "warning"));
    if (remotesApi) {
      command.addAll(List.of("--remotesapi-port", String.valueOf(remotesApiPort)));
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile())
        .redirectErrorStream(true).redirectOutput(directory.resolve("server.log").toFile());
    builder.environment().put("DOLT_ROOT_PATH", home.toString());
    builder.environment().putAll(environment);
    LocalDoltServer server = new LocalDoltServer(builder.start(), directory, port, remotesApiPort,
        environment.getOrDefault("DOLT_ROOT_PASSWORD", ""));
    server.awaitListening();
    return server;
  }

  /** The remotesapi URL of one of its databases. */
  public String remotesApiUrl(String database) {
    return "http://127.0.0.1:" + remotesApiPort + "/" + database;
  }

  /** The JDBC URL (mariadb-java-client) of one of its databases. */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  /** What the server logged so far. */
  String log() throws IOException {
    return Files.readString(directory.resolve("server.log"));
  }

  /** A connection as root to one of its databases ("" for none). */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, "root", rootPassword);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    deleteDirectory();
  }

  /** Deletes the temporary directory; retried, as Dolt's last writes can land while it is being walked. */
  private void deleteDirectory() throws Exception {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
        return;
      } catch (IOException e) {
        if (attempt == 5) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private void awaitListening() throws Exception {
    long deadline = System.currentTimeMillis() + STARTUP_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dolt sql-server exited: " + Files.readString(directory.resolve("server.log")));
      }
      try (Connection probe = connect("")) {
        return;
      } catch (SQLException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("dolt sql-server did not answer on port " + port + " within " + STARTUP_MILLIS + " ms");
  }

  private static Path dolt() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Paths.get(dir, "dolt"));
      }
    }
    candidates.add(Paths.get(System.getProperty("user.home"), "go", "bin", "dolt"));
    return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
        "the dolt executable is on neither PATH nor ~/go/bin; install it with scripts/dolt.sh install"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
