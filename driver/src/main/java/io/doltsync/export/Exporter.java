package io.doltsync.export;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs a planned export against the target in one transaction: creates the new tables, stages the revision's keys
 * of updated tables in scratch tables (to count and delete the target rows the revision lacks), deletes those rows
 * children first, writes rows parents first (an upsert into updated tables, plain inserts into new ones), adds the
 * new tables' foreign keys, and commits. A failure rolls everything back; where DDL commits by itself (MySQL,
 * MariaDB, H2) the tables the export created are dropped again. A dry run does the counting and rolls back
 * before writing.
 */
final class Exporter {

  private static final Logger LOG = DoltSyncLoggers.get(Exporter.class);
  private static final String KEY_TABLE_PREFIX = "doltsync_export_keys_";

  private final Connection dolt;
  private final Connection target;
  private final TargetKind kind;
  private final TargetDdl ddl;
  private final RowStream rows;
  private final ExportProgress progress;
  /** Existing tables the export found empty: like created ones, filled without upserts. */
  private final java.util.Set<TablePlan> empty = new java.util.HashSet<>();

  Exporter(Connection dolt, Connection target, TargetKind kind, int batchRows, ExportProgress progress) {
    this.dolt = dolt;
    this.target = target;
    this.kind = kind;
    this.ddl = new TargetDdl(kind);
    this.rows = new RowStream(dolt, target, kind, batchRows);
    this.progress = progress;
  }

  ExportReport run(DoltRevision revision, List<TablePlan> plans, boolean dryRun) throws SQLException {
    long started = System.nanoTime();
    boolean autoCommit = target.getAutoCommit();
    List<TablePlan> created = new ArrayList<>();
    Map<TablePlan, long[]> counts = new LinkedHashMap<>();
    target.setAutoCommit(false);
    try {
      for (TablePlan plan : plans) {
        if (plan.create()) {
          counts.put(plan, new long[] {plan.rows(), 0, 0});
          if (!dryRun) {
            execute(ddl.create(plan));
            created.add(plan);
          }
        } else {
          counts.put(plan, stage(plan));
        }
      }
      if (dryRun) {
        target.rollback();
        dropKeyTables(plans);
      } else {
        for (int i = plans.size() - 1; i >= 0; i--) {
          deleteMissing(plans.get(i));
        }
        for (TablePlan plan : plans) {
          write(plan);
        }
        dropKeyTables(plans);
        Map<String, TablePlan> bySource = new LinkedHashMap<>();
        plans.forEach(p -> bySource.put(p.source().name().toLowerCase(Locale.ROOT), p));
        if (kind.transactionalDdl()) {
          addForeignKeys(created, bySource);
          target.commit();
        } else {
          target.commit();
          addForeignKeys(created, bySource);
        }
      }
    } catch (SQLException | RuntimeException e) {
      rollBack(created, e);
      throw e;
    } finally {
      target.setAutoCommit(autoCommit);
    }
    List<ExportReport.TableResult> results = new ArrayList<>();
    counts.forEach((plan, c) -> results.add(new ExportReport.TableResult(plan.source().name(), plan.target(), plan.create(),
        c[0], c[1], c[2])));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("doltsync export of {} ({}){}: {} tables in {} ms", revision.revision(), revision.hash(),
        dryRun ? " (dry run)" : "", plans.size(), elapsed.toMillis());
    return new ExportReport(revision.revision(), revision.hash(), dryRun, results, elapsed);
  }

  /**
   * Copies the revision's keys of an updated keyed table into a scratch table and counts: rows to insert (keys the
   * target lacks), to update (keys it has) and to delete (its keys the revision lacks). A keyless table is replaced.
   */
  private long[] stage(TablePlan plan) throws SQLException {
    long existing = count("SELECT COUNT(*) FROM " + kind.quote(plan.target()));
    if (existing == 0) {
      empty.add(plan);
    }
    if (!plan.keyed()) {
      return new long[] {plan.rows(), 0, existing};
    }
    List<TablePlan.Column> key = keyColumns(plan);
    String keyTable = keyTable(plan);
    String definitions = String.join(", ", key.stream().map(c -> kind.quote(c.target()) + " " + c.type().sqlType()).toList());
    execute(List.of(kind.dropKeyTable(keyTable), kind.createKeyTable(keyTable, definitions, kind.quoteAll(plan.targetKey()))));
    rows.copy(plan, key, kind.insert(keyTable, plan.targetKey(), key.stream().map(c -> c.type().placeholder()).toList()),
        done -> {});
    long inserted = count("SELECT COUNT(*) FROM " + kind.quote(keyTable) + " k WHERE NOT EXISTS (SELECT 1 FROM "
        + kind.quote(plan.target()) + " t WHERE " + keyMatch(plan) + ")");
    long deleted = count("SELECT COUNT(*) FROM " + kind.quote(plan.target()) + " t WHERE NOT EXISTS (SELECT 1 FROM "
        + kind.quote(keyTable) + " k WHERE " + keyMatch(plan) + ")");
    return new long[] {inserted, plan.rows() - inserted, deleted};
  }

