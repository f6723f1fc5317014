package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dolt's versioning SQL typed into the application's own doltsync connection, whatever the primary:
 * MariaDB, PostgreSQL and H2 applications all speak Dolt's MySQL syntax for history.
 */
class VersioningThroughDriverTest {

  /**
   * Every primary with mariadb-java-client as the MySQL-protocol driver, plus MariaDB with mysql-connector-j
   * as its driver and as Dolt's client.
   */
  static Stream<Arguments> combinations() {
    return Stream.concat(defaultClient(), Stream.of(Arguments.of(PrimaryKind.MARIADB, MySqlClient.CONNECTOR_J)));
  }

  /** Every primary with mariadb-java-client as the MySQL-protocol driver. */
  static Stream<Arguments> defaultClient() {
    return Stream.of(PrimaryKind.values()).map(kind -> Arguments.of(kind, MySqlClient.MARIADB_JAVA_CLIENT));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("combinations")
  void asOfAndSystemTablesAnswerFromDolt(PrimaryKind kind, MySqlClient client) throws Exception {
    try (Fixture fixture = new Fixture(kind, client)) {
      Connection app = fixture.app;
      try (Statement sql = app.createStatement()) {
        sql.executeUpdate("UPDATE stock SET qty = 7 WHERE id = 1");
        assertThat(single(sql, "SELECT qty FROM stock AS OF 'HEAD~1' WHERE id = 1")).isEqualTo("5");
        assertThat(single(sql, "SELECT qty FROM stock WHERE id = 1")).isEqualTo("7");
        assertThat(single(sql, "SELECT diff_type FROM dolt_diff_stock WHERE to_commit = HASHOF('HEAD')"))
            .isEqualTo("modified");
        assertThat(Long.parseLong(single(sql, "SELECT COUNT(*) FROM dolt_log"))).isGreaterThanOrEqualTo(3);
      }
      try (PreparedStatement asOf = app.prepareStatement("SELECT qty FROM stock AS OF ? WHERE id = ?")) {
        asOf.setString(1, "HEAD~1");
        asOf.setInt(2, 1);
        try (ResultSet rs = asOf.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(5);
          assertThat(rs.getStatement()).isSameAs(asOf);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("combinations")
  void doltCommitCommitsThePrimaryTransactionAsOneDoltCommit(PrimaryKind kind, MySqlClient client) throws Exception {
    try (Fixture fixture = new Fixture(kind, client)) {
      Connection app = fixture.app;
      app.setAutoCommit(false);
      String hash;
      try (Statement sql = app.createStatement()) {
        sql.executeUpdate("INSERT INTO stock (id, qty) VALUES (2, 40)");
        hash = single(sql, "CALL DOLT_COMMIT('-m', 'Restock pears', '--author', 'Ann <ann@shop.example>')");
      }
      assertThat(hash).hasSize(32);
      try (Connection raw = fixture.space.connect(); Statement sql = raw.createStatement()) {
        assertThat(single(sql, "SELECT qty FROM stock WHERE id = 2")).isEqualTo("40");
      }
      try (Connection dolt = TestServers.dolt(fixture.doltDatabase); Statement sql = dolt.createStatement()) {
        assertThat(single(sql, "SELECT committer FROM dolt_log WHERE commit_hash = '" + hash + "'")).isEqualTo("Ann");
        assertThat(single(sql, "SELECT message FROM dolt_log WHERE commit_hash = '" + hash + "'"))
            .startsWith("Restock pears\n\nDoltsync-Transaction: ");
        assertThat(single(sql, "SELECT qty FROM stock AS OF '" + hash + "' WHERE id = 2")).isEqualTo("40");
      }
    }
  }

  /**
   * The findings of issue 8: text after a rewritten {@code CALL DOLT_COMMIT} is a syntax error (nothing is
   * committed, the table stays), and a CTE-prefixed write of the mirrored branch is refused.
   */
  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("defaultClient")
  void trailingTextAndWrappedWritesAreRefusedThroughTheDriver(PrimaryKind kind, MySqlClient client) throws Exception {
    try (Fixture fixture = new Fixture(kind, client)) {
      Connection app = fixture.app;
      String head;
      try (Connection dolt = TestServers.dolt(fixture.doltDatabase); Statement sql = dolt.createStatement()) {
        head = single(sql, "SELECT HASHOF('main')");
      }
      app.setAutoCommit(false);
      try (Statement sql = app.createStatement()) {
        sql.executeUpdate("UPDATE stock SET qty = 6 WHERE id = 1");
        assertThatThrownBy(() -> sql.execute("CALL DOLT_COMMIT('-m', 'x'); DROP TABLE stock; --', 'y')"))
            .isInstanceOf(java.sql.SQLSyntaxErrorException.class)
            .hasMessageContaining("must be the only statement")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42000"));
        app.rollback();
        app.setAutoCommit(true);
        assertThatThrownBy(() -> sql.execute("WITH c AS (SELECT COUNT(*) AS n FROM dolt_log) UPDATE stock"
            + " SET qty = (SELECT n FROM c)"))
            .isInstanceOf(java.sql.SQLSyntaxErrorException.class)
            .hasMessageContaining("written only by doltsync's mirror");
        assertThat(single(sql, "SELECT qty FROM stock WHERE id = 1")).isEqualTo("5");
      }
      try (Connection dolt = TestServers.dolt(fixture.doltDatabase); Statement sql = dolt.createStatement()) {
        assertThat(single(sql, "SELECT HASHOF('main')")).isEqualTo(head);
        assertThat(single(sql, "SELECT COUNT(*) FROM dolt_status")).isEqualTo("0");
        assertThat(single(sql, "SELECT qty FROM stock WHERE id = 1")).isEqualTo("5");
      }
    }
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("combinations")
  void aDetachedHeadExploresAWhatIfWithoutTouchingThePrimaryOrTheMirror(PrimaryKind kind, MySqlClient client) throws Exception {
    try (Fixture fixture = new Fixture(kind, client)) {
      Connection app = fixture.app;
      String head = "@@" + fixture.doltDatabase + "_head";
      try (Statement sql = app.createStatement()) {
        sql.execute("SET " + head + " = HASHOF('main')");
        sql.executeUpdate("UPDATE stock SET qty = 100 WHERE id = 1");
        assertThat(single(sql, "SELECT qty FROM stock WHERE id = 1")).isEqualTo("100");
        String whatIf = single(sql, "SELECT COMMIT('-m', 'what if we had a hundred')");
        assertThat(single(sql, "SELECT " + head)).isEqualTo(whatIf);
        sql.executeUpdate("INSERT INTO dolt_branches (name, hash) VALUES ('whatif', " + head + ")");
        sql.execute("SET " + head + " = NULL");

        assertThat(single(sql, "SELECT qty FROM stock WHERE id = 1")).isEqualTo("5");
        assertThat(single(sql, "SELECT qty FROM stock AS OF 'whatif' WHERE id = 1")).isEqualTo("100");
        assertThat(single(sql, "SELECT qty FROM stock AS OF 'main' WHERE id = 1")).isEqualTo("5");
        assertThatThrownBy(() -> sql.executeUpdate(
            "UPDATE dolt_branches SET hash = '" + whatIf + "' WHERE name = 'main'"))
            .isInstanceOf(SQLException.class).hasMessageContaining("main");
      }
    }
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      assertThat(rs.next()).as(query).isTrue();
      return rs.getString(1);
    }
  }

  /** A primary space with table {@code stock} (row 1, qty 5), mirrored into a fresh Dolt database. */
  private static final class Fixture implements AutoCloseable {
    final PrimaryKind.Space space;
    final String doltDatabase;
    final Connection app;

    Fixture(PrimaryKind kind, MySqlClient client) throws Exception {
      space = kind.createSpace("ver");
      doltDatabase = DoltDatabases.newName("ver");
      app = DriverManager.getConnection(DoltSyncUrls.wrap(client.url(space.url()), "doltsync.target",
          client.url(TestServers.doltUrl(doltDatabase))), kind.credentials());
      try (Statement sql = app.createStatement()) {
        sql.execute("CREATE TABLE stock (id INT PRIMARY KEY, qty INT NOT NULL)");
        sql.executeUpdate("INSERT INTO stock (id, qty) VALUES (1, 5)");
      }
      app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
      try {
        app.close();
      } finally {
        space.close();
        DoltDatabases.drop(doltDatabase);
      }
    }
  }
}
