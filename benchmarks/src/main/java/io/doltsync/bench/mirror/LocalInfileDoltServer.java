package io.doltsync.bench.mirror;

import io.doltsync.bench.core.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code dolt sql-server} of one suite, over a temporary directory, configured with
 * {@code local_infile: 1} under {@code system_variables} so that clients may stream
 * {@code LOAD DATA LOCAL INFILE} (the shared server of the tests and benchmarks does not allow it, and a
 * benchmark must not change a shared server's settings). Stopped and deleted by {@link #close}.
 */
public final class LocalInfileDoltServer implements AutoCloseable {

  private static final long STARTUP_MILLIS = 60_000;

  private final Path directory;
  private final Process process;
  private final int port;

  private LocalInfileDoltServer(Path directory, Process process, int port) {
    this.directory = directory;
    this.process = process;
    this.port = port;
  }

  /** Starts a server with {@code dolt} from the PATH; fails when it does not answer within a minute. */
  public static LocalInfileDoltServer start() throws IOException, SQLException, InterruptedException {
    Path directory = Files.createTempDirectory("doltsync-bench-dolt-");
    Path home = directory.resolve("home");
    Files.createDirectories(home.resolve(".dolt"));
    Files.writeString(home.resolve(".dolt").resolve("config_global.json"), "{\"metrics.disabled\":\"true\"}",
        StandardCharsets.UTF_8);
    Files.createDirectories(directory.resolve("data"));
    int port = freePort();
    Path config = directory.resolve("config.yaml");
    Files.writeString(config, String.join("\n",
        "log_level: warning",
        "data_dir: " + directory.resolve("data"),
        "listener:",
        "  host: 127.0.0.1",
        "  port: " + port,
        "system_variables:",
        "  local_infile: 1",
        extraSystemVariables(),
        autoGc(),
        ""), StandardCharsets.UTF_8);
    List<String> command = new java.util.ArrayList<>(List.of("dolt"));
    String profileDirectory = System.getProperty("bench.dolt.cpuProfile", "");
    if (!profileDirectory.isBlank()) {
      // Dolt's hidden global flags: a CPU profile of the whole server run, written to that directory on exit
      Files.createDirectories(Path.of(profileDirectory));
      command.addAll(List.of("--prof-path", profileDirectory, "--prof", "cpu"));
      System.out.println("[bench] private dolt sql-server writes a CPU profile to " + profileDirectory + " on exit");
    }
    command.addAll(List.of("sql-server", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("server.log").toFile());
    builder.environment().put("DOLT_ROOT_PATH", home.toString());
    Process process = builder.start();
    LocalInfileDoltServer server = new LocalInfileDoltServer(directory, process, port);
    try {
      server.awaitReady();
    } catch (SQLException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * More system variables for the server's config, from {@code -Dbench.dolt.systemVariables=name=value,...}
   * (e.g. {@code dolt_stats_enabled=0}), one {@code name: value} line each under {@code system_variables}.
   */
  private static String extraSystemVariables() {
    StringBuilder lines = new StringBuilder();
    for (String pair : System.getProperty("bench.dolt.systemVariables", "").split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        lines.append(lines.length() == 0 ? "" : "\n").append("  ").append(pair.substring(0, equals).trim())
            .append(": ").append(pair.substring(equals + 1).trim());
      }
    }
    return lines.toString();
  }

  /** {@code behavior.auto_gc_behavior.enable} from {@code -Dbench.dolt.autoGc=true|false}; Dolt's default when unset. */
  private static String autoGc() {
    String enable = System.getProperty("bench.dolt.autoGc", "");
    return enable.isBlank() ? "" : "behavior:\n  auto_gc_behavior:\n    enable: " + Boolean.parseBoolean(enable);
  }

  /** The server, without a database. */
  public Endpoint endpoint() {
    return new Endpoint("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
  }

  /**
   * CPU seconds the server process has used so far (user and system, from {@code /proc}), so that a suite can
   * compare Dolt's own work per variant independently of the machine's load; NaN where {@code /proc} is absent.
   */
  public double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command: state is [0], utime is the 14th field of the line, [11] here, stime [12]
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The server's process id (for {@code strace -p} or {@code /proc/<pid>/io}). */
  public long pid() {
    return process.pid();
  }

  /**
   * The server process's I/O counters from {@code /proc/<pid>/io} ({@code write_bytes}, {@code syscw}, ...), or an
   * empty map where it cannot be read.
   */
  public java.util.Map<String, Long> io() {
    java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "io"))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          counters.put(line.substring(0, colon).trim(), Long.parseLong(line.substring(colon + 1).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      counters.clear();
    }
    return counters;
  }

  private void awaitReady() throws SQLException, InterruptedException, IOException {
    long deadline = System.currentTimeMillis() + STARTUP_MILLIS;
    SQLException last = null;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new SQLException("dolt sql-server exited with " + process.exitValue() + ": "
            + Files.readString(directory.resolve("server.log"), StandardCharsets.UTF_8));
      }
      try (Connection connection = DriverManager.getConnection(endpoint().url(), "root", "");
          Statement statement = connection.createStatement();
          var rs = statement.executeQuery("SELECT @@GLOBAL.local_infile")) {
        rs.next();
        if (rs.getInt(1) != 1) {
          throw new SQLException("the private dolt sql-server did not take local_infile: 1 from its config");
        }
        return;
      } catch (SQLException e) {
        if (e.getMessage() != null && e.getMessage().contains("did not take")) {
          throw e;
        }
        last = e;
      }
      Thread.sleep(100);
    }
    throw new SQLException("the private dolt sql-server did not answer within " + STARTUP_MILLIS + " ms", last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int pass = 0; pass < 3 && Files.exists(directory); pass++) { // dolt may rewrite its home files late
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("[bench] could not delete " + directory + " yet: " + e.getMessage());
      }
    }
    if (Files.exists(directory)) {
      System.err.println("[bench] left behind: " + directory);
    }
  }
}
