package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.CanonicalJson;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of a sync service, as its HTTP endpoint reports it: {@code starting} until the first run ends,
 * {@code healthy} after a successful run, {@code source down} or {@code dolt down} after a run that could not
 * reach that side, {@code failing} after another failure, and {@code lagging} when the last successful snapshot is
 * older than the allowed lag (a run stuck or failing for longer than that). Thread-safe.
 */
public final class SyncHealth {

  /** The reported states. */
  public enum Status {
    STARTING("starting"), HEALTHY("healthy"), SOURCE_DOWN("source down"), DOLT_DOWN("dolt down"),
    LAGGING("lagging"), FAILING("failing");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Duration allowedLag;
  private final Instant started = Instant.now();
  private Instant runStarted;
  private SyncReport lastReport;
  private Instant lastSuccessEnd;
  private Instant lastFailureEnd;
  private SyncFailure.Side lastFailureSide;
  private String lastError;
  private Instant lastErrorAt;
  private long runs;
  private long failures;

  /** @param allowedLag how old the last successful snapshot may be before the service is {@code lagging} */
  public SyncHealth(Duration allowedLag) {
    this.allowedLag = allowedLag;
  }

  public synchronized void runStarted() {
    runStarted = Instant.now();
  }

  public synchronized void runSucceeded(SyncReport report) {
    runs++;
    lastReport = report;
    lastSuccessEnd = Instant.now();
    runStarted = null;
  }

  public synchronized void runFailed(SQLException error) {
    if (error instanceof SyncFailure failure && failure.side() == SyncFailure.Side.BUSY) {
      runSkipped(error);
      return;
    }
    runs++;
    failures++;
    lastFailureEnd = Instant.now();
    lastFailureSide = error instanceof SyncFailure failure ? failure.side() : SyncFailure.Side.SYNC;
    lastError = error.getMessage();
    lastErrorAt = lastFailureEnd;
    runStarted = null;
  }

  /**
   * A run that did not start because another sync held the lock: not a failure (the other run syncs); the
   * message is kept as the last error, and a lock held too long shows as {@code lagging}.
   */
  public synchronized void runSkipped(SQLException reason) {
    lastError = reason.getMessage();
    lastErrorAt = Instant.now();
    runStarted = null;
  }

  public synchronized Status status(Instant now) {
    Instant reference = lastReport != null ? lastReport.snapshotTime() : started;
    boolean lagging = Duration.between(reference, now).compareTo(allowedLag) > 0;
    boolean failedLast = lastFailureEnd != null && (lastSuccessEnd == null || lastFailureEnd.isAfter(lastSuccessEnd));
    if (failedLast) {
      return switch (lastFailureSide) {
        case SOURCE -> Status.SOURCE_DOWN;
        case DOLT -> Status.DOLT_DOWN;
        case SYNC, BUSY -> Status.FAILING;
      };
    }
    if (lagging) {
      return Status.LAGGING;
    }
    return lastReport == null ? Status.STARTING : Status.HEALTHY;
  }

  /** The health as a JSON object: status, lag, runs, the last run's tables and rows, the last error. */
  public synchronized String json(Instant now) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("status", status(now).label());
    fields.put("lag_seconds", lastReport == null ? null : Duration.between(lastReport.snapshotTime(), now).toMillis() / 1000.0);
    fields.put("running_since", runStarted == null ? null : runStarted.toString());
    fields.put("runs", runs);
    fields.put("failures", failures);
    if (lastReport != null) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("snapshot", lastReport.snapshotTime().toString());
      run.put("finished", lastSuccessEnd.toString());
      run.put("seconds", lastReport.took().toMillis() / 1000.0);
      run.put("commit", lastReport.commitHash());
      Map<String, Object> tables = new LinkedHashMap<>();
      for (SyncReport.TableResult table : lastReport.tables()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("mode", table.mode().label());
        t.put("rows_read", table.rowsRead());
        t.put("added", table.added());
        t.put("modified", table.modified());
        t.put("deleted", table.deleted());
        t.put("missing_copied", table.missingCopied());
        tables.put(table.dolt(), t);
      }
      run.put("tables", tables);
      fields.put("last_run", run);
    } else {
      fields.put("last_run", null);
    }
    fields.put("last_error", lastError == null ? null : Map.of("at", lastErrorAt.toString(), "message", lastError));
    return Json.write(fields);
  }

  /** A minimal JSON writer for maps, strings, numbers, booleans and null. */
  static final class Json {
    private Json() {}

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(first ? "" : ",");
          first = false;
          CanonicalJson.writeString(String.valueOf(entry.getKey()), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        CanonicalJson.writeString(value.toString(), out);
      }
    }
  }
}
