package io.doltsync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.ReconcileReport;
import io.doltsync.StatusReport;
import io.doltsync.VerifyProgress;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Status reads the applier's quarantine (its layout: {@code doltsync_quarantine}, {@code doltsync_diverged});
 * reconcile clears the marks and entries of the tables it healed; {@code doltsync.verifyInterval} finds
 * drift in the background and reports it through JMX. On H2, in memory.
 */
class QuarantineAndBackgroundVerifyTest {

  @Test
  void reconcileClearsQuarantineOfHealedTablesAndBackgroundVerifyReportsDrift() throws Exception {
    String doltDb = DoltDatabases.newName("quar");
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("quar")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb),
          "doltsync.mode", "sync"), "doltsync.verifyInterval", "300ms");
      try (Connection app = DriverManager.getConnection(url, PrimaryKind.H2.credentials());
          Connection plain = space.connect();
          Statement statement = app.createStatement();
          Statement raw = plain.createStatement()) {
        statement.execute("CREATE TABLE ledger (id INT PRIMARY KEY, amount DECIMAL(10,2))");
        statement.execute("CREATE TABLE other (id INT PRIMARY KEY)");
        statement.executeUpdate("INSERT INTO ledger VALUES (1, 10.00), (2, 20.00)");
        // the applier's quarantine layout, with one refused entry on ledger and one on another table
        raw.execute("CREATE TABLE \"doltsync_quarantine\" (id BIGINT NOT NULL PRIMARY KEY, txn VARCHAR(36) NOT NULL,"
            + " chunk INT NOT NULL, chunks INT NOT NULL, created_at TIMESTAMP, instance VARCHAR(255), payload BLOB,"
            + " quarantined_at TIMESTAMP NOT NULL, attempts INT NOT NULL, tables_touched VARCHAR(4000), error VARCHAR(4000))");
        raw.execute("CREATE TABLE \"doltsync_diverged\" (table_name VARCHAR(255) NOT NULL PRIMARY KEY,"
            + " since TIMESTAMP NOT NULL, txn VARCHAR(36) NOT NULL, reason VARCHAR(4000))");
        raw.execute("INSERT INTO \"doltsync_quarantine\" VALUES (7, 'tx-ledger', 0, 1, NULL, 'i', NULL, CURRENT_TIMESTAMP,"
            + " 3, 'ledger', 'Dolt refused: out of range'), (8, 'tx-audit', 0, 1, NULL, 'i', NULL, CURRENT_TIMESTAMP, 3,"
            + " 'audit', 'Dolt refused: bad name')");
        raw.execute("INSERT INTO \"doltsync_diverged\" VALUES ('ledger', CURRENT_TIMESTAMP, 'tx-ledger', 'x'),"
            + " ('audit', CURRENT_TIMESTAMP, 'tx-audit', 'y')");
        raw.executeUpdate("UPDATE ledger SET amount = 99.00 WHERE id = 2");

        StatusReport before = DoltSync.status(app);
        assertThat(before.quarantined()).isEqualTo(2);
        assertThat(before.divergedTables()).containsExactly("audit", "ledger");
        assertThat(before.lastError()).contains("Dolt refused");
        assertThat(before.healthy()).isFalse();

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName metrics = new ObjectName("io.doltsync:type=Mirror,name=" + ObjectName.quote(doltDb + "/main"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (((long) server.getAttribute(metrics, "LastVerifyDifferingRows") != 1
            || (long) server.getAttribute(metrics, "LastVerifyDifferingTables") != 1) && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat((long) server.getAttribute(metrics, "LastVerifyDifferingRows")).isEqualTo(1);
        assertThat((long) server.getAttribute(metrics, "LastVerifyDifferingTables")).isEqualTo(1);

        ReconcileReport healed = DoltSync.reconcile(app, DoltSync.verify(app, List.of("ledger"), VerifyProgress.NONE));
        assertThat(healed.message()).isEqualTo("Reconcile: ledger (+0 ~1 -0)");
        StatusReport after = DoltSync.status(app);
        assertThat(after.quarantined()).as("the entry on a table that was not verified stays").isEqualTo(1);
        assertThat(after.divergedTables()).containsExactly("audit");

        ReconcileReport nothingLeft = DoltSync.reconcile(app);
        assertThat(nothingLeft.tables()).isEmpty();
        assertThat(DoltSync.status(app).healthy()).as("every mirrored table verified: audit is no table at all").isTrue();
        assertThat(DoltSync.verify(app).inSync()).isTrue();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }
}
