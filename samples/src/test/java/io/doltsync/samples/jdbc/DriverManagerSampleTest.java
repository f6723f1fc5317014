package io.doltsync.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The DriverManager sample on MariaDB and on PostgreSQL, each mirrored into a database of the Dolt test server. */
class DriverManagerSampleTest {

  private final DoltServer dolt = DoltServer.newDatabase("inventory");
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
  void everyCommittedTransactionIsOneDoltCommit(Primaries kind) throws Exception {
    primary = kind;
    String url = kind.create(dolt.database()) + "doltsync.target=" + dolt.targetUrl();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    DriverManagerSample.run(url, Primaries.USER, Primaries.PASSWORD, new PrintStream(printed, true, StandardCharsets.UTF_8));

    List<Commit> transactions = dolt.log().stream().filter(Commit::isTransaction).toList();
    assertThat(transactions).map(Commit::toString).endsWith(
        "Dana <dana@warehouse.example>: Receive the first delivery",
        "Eli <eli@warehouse.example>: Ship order 1001");
    assertThat(dolt.rows("SELECT sku, name, quantity FROM inventory ORDER BY sku"))
        .containsExactly("BOLT-M6|M6 bolt|460", "NUT-M6|M6 nut|760", "WASHER-6|6 mm washer|300");
    assertThat(dolt.rows("SELECT sku, quantity FROM inventory AS OF 'HEAD~1' ORDER BY sku"))
        .containsExactly("BOLT-M6|500", "NUT-M6|800", "WASHER-6|300");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Receive the first delivery", "Ship order 1001").containsPattern("│ BOLT-M6 +│ 500 ")
        .doesNotContain("DELETE");
  }
}
