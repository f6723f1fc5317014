package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's one-trip write ({@link OneTripWrite}) answers with its journal insert's count, which stands for the
 * write's only while an {@code UPDATE} by the whole key changes one row or none. A write that changes more (a table
 * with an inheritance child holding rows of the same keys: PostgreSQL's primary key does not span the hierarchy) must
 * fail and change nothing, not commit without a journal entry. A generator draws lone auto-commit updates by key of
 * rows in the parent only (journaled, mirrored), in parent and child (refused with SQLState 22P02, rows unchanged) or
 * nowhere (no change, no entry); at the end Dolt equals the parent's own rows, with one commit per changed row.
 */
class OneTripCountGuardTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  @Test
  void aWriteChangingMoreRowsThanItsKeyNamesFailsAndChangesNothing() throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("onetripguard");
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("onetripguard")) {
      try (Connection setup = space.connect(); Statement s = setup.createStatement()) {
        s.execute("CREATE TABLE par (id INT PRIMARY KEY, v INT NOT NULL)");
        s.execute("INSERT INTO par SELECT g, 0 FROM generate_series(1, 20) g");
      }
      Map<String, String> options = new LinkedHashMap<>();
      options.put("doltsync.target", TestServers.doltUrl(doltDb));
      options.put("doltsync.include", "par");
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(space.url(), options),
              PrimaryKind.POSTGRES.credentials());
          Connection observer = space.connect()) {
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        doltsync.awaitMirrored(Duration.ofSeconds(60));
        try (Statement s = observer.createStatement()) {
          // after the bootstrap and outside the mirror: rows 11-20 now also live in the child, under par's keys
          s.execute("CREATE TABLE chi () INHERITS (par)");
          s.execute("INSERT INTO chi SELECT g, 0 FROM generate_series(11, 20) g");
        }
        long commitsBefore = DoltDatabases.commitCount(doltDb);
        MirrorSession session = (MirrorSession) ((io.doltsync.internal.jdbc.wrapper.ConnectionWrapper) app).session();
        int changed = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
          int id = 1 + random.nextInt(25); // 1-10: the parent only; 11-20: parent and child; 21-25: nowhere
          int value = 1 + random.nextInt(1000);
          List<String> before = rows(observer, "par");
          long trips = session.oneTripWrites();
          String context = "seed " + SEED + ", id " + id;
          try (PreparedStatement update = app.prepareStatement("UPDATE par SET v = ? WHERE id = ?")) {
            update.setInt(1, value);
            update.setInt(2, id);
            if (id > 10 && id <= 20) {
              SQLException e = catchThrowableOfType(update::executeUpdate, SQLException.class);
              assertThat((Object) e).as("an update of two rows by one key, %s", context).isNotNull();
              assertThat(e.getSQLState()).as("SQLState, %s", context).isEqualTo("22P02");
              assertThat(e.getMessage()).as("message, %s", context).contains("doltsync").contains("changed 2");
              assertThat(rows(observer, "par")).as("rows after the refused update, %s", context).isEqualTo(before);
              refused++;
            } else {
              assertThat(update.executeUpdate()).as("update count, %s", context).isEqualTo(id <= 10 ? 1 : 0);
              assertThat(session.oneTripWrites()).as("sent with its journal entry, %s", context).isEqualTo(trips + 1);
              changed += id <= 10 ? 1 : 0;
            }
          }
          assertThat(app.getAutoCommit()).as("getAutoCommit(), %s", context).isTrue();
        }
        assertThat(refused).as("refused updates (seed %d)", SEED).isPositive();
        assertThat(changed).as("updates that changed a row (seed %d)", SEED).isPositive();
        doltsync.awaitMirrored(Duration.ofSeconds(120));
        try (Connection dolt = TestServers.dolt(doltDb)) {
          assertThat(rows(dolt, "par")).as("Dolt's table after draining (seed %d)", SEED)
              .isEqualTo(rows(observer, "ONLY par"));
        }
        assertThat(DoltDatabases.commitCount(doltDb) - commitsBefore)
            .as("Dolt commits, one per update that changed a row (seed %d)", SEED).isEqualTo(changed);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getInt(2));
      }
    }
    return rows;
  }
}
