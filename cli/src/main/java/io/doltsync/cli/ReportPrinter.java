package io.doltsync.cli;

import io.doltsync.StatusReport;
import io.doltsync.ReconcileReport;
import io.doltsync.VerifyReport;
import io.doltsync.VerifyReport.RowDifference;
import io.doltsync.VerifyReport.TableReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Prints the results of the commands for people: one line per table, then the differing rows. */
final class ReportPrinter {

  private static final int MAX_VALUE_CHARS = 60;

  private final PrintWriter out;

  ReportPrinter(PrintWriter out) {
    this.out = out;
  }

  void verify(VerifyReport report, int rowsShown) {
    for (TableReport table : report.tables()) {
      if (table.inSync()) {
        out.printf(Locale.ROOT, "%-30s %,12d rows compared   in sync%n", table.table(), table.rowsCompared());
        continue;
      }
      if (!table.schemaDifferences().isEmpty()) {
        out.printf(Locale.ROOT, "%-30s schema differs: %s%n", table.table(), String.join("; ", table.schemaDifferences()));
        continue;
      }
      out.printf(Locale.ROOT, "%-30s %,12d rows compared   %,d differ (%d missing in Dolt, %d changed, %d only in Dolt%s)%n",
          table.table(), table.rowsCompared(), table.differingRows(), table.missingInDolt(), table.changed(),
          table.extraInDolt(), table.complete() ? "" : " among those listed");
      int shown = 0;
      for (RowDifference row : table.rows()) {
        if (shown++ == rowsShown) {
          out.printf(Locale.ROOT, "  ... %,d more%n", table.differingRows() - rowsShown);
          break;
        }
        out.println("  " + describe(table, row));
      }
    }
    out.printf(Locale.ROOT, "%s: %,d rows in %d tables compared in %.1f s%n", report.inSync() ? "in sync" : "DRIFT",
        report.rowsCompared(), report.tables().size(), report.took().toMillis() / 1000.0);
    out.flush();
  }

  private static String describe(TableReport table, RowDifference row) {
    String key = row.key() == null ? "(keyless)" : "key " + values(row.key());
    if (row.doltRow() == null) {
      return key + ": missing in Dolt; primary " + columns(table, row.primaryRow());
    }
    if (row.primaryRow() == null) {
      return key + ": only in Dolt " + columns(table, row.doltRow());
    }
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      Object p = row.primaryRow().get(i);
      Object d = row.doltRow().get(i);
      if (!io.doltsync.internal.dialect.CanonicalValues.same(p, d)) {
        changes.add(table.columns().get(i) + ": primary " + value(p) + ", Dolt " + value(d));
      }
    }
    return key + ": " + String.join("; ", changes);
  }

  private static String columns(TableReport table, List<Object> row) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      parts.add(table.columns().get(i) + "=" + value(row.get(i)));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static String values(List<Object> values) {
    return values.stream().map(ReportPrinter::value).toList().toString();
  }

  private static String value(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text = value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes)
        : value instanceof String s ? "'" + s + "'" : value.toString();
    return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "..." : text;
  }

  void reconcile(ReconcileReport report) {
    if (report.tables().isEmpty()) {
      out.println("nothing to reconcile");
    } else {
      for (ReconcileReport.TableChange table : report.tables()) {
        out.printf(Locale.ROOT, "%-30s +%d ~%d -%d%s%n", table.table(), table.inserted(), table.updated(),
            table.deleted(), table.wholeTable() ? " (copied whole)" : "");
      }
      out.println("Dolt commit " + report.commitHash() + ": " + report.message());
    }
    out.flush();
  }

  void status(StatusReport status) {
    out.printf(Locale.ROOT, "database        %s%n", status.database());
    out.printf(Locale.ROOT, "branch          %s%n", status.branch());
    out.printf(Locale.ROOT, "queue depth     %,d journal entries%n", status.queueDepth());
    out.printf(Locale.ROOT, "lag             %.3f s%n", status.lag().toMillis() / 1000.0);
    out.printf(Locale.ROOT, "quarantined     %,d entries%n", status.quarantined());
    out.printf(Locale.ROOT, "diverged tables %s%n", status.divergedTables().isEmpty() ? "none" : String.join(", ", status.divergedTables()));
    out.printf(Locale.ROOT, "last error      %s%n", status.lastError() == null ? "none" : status.lastError());
    out.flush();
  }
}
