package io.doltsync.samples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.lineage.Lineage;
import io.doltsync.lineage.LineageRecord;
import io.doltsync.testing.DoltServer;
import io.doltsync.samples.Primaries;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The proof of issue 12: the three-step Spring Batch pipeline over MariaDB through doltsync, run twice with
 * data changes in between. The lineage shows different input commits for the two runs; replaying run 1's
 * aggregate step reads exactly run 1's inputs (checked against the same query with {@code AS OF} the
 * recorded commits, and against what run 1 wrote); the OpenLineage events, captured from the file
 * transport, are START/COMPLETE pairs per step with the Dolt commits as dataset versions.
 */
class SalesPipelineLineageTest {

  private final DoltServer dolt = DoltServer.newDatabase("sales");
  private final Primaries primary = Primaries.MARIADB;

  @AfterEach
  void cleanUp() throws Exception {
    DoltSync.stopMirrors();
    dolt.drop();
    primary.drop(dolt.database());
  }

  @Test
  void twoRunsWithChangesBetweenHaveDifferentInputsAndRunOneReplaysExactly(@TempDir Path events) throws Exception {
    Path eventFile = events.resolve("openlineage.jsonl");
    String url = primary.create(dolt.database()) + "doltsync.target=" + dolt.targetUrl();
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, Primaries.USER, Primaries.PASSWORD);
    dataSource.setDriverClassName("io.doltsync.jdbc.DoltSyncDriver");
    Properties options = new Properties();
    options.setProperty("doltsync.lineage.openLineage", "file:" + eventFile); // never from the URL: it writes files
    dataSource.setConnectionProperties(options);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      SalesPipeline.createTables(c);
      s.executeUpdate("INSERT INTO products VALUES (1, 'fruit'), (2, 'fruit'), (3, 'tools')");
      s.executeUpdate("INSERT INTO sales VALUES (1, 1, 3, 0.50), (2, 2, 2, 1.25), (3, 3, 1, 9.90), (4, 3, 0, 9.90)");
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }

    assertThat(SalesPipeline.run(dataSource, "run-1")).isEqualTo(BatchStatus.COMPLETED);
    List<String> reportOne = rows(dataSource, "SELECT text FROM report ORDER BY line");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE products SET category = 'garden' WHERE id = 3");
      s.executeUpdate("INSERT INTO sales VALUES (5, 2, 10, 1.25)");
    }
    assertThat(SalesPipeline.run(dataSource, "run-2")).isEqualTo(BatchStatus.COMPLETED);
    List<String> reportTwo = rows(dataSource, "SELECT text FROM report ORDER BY line");
    assertThat(reportTwo).isNotEqualTo(reportOne);

    Lineage lineage;
    try (Connection c = dataSource.getConnection()) {
      lineage = DoltSync.lineageOf(c);
    }
    // every step recorded: what it read and wrote, different input commits between the runs
    for (String run : List.of("run-1", "run-2")) {
      assertThat(tables(lineage.reads(SalesPipeline.FLOW, run, "clean"))).containsExactly("sales");
      assertThat(tables(lineage.reads(SalesPipeline.FLOW, run, "aggregate"))).containsExactly("products", "sales_clean");
      assertThat(tables(lineage.reads(SalesPipeline.FLOW, run, "report"))).containsExactly("category_totals");
      assertThat(tables(lineage.writes(SalesPipeline.FLOW, run, null)))
          .containsExactlyInAnyOrder("sales_clean", "category_totals", "report");
    }
    Map<String, String> inputsOne = commits(lineage.reads(SalesPipeline.FLOW, "run-1", "aggregate"));
    Map<String, String> inputsTwo = commits(lineage.reads(SalesPipeline.FLOW, "run-2", "aggregate"));
    assertThat(inputsOne.get("products")).isNotEqualTo(inputsTwo.get("products"));
    assertThat(inputsOne.get("sales_clean")).isNotEqualTo(inputsTwo.get("sales_clean"));
    assertThat(lineage.sameInputs(SalesPipeline.FLOW, "run-1", "aggregate", SalesPipeline.FLOW, "run-2", "aggregate"))
        .isFalse();
    // the aggregate step read what the clean step of its own run wrote
    assertThat(dolt.rows("SELECT COUNT(*) FROM sales_clean AS OF '" + inputsOne.get("sales_clean") + "'"))
        .containsExactly("3");

    // replaying run 1's aggregate step reads exactly its inputs, now that the primary has moved on
    List<String> replayed;
    try (Connection replay = lineage.replay(SalesPipeline.FLOW, "run-1", "aggregate")) {
      replayed = rows(replay, SalesPipeline.AGGREGATE);
    }
    String asOf = "SELECT p.category, SUM(s.quantity * s.price) AS revenue FROM sales_clean AS OF '"
        + inputsOne.get("sales_clean") + "' s JOIN products AS OF '" + inputsOne.get("products")
        + "' p ON p.id = s.product_id GROUP BY p.category ORDER BY p.category";
    assertThat(numbers(replayed)).isEqualTo(numbers(dolt.rows(asOf))).containsExactly("fruit|4", "tools|9.9");
    String totalsOne = lineage.writes(SalesPipeline.FLOW, "run-1", "aggregate").get(0).commitHash();
    assertThat(numbers(replayed)).isEqualTo(numbers(dolt.rows(
        "SELECT category, revenue FROM category_totals AS OF '" + totalsOne + "' ORDER BY category")));
    try (Connection c = dataSource.getConnection()) { // the primary itself has moved on
      assertThat(numbers(rows(c, SalesPipeline.AGGREGATE))).containsExactly("fruit|16.5", "garden|9.9");
    }

    // OpenLineage: START and COMPLETE of each of the six steps, versions = the lineage table's commits
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> emitted = new ArrayList<>();
    for (String line : Files.readAllLines(eventFile)) {
      if (!line.isBlank()) {
        emitted.add(json.readTree(line));
        OpenLineageClientUtils.runEventFromJson(line); // the client's own model reads it back
      }
    }
    assertThat(emitted).hasSize(12);
    assertThat(emitted.stream().map(e -> e.get("eventType").asText()).collect(Collectors.groupingBy(t -> t,
        Collectors.counting()))).isEqualTo(Map.of("START", 6L, "COMPLETE", 6L));
    for (JsonNode event : emitted) {
      assertThat(OffsetDateTime.parse(event.get("eventTime").asText())).isNotNull();
      assertThat(URI.create(event.get("producer").asText()).isAbsolute()).isTrue();
      assertThat(URI.create(event.get("schemaURL").asText()).isAbsolute()).isTrue();
      assertThat(UUID.fromString(event.get("run").get("runId").asText())).isNotNull();
      assertThat(event.get("job").get("namespace").asText()).isEqualTo("doltsync");
    }
    JsonNode aggregateOne = emitted.stream().filter(e -> e.get("eventType").asText().equals("COMPLETE")
        && e.get("job").get("name").asText().equals("sales.aggregate")).findFirst().orElseThrow();
    Map<String, String> versions = new java.util.TreeMap<>();
    aggregateOne.get("inputs").forEach(input -> versions.put(input.get("name").asText(),
        input.get("facets").get("version").get("datasetVersion").asText()));
    assertThat(versions).isEqualTo(inputsOne);
  }

  /** Rows with every number written without trailing zeros (MariaDB and Dolt format sums differently). */
  private static List<String> numbers(List<String> rows) {
    return rows.stream().map(row -> java.util.Arrays.stream(row.split("\\|")).map(value -> {
      try {
        return new java.math.BigDecimal(value).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return value;
      }
    }).collect(Collectors.joining("|"))).toList();
  }

  private static List<String> tables(List<LineageRecord> records) {
    return records.stream().map(LineageRecord::table).distinct().sorted().toList();
  }

  private static Map<String, String> commits(List<LineageRecord> reads) {
    Map<String, String> commits = new java.util.TreeMap<>();
    for (LineageRecord read : reads) {
      assertThat(commits.put(read.table(), read.commitHash())).as("one commit per table").isNull();
    }
    return commits;
  }

  private static List<String> rows(DriverManagerDataSource dataSource, String query) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return rows(c, query);
    }
  }

  private static List<String> rows(Connection c, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getString(i));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }
}
