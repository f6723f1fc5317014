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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code LOAD_FILE(...)} and a {@code LOAD DATA}/{@code LOAD XML} without {@code LOCAL} that doltsync would run
 * on Dolt read a file on the Dolt server's host (measured: Dolt returns it), so they are refused (0A000) before
 * anything runs: Dolt's copy of the table gains no row. Generated: the form (LOAD_FILE in the select list, a WHERE,
 * an executable comment, with a comment before its parenthesis; LOAD DATA/XML with LOW_PRIORITY/CONCURRENT and
 * options), letter case, and how the text is run (plain, query, prepared with a parameter, a multi-statement text,
 * an SQL-level {@code PREPARE} after a Dolt statement). Decoys (the words in strings, comments, aliases and quoted
 * names) still run on Dolt, and statements naming only primary tables reach the primary with its own outcome.
 * MariaDB through mariadb-java-client and through Connector/J.
 */
class DoltHostFileReadsTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int CASES = Integer.getInteger("doltsync.test.fileReadCases", 40);

  @ParameterizedTest
  @EnumSource(MySqlClient.class)
  void fileReadsOnDoltsHostAreRefusedAndPrimaryOnesReachThePrimary(MySqlClient client) throws Exception {
    System.out.println("DoltHostFileReadsTest seed " + SEED);
    Random random = new Random(SEED);
    PrimaryKind kind = PrimaryKind.MARIADB;
    String doltDb = DoltDatabases.newName("fileread");
    Path file = Files.createTempFile("doltsync-fileread", ".txt");
    Files.writeString(file, "7\t70\n8\t80\n");
    file.toFile().setReadable(true, false);
    try (PrimaryKind.Space space = kind.createSpace("fileread");
        Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(client.url(space.url()), "doltsync.target",
            client.url(TestServers.doltUrl(doltDb))), kind.credentials())) {
      try (Statement sql = app.createStatement()) {
        sql.execute("CREATE TABLE stock (id INT PRIMARY KEY, qty INT NOT NULL)");
        sql.executeUpdate("INSERT INTO stock (id, qty) VALUES (1, 5), (2, 7)");
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));

      for (int n = 0; n < CASES; n++) {
        boolean load = random.nextBoolean();
        String text = load ? loadData(random, file) : loadFile(random, doltDb, file);
        String how = load ? List.of("PREPARE", "multi").get(random.nextInt(2)) : DoltHostStatementForms.any(random);
        assertThatThrownBy(() -> DoltHostStatementForms.run(app, how, text, "fileread_stmt"))
            .as("%s: %s", how, text)
            .isInstanceOf(SQLFeatureNotSupportedException.class)
            .hasMessageContaining("read a file on the Dolt server's host")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        assertThat(doltRows(doltDb)).as("Dolt's stock after: %s", text).isEqualTo(2);
      }

      for (String decoy : List.of("SELECT 'LOAD_FILE(''/etc/hostname'')' FROM dolt_log LIMIT 1",
          "SELECT message /* LOAD_FILE('/etc/hostname') */ FROM dolt_log LIMIT 1",
          "SELECT message FROM dolt_log -- LOAD DATA INFILE '/etc/hostname'\n LIMIT 1",
          "SELECT message AS load_file FROM dolt_log LIMIT 1",
          "SELECT message AS `load_file(` FROM dolt_log LIMIT 1",
          "SELECT message FROM dolt_log WHERE message <> 'LOAD DATA INFILE ''x'' INTO TABLE stock' LIMIT 1",
          "SELECT qty AS `infile` FROM stock AS OF 'HEAD' WHERE id = 1")) {
        try (Statement sql = app.createStatement()) {
          sql.execute(decoy);
        }
      }

      try (Connection raw = DriverManager.getConnection(client.url(space.url()), kind.credentials());
          Statement sql = raw.createStatement()) {
        sql.execute("CREATE TABLE loaded (id INT PRIMARY KEY, qty INT)");
        sql.execute("CREATE TABLE loaded_raw (id INT PRIMARY KEY, qty INT)");
        for (String form : List.of("SELECT LOAD_FILE('%s') AS f", "SELECT id, LOAD_FILE('%s') FROM %s ORDER BY id",
            "LOAD DATA INFILE '%s' INTO TABLE %s")) {
          String viaDoltsync = outcome(app, String.format(Locale.ROOT, form, file, "loaded"));
          String viaRaw = outcome(raw, String.format(Locale.ROOT, form, file, "loaded_raw"));
          assertThat(viaDoltsync).as("doltsync against the primary's own driver: %s", form).isEqualTo(viaRaw);
          System.out.println("DoltHostFileReadsTest, a primary table's " + form + ": " + viaDoltsync);
        }
      }
    } finally {
      Files.deleteIfExists(file);
      DoltDatabases.drop(doltDb);
    }
  }

  /** A query that doltsync routes to Dolt, calling LOAD_FILE on {@code file}. */
  private static String loadFile(Random random, String doltDb, Path file) {
    String call = spell(random, "LOAD_FILE") + List.of("", " ", "/* c */").get(random.nextInt(3)) + "('" + file + "')";
    return switch (random.nextInt(5)) {
      case 0 -> "SELECT message, " + call + " AS f FROM dolt_log LIMIT 1";
      case 1 -> "SELECT id FROM stock AS OF 'HEAD' WHERE " + call + " IS NOT NULL";
      case 2 -> "SELECT name, /*!" + call + " */ FROM dolt_branches";
      case 3 -> "SELECT diff_type FROM dolt_diff_stock WHERE " + call + " LIKE '%7%'";
      default -> "SELECT " + call + " FROM `" + doltDb + "/main`.stock LIMIT 1";
    };
  }

  /** A LOAD DATA or LOAD XML of a server-side file into Dolt's copy of stock. */
  private static String loadData(Random random, Path file) {
    String modifier = List.of("", " LOW_PRIORITY", " CONCURRENT").get(random.nextInt(3));
    if (random.nextInt(4) == 0) {
      return spell(random, "LOAD") + " " + spell(random, "XML") + modifier + " INFILE '" + file + "' INTO TABLE stock";
    }
    return spell(random, "LOAD") + " /* c */ " + spell(random, "DATA") + modifier + " " + spell(random, "INFILE") + " '"
        + file + "' INTO TABLE stock" + List.of("", " FIELDS TERMINATED BY '\\t'", " (id, qty)").get(random.nextInt(3));
  }

  private static int doltRows(String doltDb) throws SQLException {
    try (Connection dolt = TestServers.dolt(doltDb); Statement sql = dolt.createStatement();
        ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM stock")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** "ok" and the first row's values, or the exception's class, SQLState and vendor code. */
  private static String outcome(Connection connection, String text) {
    try (Statement sql = connection.createStatement()) {
      if (!sql.execute(text)) {
        return "ok " + sql.getUpdateCount();
      }
      try (ResultSet rs = sql.getResultSet()) {
        return rs.next() ? "ok " + rs.getString(rs.getMetaData().getColumnCount()) : "ok, no row";
      }
    } catch (SQLException e) {
      return e.getClass().getSimpleName() + " " + e.getSQLState() + " " + e.getErrorCode();
    }
  }
}
