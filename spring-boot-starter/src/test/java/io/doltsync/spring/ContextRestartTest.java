package io.doltsync.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSync;
import io.doltsync.spring.app.LedgerApplication;
import io.doltsync.testing.DoltServer;
import java.math.BigDecimal;
import java.sql.SQLNonTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Application contexts of one application over one database, opened and closed in one JVM (as the test context
 * cache and devtools do): the mirror doltsync keeps for the database outlives the context whose pool it first
 * borrowed from, and must go on mirroring the transactions of the contexts still open, one Dolt commit each.
 */
class ContextRestartTest {

  private final DoltServer dolt = DoltServer.newDatabase("restart");
  private final DoltServer other = DoltServer.newDatabase("restart_other");
  private final String h2 = "jdbc:h2:mem:" + DoltServer.uniqueName("restart") + ";DB_CLOSE_DELAY=-1";
  private ConfigurableApplicationContext first;
  private ConfigurableApplicationContext second;
  private ConfigurableApplicationContext third;

  @AfterEach
  void stop() throws Exception {
    for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second, third}) {
      if (context != null) {
        context.close();
      }
    }
    DoltSync.stopMirrors(); // the test's mirrors, before their databases go
    dolt.drop();
    other.drop();
  }

  @Test
  void theContextsStillOpenAreMirroredAfterTheFirstOneCloses() throws Exception {
    first = start();
    ledger(first).deposit(1, "ann", new BigDecimal("1.00"));
    second = start();
    dolt.awaitRows("SELECT id FROM ledger", rows -> rows.contains("1"));
    int before = dolt.log().size();

    first.close(); // the pool the mirror borrowed from is closed
    ledger(second).deposit(2, "bob", new BigDecimal("2.00"));
    ledger(second).deposit(3, "cem", new BigDecimal("3.00"));
    assertThat(dolt.awaitRows("SELECT id, owner FROM ledger ORDER BY id", rows -> rows.size() == 3))
        .containsExactly("1|ann", "2|bob", "3|cem");

    third = start();
    second.close();
    ledger(third).deposit(4, "dee", new BigDecimal("4.00"));
    assertThat(dolt.awaitRows("SELECT id, owner, amount FROM ledger ORDER BY id", rows -> rows.size() == 4))
        .containsExactly("1|ann|1.00", "2|bob|2.00", "3|cem|3.00", "4|dee|4.00");
    assertThat(dolt.log().subList(before, dolt.log().size())).as("one commit per transaction after the restarts")
        .filteredOn(DoltServer.Commit::isTransaction).hasSize(3);
  }

  @Test
  void aClosedContextsDataSourceReachesNoClosedPoolAndNoOtherDatabase() throws Exception {
    first = start();
    DataSource closed = first.getBean(DataSource.class);
    ledger(first).deposit(1, "ann", BigDecimal.ONE);
    RestartSafeDataSource restartSafe = restartSafe(closed);
    first.close();
    assertThat(closed.unwrap(HikariDataSource.class).isClosed()).isTrue();
    assertThat(restartSafe.isClosed()).isTrue();
    // nothing open on this database: a clear connection error, not a borrowed connection of a closed pool
    assertThatThrownBy(restartSafe::getConnection).isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("was closed with its application context")
        .satisfies(e -> assertThat(((SQLNonTransientConnectionException) e).getSQLState()).isEqualTo("08003"));

    // a context over another database does not stand in for it
    second = new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE).run(
        "--doltsync.target=" + other.targetUrl(),
        "--spring.datasource.url=jdbc:h2:mem:" + DoltServer.uniqueName("other") + ";DB_CLOSE_DELAY=-1");
    ledger(second).deposit(9, "zed", BigDecimal.TEN);
    assertThatThrownBy(restartSafe::getConnection).isInstanceOf(SQLNonTransientConnectionException.class);

    // a new context over the same database does
    third = start();
    ledger(third).deposit(2, "bob", BigDecimal.ONE);
    try (var connection = restartSafe.getConnection()) {
      assertThat(connection.getMetaData().getURL()).isEqualTo(h2.substring(0, h2.indexOf(';')));
    }
    assertThat(dolt.awaitRows("SELECT id FROM ledger ORDER BY id", rows -> rows.size() == 2)).containsExactly("1", "2");
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE).run(
        "--doltsync.target=" + dolt.targetUrl(), "--spring.datasource.url=" + h2);
  }

  private static LedgerApplication.Ledger ledger(ConfigurableApplicationContext context) {
    return context.getBean(LedgerApplication.Ledger.class);
  }

  /** The restart-safe DataSource doltsync reads the bean's pool through. */
  private static RestartSafeDataSource restartSafe(DataSource bean) throws Exception {
    return bean.unwrap(io.doltsync.jdbc.DoltSyncDataSource.class).unwrap(RestartSafeDataSource.class);
  }
}
