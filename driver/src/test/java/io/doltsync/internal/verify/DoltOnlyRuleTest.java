package io.doltsync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.ReconcileReport;
import io.doltsync.VerifyReport;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rule only Dolt has (a CHECK constraint or a foreign key another Dolt client added) makes Dolt refuse rows
 * the primary holds, so their entries are quarantined. Found by the chaos run: verify did not see such rules,
 * and reconcile, correcting rows only, was refused by the same rule. Now verify reports each as a schema
 * difference and reconcile creates the table again, without it. The rules are drawn from a generator of the
 * forms Dolt takes.
 */
class DoltOnlyRuleTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  private String doltDatabase;
  private PrimaryKind.Space space;

  @AfterEach
  void dropDatabases() throws SQLException {
    if (doltDatabase != null) {
      DoltDatabases.drop(doltDatabase);
    }
    if (space != null) {
      space.close();
    }
  }

  /** A rule refusing {@code v = 5000} (and what else it refuses), in one of the forms Dolt takes. */
  private static List<String> rule(Random random) {
    String name = "r" + random.nextInt(1000);
    return switch (random.nextInt(4)) {
      case 0 -> List.of("ALTER TABLE items ADD CONSTRAINT " + name + " CHECK (v < " + (1000 + random.nextInt(4000)) + ")");
      case 1 -> List.of("ALTER TABLE items ADD CHECK (v <> 5000)");
      case 2 -> List.of("ALTER TABLE items ADD CONSTRAINT " + name + " CHECK (v BETWEEN 0 AND 999 OR v IS NULL)");
      default -> List.of("CREATE TABLE parents (id INT PRIMARY KEY)", "INSERT INTO parents VALUES (5), (7)",
          "ALTER TABLE items ADD CONSTRAINT " + name + " FOREIGN KEY (v) REFERENCES parents (id)");
    };
  }

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"H2", "MARIADB"})
  void aRuleOnlyDoltHasIsASchemaDifferenceAndReconcileHealsItsQuarantinedEntries(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED + kind.ordinal());
    List<String> rule = rule(random);
    System.out.println("DoltOnlyRuleTest seed " + SEED + " (-Ddoltsync.test.seed=" + SEED + "): " + rule);
    space = kind.createSpace("rule");
    doltDatabase = DoltDatabases.newName("rule");
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDatabase), "doltsync.mode", "sync");
    try (Connection app = DriverManager.getConnection(url, kind.credentials())) {
      try (Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT)");
        statement.executeUpdate("INSERT INTO items VALUES (1, 5)");
      }
      try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement()) {
        for (String sql : rule) {
          statement.execute(sql);
        }
        statement.execute("CALL dolt_commit('-Am', 'a rule only Dolt has')");
      }
      try (Statement statement = app.createStatement()) {
        // one more transaction, so that the applier's Dolt session has seen the rule
        statement.executeUpdate("INSERT INTO items VALUES (2, 7)");
        assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO items VALUES (3, 5000)"))
            .as("a sync commit Dolt refuses").isInstanceOf(SQLException.class).hasMessageContaining("doltsync_quarantine");
        // reported once: the connection's Dolt statements and doltsync's procedures go on (found by the chaos run,
        // where CALL DOLTSYNC_STATUS() failed for good on the connection that committed the refused transaction)
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
          assertThat(rs.next()).isTrue();
        }
        try (ResultSet rs = statement.executeQuery("CALL DOLTSYNC_STATUS()")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getBoolean("healthy")).isFalse();
          assertThat(rs.getLong("quarantined")).isEqualTo(1);
        }
      }

      VerifyReport drift = DoltSync.verify(app);
      VerifyReport.TableReport items = drift.tables().stream().filter(t -> t.table().equalsIgnoreCase("items"))
          .findFirst().orElseThrow();
      assertThat(items.schemaDifferences()).anySatisfy(d -> assertThat(d).startsWith("a rule only Dolt has: "));
      ReconcileReport healed = DoltSync.reconcile(app, drift);
      assertThat(healed.tables()).anySatisfy(t -> assertThat(t.wholeTable()).isTrue());

      assertThat(DoltSync.verify(app).inSync()).isTrue();
      assertThat(DoltSync.status(app).healthy()).isTrue();
      try (Statement statement = app.createStatement()) {
        statement.executeUpdate("UPDATE items SET v = 6000 WHERE id = 1");
      }
    }
    try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT id, v FROM items ORDER BY id")) {
        StringBuilder rows = new StringBuilder();
        while (rs.next()) {
          rows.append(rs.getInt(1)).append('=').append(rs.getInt(2)).append(' ');
        }
        assertThat(rows.toString()).isEqualTo("1=6000 2=7 3=5000 ");
      }
      try (ResultSet rs = statement.executeQuery("SHOW CREATE TABLE items")) {
        rs.next();
        assertThat(rs.getString(2)).doesNotContainIgnoringCase("CONSTRAINT").doesNotContainIgnoringCase("CHECK");
      }
    }
  }
}
