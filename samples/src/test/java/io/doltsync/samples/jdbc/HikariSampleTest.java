package io.doltsync.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSync;
import io.doltsync.testing.DoltServer;
import io.doltsync.testing.DoltServer.Commit;
import io.doltsync.samples.Primaries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HikariCP sample on MariaDB and on PostgreSQL, each mirrored into a database of the Dolt test server. */
class HikariSampleTest {

  private final DoltServer dolt = DoltServer.newDatabase("pool");
  private Primaries primary;

  @AfterEach
  void cleanUp() throws Exception {
    DoltSync.stopMirrors();
    dolt.drop();
    if (primary != null) {
      primary.drop(dolt.database());
    }
  }

  @ParameterizedTest
  @EnumSource(Primaries.class)
  void everyPooledTransactionIsOneDoltCommit(Primaries kind) throws Exception {
    primary = kind;
    String url = kind.create(dolt.database()) + "doltsync.target=" + dolt.targetUrl();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    try (HikariDataSource pool = HikariSample.pool(url, Primaries.USER, Primaries.PASSWORD)) {
      HikariSample.run(pool, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    List<Commit> transactions = dolt.log().stream().filter(Commit::isTransaction).toList();
    assertThat(transactions).map(Commit::toString).endsWith(
        "Dana <dana@warehouse.example>: Receive bolts",
        "Eli <eli@warehouse.example>: Receive nuts",
        "Eli <eli@warehouse.example>: Count the bolts again");
    assertThat(dolt.rows("SELECT sku, quantity FROM inventory ORDER BY sku")).containsExactly("BOLT-M6|498", "NUT-M6|800");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Count the bolts again");
  }
}
