package io.doltsync.tck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code dolt sql-server} of a fault test's own, over a temporary directory, that the test stops, kills
 * and restarts (on the same directory and port). The binary is {@code dolt} on the PATH or
 * {@code ~/go/bin/dolt}; without one the test fails, saying how to install it.
 */
final class DoltProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Path directory;
  private final int port;
  private Process process;
  private boolean discard;

  private DoltProcess(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Starts a server over a fresh temporary directory on a free port. */
  static DoltProcess start() throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("tck-dolt-");
    Files.createDirectories(directory.resolve("data"));
    Files.createDirectories(directory.resolve("home").resolve(".dolt"));
    Files.writeString(directory.resolve("home").resolve(".dolt").resolve("config_global.json"),
        "{\"metrics.disabled\":\"true\"}", StandardCharsets.UTF_8);
    DoltProcess dolt = new DoltProcess(directory, freePort());
    dolt.launch();
    return dolt;
  }

  int port() {
    return port;
  }

  /** A fresh database name on this server. */
  DoltDatabase freshDatabase() {
    return new DoltDatabase(port, Servers.uniqueName("tck"));
  }

  /** Stops the server gracefully (SIGTERM) and waits for it to exit. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Kills the server (SIGKILL): no chance to finish what it is doing. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Starts the server again over the same directory and port. */
  void restart() throws IOException, InterruptedException {
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(binary().toString(), "sql-server",
        "--data-dir", directory.resolve("data").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--socket", directory.resolve("dolt.sock").toString(), "--loglevel", "warning"))
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()));
    builder.environment().put("DOLT_ROOT_PATH", directory.resolve("home").toString());
    process = builder.start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("dolt sql-server on port " + port + " did not start; see " + directory.resolve("server.log")
            + ": " + tail());
      }
      Thread.sleep(50);
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(directory.resolve("server.log"));
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static Path binary() throws IOException {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        Path candidate = Paths.get(entry, "dolt");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    Path goBin = Paths.get(System.getProperty("user.home"), "go", "bin", "dolt");
    if (Files.isExecutable(goBin)) {
      return goBin;
    }
    throw new IOException("no dolt binary on the PATH or in ~/go/bin; install it with `scripts/dolt.sh install`");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Marks the test successful: the directory is deleted on close (else it is kept for inspection). */
  void succeeded() {
    discard = true;
  }

  /** Kills the server; deletes its directory after a successful test. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
    if (!discard) {
      System.out.println("kept for inspection: dolt sql-server directory " + directory + " (port " + port + ")");
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