  private void deleteMissing(TablePlan plan) throws SQLException {
    if (plan.create()) {
      return;
    }
    String table = kind.quote(plan.target());
    if (!plan.keyed()) {
      execute(List.of("DELETE FROM " + table));
      return;
    }
    // MySQL refuses an alias on the DELETE's own table in this form, so the outer table keeps its name
    String match = keyMatch(plan, table);
    execute(List.of("DELETE FROM " + table + " WHERE NOT EXISTS (SELECT 1 FROM " + kind.quote(keyTable(plan)) + " k WHERE "
        + match + ")"));
  }

  private void write(TablePlan plan) throws SQLException {
    String name = plan.source().name();
    long total = plan.rows();
    if (kind == TargetKind.POSTGRESQL && (plan.create() || empty.contains(plan)) && PostgresCopy.available(target)) {
      progress.rows(name, 0, total);
      rows.copyIn(plan, plan.columns(), done -> progress.rows(name, done, total));
      return;
    }
    List<String> placeholders = plan.columns().stream().map(c -> c.type().placeholder()).toList();
    String sql = plan.create() || !plan.keyed() ? kind.insert(plan.target(), plan.targetColumns(), placeholders)
        : kind.upsert(plan.target(), plan.targetColumns(), plan.targetKey(), placeholders);
    progress.rows(name, 0, total);
    rows.copy(plan, plan.columns(), sql, done -> progress.rows(name, done, total));
  }

  private void addForeignKeys(List<TablePlan> created, Map<String, TablePlan> bySource) throws SQLException {
    for (TablePlan plan : created) {
      execute(ddl.foreignKeys(plan, bySource));
    }
  }

  private void dropKeyTables(List<TablePlan> plans) throws SQLException {
    for (TablePlan plan : plans) {
      if (!plan.create() && plan.keyed()) {
        execute(List.of(kind.dropKeyTable(keyTable(plan))));
      }
    }
  }

  /** Undoes what can be undone: the transaction, and the tables created where DDL committed by itself. */
  private void rollBack(List<TablePlan> created, Exception failure) {
    try {
      target.rollback();
      if (!kind.transactionalDdl()) {
        for (TablePlan plan : created) {
          execute(List.of("DROP TABLE IF EXISTS " + kind.quote(plan.target())));
        }
        target.commit();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
      LOG.warn("doltsync export: undoing a failed export failed too ({}); tables it created may be left: {}",
          e.getMessage(), created.stream().map(TablePlan::target).toList());
    }
  }

  private List<TablePlan.Column> keyColumns(TablePlan plan) {
    List<TablePlan.Column> key = new ArrayList<>();
    for (String column : plan.source().primaryKey()) {
      plan.columns().stream().filter(c -> c.source().name().equalsIgnoreCase(column)).findFirst().ifPresent(key::add);
    }
    return key;
  }

  private String keyMatch(TablePlan plan) {
    return keyMatch(plan, "t");
  }

  /** The scratch table's key ({@code k}) equals the key of {@code outer}. */
  private String keyMatch(TablePlan plan, String outer) {
    return String.join(" AND ", plan.targetKey().stream().map(c -> "k." + kind.quote(c) + " = " + outer + "." + kind.quote(c))
        .toList());
  }

  private String keyTable(TablePlan plan) {
    return kind.targetName(KEY_TABLE_PREFIX + Integer.toHexString(plan.target().toLowerCase(Locale.ROOT).hashCode()));
  }

  private long count(String sql) throws SQLException {
    try (Statement statement = target.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(List<String> statements) throws SQLException {
    try (Statement statement = target.createStatement()) {
      for (String sql : statements) {
        LOG.debug("doltsync export: {}", sql);
        statement.execute(sql);
      }
    }
  }
}
