package io.doltsync.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.spring.app.LedgerApplication;
import io.doltsync.testing.DoltServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A real Boot application context with the starter on the class path: the DataSource Boot made is mirrored as
 * it is, Flyway's migration and each {@code @Transactional} call reach Dolt, commits are named after Spring
 * Security's user and the transaction, and Actuator and Micrometer report the mirror.
 */
class DoltSyncStarterTest {

  private static final DoltServer dolt = DoltServer.newDatabase("starter");
  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() {
    context = new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE).run(
        "--doltsync.target=" + dolt.targetUrl(),
        "--doltsync.mode=sync",
        "--doltsync.commit-metadata.enabled=true",
        "--doltsync.commit-metadata.email-domain=ledger.example");
  }

  @AfterAll
  static void stop() throws Exception {
    if (context != null) {
      context.close();
    }
    dolt.drop();
  }

  @Test
  void bootsOwnDataSourceIsMirroredAsItIs() throws Exception {
    DataSource dataSource = context.getBean(DataSource.class);
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    HikariDataSource hikari = (HikariDataSource) dataSource;
    assertThat(hikari.getJdbcUrl()).startsWith("jdbc:h2:mem:");
    assertThat(hikari.getUsername()).isEqualTo("sa");
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isTrue();
    }
    assertThat(dolt.awaitRows("SELECT version FROM flyway_schema_history", rows -> rows.contains("1")))
        .contains("1");
  }

  @Test
  void eachTransactionalCallIsOneCommitNamedAfterTheUserAndMethod() throws Exception {
    LedgerApplication.Ledger ledger = context.getBean(LedgerApplication.Ledger.class);
    dolt.awaitRows("SELECT version FROM flyway_schema_history", rows -> rows.contains("1"));
    int before = dolt.log().size();
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("ann", null, List.of()));
    try {
      ledger.deposit(1, "ann", new BigDecimal("12.50"));
      assertThatThrownBy(() -> ledger.depositThenFail(2, "ann", BigDecimal.ONE)).isInstanceOf(IllegalStateException.class);
    } finally {
      SecurityContextHolder.clearContext();
    }
    ledger.deposit(3, "bob", new BigDecimal("7.00"));

    List<DoltServer.Commit> log = dolt.log();
    assertThat(log.subList(before, log.size())).map(DoltServer.Commit::toString).containsExactly(
        "ann <ann@ledger.example>: io.doltsync.spring.app.LedgerApplication$Ledger.deposit",
        "SA <SA@localhost>: io.doltsync.spring.app.LedgerApplication$Ledger.deposit"); // no user: the primary user
    assertThat(dolt.rows("SELECT id, owner, amount FROM ledger ORDER BY id")).containsExactly("1|ann|12.50", "3|bob|7.00");
  }

  @Test
  void actuatorAndMicrometerReportTheMirror() throws Exception {
    try (Connection connection = context.getBean(DataSource.class).getConnection()) {
      assertThat(connection.isWrapperFor(DoltSyncConnection.class)).isTrue();
    }
    HealthIndicator health = context.getBean("doltsyncHealthIndicator", HealthIndicator.class);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsKey(dolt.database() + "/main");

    MeterRegistry registry = context.getBean(MeterRegistry.class);
    assertThat(registry.get("doltsync.mirrors").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("doltsync.mirror.queue").gauge().value()).isZero();
    assertThat(registry.get("doltsync.mirror.quarantined").gauge().value()).isZero();
    assertThat(registry.get("doltsync.mirror.lag").timeGauge()).isNotNull();
  }

  @Test
  void theIdeMetadataDescribesEveryOption() throws Exception {
    String metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-boot-configuration-processor's output").isNotNull();
      metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (DoltSyncOption option : DoltSyncOption.values()) {
      String kebab = option.key().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
      assertThat(metadata).as("metadata of %s", kebab).contains("\"" + kebab + "\"");
    }
    assertThat(metadata).contains("\"doltsync.target\"", "\"doltsync.target-user\"", "\"doltsync.commit-metadata.enabled\"",
        "\"doltsync.data-sources\"", "JDBC URL of the Dolt database");
  }
}
