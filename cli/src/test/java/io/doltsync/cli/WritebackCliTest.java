package io.doltsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.jdbc.DoltSyncDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code revert}, {@code restore} and {@code publish} in-process against MariaDB and Dolt: exit status 0
 * when done (a dry run changes nothing), 1 on conflicts with nothing changed, 2 for an unknown revision
 * or branch; the primary holds what the operation defines afterwards.
 */
class WritebackCliTest {

  private static String primaryDb;
  private static String doltDb;
  private static String url;

  @BeforeAll
  static void createMirroredTable() throws Exception {
    primaryDb = CliServers.createMariadbDatabase("wbcli");
    doltDb = CliServers.uniqueName("wbcli");
    url = "jdbc:doltsync:" + CliServers.mariadbUrl(primaryDb).substring("jdbc:".length()) + "?doltsync.target="
        + CliServers.doltUrl(doltDb) + "&doltsync.mode=sync";
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    io.doltsync.DoltSync.shutdown();
    CliServers.dropMariadbDatabase(primaryDb);
    CliServers.dropDoltDatabase(doltDb);
  }

  @Test
  void revertRestoreAndPublishFromTheCommandLine() throws Exception {
    String created = commit("CREATE TABLE items (id INT PRIMARY KEY, v INT)");
    String filled = commit("INSERT INTO items VALUES (1, 10), (2, 20), (3, 30)");
    String changed = commit("UPDATE items SET v = 21 WHERE id = 2");
    assertThat(created).isNotBlank();

    Run dry = run("revert", changed, "--dry-run");
    assertThat(dry.status).as(dry.toString()).isEqualTo(0);
    assertThat(dry.out).contains("items").contains("1 updated").contains("dry run, nothing changed");
    assertThat(values()).containsExactly(10, 21, 30);

    Run revert = run("revert", changed);
    assertThat(revert.status).as(revert.toString()).isEqualTo(0);
    assertThat(revert.out).contains("Revert " + changed.substring(0, 8)).contains("Dolt commit ");
    assertThat(values()).containsExactly(10, 20, 30);

    String first = commit("UPDATE items SET v = 11 WHERE id = 1");
    commit("UPDATE items SET v = 12 WHERE id = 1");
    Run conflict = run("revert", first);
    assertThat(conflict.status).as(conflict.toString()).isEqualTo(1);
    assertThat(conflict.out).contains("conflict: items key [1]").contains("CONFLICTS: nothing was changed");
    assertThat(values()).containsExactly(12, 20, 30);

    Run restore = run("restore", filled, "-t", "items");
    assertThat(restore.status).as(restore.toString()).isEqualTo(0);
    assertThat(restore.out).contains("Restore items to " + filled.substring(0, 8));
    assertThat(values()).containsExactly(10, 20, 30);

    try (Connection dolt = CliServers.connect(CliServers.doltUrl(doltDb), "root", "");
        Statement statement = dolt.createStatement()) {
      statement.execute("CALL DOLT_BRANCH('review')");
      statement.execute("CALL DOLT_CHECKOUT('review')");
      statement.execute("INSERT INTO items VALUES (4, 40)");
      statement.execute("CALL DOLT_COMMIT('-am', 'add item 4')");
    }
    Run publish = run("publish", "review");
    assertThat(publish.status).as(publish.toString()).isEqualTo(0);
    assertThat(publish.out).contains("Publish review (").contains("1 inserted");
    assertThat(values()).containsExactly(10, 20, 30, 40);

    Run unknownRevision = run("revert", "no-such-revision");
    assertThat(unknownRevision.status).as(unknownRevision.toString()).isEqualTo(2);
    assertThat(unknownRevision.err).contains("no-such-revision").contains("22023");
    Run unknownBranch = run("publish", "no_such_branch");
    assertThat(unknownBranch.status).as(unknownBranch.toString()).isEqualTo(2);
    Run missing = run("restore");
    assertThat(missing.status).isEqualTo(2);
    for (String command : List.of("revert", "restore", "publish")) {
      Run help = run(command, "--help");
      assertThat(help.status).isEqualTo(0);
      assertThat(help.out).contains("Usage: doltsync " + command).contains("--dry-run").contains("Exit status");
    }
  }

  private static String commit(String sql) throws SQLException {
    DoltSyncDriver.register();
    try (Connection app = DriverManager.getConnection(url, credentials()); Statement statement = app.createStatement()) {
      statement.execute(sql);
      return app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }
  }

  private static List<Integer> values() throws SQLException {
    List<Integer> values = new ArrayList<>();
    try (Connection plain = CliServers.connect(CliServers.mariadbUrl(primaryDb), CliServers.USER, CliServers.PASSWORD);
        Statement statement = plain.createStatement();
        ResultSet rs = statement.executeQuery("SELECT v FROM items ORDER BY id")) {
      while (rs.next()) {
        values.add(rs.getInt(1));
      }
    }
    return values;
  }

  private static Properties credentials() {
    Properties credentials = new Properties();
    credentials.setProperty("user", CliServers.USER);
    credentials.setProperty("password", CliServers.PASSWORD);
    return credentials;
  }

  private static Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--help") && all.size() > 1) {
      all.addAll(List.of("--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = DoltSyncCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute(all.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }

  private record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\nout:\n" + out + "\nerr:\n" + err;
    }
  }
}
