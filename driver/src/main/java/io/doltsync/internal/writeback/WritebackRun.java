package io.doltsync.internal.writeback;

import io.doltsync.DoltSyncConnection;
import io.doltsync.WritebackConflictException;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.verify.QuarantineTables;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Carries out a {@link WritebackPlan} as one primary transaction on the application's doltsync connection:
 * checks every table first (mirrored, keyed, same columns at every revision, no foreign-key cycle), then
 * streams Dolt's diff table by table in foreign-key order (inserts and updates parents first, deletes
 * children first), locks each batch's rows on the primary, decides each row by the plan's merge rule under
 * the lock, and writes in batches. Conflicts fail the whole transaction unless {@code skipConflicts};
 * a dry run rolls back. Inside an open transaction it joins it, undoing its own writes through a savepoint
 * on failure.
 */
final class WritebackRun {

  private static final Logger LOG = DoltSyncLoggers.get(WritebackRun.class);
  static final int BATCH_ROWS = 500;
  private static final long PROGRESS_NANOS = 5_000_000_000L;

  private final Mirror mirror;
  private final Connection app;
  private final Connection dolt;
  private final WritebackOptions options;

  private final List<WritebackReport.Conflict> conflicts = new ArrayList<>();
  private long conflictCount;
  private MergeRule rule = MergeRule.ROW;

  WritebackRun(Mirror mirror, Connection app, Connection dolt, WritebackOptions options) {
    this.mirror = mirror;
    this.app = app;
    this.dolt = dolt;
    this.options = options;
  }

  WritebackReport run(WritebackPlan plan) throws SQLException {
    rule = plan.rule();
    DoltDiff diff = new DoltDiff(dolt, mirror.dialect(), plan.base(), plan.target());
    Map<String, DoltDiff.Counts> counts = new HashMap<>();
    List<TableSchema> tables = tablesToWrite(plan, diff, counts);
    List<TableSchema> order = ForeignKeyOrder.parentsFirst(tables);
    List<TableSchema> wholeTables = plan.wholeTables() && !options.dryRun() ? keyedTablesInScope(plan) : List.of();
    Map<String, long[]> written = new LinkedHashMap<>();
    order.forEach(t -> written.put(t.name(), new long[3]));
    boolean joined = !app.getAutoCommit();
    Savepoint savepoint = null;
    if (joined) {
      savepoint = app.setSavepoint();
    } else {
      app.setAutoCommit(false);
    }
    try {
      for (TableSchema table : order) {
        writeTable(diff, table, false, counts.get(table.key()), written.get(table.name()));
      }
      for (int i = order.size() - 1; i >= 0; i--) {
        TableSchema table = order.get(i);
        writeTable(diff, table, true, counts.get(table.key()), written.get(table.name()));
      }
      for (TableSchema table : wholeTables) {
        if (conflictCount > 0) {
          break;
        }
        lockAndCompare(table, plan.target());
      }
      List<WritebackReport.TableChange> changes = new ArrayList<>();
      written.forEach((name, n) -> changes.add(new WritebackReport.TableChange(name, n[0], n[1], n[2])));
      String message = message(plan, changes);
      WritebackReport report = new WritebackReport(plan.operation(), plan.revision(), plan.base(), plan.target(),
          message, "", options.dryRun(), changes, conflicts, conflictCount);
      if (conflictCount > 0 && !options.skipConflicts()) {
        undo(joined, savepoint);
        throw new WritebackConflictException(report);
      }
      if (options.dryRun()) {
        undo(joined, savepoint);
        return report;
      }
      DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
      doltsync.setCommitMessage(message);
      if (joined) {
        return report;
      }
      app.commit();
      boolean wrote = changes.stream().anyMatch(t -> t.total() > 0);
      String hash = wrote ? doltsync.awaitMirrored(mirror.syncTimeout()) : "";
      LOG.info("doltsync {}: {} -> Dolt commit {}", plan.operation(), message, wrote ? hash : "(none, nothing differed)");
      return new WritebackReport(plan.operation(), plan.revision(), plan.base(), plan.target(), message,
          hash == null ? "" : hash, false, changes, conflicts, conflictCount);
    } catch (SQLException | RuntimeException e) {
      if (!(e instanceof WritebackConflictException)) {
        undo(joined, savepoint);
      }
      throw e;
    } finally {
      if (!joined) {
        app.setAutoCommit(true);
      }
    }
  }

