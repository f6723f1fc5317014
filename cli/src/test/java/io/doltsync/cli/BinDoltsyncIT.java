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

  private record Result(int status, String output) {}

  private static Result launch(String... args) throws IOException, InterruptedException {
    Path launcher = Path.of("..", "bin", "doltsync").toAbsolutePath().normalize();
    assertThat(launcher).isExecutable();
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("doltsync-cli", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("DOLTSYNC_USER", CliServers.USER);
      builder.environment().put("DOLTSYNC_PASSWORD", CliServers.PASSWORD);
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
