package io.doltsync.internal.dolt;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * A {@code dolt sql-server} that the driver runs itself over a directory ({@code doltsync.target=embedded:<dir>}):
 * started on first use on a free loopback port, shared by every connection of the JVM, stopped when the
 * JVM exits. A server another JVM already runs over the same directory is reused (its port is in
 * {@code <dir>/server.properties}) and left running.
 *
 * <p>Layout: {@code <dir>/data} holds the databases, {@code <dir>/home} Dolt's own configuration,
 * {@code <dir>/server.log} the server's output, {@code <dir>/root.password} the password of the server's
 * {@code root} user. The directory is made private to its owner (mode 0700, the password file 0600) and,
 * on the first start, {@code root} gets a random password, so that no other local user can connect to the
 * server (it listens on the loopback interface) and write the history.
 */
public final class EmbeddedDoltServer {

  private static final Logger LOG = DoltSyncLoggers.get(EmbeddedDoltServer.class);
  private static final Map<Path, EmbeddedDoltServer> SERVERS = new ConcurrentHashMap<>();
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final String PASSWORD_FILE = "root.password";

  private final Path directory;
  private final String binarySetting;
  private Process process;
  private int port;
  private boolean stopHookInstalled;

  private EmbeddedDoltServer(Path directory, String binarySetting) {
    this.directory = directory;
    this.binarySetting = binarySetting;
  }

  /** The one server of the JVM for that directory (not started yet). */
  public static EmbeddedDoltServer forDirectory(Path directory, String binarySetting) {
    Path key = directory.toAbsolutePath().normalize();
    return SERVERS.computeIfAbsent(key, d -> new EmbeddedDoltServer(d, binarySetting));
  }

  public Path directory() {
    return directory;
  }

  /** Starts the server unless it runs; returns its port. */
  public synchronized int ensureRunning() throws SQLException {
    if (port != 0 && isAnswering(port) && (process == null || process.isAlive())) {
      return port;
    }
    Optional<Integer> shared = runningServerOfAnotherJvm();
    if (shared.isPresent()) {
      port = shared.get();
      LOG.info("using the dolt sql-server already running over {} on 127.0.0.1:{}", directory, port);
      return port;
    }
    start();
    return port;
  }

