package io.doltsync.internal.verify;

import io.doltsync.VerifyProgress;
import io.doltsync.VerifyReport.TableReport;
import io.doltsync.VerifyReport;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Compares every mirrored table of the primary with the head of the mirrored Dolt branch (see
 * {@link KeyedTableVerifier} and {@link KeylessTableVerifier}), and reports the tables Dolt holds that
 * the primary no longer has. Before each table it waits (bounded) for the journal to drain, and rows
 * found different are compared once more after the journal drained again, so that transactions in
 * flight are not reported as drift.
 */
public final class Verifier {

  private static final Logger LOG = DoltSyncLoggers.get(Verifier.class);
  private static final long DRAIN_POLL_MILLIS = 100;

  private final Mirror mirror;
  private final int chunkRows;
  private final int reportLimit;
  private final Duration drainWait;

  /**
   * @param chunkRows   primary rows per compared range (or keyless bucket)
   * @param reportLimit differing rows kept per table (all are counted)
   * @param drainWait   how long to wait for the journal to drain before a table and before a recheck
   */
  public Verifier(Mirror mirror, int chunkRows, int reportLimit, Duration drainWait) {
    if (chunkRows < 1 || reportLimit < 0) {
      throw new IllegalArgumentException("chunkRows must be positive and reportLimit not negative");
    }
    this.mirror = mirror;
    this.chunkRows = chunkRows;
    this.reportLimit = reportLimit;
    this.drainWait = drainWait;
  }

  /** Verifies the named tables (case-insensitive), or every mirrored table when {@code only} is empty. */
  public VerifyReport verify(List<String> only, VerifyProgress progress) throws SQLException {
    Instant started = Instant.now();
    SourceDialect dialect = mirror.dialect();
    List<TableReport> reports = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    only.forEach(t -> wanted.add(t.toLowerCase(Locale.ROOT)));
    try (Connection primary = mirror.primary().open(); Connection dolt = mirror.target().connect()) {
      primary.setAutoCommit(true);
      dolt.setAutoCommit(true);
      mirror.catalog().reload(primary);
      Set<String> seenInDolt = new HashSet<>();
      QuarantineTables quarantine = new QuarantineTables(dialect, mirror.journal().name());
      for (TableSchema schema : mirror.catalog().tables()) {
        if (quarantine.isQuarantineTable(schema.name())) {
          continue;
        }
        String doltName = DoltDdl.doltName(schema.name()).toLowerCase(Locale.ROOT);
        seenInDolt.add(doltName);
        if (!wanted.isEmpty() && !wanted.contains(schema.key()) && !wanted.contains(doltName)) {
          continue;
        }
        awaitDrained(primary);
        reports.add(verifyTable(primary, dolt, dialect, schema, progress));
      }
      for (String table : SchemaComparison.doltTables(dolt)) {
        String key = table.toLowerCase(Locale.ROOT);
        if (!seenInDolt.contains(key) && mirror.filter().isMirrored(table) && !quarantine.isQuarantineTable(table)
            && (wanted.isEmpty() || wanted.contains(key))) {
          reports.add(new TableReport(table, List.of(), false, 0,
              List.of("table " + table + " is in Dolt but not in the primary"), List.of(), 0));
        }
      }
    }
    VerifyReport report = new VerifyReport(started, Duration.between(started, Instant.now()), reports);
    LOG.info("doltsync verify of {}: {} rows in {} tables compared in {} ms, {} tables differ",
        mirror.target().describe(), report.rowsCompared(), reports.size(), report.took().toMillis(),
        report.differingTables().size());
    return report;
  }

  private TableReport verifyTable(Connection primaryConnection, Connection doltConnection, SourceDialect dialect,
      TableSchema schema, VerifyProgress progress) throws SQLException {
    List<String> columnNames = schema.columns().stream().map(ColumnSchema::name).toList();
    List<String> schemaDifferences = SchemaComparison.differences(doltConnection, schema, dialect, mirror.textFallback());
    TableSide primary = TableSide.primary(primaryConnection, dialect, schema);
    long primaryRows = primary.count();
    if (!schemaDifferences.isEmpty()) {
      return new TableReport(schema.name(), columnNames, schema.hasPrimaryKey(), 0, schemaDifferences, List.of(), 0);
    }
    TableSide dolt = TableSide.dolt(doltConnection, dialect, schema);
    HashedColumns columns = HashedColumns.of(dialect, schema);
    Differences differences = new Differences(reportLimit);
    ProgressSink sink = done -> progress.rows(schema.name(), done, primaryRows);
    sink.rows(0);
    long compared;
    if (schema.hasPrimaryKey()) {
      KeyedTableVerifier verifier = new KeyedTableVerifier(primary, dolt, columns, chunkRows, differences);
      compared = verifier.run(sink);
      if (differences.count() > 0 && differences.count() == differences.rows().size()) {
        awaitDrained(primaryConnection);
        List<List<Object>> keys = differences.rows().stream().map(VerifyReport.RowDifference::key).toList();
        differences.clear();
        verifier.recheck(keys);
      }
    } else {
      KeylessTableVerifier verifier = new KeylessTableVerifier(primary, dolt, columns, chunkRows, differences);
      compared = verifier.run(primaryRows, dolt.count(), sink);
      if (differences.count() > 0 && awaitDrained(primaryConnection)) {
        differences.clear();
        compared = verifier.run(primary.count(), dolt.count(), sink);
      }
    }
    return new TableReport(schema.name(), columnNames, schema.hasPrimaryKey(), compared, List.of(),
        differences.rows(), differences.count());
  }

  /**
   * Waits until the journal is empty, at most {@code drainWait}; true when it had entries that were
   * applied meanwhile (so a recheck may see a different Dolt).
   */
  private boolean awaitDrained(Connection primary) throws SQLException {
    if (!mirror.journal().exists(primary)) {
      return false;
    }
    long deadline = System.nanoTime() + drainWait.toNanos();
    boolean hadEntries = false;
    while (mirror.journal().pendingCount(primary) > 0) {
      hadEntries = true;
      if (System.nanoTime() > deadline) {
        LOG.warn("doltsync verify: the journal did not drain within {} ms; rows of transactions in flight may"
            + " show as differences", drainWait.toMillis());
        return true;
      }
      try {
        Thread.sleep(DRAIN_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the journal to drain", "HY008", e);
      }
    }
    return hadEntries;
  }
}
