package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.CapturedOutput;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * When {@code doltsync.drainOnShutdown} runs out, the warning names the entries really left in the journal (one
 * {@code COUNT} once the applier has stopped), not the applier's last read batch (at most 200 entries): a backlog
 * of {@value #ENTRIES} entries written with no applier running is left almost whole by a 300 ms drain, and the
 * warning's figure must equal the journal's rows afterwards.
 */
class ShutdownBacklogWarningTest {

  private static final int ENTRIES = 2_000;
  private static final Pattern WARNING = Pattern.compile(
      "did not drain the journal within 300 ms; (\\d+) entries wait for the next applier");

  @Test
  void theWarningCountsTheWholeBacklog() throws Exception {
    PrimaryKind kind = PrimaryKind.H2;
    String doltDb = DoltDatabases.newName("drainwarn");
    try (PrimaryKind.Space space = kind.createSpace("drainwarn")) {
      String url = DoltSyncUrls.mirroring(space.url(), doltDb);
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE backlog_items (id INT PRIMARY KEY, note VARCHAR(20))");
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      } finally {
        DoltSync.stopMirrors();
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.withParameter(url, "doltsync.applier", "false"),
          kind.credentials()); PreparedStatement insert = app.prepareStatement("INSERT INTO backlog_items VALUES (?, ?)")) {
        for (int id = 1; id <= ENTRIES; id++) {
          insert.setInt(1, id);
          insert.setString(2, "row " + id);
          insert.executeUpdate();
        }
      } finally {
        DoltSync.stopMirrors();
      }
      assertThat(journalEntries(space)).isEqualTo(ENTRIES);

      String warned;
      try (CapturedOutput output = CapturedOutput.start()) {
        try (Connection app = DriverManager.getConnection(
            DoltSyncUrls.withParameter(url, "doltsync.drainOnShutdown", "300ms"), kind.credentials())) {
          assertThat(app.isValid(5)).isTrue();
        }
        MirrorRegistry.drainAndCloseAll();
        Matcher matcher = WARNING.matcher(output.text());
        assertThat(matcher.find()).as("the drain warning in:%n%s", output.text()).isTrue();
        warned = matcher.group(1);
      }
      long left = journalEntries(space);
      System.out.println("ShutdownBacklogWarningTest: the warning says " + warned + " entries, the journal holds " + left);
      assertThat(left).as("entries the 300 ms drain left").isGreaterThan(200);
      assertThat(Long.parseLong(warned)).isEqualTo(left);
    } finally {
      DoltSync.stopMirrors();
      DoltDatabases.drop(doltDb);
    }
  }

  private static long journalEntries(PrimaryKind.Space space) throws Exception {
    try (Connection raw = space.connect(); Statement statement = raw.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM \"doltsync_journal\" WHERE chunk = 0")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
