package io.doltsync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.VerifyProgress;
import io.doltsync.VerifyReport;
import io.doltsync.VerifyReport.TableReport;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.internal.mirror.MirrorSession;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A composite text-and-number key whose text sorts differently in the primary's collation (MariaDB's is
 * case-insensitive) and in Dolt's binary one, verified in ranges of a few rows so that range bounds and
 * the by-key lookups of rows a range lacks on one side are exercised: no false drift, exact drift.
 */
class CompositeKeyDriftTest {

  private static final List<String> NAMES = List.of("a", "B", "c", "D", "é", "z", "_x", "Zed", "ab");

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void rangesOfMixedCollationKeysAreComparedExactly(PrimaryKind kind) throws Exception {
    check(kind, kind.createSpace("ckey"));
  }

  /** H2 in Oracle mode takes the Oracle dialect, which has no in-database digest: rows compare in the JVM. */
  @org.junit.jupiter.api.Test
  void oracleDialectComparesInTheJvm() throws Exception {
    String name = io.doltsync.testing.TestServers.uniqueName("ckeyora");
    check(PrimaryKind.H2, new PrimaryKind.Space(PrimaryKind.H2, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=Oracle"));
  }

  private static void check(PrimaryKind kind, PrimaryKind.Space created) throws Exception {
    long seed = Long.getLong("doltsync.driftSeed", new Random().nextLong());
    Random random = new Random(seed);
    String doltDb = DoltDatabases.newName("ckey");
    try (PrimaryKind.Space space = created) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials()); Connection plain = space.connect()) {
        try (Statement statement = app.createStatement()) {
          statement.execute("CREATE TABLE pairs (name VARCHAR(20) NOT NULL, n INT NOT NULL, v VARCHAR(20),"
              + " PRIMARY KEY (name, n))");
        }
        app.setAutoCommit(false);
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO pairs VALUES (?, ?, ?)")) {
          for (String name : NAMES) {
            for (int n = 0; n < 4; n++) {
              insert.setString(1, name);
              insert.setInt(2, n);
              insert.setString(3, "v" + random.nextInt(1000));
              insert.executeUpdate();
            }
          }
        }
        app.commit();
        app.setAutoCommit(true);
        Mirror mirror = ((MirrorSession) app.unwrap(ConnectionWrapper.class).session()).mirror();
        int chunk = 2 + random.nextInt(5);
        Verifier verifier = new Verifier(mirror, chunk, 1000, Duration.ofSeconds(30));
        String context = kind + " seed " + seed + " chunk " + chunk;

        TableReport clean = verifier.verify(List.of("pairs"), VerifyProgress.NONE).tables().get(0);
        assertThat(clean.inSync()).as(context + ": " + clean).isTrue();
        assertThat(clean.rowsCompared()).isEqualTo(NAMES.size() * 4L);

        String updated = NAMES.get(random.nextInt(NAMES.size()));
        String deleted = NAMES.get(random.nextInt(NAMES.size()));
        try (Statement statement = plain.createStatement()) {
          statement.executeUpdate("UPDATE pairs SET v = 'changed' WHERE name = '" + updated + "' AND n = 1");
          statement.executeUpdate("DELETE FROM pairs WHERE name = '" + deleted + "' AND n = 3");
          statement.executeUpdate("INSERT INTO pairs VALUES ('" + updated.toUpperCase() + "x', 9, 'new')");
        }
        TableReport drift = verifier.verify(List.of("pairs"), VerifyProgress.NONE).tables().get(0);
        Set<String> keys = drift.rows().stream().map(r -> r.key().get(0) + "/" + r.key().get(1))
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(keys).as(context).isEqualTo(new TreeSet<>(Set.of(updated + "/1", deleted + "/3",
            updated.toUpperCase() + "x/9")));
        assertThat(drift.changed()).isEqualTo(1);
        assertThat(drift.missingInDolt()).isEqualTo(1);
        assertThat(drift.extraInDolt()).isEqualTo(1);

        DoltSync.reconcile(app, new VerifyReport(java.time.Instant.now(), Duration.ZERO, List.of(drift)));
        assertThat(verifier.verify(List.of("pairs"), VerifyProgress.NONE).inSync()).as(context).isTrue();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }
}
