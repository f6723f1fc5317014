package io.doltsync;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;

/**
 * A write-back found rows that changed since the state it undoes or builds on, and applied nothing
 * (SQLState {@value #SQL_STATE}). {@link #conflicts()} lists them (at most
 * {@link WritebackReport#CONFLICTS_LISTED}) with the primary's current values and the expected ones.
 */
public final class WritebackConflictException extends SQLIntegrityConstraintViolationException {

  /** The SQLState of a write-back conflict: class 23, integrity constraint violation. */
  public static final String SQL_STATE = "23000";

  private final transient WritebackReport report;

  public WritebackConflictException(WritebackReport report) {
    super(message(report), SQL_STATE);
    this.report = report;
  }

  /** The conflicts found (nothing was applied). */
  public List<WritebackReport.Conflict> conflicts() {
    return report.conflicts();
  }

  /** The write-back's report: what it would have written, and the conflicts. */
  public WritebackReport report() {
    return report;
  }

  private static String message(WritebackReport report) {
    StringBuilder text = new StringBuilder(report.operation()).append(' ').append(report.revision()).append(": ")
        .append(report.conflictCount()).append(" conflict").append(report.conflictCount() == 1 ? "" : "s")
        .append(", nothing applied");
    int shown = 0;
    for (WritebackReport.Conflict conflict : report.conflicts()) {
      if (shown++ == 20) {
        text.append("\n  ...");
        break;
      }
      text.append("\n  ").append(conflict);
    }
    return text.toString();
  }
}
