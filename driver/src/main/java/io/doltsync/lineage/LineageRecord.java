package io.doltsync.lineage;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code _doltsync_lineage}: a table a step read, with the Dolt commit holding the state it read,
 * or a table a step wrote, with the Dolt commit the mirror made for that transaction.
 *
 * @param at when the read happened or the transaction committed (the JVM's clock)
 */
public record LineageRecord(String flow, String runId, String step, Kind kind, String table, String commitHash,
    Instant at, Map<String, String> tags) {

  /** Whether the step read or wrote the table. */
  public enum Kind {
    READ, WRITE;

    /** The lower-case form stored in the {@code kind} column. */
    public String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public LineageRecord {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
