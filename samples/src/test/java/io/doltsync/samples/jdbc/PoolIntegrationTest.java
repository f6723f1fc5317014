package io.doltsync.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.jdbc.DoltSyncDataSource;
import io.doltsync.testing.DoltServer;
import io.doltsync.testing.DoltServer.Commit;
import io.doltsync.samples.Primaries;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a pool does around doltsync's connections, on MariaDB: Hikari's rollback of a dirty connection on
 * close, {@code setAutoCommit(true)} in the middle of a transaction, {@code unwrap} through the pool, a
 * {@code DoltSyncDataSource} wrapped around a pool that already hands out doltsync connections, and Hikari
 * building a {@code DoltSyncDataSource} from {@code dataSourceClassName}.
 */
class PoolIntegrationTest {

  private static final DoltServer dolt = DoltServer.newDatabase("pooling");
  private static String url;
  private static HikariDataSource pool;

  @BeforeAll
  static void createTable() throws Exception {
    url = Primaries.MARIADB.create(dolt.database()) + "doltsync.target=" + dolt.targetUrl();
    pool = HikariSample.pool(url, Primaries.USER, Primaries.PASSWORD);
    pool.setMaximumPoolSize(1); // every test gets the same physical connection back
    HikariSample.inTransaction(pool, "setup", "Create the table", db -> {
      try (Statement sql = db.createStatement()) {
        sql.execute("CREATE TABLE item (name VARCHAR(20) PRIMARY KEY)");
      }
    });
    dolt.awaitRows("SHOW TABLES", tables -> tables.contains("item"));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (pool != null) {
      pool.close();
    }
    DoltSync.stopMirrors();
    dolt.drop();
    Primaries.MARIADB.drop(dolt.database());
  }

  @Test
  void aDirtyConnectionClosedWithoutCommitIsRolledBackByThePoolAndNeverMirrored() throws Exception {
    int before = dolt.log().size();
    try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      sql.executeUpdate("INSERT INTO item VALUES ('ghost')");
    } // Hikari rolls the transaction back as the connection returns to the pool
    HikariSample.inTransaction(pool, "Ann", "Add a real item", db -> insert(db, "real"));

    assertThat(newCommits(before)).map(Commit::toString).containsExactly("Ann <ann@warehouse.example>: Add a real item");
    assertThat(dolt.rows("SELECT name FROM item WHERE name IN ('ghost', 'real')")).containsExactly("real");
  }

  @Test
  void setAutoCommitTrueInTheMiddleOfATransactionCommitsItAsOneDoltCommit() throws Exception {
    int before = dolt.log().size();
    try (Connection db = pool.getConnection()) {
      DoltSyncConnection doltsync = db.unwrap(DoltSyncConnection.class);
      db.setAutoCommit(false);
      doltsync.setCommitMessage("Two items, committed by setAutoCommit(true)");
      insert(db, "first");
      insert(db, "second");
      db.setAutoCommit(true);
      assertThat(doltsync.awaitMirrored(Duration.ofSeconds(30))).isNotBlank();
    }
    assertThat(newCommits(before)).map(Commit::message).containsExactly("Two items, committed by setAutoCommit(true)");
    assertThat(dolt.rows("SELECT name FROM item WHERE name IN ('first', 'second') ORDER BY name"))
        .containsExactly("first", "second");
  }

  @Test
  void unwrapReachesDoltSyncAndTheVendorConnectionThroughThePool() throws Exception {
    try (Connection db = pool.getConnection()) {
      assertThat(db.isWrapperFor(DoltSyncConnection.class)).isTrue();
      assertThat(db.unwrap(DoltSyncConnection.class).isMirroring()).isTrue();
      assertThat(db.isWrapperFor(org.mariadb.jdbc.Connection.class)).isTrue();
      assertThat(db.unwrap(org.mariadb.jdbc.Connection.class)).isInstanceOf(org.mariadb.jdbc.Connection.class);
    }
  }

  @Test
  void wrappingAPoolOfDoltSyncConnectionsAgainCapturesEachTransactionOnce() throws Exception {
    DoltSyncDataSource twice = DoltSyncDataSource.wrap(pool);
    twice.setTarget(dolt.targetUrl());
    int before = dolt.log().size();

    HikariSample.inTransaction(twice, "Bo", "Through two wrappers", db -> insert(db, "twice"));

    assertThat(newCommits(before)).map(Commit::toString).containsExactly("Bo <bo@warehouse.example>: Through two wrappers");
    assertThat(dolt.rows("SELECT name FROM item WHERE name = 'twice'")).containsExactly("twice");
  }

  @Test
  void hikariBuildsADoltSyncDataSourceFromItsClassName() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDataSourceClassName("io.doltsync.jdbc.DoltSyncDataSource");
    config.addDataSourceProperty("url", url.substring(0, url.indexOf('?')).replace("jdbc:doltsync:", "jdbc:"));
    config.addDataSourceProperty("user", Primaries.USER);
    config.addDataSourceProperty("password", Primaries.PASSWORD);
    config.addDataSourceProperty("target", dolt.targetUrl());
    int before = dolt.log().size();
    try (HikariDataSource byClassName = new HikariDataSource(config)) {
      HikariSample.inTransaction(byClassName, "Cy", "Through dataSourceClassName", db -> insert(db, "by-class"));
    }
    assertThat(newCommits(before)).map(Commit::toString)
        .containsExactly("Cy <cy@warehouse.example>: Through dataSourceClassName");
  }

  private static List<Commit> newCommits(int before) throws Exception {
    Thread.sleep(300); // let a commit that should not exist have its chance to appear
    List<Commit> log = dolt.log();
    return log.subList(before, log.size());
  }

  private static void insert(Connection db, String name) throws SQLException {
    try (Statement sql = db.createStatement()) {
      sql.executeUpdate("INSERT INTO item VALUES ('" + name + "')");
    }
  }
}
