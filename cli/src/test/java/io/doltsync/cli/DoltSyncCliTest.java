package io.doltsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The picocli command in-process against MariaDB and Dolt: exit status 0 in sync, 1 after out-of-band
 * writes, 0 again after reconcile; 2 for usage and connection errors; secrets never printed.
 */
class DoltSyncCliTest {

  private static String primaryDb;
  private static String doltDb;
  private static String url;

  @BeforeAll
  static void createMirroredTable() throws Exception {
    primaryDb = CliServers.createMariadbDatabase("cli");
    doltDb = CliServers.uniqueName("cli");
    url = "jdbc:doltsync:" + CliServers.mariadbUrl(primaryDb).substring("jdbc:".length()) + "?doltsync.target="
        + CliServers.doltUrl(doltDb) + "&doltsync.mode=sync";
    Properties credentials = new Properties();
    credentials.setProperty("user", CliServers.USER);
    credentials.setProperty("password", CliServers.PASSWORD);
    try (Connection app = DriverManager.getConnection(url, credentials); Statement statement = app.createStatement()) {
      statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance DECIMAL(12,2))");
      for (int i = 1; i <= 50; i++) {
        statement.executeUpdate("INSERT INTO accounts VALUES (" + i + ", 'owner " + i + "', " + i * 10 + ".50)");
      }
    }
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    io.doltsync.DoltSync.shutdown();
    CliServers.dropMariadbDatabase(primaryDb);
    CliServers.dropDoltDatabase(doltDb);
  }

  @Test
  void exitStatusFollowsDriftAndReconcileHealsIt() throws Exception {
    Run clean = run("verify", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(clean.status).as(clean.toString()).isEqualTo(0);
    assertThat(clean.out).contains("accounts").contains("50 rows compared").contains("in sync");

    try (Connection plain = CliServers.connect(CliServers.mariadbUrl(primaryDb), CliServers.USER, CliServers.PASSWORD);
        Statement statement = plain.createStatement()) {
      statement.executeUpdate("INSERT INTO accounts VALUES (51, 'bypass', 1.00)");
      statement.executeUpdate("UPDATE accounts SET balance = 999.99 WHERE id = 7");
      statement.executeUpdate("DELETE FROM accounts WHERE id = 9");
    }
    Run drift = run("verify", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(drift.status).as(drift.toString()).isEqualTo(1);
    assertThat(drift.out).contains("3 differ (1 missing in Dolt, 1 changed, 1 only in Dolt)")
        .contains("key [51]: missing in Dolt").contains("key [7]: balance: primary 999.99, Dolt 70.50")
        .contains("key [9]: only in Dolt").contains("DRIFT");

    Run status = run("status", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(status.status).as(status.toString()).isEqualTo(0);
    assertThat(status.out).contains("queue depth     0 journal entries").contains("quarantined     0 entries");

    Run dryRun = run("reconcile", "--dry-run", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(dryRun.status).as(dryRun.toString()).isEqualTo(1);

    Run reconcile = run("reconcile", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(reconcile.status).as(reconcile.toString()).isEqualTo(0);
    assertThat(reconcile.out).contains("Reconcile: accounts (+1 ~1 -1)");
    try (Connection dolt = CliServers.connect(CliServers.doltUrl(doltDb), "root", "");
        Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(balance) FROM accounts")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(50);
    }

    Run after = run("verify", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(after.status).as(after.toString()).isEqualTo(0);

    Run apply = run("apply", "--url", url, "--user", CliServers.USER, "--password", CliServers.PASSWORD);
    assertThat(apply.status).as(apply.toString()).isEqualTo(0);
    assertThat(apply.out).contains("journal applied");
  }

  @Test
  void usageAndConnectionErrorsExitWithTwoAndNeverPrintThePassword() {
    String secret = "s3cret-" + CliServers.uniqueName("pw");
    Run missingUrl = run("verify", "--user", "x");
    assertThat(missingUrl.status).isEqualTo(2);
    assertThat(missingUrl.err).contains("Missing required option: '--url");

    Run unknown = run("verify", "--url", url, "--no-such-option");
    assertThat(unknown.status).isEqualTo(2);

    Run notDoltsync = run("status", "--url", CliServers.mariadbUrl(primaryDb), "--password", secret);
    assertThat(notDoltsync.status).isEqualTo(2);
    assertThat(notDoltsync.err).contains("jdbc:doltsync:");

    Run wrongPassword = run("verify", "--url", url, "--user", CliServers.USER, "--password", secret);
    assertThat(wrongPassword.status).as(wrongPassword.toString()).isEqualTo(2);
    assertThat(wrongPassword.err).startsWith("doltsync: ");

    String unreachable = "jdbc:doltsync:mariadb://127.0.0.1:1/nothing?doltsync.target=" + CliServers.doltUrl(doltDb)
        + "&password=" + secret;
    Run down = run("status", "--url", unreachable, "--user", "x", "--password", secret);
    assertThat(down.status).as(down.toString()).isEqualTo(2);
    for (Run run : List.of(notDoltsync, wrongPassword, down)) {
      assertThat(run.out + run.err).doesNotContain(secret);
    }
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command : List.of("verify", "reconcile", "status", "apply")) {
      Run help = run(command, "--help");
      assertThat(help.status).isEqualTo(0);
      assertThat(help.out).contains("Usage: doltsync " + command).contains("--url").contains("Exit status");
    }
    Run top = run("--help");
    assertThat(top.status).isEqualTo(0);
    assertThat(top.out).contains("verify").contains("reconcile").contains("status").contains("apply");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = DoltSyncCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  private record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\nout:\n" + out + "\nerr:\n" + err;
    }
  }
}
