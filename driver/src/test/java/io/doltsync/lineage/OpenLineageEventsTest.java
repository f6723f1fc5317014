package io.doltsync.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLineage events of lineage scopes through the OpenLineage Java client, captured by a consumer over the
 * HTTP transport (an in-process endpoint) and the file transport: START then COMPLETE (or FAIL) per scope,
 * input and output datasets with a version facet holding the Dolt commit the lineage table records, every
 * event read back by the client's own parser and checked for the fields the OpenLineage spec requires.
 */
class OpenLineageEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private String primary;
  private String dolt;
  private HttpServer server;

  @AfterEach
  void drop() throws SQLException {
    if (server != null) {
      server.stop(0);
    }
    DoltDatabases.drop(dolt);
    try (Connection c = TestServers.mariadb(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + primary);
    }
  }

  @Test
  void scopesEmitStartAndCompleteOverHttpWithDatasetVersions() throws Exception {
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/lineage", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage";
    Lineage lineage = runSteps(endpoint);
    assertThat(received).hasSize(4);
    checkEvents(received.stream().map(OpenLineageEventsTest::parse).toList(), lineage);
  }

  @Test
  void theFileTransportWritesOneEventPerLine(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("events.jsonl");
    Lineage lineage = runSteps("file:" + file);
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(4);
    checkEvents(lines.stream().map(OpenLineageEventsTest::parse).toList(), lineage);
  }

  /** Two steps: one reads items and writes totals and completes, one reads stock and fails. */
  private Lineage runSteps(String transport) throws Exception {
    primary = TestServers.createMariadbDatabase("olin");
    dolt = DoltDatabases.newName("olin");
    String url = DoltSyncUrls.wrap(TestServers.mariadbUrl(primary), Map.of("doltsync.target", TestServers.doltUrl(dolt)));
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", TestServers.USER);
    properties.setProperty("password", TestServers.PASSWORD);
    properties.setProperty("doltsync.lineage.openLineage", transport); // never from the URL: it writes elsewhere
    try (Connection c = DriverManager.getConnection(url, properties);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, price INT)");
      s.execute("CREATE TABLE stock (id INT PRIMARY KEY, n INT)");
      s.execute("CREATE TABLE totals (id INT PRIMARY KEY, v INT)");
      s.execute("INSERT INTO items VALUES (1, 3)");
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      try (LineageScope step = DoltSync.lineage(c, "ol", "r1", "sum")) {
        LineageScopeTest.scalar(c, "SELECT SUM(price) FROM items");
        s.executeUpdate("INSERT INTO totals VALUES (1, 3)");
      }
      LineageScope failing = DoltSync.lineage(c, "ol", "r1", "check");
      LineageScopeTest.scalar(c, "SELECT COUNT(*) FROM stock");
      failing.fail(new IllegalStateException("stock is empty"));
      failing.close();
    }
    return new Lineage(() -> TestServers.dolt(dolt));
  }

  private void checkEvents(List<JsonNode> events, Lineage lineage) throws SQLException {
    for (JsonNode event : events) {
      requireSpecFields(event);
    }
    assertThat(events).extracting(e -> e.get("eventType").asText() + " " + e.get("job").get("name").asText())
        .containsExactly("START ol.sum", "COMPLETE ol.sum", "START ol.check", "FAIL ol.check");
    assertThat(events.get(0).get("run").get("runId")).isEqualTo(events.get(1).get("run").get("runId"));
    JsonNode complete = events.get(1);
    String itemsCommit = lineage.reads("ol", "r1", "sum").get(0).commitHash();
    String totalsCommit = lineage.writes("ol", "r1", "sum").get(0).commitHash();
    assertThat(complete.get("inputs")).singleElement().satisfies(input -> {
      assertThat(input.get("name").asText()).isEqualTo("items");
      assertThat(input.get("namespace").asText()).isEqualTo("dolt://" + dolt);
      assertThat(input.get("facets").get("version").get("datasetVersion").asText()).isEqualTo(itemsCommit);
    });
    assertThat(complete.get("outputs")).singleElement().satisfies(output ->
        assertThat(output.get("facets").get("version").get("datasetVersion").asText()).isEqualTo(totalsCommit));
    JsonNode fail = events.get(3);
    assertThat(fail.get("run").get("facets").get("errorMessage").get("message").asText()).isEqualTo("stock is empty");
    assertThat(fail.get("run").get("facets").get("parent").get("job").get("name").asText()).isEqualTo("ol");
    for (JsonNode event : events) { // the client's own model reads every event back
      OpenLineage.RunEvent parsed = OpenLineageClientUtils.runEventFromJson(event.toString());
      assertThat(parsed.getRun().getRunId().toString()).isEqualTo(event.get("run").get("runId").asText());
    }
  }

  /**
   * The fields the OpenLineage spec (RunEvent, Run, Job, Dataset, BaseFacet) requires: eventTime (date-time),
   * producer and schemaURL (URIs), run.runId (a UUID), job.namespace and job.name, each dataset's namespace
   * and name, each facet's _producer and _schemaURL; eventType one of the spec's values.
   */
  private static void requireSpecFields(JsonNode event) {
    assertThat(java.time.OffsetDateTime.parse(event.get("eventTime").asText())).isNotNull();
    assertThat(java.net.URI.create(event.get("producer").asText()).isAbsolute()).isTrue();
    assertThat(java.net.URI.create(event.get("schemaURL").asText()).isAbsolute()).isTrue();
    assertThat(List.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER")).contains(event.get("eventType").asText());
    assertThat(UUID.fromString(event.get("run").get("runId").asText())).isNotNull();
    assertThat(event.get("job").get("namespace").asText()).isNotBlank();
    assertThat(event.get("job").get("name").asText()).isNotBlank();
    requireFacets(event.get("run").get("facets"));
    for (String side : List.of("inputs", "outputs")) {
      for (JsonNode dataset : event.path(side)) {
        assertThat(dataset.get("namespace").asText()).isNotBlank();
        assertThat(dataset.get("name").asText()).isNotBlank();
        requireFacets(dataset.get("facets"));
      }
    }
  }

  private static void requireFacets(JsonNode facets) {
    if (facets == null) {
      return;
    }
    facets.fields().forEachRemaining(facet -> {
      assertThat(java.net.URI.create(facet.getValue().get("_producer").asText()).isAbsolute()).as(facet.getKey()).isTrue();
      assertThat(java.net.URI.create(facet.getValue().get("_schemaURL").asText()).isAbsolute()).as(facet.getKey()).isTrue();
    });
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
