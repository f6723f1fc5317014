package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltHostStatementForms.spell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code SELECT ... INTO OUTFILE/DUMPFILE}: routed to Dolt (it reads Dolt-only tables or history) it would write a
 * file on the Dolt server's host (the test servers run on this host, so the file would appear here), so it is
 * refused before anything runs; naming only the primary's tables it goes to the primary as written, with the
 * primary's own outcome. Generated: the Dolt source (system tables, {@code AS OF}, a revision database), where
 * {@code INTO} stands, OUTFILE options, DUMPFILE, letter case, comments between the words, an executable comment,
 * and how the text is run (plain, prepared with a parameter, a multi-statement text, an SQL-level {@code PREPARE}
 * in one).
 * Decoys (the words in a string, a comment, an alias; {@code INTO @var}) still run on Dolt. MariaDB through
 * mariadb-java-client and through Connector/J (the MySQL dialect).
 */
class DoltHostFileWritesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int CASES = Integer.getInteger("doltsync.test.outfileCases", 40);

  @ParameterizedTest
  @EnumSource(MySqlClient.class)
  void fileWritesOnDoltsHostAreRefusedAndPrimaryOnesReachThePrimary(MySqlClient client) throws Exception {
    System.out.println("DoltHostFileWritesTest seed " + SEED);
    Random random = new Random(SEED);
    PrimaryKind kind = PrimaryKind.MARIADB;
    String doltDb = DoltDatabases.newName("outfile");
    Path directory = Files.createTempDirectory("doltsync-outfile");
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (PrimaryKind.Space space = kind.createSpace("outfile");
        Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(client.url(space.url()), "doltsync.target",
            client.url(TestServers.doltUrl(doltDb))), kind.credentials())) {
      try (Statement sql = app.createStatement()) {
        sql.execute("CREATE TABLE stock (id INT PRIMARY KEY, qty INT NOT NULL)");
        sql.executeUpdate("INSERT INTO stock (id, qty) VALUES (1, 5), (2, 7)");
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));

      for (int n = 0; n < CASES; n++) {
        Path file = directory.resolve("dolt-" + n + ".txt");
        String text = doltFileWrite(random, doltDb, file);
        String how = DoltHostStatementForms.any(random);
        assertThatThrownBy(() -> DoltHostStatementForms.run(app, how, text, "outfile_stmt"))
            .as("%s: %s", how, text)
            .isInstanceOf(SQLFeatureNotSupportedException.class)
            .hasMessageContaining("Dolt server's host")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        assertThat(file).as("written by: %s", text).doesNotExist();
      }

      for (String decoy : List.of("SELECT 'INTO OUTFILE ''/tmp/x''' FROM dolt_log LIMIT 1",
          "SELECT message /* INTO OUTFILE '/tmp/x' */ FROM dolt_log LIMIT 1",
          "SELECT message FROM dolt_log -- INTO OUTFILE '/tmp/x'\n LIMIT 1",
          "SELECT message AS `outfile` FROM dolt_log LIMIT 1",
          "SELECT message INTO @into_outfile FROM dolt_log LIMIT 1",
          "SELECT qty FROM stock AS OF 'HEAD' WHERE id = 1")) {
        try (Statement sql = app.createStatement()) {
          sql.execute(decoy);
        }
      }
      try (Statement sql = app.createStatement(); ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).as("the connection still reads Dolt").isPositive();
      }

      try (Connection raw = DriverManager.getConnection(client.url(space.url()), kind.credentials())) {
        try (Statement sql = raw.createStatement()) {
          // out of band: the primary now differs from Dolt, so a file with the primary's rows came from the primary
          sql.executeUpdate("UPDATE stock SET qty = 99 WHERE id = 1");
        }
        int f = 0;
        for (String form : List.of("SELECT id, qty FROM stock INTO OUTFILE '%s'",
            "SELECT id, qty INTO OUTFILE '%s' FIELDS TERMINATED BY ',' FROM stock",
            "SELECT qty FROM stock WHERE id = 1 INTO DUMPFILE '%s'")) {
          Path throughDoltsync = directory.resolve("primary-doltsync-" + f + ".txt");
          Path throughRaw = directory.resolve("primary-raw-" + f++ + ".txt");
          String viaDoltsync = outcome(app, String.format(Locale.ROOT, form, throughDoltsync));
          String viaRaw = outcome(raw, String.format(Locale.ROOT, form, throughRaw));
          assertThat(viaDoltsync).as("doltsync against the primary's own driver: %s", form).isEqualTo(viaRaw);
          assertContentsEqual(throughDoltsync, throughRaw);
          System.out.println("DoltHostFileWritesTest, a primary table's " + form + ": " + viaDoltsync);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
      DoltDatabases.drop(doltDb);
    }
  }

  /** A SELECT that doltsync routes to Dolt, writing {@code file} with INTO OUTFILE or DUMPFILE. */
  private static String doltFileWrite(Random random, String doltDb, Path file) {
    String[][] sources = {
        {"commit_hash, message", "dolt_log"},
        {"name, hash", "dolt_branches"},
        {"id, qty", "stock AS OF 'HEAD'"},
        {"diff_type", "dolt_diff_stock"},
        {"id, qty", "`" + doltDb + "/main`.stock"},
    };
    String[] source = sources[random.nextInt(sources.length)];
    boolean dump = random.nextInt(3) == 0;
    String columns = dump ? source[0].split(",")[0] : source[0];
    String into = spell(random, "INTO") + separator(random) + spell(random, dump ? "DUMPFILE" : "OUTFILE") + " '"
        + file + "'";
    if (!dump) {
      into += List.of("", " FIELDS TERMINATED BY ','", " CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' ENCLOSED BY"
          + " '\"' LINES TERMINATED BY '\\n'").get(random.nextInt(3));
    }
    String limit = dump ? " LIMIT 1" : "";
    return switch (random.nextInt(3)) {
      case 0 -> "SELECT " + columns + " FROM " + source[1] + limit + " " + into;
      case 1 -> "SELECT " + columns + " " + into + " FROM " + source[1] + limit;
      default -> "SELECT " + columns + " FROM " + source[1] + limit + " /*!" + into + " */";
    };
  }

  private static String separator(Random random) {
    return List.of(" ", "\n\t", " /* between */ ", " -- between\n", " # between\n").get(random.nextInt(5));
  }

  /** "ok" or the exception's class, SQLState and vendor code. */
  private static String outcome(Connection connection, String text) {
    try (Statement sql = connection.createStatement()) {
      sql.execute(text);
      return "ok";
    } catch (SQLException e) {
      return e.getClass().getSimpleName() + " " + e.getSQLState() + " " + e.getErrorCode();
    }
  }

  private static void assertContentsEqual(Path a, Path b) throws IOException {
    assertThat(Files.exists(a)).isEqualTo(Files.exists(b));
    if (Files.exists(a)) {
      assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }
  }
}
