package io.doltsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DoltSync#verify(Connection, List, VerifyProgress)} treats a null argument as the rest of the public API
 * does ({@link WritebackOptions}' progress, {@code DoltExport.progress}): a {@link NullPointerException} that names
 * the argument, thrown before anything is read. Every combination of null arguments and table lists with a null
 * name at a generated position is tried on a mirror with no table (where a null progress used to be accepted
 * silently) and on one with tables (where it used to fail inside the comparison, after the first table's schema and
 * count were read, with a message naming a lambda's parameter).
 */
class VerifyNullArgumentsTest {

  private static final PrimaryKind KIND = PrimaryKind.H2;
  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  private static PrimaryKind.Space emptySpace;
  private static PrimaryKind.Space fullSpace;
  private static String emptyDolt;
  private static String fullDolt;

  @BeforeAll
  static void mirrors() throws Exception {
    emptySpace = KIND.createSpace("vnull");
    fullSpace = KIND.createSpace("vnull");
    emptyDolt = DoltDatabases.newName("vnull");
    fullDolt = DoltDatabases.newName("vnull");
    try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(fullSpace.url(), fullDolt),
        KIND.credentials()); Statement statement = app.createStatement()) {
      statement.execute("CREATE TABLE vn_items (id INT PRIMARY KEY, v INT)");
      statement.execute("CREATE TABLE vn_other (id INT PRIMARY KEY, w VARCHAR(10))");
      statement.executeUpdate("INSERT INTO vn_items VALUES (1, 1), (2, 2)");
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    DoltSync.stopMirrors();
    for (String dolt : new String[] {emptyDolt, fullDolt}) {
      if (dolt != null) {
        DoltDatabases.drop(dolt);
      }
    }
    for (PrimaryKind.Space space : new PrimaryKind.Space[] {emptySpace, fullSpace}) {
      if (space != null) {
        space.close();
      }
    }
  }

  @Test
  void everyNullArgumentIsRefusedByNameBeforeAnythingIsRead() throws Exception {
    System.out.println("VerifyNullArgumentsTest seed " + SEED);
    Random random = new Random(SEED);
    int cases = 0;
    for (PrimaryKind.Space space : List.of(emptySpace, fullSpace)) {
      String dolt = space == emptySpace ? emptyDolt : fullDolt;
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), KIND.credentials())) {
        for (int mask = 1; mask < 8; mask++) {
          boolean nullConnection = (mask & 1) != 0;
          boolean nullTables = (mask & 2) != 0;
          boolean nullProgress = (mask & 4) != 0;
          for (int round = 0; round < 4; round++) {
            List<String> tables = nullTables ? null : tableNames(random, false);
            AtomicInteger told = new AtomicInteger();
            VerifyProgress progress = nullProgress ? null : (table, done, total) -> told.incrementAndGet();
            String expected = nullConnection ? "connection" : nullTables ? "tables" : "progress";
            assertThatThrownBy(() -> DoltSync.verify(nullConnection ? null : app, tables, progress))
                .as("connection %s, tables %s, progress %s", nullConnection ? "null" : "open", tables,
                    nullProgress ? "null" : "set")
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessageStartingWith(expected);
            assertThat(told).as("progress told before the refusal").hasValue(0);
            cases++;
          }
        }
        for (int round = 0; round < 8; round++) {
          List<String> tables = tableNames(random, true);
          AtomicInteger told = new AtomicInteger();
          boolean nullProgress = random.nextBoolean();
          assertThatThrownBy(() -> DoltSync.verify(app, tables,
              nullProgress ? null : (table, done, total) -> told.incrementAndGet()))
              .as("tables %s", tables)
              .isExactlyInstanceOf(NullPointerException.class)
              .hasMessageStartingWith("a table name in tables");
          assertThat(told).hasValue(0);
          cases++;
        }
        // and the same connection still verifies, with the documented stand-ins for "no progress" and "every table"
        VerifyReport report = DoltSync.verify(app, List.of(), VerifyProgress.NONE);
        assertThat(report.differingTables()).isEmpty();
        assertThat(report.tables()).hasSize(space == emptySpace ? 0 : 2);
      }
    }
    assertThat(cases).isEqualTo(2 * (7 * 4 + 8));
  }

  /** Zero to three names of mirrored (or unknown) tables; with {@code withNull}, a null at a random position. */
  private static List<String> tableNames(Random random, boolean withNull) {
    List<String> names = new ArrayList<>();
    String[] pool = {"vn_items", "VN_OTHER", "vn_unknown"};
    int count = random.nextInt(withNull ? 3 : 4);
    for (int i = 0; i < count; i++) {
      names.add(pool[random.nextInt(pool.length)]);
    }
    if (withNull) {
      names.add(random.nextInt(names.size() + 1), null);
    }
    return names;
  }
}
