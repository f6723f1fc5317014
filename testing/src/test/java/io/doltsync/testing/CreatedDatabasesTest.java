package io.doltsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The end-of-session clean-up against the real shared servers: what this JVM's helpers created on Dolt (both
 * servers), MariaDB and PostgreSQL is dropped (Dolt's copies purged, so they cannot be undropped), what it did
 * not hand out is never touched, and {@code -Ddoltsync.test.keepDatabases=true} keeps everything. Names that
 * others created are generated: the same shape as ours, other letter cases, and names of ours with a changed
 * character.
 */
class CreatedDatabasesTest {

  @Test
  void theSessionEndDropsWhatThisJvmCreatedAndNothingElse() throws Exception {
    String dolt = TestServers.createDoltDatabase("cdb");
    String remote = TestServers.createDoltRemoteDatabase("cdb");
    String mariadb = TestServers.createMariadbDatabase("cdb");
    String postgres = TestServers.createPostgresSchema("cdb");
    String byDoltsync = TestServers.uniqueName("cdb_target"); // a database doltsync would create on first use
    execute(TestServers.dolt(), "CREATE DATABASE " + byDoltsync);
    String foreign = foreignName(new Random());
    execute(TestServers.dolt(), "CREATE DATABASE " + foreign);
    execute(TestServers.postgres(), "CREATE SCHEMA " + foreign);
    try {
      System.setProperty(CreatedDatabases.KEEP_PROPERTY, "true");
      try {
        new DropCreatedDatabases().launcherSessionClosed(null);
      } finally {
        System.clearProperty(CreatedDatabases.KEEP_PROPERTY);
      }
      assertThat(names(TestServers.dolt(), "SHOW DATABASES")).contains(dolt, byDoltsync, foreign);
      assertThat(CreatedDatabases.existing()).containsEntry(CreatedDatabases.Server.DOLT, 2)
          .containsEntry(CreatedDatabases.Server.DOLT_REMOTE, 1).containsEntry(CreatedDatabases.Server.MARIADB, 1)
          .containsEntry(CreatedDatabases.Server.POSTGRES, 1);

      new DropCreatedDatabases().launcherSessionClosed(null);

      assertThat(names(TestServers.dolt(), "SHOW DATABASES")).doesNotContain(dolt, byDoltsync).contains(foreign);
      assertThat(names(TestServers.doltRemote(), "SHOW DATABASES")).doesNotContain(remote);
      assertThat(names(TestServers.mariadb(), "SHOW DATABASES")).doesNotContain(mariadb);
      assertThat(names(TestServers.postgres(), "SELECT schema_name FROM information_schema.schemata"))
          .doesNotContain(postgres).contains(foreign);
      assertThat(CreatedDatabases.existing().values()).containsOnly(0);
      assertThatThrownBy(() -> execute(TestServers.dolt(), "CALL dolt_undrop_database('" + dolt + "')"))
          .as("purged, so it cannot be undropped").isInstanceOf(SQLException.class);
    } finally {
      execute(TestServers.dolt(), "DROP DATABASE IF EXISTS " + foreign);
      execute(TestServers.postgres(), "DROP SCHEMA IF EXISTS " + foreign + " CASCADE");
    }
  }

  @Test
  void aClassDropsWhatItCreatedAtItsEndAndLeavesWhatCameBefore() throws Exception {
    String earlier = TestServers.createDoltDatabase("cdb_earlier");
    try {
      int mark = CreatedDatabases.handedOutSoFar();
      List<String> ours = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ours.add(TestServers.createDoltDatabase("cdb_class"));
      }
      String schema = TestServers.createPostgresSchema("cdb_class");
      assertThat(CreatedDatabases.dropHandedOutSince(mark)).containsEntry(CreatedDatabases.Server.DOLT, 3)
          .containsEntry(CreatedDatabases.Server.POSTGRES, 1);
      assertThat(names(TestServers.dolt(), "SHOW DATABASES")).doesNotContainAnyElementsOf(ours).contains(earlier);
      assertThat(names(TestServers.postgres(), "SELECT schema_name FROM information_schema.schemata"))
          .doesNotContain(schema);
    } finally {
      TestServers.dropDoltDatabase(earlier);
    }
  }

  @Test
  void onlyNamesThisJvmHandedOutCountAsCreatedHere() {
    Random random = new Random();
    for (int i = 0; i < 200; i++) {
      String ours = TestServers.uniqueName("p" + i);
      assertThat(CreatedDatabases.isCreatedHere(ours)).as(ours).isTrue();
      assertThat(CreatedDatabases.isCreatedHere(ours.toUpperCase(Locale.ROOT))).as("folded " + ours).isTrue();
      String foreign = foreignName(random);
      assertThat(CreatedDatabases.isCreatedHere(foreign)).as(foreign).isFalse();
      char[] changed = ours.toCharArray();
      int at = ours.length() - 1 - random.nextInt(10);
      changed[at] = changed[at] == '0' ? '1' : '0';
      assertThat(CreatedDatabases.isCreatedHere(new String(changed))).as(new String(changed)).isFalse();
      assertThat(CreatedDatabases.isCreatedHere(ours + "x")).isFalse();
      assertThat(CreatedDatabases.isCreatedHere(ours.substring(0, ours.lastIndexOf('_')))).isFalse();
    }
    for (String shared : List.of("doltsync_test", "mysql", "information_schema", "public", "")) {
      assertThat(CreatedDatabases.isCreatedHere(shared)).as(shared).isFalse();
    }
    assertThat(CreatedDatabases.isCreatedHere(null)).isFalse();
  }

  /** A name of the shape {@link TestServers#uniqueName} gives, that this JVM did not hand out. */
  private static String foreignName(Random random) {
    byte[] bytes = new byte[5];
    random.nextBytes(bytes);
    return "other_" + HexFormat.of().formatHex(bytes);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (connection; Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> names(Connection connection, String query) throws SQLException {
    List<String> names = new ArrayList<>();
    try (connection; Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
