package io.doltsync.internal.lineage;

import io.doltsync.lineage.LineageRecord;
import io.doltsync.lineage.LineageUnit;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ConsoleTransport;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Emits a lineage scope as OpenLineage run events through the OpenLineage Java client: START when it opens,
 * COMPLETE or FAIL when it closes, with the tables it read as input datasets and those it wrote as output
 * datasets, each with a {@code version} facet holding the Dolt commit. The job is {@code <flow>.<step>} in
 * namespace {@code doltsync}, the run id a UUID derived from flow, run id and step (so START and COMPLETE
 * share it), with a parent run facet naming the flow's run. Datasets are in namespace
 * {@code dolt://<database>}. An emission that fails is logged, never thrown: lineage events must not break
 * a job.
 */
public final class OpenLineageEmitter implements LineageEvents {

  private static final Logger LOG = DoltSyncLoggers.get(OpenLineageEmitter.class);
  static final URI PRODUCER = URI.create("https://github.com/doltsync/doltsync");
  static final String JOB_NAMESPACE = "doltsync";

  private final OpenLineageClient client;
  private final OpenLineage model = new OpenLineage(PRODUCER);

  public OpenLineageEmitter(Transport transport) {
    this.client = OpenLineageClient.builder().transport(transport).build();
  }

  /** For {@code console}, {@code file:<path>} or an {@code http(s)://} URL. */
  static OpenLineageEmitter forSpec(String spec) {
    if (spec.equalsIgnoreCase("console")) {
      return new OpenLineageEmitter(new ConsoleTransport());
    }
    if (spec.startsWith("file:")) {
      return new OpenLineageEmitter(new FileTransport(new FileConfig(spec.substring("file:".length()))));
    }
    if (spec.startsWith("http://") || spec.startsWith("https://")) {
      HttpConfig config = new HttpConfig();
      URI url = URI.create(spec);
      if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
        config.setUrl(URI.create(url.getScheme() + "://" + url.getRawAuthority()));
        config.setEndpoint(url.getRawPath());
      } else {
        config.setUrl(url);
      }
      return new OpenLineageEmitter(new HttpTransport(config));
    }
    throw new IllegalArgumentException("doltsync.lineage.openLineage must be console, file:<path> or an http(s):// URL,"
        + " not " + spec);
  }

  @Override
  public void started(LineageUnit unit, String database, Instant at) {
    emit(event(OpenLineage.RunEvent.EventType.START, unit, database, at, List.of(), null));
  }

  @Override
  public void ended(LineageUnit unit, String database, Instant at, List<LineageRecord> records, Throwable failure) {
    emit(event(failure == null ? OpenLineage.RunEvent.EventType.COMPLETE : OpenLineage.RunEvent.EventType.FAIL,
        unit, database, at, records, failure));
  }

  /** The run event of a scope (public for tests that check events against the schema). */
  public OpenLineage.RunEvent event(OpenLineage.RunEvent.EventType type, LineageUnit unit, String database,
      Instant at, List<LineageRecord> records, Throwable failure) {
    String namespace = "dolt://" + database;
    List<OpenLineage.InputDataset> inputs = new ArrayList<>();
    List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
    for (LineageRecord record : records) {
      OpenLineage.DatasetFacets facets = model.newDatasetFacetsBuilder()
          .version(model.newDatasetVersionDatasetFacet(record.commitHash())).build();
      if (record.kind() == LineageRecord.Kind.READ) {
        inputs.add(model.newInputDatasetBuilder().namespace(namespace).name(record.table()).facets(facets).build());
      } else {
        outputs.add(model.newOutputDatasetBuilder().namespace(namespace).name(record.table()).facets(facets).build());
      }
    }
    OpenLineage.RunFacetsBuilder runFacets = model.newRunFacetsBuilder()
        .parent(model.newParentRunFacetBuilder()
            .run(model.newParentRunFacetRunBuilder().runId(uuid(unit.flow(), unit.runId(), "")).build())
            .job(model.newParentRunFacetJobBuilder().namespace(JOB_NAMESPACE).name(unit.flow()).build())
            .build());
    if (failure != null) {
      runFacets.errorMessage(model.newErrorMessageRunFacet(String.valueOf(failure.getMessage()), "Java", null));
    }
    return model.newRunEventBuilder()
        .eventType(type)
        .eventTime(at.atZone(ZoneOffset.UTC))
        .run(model.newRunBuilder().runId(uuid(unit.flow(), unit.runId(), unit.step())).facets(runFacets.build()).build())
        .job(model.newJobBuilder().namespace(JOB_NAMESPACE).name(unit.flow() + "." + unit.step()).build())
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  private void emit(OpenLineage.RunEvent event) {
    try {
      client.emit(event);
    } catch (RuntimeException e) {
      LOG.warn("lineage: cannot emit the OpenLineage {} event of job {}: {}", event.getEventType(),
          event.getJob().getName(), e.toString());
    }
  }

  /** A stable UUID for a flow's run (empty step) or a step of it. */
  static UUID uuid(String flow, String runId, String step) {
    return UUID.nameUUIDFromBytes((flow + "\u0000" + runId + "\u0000" + step).getBytes(StandardCharsets.UTF_8));
  }
}
