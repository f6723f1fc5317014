package io.doltsync.export;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exports the tables of a Dolt revision into another database (doltpy's {@code sync_from_dolt}): MariaDB/MySQL,
 * PostgreSQL or H2 (Oracle's types through H2's Oracle mode). A table the target lacks is created with the Dolt
 * types mapped to the target's (see the README), its primary key and indexes, and filled; an existing table is
 * made equal to the revision (an upsert of every row, then the target rows whose key the revision lacks are
 * deleted; a keyless table is replaced). Rows stream in batches, parents before children.
 *
 * <pre>{@code
 * ExportReport report = DoltExport.from(doltConnection, "main~3")
 *     .tables(List.of("orders", "customers"))
 *     .tableMap(Map.of("orders", "orders_archive"))
 *     .into(targetConnection);
 * }</pre>
 *
 * <p>Everything is checked before anything is written: an unknown revision ({@code 22023}), an unknown table
 * ({@code 42S02}), a type without a target equivalent ({@code 0A000}) or an existing table of another shape
 * ({@code 42000}) fail the whole export. The writes are one target transaction; where DDL commits by itself
 * (MySQL, MariaDB, H2) the tables created by a failed export are dropped again. For fast batches give the target
 * connection {@code reWriteBatchedInserts=true} (PostgreSQL) or {@code rewriteBatchedStatements=true}
 * (Connector/J); mariadb-java-client batches by itself. The connections stay open; the Dolt connection is switched
 * to the revision's read-only database.
 */
public final class DoltExport {

  /** Rows per batch unless {@link #batchRows} says otherwise. */
  public static final int DEFAULT_BATCH_ROWS = 1000;

  private final Connection dolt;
  private final String revision;
  private final List<String> include = new ArrayList<>();
  private final List<String> exclude = new ArrayList<>();
  private final Map<String, String> tableMap = new LinkedHashMap<>();
  private boolean dryRun;
  private int batchRows = DEFAULT_BATCH_ROWS;
  private ExportProgress progress = ExportProgress.NONE;

  private DoltExport(Connection dolt, String revision) {
    this.dolt = Objects.requireNonNull(dolt, "dolt");
    this.revision = Objects.requireNonNull(revision, "revision");
  }

  /**
   * An export of {@code revision} (a branch, tag, commit hash or ancestry such as {@code main~3}) of the database a
   * Dolt connection is using.
   */
  public static DoltExport from(Connection dolt, String revision) {
    return new DoltExport(dolt, revision);
  }

  /** Only these tables (names or globs with {@code *} and {@code ?}, case-insensitive); all when none is given. */
  public DoltExport tables(List<String> tables) {
    include.addAll(tables);
    return this;
  }

  /** Not these tables (names or globs). */
  public DoltExport exclude(List<String> tables) {
    exclude.addAll(tables);
    return this;
  }

  /** Writes Dolt table {@code key} into target table {@code value} (doltpy's table map). */
  public DoltExport tableMap(Map<String, String> renames) {
    tableMap.putAll(renames);
    return this;
  }

  /** Count what would be written, change nothing. */
  public DoltExport dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Rows per batched write (and per fetch from Dolt). */
  public DoltExport batchRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1");
    }
    this.batchRows = rows;
    return this;
  }

  public DoltExport progress(ExportProgress progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
    return this;
  }

  /** Runs the export into the database {@code target} is connected to (its current database or schema). */
  public ExportReport into(Connection target) throws SQLException {
    Objects.requireNonNull(target, "target");
    TargetKind kind = TargetKind.of(target);
    DoltRevision opened = DoltRevision.open(dolt, revision);
    List<TablePlan> plans = new ExportPlanner(kind, target).plan(opened, dolt, include, exclude, tableMap);
    return new Exporter(dolt, target, kind, batchRows, progress).run(opened, plans, dryRun);
  }
}
