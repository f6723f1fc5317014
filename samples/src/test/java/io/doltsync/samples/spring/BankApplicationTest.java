package io.doltsync.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltServer;
import io.doltsync.testing.DoltServer.Commit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot sample on a random port, its H2 primary (a plain {@code jdbc:h2:} URL) mirrored by the starter
 * into a database of the Dolt test server: Flyway's migrations arrive as DDL, each request's
 * {@code @Transactional} call is one Dolt commit named after the request, and a restarted context (a new
 * release's migration) goes on mirroring through the new context's pool.
 */
@TestMethodOrder(OrderAnnotation.class)
class BankApplicationTest {

  private static final DoltServer dolt = DoltServer.newDatabase("bank");
  private static final HttpClient http = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext application;
  private static String baseUrl;

  @BeforeAll
  static void start() {
    startBank();
  }

  /** Starts the application on a random port, with the H2 primary and Dolt database of this test class. */
  private static void startBank(String... moreArguments) {
    List<String> arguments = new ArrayList<>(List.of("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:" + dolt.database() + ";DB_CLOSE_DELAY=-1",
        "--doltsync.target=" + dolt.targetUrl()));
    arguments.addAll(List.of(moreArguments));
    application = SpringApplication.run(BankApplication.class, arguments.toArray(String[]::new));
    baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) application).getWebServer().getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (application != null) {
      application.close();
    }
    DoltSync.stopMirrors();
    dolt.drop();
  }

  @Test
  @Order(1)
  void theMigratedTablesAreInDolt() throws Exception {
    assertThat(awaitColumns("account", 4)).containsExactly("id", "owner", "balance", "currency");
    assertThat(awaitColumns("transfer", 4)).containsExactly("id", "from_account", "to_account", "amount");
  }

  @Test
  @Order(2)
  void eachTransactionalRequestIsOneDoltCommitByItsUser() throws Exception {
    theMigratedTablesAreInDolt();
    dolt.awaitRows("SELECT version FROM flyway_schema_history", versions -> versions.contains("2")); // startup's last commit
    int before = dolt.log().size();

    assertThat(post("/accounts", "ann", "req-1", "{\"owner\":\"ann\",\"deposit\":100}").statusCode()).isEqualTo(201);
    assertThat(post("/accounts", "bob", "req-2", "{\"owner\":\"bob\",\"deposit\":50}").statusCode()).isEqualTo(201);
    assertThat(post("/transfers", "ann", "req-3", "{\"from\":1,\"to\":2,\"amount\":30}").statusCode()).isEqualTo(204);
    // more than ann has: rolled back, so no commit
    assertThat(post("/transfers", "ann", "req-4", "{\"from\":1,\"to\":2,\"amount\":500}").statusCode()).isEqualTo(409);

    List<Commit> log = dolt.awaitLog(commits -> commits.size() >= before + 3);
    assertThat(log.subList(before, log.size())).map(Commit::toString).containsExactly(
        "ann <ann@bank.example>: POST /accounts (request req-1)",
        "bob <bob@bank.example>: POST /accounts (request req-2)",
        "ann <ann@bank.example>: POST /transfers (request req-3)");
    assertThat(dolt.rows("SELECT id, owner, balance, currency FROM account ORDER BY id"))
        .containsExactly("1|ann|70.00|EUR", "2|bob|80.00|EUR");
    assertThat(dolt.rows("SELECT from_account, to_account, amount FROM transfer")).containsExactly("1|2|30.00");

    String history = get("/accounts/1/history");
    assertThat(history).contains("\"author\":\"ann\"", "\"balance\":70.00", "\"balance\":100.00");
    assertThat(get("/accounts")).contains("\"owner\":\"bob\",\"balance\":80.00");
  }

  @Test
  @Order(3)
  void unwrapReachesThePoolTheVendorConnectionAndDoltSync() throws Exception {
    DataSource dataSource = application.getBean(DataSource.class);
    assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).as("Boot's URL, untouched")
        .startsWith("jdbc:h2:mem:" + dolt.database());
    assertThat(dataSource.isWrapperFor(io.doltsync.jdbc.DoltSyncDataSource.class)).as("decorated by the starter").isTrue();
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isTrue();
    }
  }

  /** The next release brings a migration: it runs through the wrapper at startup and reaches Dolt as DDL. */
  @Test
  @Order(4)
  void aLaterMigrationIsMirroredAsDdl() throws Exception {
    theMigratedTablesAreInDolt();
    int before = dolt.log().size();
    application.close();
    startBank("--spring.flyway.locations=classpath:db/migration,classpath:db/release2");

    assertThat(awaitColumns("account", 5)).containsExactly("id", "owner", "balance", "currency", "nickname");
    List<Commit> log = dolt.log();
    assertThat(log.subList(before, log.size())).as("the ALTER TABLE's own commit")
        .anyMatch(commit -> commit.isTransaction() && commit.message().startsWith("account: schema changed"));
    assertThat(post("/accounts", "cem", "req-5", "{\"owner\":\"cem\",\"deposit\":5}").statusCode()).isEqualTo(201);
    assertThat(dolt.awaitRows("SELECT owner, nickname FROM account WHERE id = 3", rows -> !rows.isEmpty()))
        .containsExactly("cem|null");
  }

  /** The columns of a table in Dolt, once it has {@code count} of them. */
  private static List<String> awaitColumns(String table, int count) throws Exception {
    return dolt.awaitRows("SELECT LOWER(column_name) FROM information_schema.columns WHERE table_schema = '"
        + dolt.database() + "' AND LOWER(table_name) = '" + table + "' ORDER BY ordinal_position",
        columns -> columns.size() == count);
  }

  private static HttpResponse<String> post(String path, String user, String requestId, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .header("X-User", user)
        .header("X-Request-Id", requestId)
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }
}