  private void undo(boolean joined, Savepoint savepoint) throws SQLException {
    if (joined) {
      app.rollback(savepoint);
    } else {
      app.rollback();
    }
  }

  /**
   * The tables the diff changes within the plan's scope, each checked, with their changed rows counted into
   * {@code counts}; fails before anything is written.
   */
  private List<TableSchema> tablesToWrite(WritebackPlan plan, DoltDiff diff, Map<String, DoltDiff.Counts> counts)
      throws SQLException {
    Map<String, TableSchema> byDoltName = mirroredTables();
    for (String name : plan.onlyTables()) {
      if (!byDoltName.containsKey(name)) {
        throw new SQLSyntaxErrorException("table " + name + " is not a mirrored table of this primary; nothing was"
            + " written", "42S02");
      }
    }
    SchemaGuard guard = new SchemaGuard(dolt, mirror.dialect(), mirror.textFallback());
    List<TableSchema> tables = new ArrayList<>();
    for (String name : diff.changedTables().keySet()) {
      TableSchema schema = byDoltName.get(name);
      if (!plan.onlyTables().isEmpty() && (schema == null || !plan.onlyTables().contains(name)
          && !plan.onlyTables().contains(schema.key()))) {
        continue;
      }
      if (schema == null) {
        throw new SQLSyntaxErrorException("table " + name + " differs between Dolt commits " + plan.base() + " and "
            + plan.target() + " but is not a mirrored table of this primary; nothing was written", "42S02");
      }
      guard.check(schema, plan.schemaRevisions());
      DoltDiff.Counts count = diff.count(schema);
      if (count.total() == 0) {
        continue;
      }
      counts.put(schema.key(), count);
      if (!schema.hasPrimaryKey()) {
        throw new SQLFeatureNotSupportedException("table " + schema.name() + " has no primary key: write-back needs"
            + " one to find its rows; nothing was written", "0A000");
      }
      tables.add(schema);
    }
    return tables;
  }

  /** Mirrored tables (quarantine tables left out) by lower-case Dolt name and by catalog key. */
  private Map<String, TableSchema> mirroredTables() {
    Map<String, TableSchema> byDoltName = new HashMap<>();
    QuarantineTables quarantine = new QuarantineTables(mirror.dialect(), mirror.journal().name());
    for (TableSchema schema : mirror.catalog().tables()) {
      if (!quarantine.isQuarantineTable(schema.name())) {
        byDoltName.put(DoltDdl.doltName(schema.name()).toLowerCase(Locale.ROOT), schema);
        byDoltName.putIfAbsent(schema.key(), schema);
      }
    }
    return byDoltName;
  }

  /**
   * The tables a restore must leave exactly at its revision, parents first: the mirrored tables in the plan's
   * scope that have a primary key and exist at the target (a keyless table is written only when it differs,
   * and then refused).
   */
  private List<TableSchema> keyedTablesInScope(WritebackPlan plan) throws SQLException {
    SchemaGuard guard = new SchemaGuard(dolt, mirror.dialect(), mirror.textFallback());
    Map<String, TableSchema> scope = new LinkedHashMap<>();
    for (Map.Entry<String, TableSchema> table : mirroredTables().entrySet()) {
      TableSchema schema = table.getValue();
      boolean inScope = plan.onlyTables().isEmpty() || plan.onlyTables().contains(table.getKey());
      if (inScope && schema.hasPrimaryKey() && !scope.containsKey(schema.key()) && guard.existsAt(schema, plan.target())) {
        scope.put(schema.key(), schema);
      }
    }
    return ForeignKeyOrder.parentsFirst(new ArrayList<>(scope.values()));
  }

  /**
   * Locks every row of a table and compares it with the target under the lock: after the diff's rows were
   * written, any row still different was changed by a concurrent transaction since the restore's base was
   * read, which the strict rule makes a conflict (the restore fails, nothing is written).
   */
  private void lockAndCompare(TableSchema schema, String target) throws SQLException {
    long locked = new LockedComparison(app, dolt, mirror.dialect(), schema, target, BATCH_ROWS).run((current, wanted) -> {
      Object[] row = current != null ? current : wanted;
      List<Integer> columns = new ArrayList<>();
      for (int i = 0; i < row.length; i++) {
        if (current == null || wanted == null || !CanonicalValues.same(current[i], wanted[i])) {
          columns.add(i);
        }
      }
      conflict(schema, row, columns, current, new DoltDiff.Change(wanted, wanted));
    });
    LOG.debug("doltsync restore: {} rows of {} locked and compared with {}", locked, schema.name(), target);
  }

