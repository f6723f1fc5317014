package io.doltsync.internal.lineage;

import io.doltsync.lineage.LineageRecord;
import io.doltsync.lineage.LineageUnit;
import java.time.Instant;
import java.util.List;

/** Where the start and end of lineage scopes are announced (OpenLineage), besides the lineage tables. */
public interface LineageEvents {

  /** Announces nothing. */
  LineageEvents NONE = new LineageEvents() {
    @Override
    public void started(LineageUnit unit, String database, Instant at) {
    }

    @Override
    public void ended(LineageUnit unit, String database, Instant at, List<LineageRecord> records, Throwable failure) {
    }
  };

  /** A scope began. */
  void started(LineageUnit unit, String database, Instant at);

  /** A scope ended, with its records; {@code failure} is null when it completed. */
  void ended(LineageUnit unit, String database, Instant at, List<LineageRecord> records, Throwable failure);
}
