package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Statement settings on statements routed to a real Dolt server: the query timeout, max rows and fetch size
 * the application set, and {@code cancel()} from another thread, act on the statement doltsync runs on Dolt,
 * as they would on the primary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoltStatementSettingsTest {

  private PrimaryKind.Space space;
  private String doltDatabase;
  private Connection connection;

  @BeforeAll
  void mirrorWithFourCommits() throws SQLException {
    space = PrimaryKind.H2.createSpace("settings");
    doltDatabase = DoltDatabases.newName("settings");
    connection = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
        PrimaryKind.H2.credentials());
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      for (int i = 1; i <= 3; i++) {
        statement.executeUpdate("INSERT INTO t VALUES (" + i + ")");
      }
    }
    connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    assertThat(DoltDatabases.commitCount(doltDatabase)).isGreaterThanOrEqualTo(4);
  }

  @AfterAll
  void close() throws SQLException {
    connection.close();
    DoltDatabases.drop(doltDatabase);
    space.close();
  }

  @Test
  void queryTimeoutStopsASlowDoltQuery() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> drain(statement.executeQuery("SELECT SLEEP(5) FROM dolt_log")))
          .isInstanceOf(SQLTimeoutException.class);
      assertThat(elapsedMillis(start)).isLessThan(4_000);
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
    }
  }

  @Test
  void queryTimeoutStopsASlowPreparedDoltQuery() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT SLEEP(?) FROM dolt_log")) {
      statement.setQueryTimeout(1);
      statement.setInt(1, 5);
      long start = System.nanoTime();
      assertThatThrownBy(() -> drain(statement.executeQuery())).isInstanceOf(SQLTimeoutException.class);
      assertThat(elapsedMillis(start)).isLessThan(4_000);
    }
  }

  @Test
  void cancelFromAnotherThreadStopsARunningDoltQuery() throws Exception {
    try (Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      CompletableFuture<Integer> query = CompletableFuture.supplyAsync(() -> {
        try {
          return drain(statement.executeQuery("SELECT SLEEP(5) FROM dolt_log"));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(700);
      statement.cancel();
      assertThatThrownBy(() -> query.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
          .satisfies(e -> assertThat(((SQLException) e.getCause().getCause()).getSQLState()).isEqualTo("70100"));
      assertThat(elapsedMillis(start)).isLessThan(5_000);
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
      assertThat(rows.next()).isTrue(); // the connection is still usable after the cancel
      assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void maxRowsLimitsADoltResult() throws SQLException {
    for (long max = 1; max <= 3; max++) {
      try (Statement statement = connection.createStatement()) {
        if (max == 3) {
          statement.setLargeMaxRows(max);
        } else {
          statement.setMaxRows((int) max);
        }
        assertThat(drain(statement.executeQuery("SELECT commit_hash FROM dolt_log"))).isEqualTo(max);
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("SELECT commit_hash FROM dolt_log WHERE 1 = ?")) {
      statement.setMaxRows(2);
      statement.setInt(1, 1);
      assertThat(drain(statement.executeQuery())).isEqualTo(2);
    }
  }

  @Test
  void fetchSizeReachesTheDoltStatement() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(2);
      try (ResultSet rows = statement.executeQuery("SELECT commit_hash FROM dolt_log")) {
        assertThat(rows.getFetchSize()).isEqualTo(2);
        int count = 0;
        while (rows.next()) {
          count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
      }
    }
  }

  private static int drain(ResultSet rows) throws SQLException {
    try (rows) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return count;
    }
  }

  private static long elapsedMillis(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
