package io.doltsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.doltsync.internal.sync.ReaderLock;
import io.doltsync.internal.sync.SyncOptions;
import picocli.CommandLine;

/**
 * {@code doltsync sync} in-process against MariaDB (written by plain JDBC) and Dolt: every flag, the config file
 * and the environment take effect; exit status 0 for a run that succeeded (committed or not), 1 for a failed run,
 * 2 for a usage error; passwords never printed.
 */
class SyncCommandTest {

  @TempDir
  Path temp;

  @Test
  void everyFlagTakesEffect() throws Exception {
    String source = CliServers.createMariadbDatabase("clisync");
    String dolt = CliServers.uniqueName("clisync");
    try {
      execute(source, "CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(20), changed BIGINT)",
          "CREATE TABLE log_lines (line VARCHAR(40), n INT)", "CREATE TABLE audit (id INT PRIMARY KEY)",
          "CREATE TABLE tmp_scratch (id INT PRIMARY KEY)", "CREATE TABLE events (event_id INT NOT NULL, what VARCHAR(20), seq BIGINT)",
          "INSERT INTO orders VALUES (1, 'apple', 1), (2, 'pear', 2)", "INSERT INTO log_lines VALUES ('x', 1), ('x', 1)",
          "INSERT INTO events VALUES (1, 'made', 1)");
      List<String> flags = List.of("sync", "--source", CliServers.mariadbUrl(source), "--source-user", CliServers.USER,
          "--target", CliServers.doltUrl(dolt), "--target-user", "root", "--branch", "history", "--tables", "orders,log_*,ev*",
          "--exclude", "tmp_*", "--table-map", "orders=shop_orders", "--mode", "snapshot", "--table-mode",
          "orders=incremental,events=incremental", "--cursor", "orders=changed,events=seq", "--key", "events=event_id",
          "--look-back", "0s", "--key-scan-every", "0s", "--message", "Nightly copy", "--author", "Robot <robot@example.com>",
          "--chunk-rows", "7", "--once");
      Run first = run(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), flags);
      assertThat(first.status).as(first.toString()).isZero();
      assertThat(first.out).startsWith("commit ").contains("orders -> shop_orders").contains("incremental");

      execute(source, "UPDATE orders SET item = 'plum', changed = 3 WHERE id = 2", "DELETE FROM orders WHERE id = 1",
          "INSERT INTO log_lines VALUES ('y', 2)", "UPDATE events SET what = 'sent', seq = 2 WHERE event_id = 1");
      Run second = run(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), flags);
      assertThat(second.status).as(second.toString()).isZero();
      try (Connection d = CliServers.connect(CliServers.doltUrl(dolt), "root", "")) {
        assertThat(rows(d, "SHOW TABLES AS OF 'history'"))
            .containsExactlyInAnyOrder("shop_orders", "log_lines", "events", "_doltsync_cursor");
        assertThat(rows(d, "SELECT id, item FROM shop_orders AS OF 'history'")).containsExactly("2|plum");
        assertThat(rows(d, "SELECT line, n FROM log_lines AS OF 'history' ORDER BY line")).containsExactly("x|1", "x|1", "y|2");
        assertThat(rows(d, "SELECT what FROM events AS OF 'history'")).containsExactly("sent");
        assertThat(rows(d, "SELECT committer, email FROM dolt_log('history') LIMIT 1")).containsExactly("Robot|robot@example.com");
        assertThat(rows(d, "SELECT message FROM dolt_log('history') LIMIT 1").get(0)).startsWith("Nightly copy");
        assertThat(rows(d, "SELECT COUNT(*) FROM dolt_log('main')")).containsExactly("1");
      }