  /** The password of the server's {@code root} user (empty for a server started before doltsync set one). */
  public String password() throws SQLException {
    Path file = directory.resolve(PASSWORD_FILE);
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
    } catch (IOException e) {
      throw new SQLNonTransientConnectionException("cannot read " + file + ": " + e.getMessage(), "08001", e);
    }
  }

  private void start() throws SQLException {
    Path binary = DoltBinary.locate(binarySetting);
    try {
      Files.createDirectories(directory);
      makePrivate(directory, "rwx------");
      Files.createDirectories(directory.resolve("data"));
      Path home = directory.resolve("home");
      Files.createDirectories(home.resolve(".dolt"));
      Path globalConfig = home.resolve(".dolt").resolve("config_global.json");
      if (!Files.exists(globalConfig)) {
        Files.writeString(globalConfig, "{\"metrics.disabled\":\"true\"}", StandardCharsets.UTF_8);
      }
      int freePort = freePort();
      List<String> command = new ArrayList<>(List.of(binary.toString(), "sql-server",
          "--data-dir", directory.resolve("data").toString(),
          "--host", "127.0.0.1", "--port", Integer.toString(freePort),
          "--socket", directory.resolve("dolt.sock").toString(),
          "--loglevel", "warning"));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()));
      builder.environment().put("DOLT_ROOT_PATH", home.toString());
      LOG.info("starting embedded dolt sql-server over {} on 127.0.0.1:{}", directory, freePort);
      process = builder.start();
      awaitReady(freePort);
      port = freePort;
      ensureRootPassword();
      allowLocalInfile(freePort);
      writeServerProperties();
      if (!stopHookInstalled) {
        JvmShutdown.atEnd(this::stop);
        stopHookInstalled = true;
      }
    } catch (IOException e) {
      throw new SQLNonTransientConnectionException("cannot start embedded dolt sql-server over " + directory
          + " (doltsync.target=embedded:" + directory + "): " + e.getMessage(), "08001", e);
    }
  }

  /**
   * Gives {@code root} a random password on a server whose data directory has none yet (Dolt starts with a
   * password-less {@code root@localhost} and keeps users in the data directory), and keeps it in
   * {@code root.password} (mode 0600).
   */
  private void ensureRootPassword() throws SQLException, IOException {
    Path file = directory.resolve(PASSWORD_FILE);
    if (Files.exists(file)) {
      makePrivate(file, "rw-------");
      return;
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    String url = MySqlProtocolDriver.urlScheme() + "//127.0.0.1:" + port + "/";
    try (Connection root = MySqlProtocolDriver.connect(url, "root", ""); Statement statement = root.createStatement()) {
      // the password is ours (URL-safe Base64), never an option value; ALTER USER takes no placeholders
      statement.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + password + "'");
    }
    Path temporary = directory.resolve(PASSWORD_FILE + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(temporary);
    makePrivate(temporary, "rw-------");
    Files.writeString(temporary, password, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("embedded dolt sql-server over {}: root has a random password, kept in {}", directory, file);
  }

  private static void makePrivate(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.debug("cannot set permissions {} on {}", permissions, path, e);
    }
  }

  /** Lets clients stream rows in ({@code LOAD DATA LOCAL INFILE}, the bootstrap's bulk path) on this server. */
  private void allowLocalInfile(int serverPort) {
    try (Connection connection = MySqlProtocolDriver.connect(MySqlProtocolDriver.urlScheme() + "//127.0.0.1:"
        + serverPort + "/", "root", password()); Statement statement = connection.createStatement()) {
      statement.execute("SET GLOBAL local_infile = 1");
    } catch (SQLException e) {
      LOG.debug("could not enable local_infile on the embedded dolt sql-server; bootstrap will use INSERTs", e);
    }
  }

  private void awaitReady(int candidatePort) throws SQLException, IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new SQLNonTransientConnectionException("embedded dolt sql-server exited with code "
            + process.exitValue() + " while starting; its log says: " + logTail(), "08001");
      }
      if (isAnswering(candidatePort)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLTransientConnectionException("interrupted while waiting for dolt sql-server", "08001", e);
      }
    }
    process.destroyForcibly();
    throw new SQLTransientConnectionException("embedded dolt sql-server over " + directory + " did not answer within "
        + STARTUP_TIMEOUT.toSeconds() + "s; its log says: " + logTail(), "08001");
  }

  /** Stops every server this JVM started. */
  public static void stopAll() {
    SERVERS.values().forEach(EmbeddedDoltServer::stop);
  }

  /** Stops the server if this JVM started it. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      try {
        Files.deleteIfExists(directory.resolve("server.properties"));
      } catch (IOException e) {
        LOG.debug("cannot delete server.properties", e);
      }
    }
    process = null;
    port = 0;
  }

  private Optional<Integer> runningServerOfAnotherJvm() {
    Path file = directory.resolve("server.properties");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (var reader = Files.newBufferedReader(file)) {
      Properties properties = new Properties();
      properties.load(reader);
      long pid = Long.parseLong(properties.getProperty("pid", "0"));
      int candidate = Integer.parseInt(properties.getProperty("port", "0"));
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive && isAnswering(candidate) ? Optional.of(candidate) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void writeServerProperties() throws IOException {
    Properties properties = new Properties();
    properties.setProperty("pid", Long.toString(process.pid()));
    properties.setProperty("port", Integer.toString(port));
    try (var writer = Files.newBufferedWriter(directory.resolve("server.properties"))) {
      properties.store(writer, "dolt sql-server started by doltsync");
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(directory.resolve("server.log"));
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean isAnswering(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
