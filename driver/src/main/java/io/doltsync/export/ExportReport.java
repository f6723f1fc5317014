package io.doltsync.export;

import java.time.Duration;
import java.util.List;

/**
 * What an export did (or, for a dry run, would do).
 *
 * @param revision   the revision as given
 * @param commitHash the Dolt commit it resolved to, which every read used
 * @param dryRun     true when nothing was written
 * @param tables     one entry per exported table, in the order rows were written (parents first)
 * @param elapsed    the time the export took
 */
public record ExportReport(String revision, String commitHash, boolean dryRun, List<TableResult> tables, Duration elapsed) {

  public ExportReport {
    tables = List.copyOf(tables);
  }

  /** Rows written (or to write) over all tables: inserted plus updated. */
  public long rowsWritten() {
    return tables.stream().mapToLong(t -> t.inserted() + t.updated()).sum();
  }

  /**
   * One table's export.
   *
   * @param source   the Dolt table
   * @param target   the target table
   * @param created  true when the export created the target table, false when it updated an existing one
   * @param inserted rows whose key the target lacked (every row of a created or keyless table)
   * @param updated  rows whose key the target had, written again (changed or not, as an upsert does)
   * @param deleted  target rows whose key the revision lacks (every old row of a keyless table)
   */
  public record TableResult(String source, String target, boolean created, long inserted, long updated, long deleted) {}
}
