package io.doltsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code doltsync export} in-process, from the Dolt test server into a fresh MariaDB database: a dry run changes
 * nothing, an export creates and fills, a second one updates; exit 1 when the target cannot take the revision,
 * 2 for an unknown revision or usage errors; the target password never printed.
 */
class ExportCommandTest {

  private static String doltDb;
  private String target;

  @BeforeAll
  static void createRevision() throws Exception {
    doltDb = CliServers.uniqueName("cliexp");
    try (Connection server = CliServers.connect(CliServers.doltUrl(""), "root", ""); Statement s = server.createStatement()) {
      s.execute("CREATE DATABASE " + doltDb);
    }
    try (Connection dolt = CliServers.connect(CliServers.doltUrl(doltDb), "root", ""); Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2))");
      s.execute("CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)");
      for (int i = 1; i <= 30; i++) {
        s.execute("INSERT INTO items VALUES (" + i + ", 'item " + i + "', " + i + ".25)");
      }
      s.execute("INSERT INTO notes VALUES (1, 'ünïcode 😀')");
      s.execute("CALL DOLT_COMMIT('-Am', 'thirty items')");
      s.execute("DELETE FROM items WHERE id > 20");
      s.execute("CALL DOLT_COMMIT('-Am', 'twenty items')");
    }
  }

  @BeforeEach
  void createTarget() throws Exception {
    target = CliServers.createMariadbDatabase("cliexp");
  }

  @AfterEach
  void dropTarget() throws Exception {
    CliServers.dropMariadbDatabase(target);
  }

  @AfterAll
  static void drop() throws Exception {
    CliServers.dropDoltDatabase(doltDb);
  }

  @Test
  void exportsCountsAndUpdatesWithDoltsyncsExitStatus() throws Exception {
    Run dry = export("--revision", "main~1", "--dry-run");
    assertThat(dry.status).as(dry.toString()).isEqualTo(0);
    assertThat(dry.out).contains("DRY RUN (nothing changed): 2 tables, 31 rows").containsPattern("items\\s+-> items\\s+created\\s+30 inserted");
    assertThat(tables()).isEmpty();

    Run first = export("--revision", "main~1");
    assertThat(first.status).as(first.toString()).isEqualTo(0);
    assertThat(first.out).contains("EXPORTED: 2 tables, 31 rows from main~1");
    assertThat(count("items")).isEqualTo(30);

    Run second = export("--revision", "main", "--tables", "items");
    assertThat(second.status).as(second.toString()).isEqualTo(0);
    assertThat(second.out).containsPattern("items\\s+-> items\\s+updated\\s+0 inserted\\s+20 updated\\s+10 deleted");
    assertThat(count("items")).isEqualTo(20);

    Run renamed = export("--revision", "main", "--tables", "notes", "--table-map", "notes=notes_copy");
    assertThat(renamed.status).as(renamed.toString()).isEqualTo(0);
    assertThat(count("notes_copy")).isEqualTo(1);
  }

  @Test
  void refusalsExitWithOneAndUsageErrorsWithTwoWithoutPrintingThePassword() throws Exception {
    try (Connection c = CliServers.connect(CliServers.mariadbUrl(target), CliServers.USER, CliServers.PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE clash (id INT PRIMARY KEY)");
    }
    Run incompatible = export("--revision", "main", "--tables", "items", "--table-map", "items=clash");
    assertThat(incompatible.status).as(incompatible.toString()).isEqualTo(1);
    assertThat(incompatible.err).contains("export refused, nothing changed").contains("clash").contains("no column name");

    Run unknownRevision = export("--revision", "no_such_branch");
    assertThat(unknownRevision.status).as(unknownRevision.toString()).isEqualTo(2);
    assertThat(unknownRevision.err).contains("unknown Dolt revision 'no_such_branch'");

    Run unknownTable = export("--revision", "main", "--tables", "nothing_here");
    assertThat(unknownTable.status).as(unknownTable.toString()).isEqualTo(2);
    assertThat(unknownTable.err).contains("no table nothing_here");

    Run missing = run("export", "--dolt", CliServers.doltUrl(doltDb), "--to", CliServers.mariadbUrl(target));
    assertThat(missing.status).isEqualTo(2);
    assertThat(missing.err).contains("Missing required option: '--revision");

    String secret = "s3cret-" + CliServers.uniqueName("pw");
    Run wrongPassword = run("export", "--dolt", CliServers.doltUrl(doltDb), "--revision", "main", "--to",
        CliServers.mariadbUrl(target), "--to-user", CliServers.USER, "--to-password", secret);
    assertThat(wrongPassword.status).as(wrongPassword.toString()).isEqualTo(2);
    assertThat(wrongPassword.out + wrongPassword.err).doesNotContain(secret);

    Run help = run("export", "--help");
    assertThat(help.status).isEqualTo(0);
    assertThat(help.out).contains("--revision").contains("--table-map").contains("--dry-run").contains("Exit status");
  }

  private Run export(String... args) {
    List<String> all = new ArrayList<>(List.of("export", "--dolt", CliServers.doltUrl(doltDb), "--to",
        CliServers.mariadbUrl(target), "--to-user", CliServers.USER, "--to-password", CliServers.PASSWORD));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  private List<String> tables() throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection c = CliServers.connect(CliServers.mariadbUrl(target), CliServers.USER, CliServers.PASSWORD);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private long count(String table) throws Exception {
    try (Connection c = CliServers.connect(CliServers.mariadbUrl(target), CliServers.USER, CliServers.PASSWORD);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = DoltSyncCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Run(commandLine.execute(args), out.toString(), err.toString());
  }

  private record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\nout:\n" + out + "\nerr:\n" + err;
    }
  }
}