  private void writeTable(DoltDiff diff, TableSchema schema, boolean removals, DoltDiff.Counts counts, long[] written)
      throws SQLException {
    long total = counts.total();
    if ((removals ? counts.removed() : counts.added() + counts.modified()) == 0) {
      return;
    }
    PrimaryRows rows = new PrimaryRows(app, mirror.dialect(), schema);
    long[] done = {removals ? counts.added() + counts.modified() : 0};
    long[] lastReport = {System.nanoTime()};
    diff.stream(schema, removals, BATCH_ROWS, batch -> {
      applyBatch(rows, batch, written);
      done[0] += batch.size();
      options.progress().rows(schema.name(), done[0], total);
      if (System.nanoTime() - lastReport[0] > PROGRESS_NANOS) {
        lastReport[0] = System.nanoTime();
        LOG.info("doltsync write-back: {} {} of {} changed rows", schema.name(), done[0], total);
      }
    });
  }

  private void applyBatch(PrimaryRows rows, List<DoltDiff.Change> batch, long[] written) throws SQLException {
    List<Object[]> keys = new ArrayList<>(batch.size());
    for (DoltDiff.Change change : batch) {
      keys.add(change.target() != null ? change.target() : change.base());
    }
    Map<List<Object>, Object[]> current = rows.lock(keys);
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> deletes = new ArrayList<>();
    Map<List<Integer>, List<Object[]>> updates = new LinkedHashMap<>();
    for (DoltDiff.Change change : batch) {
      Object[] row = change.target() != null ? change.target() : change.base();
      Object[] ours = current.get(rows.keyOf(row));
      MergeRule.Outcome outcome = rule.decide(change.base(), change.target(), ours);
      if (outcome.conflict()) {
        conflict(rows.schema(), row, outcome.conflicting(), ours, change);
        if (!options.skipConflicts()) {
          continue;
        }
      }
      switch (outcome.kind()) {
        case INSERT -> inserts.add(change.target());
        case DELETE -> deletes.add(change.base());
        case UPDATE -> updates.computeIfAbsent(outcome.changed(), c -> new ArrayList<>()).add(change.target());
        case NOTHING -> { }
      }
    }
    if (options.dryRun() || conflictCount > 0 && !options.skipConflicts()) {
      written[0] += inserts.size();
      written[1] += updates.values().stream().mapToLong(List::size).sum();
      written[2] += deletes.size();
      return;
    }
    rows.insert(inserts);
    for (Map.Entry<List<Integer>, List<Object[]>> update : updates.entrySet()) {
      rows.update(update.getValue(), update.getKey());
    }
    rows.delete(deletes);
    written[0] += inserts.size();
    written[1] += updates.values().stream().mapToLong(List::size).sum();
    written[2] += deletes.size();
  }

  private void conflict(TableSchema schema, Object[] row, List<Integer> columns, Object[] ours, DoltDiff.Change change) {
    conflictCount++;
    if (conflicts.size() >= WritebackReport.CONFLICTS_LISTED) {
      return;
    }
    List<Object> key = new ArrayList<>();
    for (String column : schema.primaryKey()) {
      key.add(row[DoltDiff.position(schema, column)]);
    }
    List<String> names = columns.stream().map(i -> schema.columns().get(i).name()).toList();
    conflicts.add(new WritebackReport.Conflict(schema.name(), key, names, image(schema, ours), image(schema, change.base()),
        image(schema, change.target())));
  }

  private static Map<String, Object> image(TableSchema schema, Object[] row) {
    if (row == null) {
      return null;
    }
    Map<String, Object> image = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      image.put(schema.columns().get(i).name(), row[i]);
    }
    return image;
  }

  /** {@code Revert abc12345: orders (+1 ~2 -0), lines (+0 ~0 -3)}, tables with no rows left out. */
  static String message(WritebackPlan plan, List<WritebackReport.TableChange> changes) {
    StringBuilder message = new StringBuilder(plan.messageHead());
    String separator = ": ";
    for (WritebackReport.TableChange change : changes) {
      if (change.total() == 0) {
        continue;
      }
      message.append(separator).append(DoltDdl.doltName(change.table())).append(" (+").append(change.inserted())
          .append(" ~").append(change.updated()).append(" -").append(change.deleted()).append(')');
      separator = ", ";
    }
    return message.toString();
  }
}
