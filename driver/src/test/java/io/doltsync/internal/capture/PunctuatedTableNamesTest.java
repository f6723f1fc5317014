package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.VerifyReport;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables whose quoted names hold {@code .}, {@code @}, a backslash or a LIKE wildcard ({@code "t.dot"},
 * {@code `t@x`}, {@code `t\back`}) are mirrored like any other. JSqlParser reads {@code "t.dot"} as a
 * schema-qualified table and {@code `t@x`} as a database link, and doltsync used to take that at its word, so
 * neither the table nor its writes reached Dolt (only a warning said so); on MariaDB a backslash in a table
 * name made the catalog find no columns, so the application's own {@code CREATE TABLE} failed with a syntax
 * error. Generated names (these characters anywhere, with spaces and quotes), created, written by plain, prepared and batched
 * statements in auto-commit and in a transaction, on every primary; afterwards Dolt's head equals the
 * primary table by table ({@code verify}) and holds every table. {@code -Ddoltsync.test.punctuatedNames=N}
 * sets the number of names per primary (default 4).
 */
class PunctuatedTableNamesTest {

  private static final int NAMES = Integer.getInteger("doltsync.test.punctuatedNames", 4);
  private static final long SEED = Long.getLong("doltsync.test.seed", 8L);

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void tablesWithPunctuationInTheirNamesAreMirrored(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED + kind.ordinal());
    List<String> names = new ArrayList<>(names(random));
    String dolt = TestServers.createDoltDatabase("punct");
    try (PrimaryKind.Space space = kind.createSpace("punct")) {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("doltsync.target", TestServers.doltUrl(dolt));
      parameters.put("doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), parameters), kind.credentials())) {
        for (String name : names) {
          String table = quote(kind, name);
          String column = quote(kind, "v." + name.length() + "@c");
          try (Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, " + column + " VARCHAR(20))");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 'one')");
          }
          app.setAutoCommit(false);
          try (PreparedStatement insert = app.prepareStatement("INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
            for (int id = 2; id <= 4; id++) {
              insert.setInt(1, id);
              insert.setString(2, "row " + id);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          try (PreparedStatement update = app.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
            update.setString(1, "changed");
            update.setInt(2, 2);
            assertThat(update.executeUpdate()).isEqualTo(1);
          }
          try (Statement statement = app.createStatement()) {
            assertThat(statement.executeUpdate("DELETE FROM " + table + " WHERE id = 3")).isEqualTo(1);
          }
          app.commit();
          app.setAutoCommit(true);
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
        VerifyReport report = DoltSync.verify(app);
        assertThat(report.differingTables()).as("tables differing from Dolt, names " + names).isEmpty();
        assertThat(report.rowsCompared()).isEqualTo(3L * names.size());
      }
      Set<String> doltTables = new LinkedHashSet<>();
      try (Connection doltConnection = TestServers.dolt(dolt); Statement statement = doltConnection.createStatement();
          ResultSet tables = statement.executeQuery("SHOW TABLES")) {
        while (tables.next()) {
          doltTables.add(tables.getString(1).toLowerCase(java.util.Locale.ROOT));
        }
      }
      for (String name : names) {
        assertThat(doltTables).as("Dolt's tables").contains(name.toLowerCase(java.util.Locale.ROOT));
      }
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  /** Names with dots, at signs, backslashes or LIKE wildcards at the start, the middle or the end, among letters, spaces and quotes. */
  private static Set<String> names(Random random) {
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789_ -'\"`";
    String[] separators = {".", "@", "..", ".@", "@.", "\\", "\\_", "%", "_\\%"};
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < NAMES) {
      StringBuilder name = new StringBuilder("t");
      for (int part = 0; part < 1 + random.nextInt(3); part++) {
        if (random.nextBoolean()) {
          name.append(separators[random.nextInt(separators.length)]);
        }
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
          name.append(letters.charAt(random.nextInt(letters.length())));
        }
        name.append(separators[random.nextInt(separators.length)]);
      }
      // each class at least once: name i holds forced[i % 4] between letters
      String[] forced = {".", "@", "\\", "%"};
      name.append(forced[names.size() % forced.length]).append(letters.charAt(random.nextInt(26)));
      names.add(name.toString());
    }
    return names;
  }

  private static String quote(PrimaryKind kind, String name) {
    return kind == PrimaryKind.MARIADB ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
