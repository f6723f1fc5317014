package io.doltsync.internal.lineage;

import io.doltsync.lineage.LineageRecord;
import io.doltsync.lineage.LineageScope;
import io.doltsync.lineage.LineageUnit;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One open lineage scope's bookkeeping, in memory until it closes: the instants at which it read each
 * primary table (one per table and mirror epoch: reads with no commit between them read the same state),
 * the commits at which it read Dolt tables, and the transactions it committed.
 */
final class OpenScope implements LineageScope {

  private final ScopeRecorder recorder;
  private final LineageUnit unit;
  private final Instant started;
  private final String pinnedHash;
  /** Per table key: read instants (insertion order), and the mirror epoch of the last one. */
  final Map<String, Set<Instant>> primaryReads = new LinkedHashMap<>();
  private final Map<String, long[]> lastEpoch = new java.util.HashMap<>();
  /** Per table key: the Dolt commits read. */
  final Map<String, Set<String>> doltReads = new LinkedHashMap<>();
  /** The transactions committed, in order. */
  final List<Committed> transactions = new ArrayList<>();
  private Throwable failure;
  private boolean open = true;
  private List<LineageRecord> records = List.of();

  OpenScope(ScopeRecorder recorder, LineageUnit unit, Instant started, String pinnedHash) {
    this.recorder = recorder;
    this.unit = unit;
    this.started = started;
    this.pinnedHash = pinnedHash;
  }

  /** A transaction the scope committed: its id, the tables it changed, and when. */
  record Committed(String transactionId, List<String> tables, Instant at) {}

  /** True (and remembered) when the table was not read yet in this mirror epoch. */
  boolean firstReadInEpoch(String table, long epoch) {
    long[] last = lastEpoch.get(table);
    if (last == null) {
      lastEpoch.put(table, new long[] {epoch});
      return true;
    }
    if (last[0] == epoch) {
      return false;
    }
    last[0] = epoch;
    return true;
  }

  void primaryRead(String table, Instant at) {
    primaryReads.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(at);
  }

  void doltRead(String table, String hash) {
    doltReads.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(hash);
  }

  void committed(String transactionId, List<String> tables, Instant at) {
    transactions.add(new Committed(transactionId, tables, at));
  }

  Instant started() {
    return started;
  }

  Throwable failure() {
    return failure;
  }

  void closed(List<LineageRecord> written) {
    open = false;
    records = List.copyOf(written);
  }

  @Override
  public LineageUnit unit() {
    return unit;
  }

  @Override
  public String pinnedCommit() {
    return pinnedHash;
  }

  @Override
  public void fail(Throwable cause) {
    failure = cause == null ? new IllegalStateException("failed") : cause;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws SQLException {
    if (open) {
      recorder.end(this);
    }
  }

  @Override
  public List<LineageRecord> records() {
    return records;
  }

  @Override
  public String toString() {
    return "lineage scope " + unit.flow() + "/" + unit.runId() + "/" + unit.step();
  }
}
