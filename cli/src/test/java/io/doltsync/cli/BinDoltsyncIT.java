package io.doltsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/doltsync} as a user runs it (after {@code package}, on the shaded jar), with the primary's
 * credentials in the environment: exit status 0 in sync, 1 after an out-of-band write, 2 for a bad URL.
 */
class BinDoltsyncIT {

  @Test
  void launcherExitsZeroOneAndTwo() throws Exception {
    String primaryDb = CliServers.createMariadbDatabase("clibin");
    String doltDb = CliServers.uniqueName("clibin");
    String url = "jdbc:doltsync:" + CliServers.mariadbUrl(primaryDb).substring("jdbc:".length()) + "?doltsync.target="
        + CliServers.doltUrl(doltDb) + "&doltsync.mode=sync";
    try {
      Properties credentials = new Properties();
      credentials.setProperty("user", CliServers.USER);
      credentials.setProperty("password", CliServers.PASSWORD);
      try (Connection app = DriverManager.getConnection(url, credentials); Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)");
        statement.executeUpdate("INSERT INTO notes VALUES (1, 'first'), (2, 'second')");
      }
      io.doltsync.DoltSync.shutdown();

      Result clean = launch("verify", "--url", url);
      assertThat(clean.status).as(clean.output).isEqualTo(0);
      assertThat(clean.output).contains("notes").contains("in sync");

      try (Connection plain = CliServers.connect(CliServers.mariadbUrl(primaryDb), CliServers.USER, CliServers.PASSWORD);
          Statement statement = plain.createStatement()) {
        statement.executeUpdate("INSERT INTO notes VALUES (3, 'behind doltsync''s back')");
      }
      Result drift = launch("verify", "--url", url);
      assertThat(drift.status).as(drift.output).isEqualTo(1);
      assertThat(drift.output).contains("key [3]: missing in Dolt");

      Result bad = launch("status", "--url", "jdbc:doltsync:mariadb://127.0.0.1:1/none");
      assertThat(bad.status).as(bad.output).isEqualTo(2);
      assertThat(bad.output).doesNotContain(CliServers.PASSWORD + "'");
    } finally {
      CliServers.dropMariadbDatabase(primaryDb);
      CliServers.dropDoltDatabase(doltDb);
    }
  }

  /**
   * {@code bin/doltsync sync} killed with SIGKILL in the middle of copying a table: Dolt has no commit of it, and
   * the rerun copies every row once, in one commit.
   */
  @Test
  void syncKilledMidRunLeavesNoCommitAndTheRerunCopiesEveryRowOnce() throws Exception {
    String source = CliServers.createMariadbDatabase("clibinsync");
    String dolt = CliServers.uniqueName("clibinsync");
    try {
      try (Connection plain = CliServers.connect(CliServers.mariadbUrl(source), CliServers.USER, CliServers.PASSWORD);
          Statement statement = plain.createStatement()) {
        statement.execute("CREATE TABLE big (id INT PRIMARY KEY, name VARCHAR(40))");
        statement.execute("INSERT INTO big SELECT seq, CONCAT('row ', seq) FROM seq_1_to_60000");
      }
      List<String> sync = List.of("sync", "--source", CliServers.mariadbUrl(source), "--source-user", CliServers.USER,
          "--target", CliServers.doltUrl(dolt), "--once");
      Path output = Files.createTempFile("doltsync-sync", ".out");
      List<String> command = new java.util.ArrayList<>(List.of(Path.of("..", "bin", "doltsync").toAbsolutePath()
          .normalize().toString()));
      command.addAll(sync);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD);
      Process process = builder.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.readString(output).contains("sync: big") && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(process.isAlive()).as(Files.readString(output)).isTrue();
      ProcessHandle.of(process.pid()).orElseThrow().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      try (Connection d = CliServers.connect(CliServers.doltUrl(dolt), "root", "")) {
        assertThat(rows(d, "SELECT COUNT(*) FROM dolt_log")).containsExactly("1");
      }

      Result rerun = launch(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), sync.toArray(String[]::new));
      assertThat(rerun.status).as(rerun.output).isZero();
      assertThat(rerun.output).contains("commit ").contains("+60000");
      try (Connection d = CliServers.connect(CliServers.doltUrl(dolt), "root", "")) {
        assertThat(rows(d, "SELECT COUNT(*) FROM dolt_log")).containsExactly("2");
        assertThat(rows(d, "SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM big"))
            .containsExactly("60000|60000|1|60000");
      }
      Result bad = launch(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), "sync", "--source",
          "jdbc:mariadb://127.0.0.1:1/none", "--target", CliServers.doltUrl(dolt), "--once");
      assertThat(bad.status).as(bad.output).isEqualTo(1);
      assertThat(bad.output).contains("cannot reach the source").doesNotContain(CliServers.PASSWORD + "'");
    } finally {
      CliServers.dropMariadbDatabase(source);
      CliServers.dropDoltDatabase(dolt);
    }
  }

  private static List<String> rows(Connection connection, String sql) throws Exception {
    List<String> rows = new java.util.ArrayList<>();
    try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private record Result(int status, String output) {}

  private static Result launch(String... args) throws IOException, InterruptedException {
    return launch(Map.of(), args);
  }

  private static Result launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    Path launcher = Path.of("..", "bin", "doltsync").toAbsolutePath().normalize();
    assertThat(launcher).isExecutable();
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("doltsync-cli", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("DOLTSYNC_USER", CliServers.USER);
      builder.environment().put("DOLTSYNC_PASSWORD", CliServers.PASSWORD);
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("bin/doltsync did not finish: " + Files.readString(output));
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