      Run unchanged = run(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), flags);
      assertThat(unchanged.status).as(unchanged.toString()).isZero();
      assertThat(unchanged.out).startsWith("no change, no commit");

      List<String> refresh = new ArrayList<>(flags);
      refresh.addAll(List.of("--full-refresh", "log_lines"));
      execute(source, "ALTER TABLE log_lines DROP COLUMN n");
      Run refused = run(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), flags);
      assertThat(refused.status).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err).contains("column n was dropped").contains("--full-refresh log_lines");
      Run refreshed = run(Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD), refresh);
      assertThat(refreshed.status).as(refreshed.toString()).isZero();
      assertThat(refreshed.out).contains("log_lines").contains("full-refresh");
    } finally {
      CliServers.dropMariadbDatabase(source);
      CliServers.dropDoltDatabase(dolt);
    }
  }

  @Test
  void settingsComeFromTheEnvironmentAndAConfigFileAndSecretsNeverFromTheFile() throws Exception {
    String source = CliServers.createMariadbDatabase("clisync");
    String dolt = CliServers.uniqueName("clisync");
    try {
      execute(source, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a')");
      Path config = temp.resolve("sync.properties");
      Files.writeString(config, "target=" + CliServers.doltUrl(dolt) + "\ntable-map=t=renamed\nmessage=From the file\n"
          + "source-user=" + CliServers.USER + "\n");
      Map<String, String> environment = new HashMap<>();
      environment.put("DOLTSYNC_SOURCE", CliServers.mariadbUrl(source));
      environment.put("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD);
      environment.put("DOLTSYNC_MESSAGE", "From the environment");
      Run run = run(environment, List.of("sync", "--config", config.toString()));
      assertThat(run.status).as(run.toString()).isZero();
      try (Connection d = CliServers.connect(CliServers.doltUrl(dolt), "root", "")) {
        assertThat(rows(d, "SELECT v FROM renamed")).containsExactly("a");
        assertThat(rows(d, "SELECT message FROM dolt_log LIMIT 1").get(0)).startsWith("From the environment");
      }

      Files.writeString(config, "source-password=" + CliServers.PASSWORD + "\n");
      Run secretInFile = run(Map.of("DOLTSYNC_SOURCE", CliServers.mariadbUrl(source)),
          List.of("sync", "--config", config.toString(), "--target", CliServers.doltUrl(dolt)));
      assertThat(secretInFile.status).isEqualTo(2);
      assertThat(secretInFile.err).contains("secrets are taken from the environment only").doesNotContain(CliServers.PASSWORD + "\n");
    } finally {
      CliServers.dropMariadbDatabase(source);
      CliServers.dropDoltDatabase(dolt);
    }
  }

  @Test
  void exitStatusOneForAFailedRunAndTwoForUsageWithoutPrintingThePassword() throws Exception {
    String secret = "s3cret-" + CliServers.uniqueName("pw");
    Run down = run(Map.of("DOLTSYNC_SOURCE_PASSWORD", secret), List.of("sync", "--source",
        "jdbc:mariadb://127.0.0.1:1/none", "--target", CliServers.doltUrl("nowhere"), "--once"));
    assertThat(down.status).as(down.toString()).isEqualTo(1);
    assertThat(down.err).contains("cannot reach the source").doesNotContain(secret);

    Run missing = run(Map.of(), List.of("sync", "--once"));
    assertThat(missing.status).isEqualTo(2);
    assertThat(missing.err).contains("--source and --target are required");
    Run both = run(Map.of(), List.of("sync", "--source", "jdbc:h2:mem:x", "--target", "embedded:x", "--once",
        "--interval", "5m"));
    assertThat(both.status).isEqualTo(2);
    assertThat(both.err).contains("--once and --interval exclude each other");
    Run badMode = run(Map.of(), List.of("sync", "--source", "jdbc:h2:mem:x", "--target", "embedded:x", "--mode", "sometimes"));
    assertThat(badMode.status).isEqualTo(2);
    assertThat(badMode.err).contains("unknown sync mode 'sometimes'");
  }

  @Test
  void exitStatusThreeWhenAnotherSyncHoldsTheBranchForAllOfTheLockWait() throws Exception {
    String source = CliServers.createMariadbDatabase("clisync");
    String dolt = CliServers.uniqueName("clisync");
    try {
      execute(source, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a')");
      List<String> flags = List.of("sync", "--source", CliServers.mariadbUrl(source), "--source-user", CliServers.USER,
          "--target", CliServers.doltUrl(dolt), "--lock-wait", "1s", "--once");
      Map<String, String> environment = Map.of("DOLTSYNC_SOURCE_PASSWORD", CliServers.PASSWORD);
      assertThat(run(environment, flags).status).isZero();
      execute(source, "UPDATE t SET v = 'b'");
      try (Connection other = CliServers.connect(CliServers.doltUrl(dolt), "root", "")) {
        assertThat(rows(other, "SELECT GET_LOCK('doltsync.sync:" + dolt + "/main', 0)")).containsExactly("1");
        Run busy = run(environment, flags);
        assertThat(busy.status).as(busy.toString()).isEqualTo(1);
        assertThat(busy.err).contains("another sync is running into branch 'main' of Dolt database " + dolt)
            .contains("--lock-wait 1s").contains("HYT00");
        assertThat(rows(other, "SELECT v FROM t")).containsExactly("a");
      }
      Run after = run(environment, flags);
      assertThat(after.status).as(after.toString()).isZero();
      assertThat(after.out).startsWith("commit ");
    } finally {
      CliServers.dropMariadbDatabase(source);
      CliServers.dropDoltDatabase(dolt);
    }
  }

  private static void execute(String database, String... statements) throws Exception {
    try (Connection c = CliServers.connect(CliServers.mariadbUrl(database), CliServers.USER, CliServers.PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static List<String> rows(Connection connection, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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

  /** {@code --readers} and {@code --readers-lock} from flags, the environment and a file; bad values refused. */
  @Test
  void readersAndTheReadersLockComeFromFlagsTheEnvironmentAndAFile() throws Exception {
    Path config = temp.resolve("readers.properties");
    Files.writeString(config, "readers=3\nreaders-lock=flush-tables\n");
    Map<String, String> base = Map.of("DOLTSYNC_SOURCE", "jdbc:mariadb://127.0.0.1:1/s", "DOLTSYNC_TARGET",
        "jdbc:mariadb://127.0.0.1:1/d");
    assertThat(parse(base, List.of("sync")).readers()).isZero();
    assertThat(parse(base, List.of("sync")).effectiveReaders()).isEqualTo(SyncOptions.DEFAULT_READERS);
    assertThat(parse(base, List.of("sync")).readerLock()).isEqualTo(ReaderLock.NONE);
    SyncOptions flags = parse(base, List.of("sync", "--readers", "2", "--readers-lock", "flush-tables"));
    assertThat(flags.readers()).isEqualTo(2);
    assertThat(flags.readerLock()).isEqualTo(ReaderLock.FLUSH_TABLES);
    Map<String, String> environment = new HashMap<>(base);
    environment.put("DOLTSYNC_READERS", "1");
    assertThat(parse(environment, List.of("sync")).readers()).isEqualTo(1);
    SyncOptions file = parse(base, List.of("sync", "--config", config.toString()));
    assertThat(file.readers()).isEqualTo(3);
    assertThat(file.readerLock()).isEqualTo(ReaderLock.FLUSH_TABLES);
    for (List<String> bad : List.of(List.of("--readers", "-1"), List.of("--readers", "many"),
        List.of("--readers-lock", "global"))) {
      List<String> args = new ArrayList<>(List.of("sync", "--once"));
      args.addAll(bad);
      Run run = run(base, args);
      assertThat(run.status).as(bad + ": " + run).isEqualTo(2);
    }
  }

  private static SyncOptions parse(Map<String, String> environment, List<String> args) throws Exception {
    CommandLine commandLine = DoltSyncCli.commandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs(args.toArray(String[]::new));
    SyncCommand sync = (SyncCommand) parsed.subcommand().commandSpec().userObject();
    return sync.options(SyncSettings.load(sync.config, environment));
  }

  private record Run(int status, String out, String err) {}

  private static Run run(Map<String, String> environment, List<String> args) {
    CommandLine commandLine = DoltSyncCli.commandLine();
    CommandLine sync = commandLine.getSubcommands().get("sync");
    ((SyncCommand) sync.getCommand()).environment = environment;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute(args.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }
}
