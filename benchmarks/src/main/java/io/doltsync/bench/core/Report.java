package io.doltsync.bench.core;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the rows and notes of one run and prints them as one summary table (and a CSV file). Rows are
 * printed as they arrive too, so a long run shows progress. Thread-safe.
 */
public final class Report {

  private static final String[] HEADER =
      {"suite", "benchmark", "variant", "median", "min..max", "unit", "n", "ratio median [min..max]", "goal", "met"};

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final PrintStream progress;

  public Report(PrintStream progress) {
    this.progress = progress;
  }

  public synchronized void add(Row row) {
    rows.add(row);
    progress.println("[bench] " + String.join(" | ", cells(row)));
  }

  /** A remark printed under the table: a failed suite, a skipped database, a caveat of a figure. */
  public synchronized void note(String note) {
    notes.add(note);
    progress.println("[bench] note: " + note);
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Prints the summary table and the notes. */
  public synchronized void print(PrintStream out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    rows.forEach(row -> lines.add(cells(row)));
    int[] widths = new int[HEADER.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    out.println();
    out.println("==== doltsync benchmark summary ====");
    for (int l = 0; l < lines.size(); l++) {
      out.println(format(lines.get(l), widths));
      if (l == 0) {
        out.println(rule(widths));
      }
    }
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(note -> out.println("note: " + note));
    }
  }

  /** Writes every row as CSV (one line per row, raw numbers). */
  public synchronized void writeCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("suite,benchmark,variant,unit,n,median,min,max,p99,ratio_median,ratio_min,ratio_max,goal,met");
    for (Row row : rows) {
      Samples v = row.value();
      Samples r = row.ratio();
      lines.add(String.join(",", csv(row.suite()), csv(row.benchmark()), csv(row.variant()), csv(row.unit()),
          Integer.toString(v.size()), num(v.median()), num(v.min()), num(v.max()), num(v.percentile(99)),
          r == null ? "" : num(r.median()), r == null ? "" : num(r.min()), r == null ? "" : num(r.max()),
          csv(row.goal() == null ? "" : row.goal().text()), met(row)));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String[] cells(Row row) {
    Samples v = row.value();
    Samples r = row.ratio();
    String ratio = r == null || r.isEmpty() ? ""
        : percent(r.median()) + " [" + percent(r.min()) + ".." + percent(r.max()) + "]";
    return new String[] {row.suite(), row.benchmark(), row.variant(), figure(v.median()),
        v.size() > 1 ? figure(v.min()) + ".." + figure(v.max()) : "", row.unit(), Integer.toString(v.size()), ratio,
        row.goal() == null ? "" : row.goal().text(), met(row)};
  }

  private static String met(Row row) {
    Boolean met = row.goal() == null ? null : row.goal().isMetBy(row);
    return met == null ? "" : met ? "yes" : "NO";
  }

  /** A figure with about three significant digits, thousands grouped. */
  static String figure(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  private static String format(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean numeric = i == 3 || i == 4 || i == 6;
      String cell = numeric ? pad(cells[i], widths[i], true) : pad(cells[i], widths[i], false);
      line.append(i == 0 ? "" : " | ").append(cell);
    }
    return line.toString().stripTrailing();
  }

  private static String rule(int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      line.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    return line.toString();
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - text.length()));
    return right ? spaces + text : text + spaces;
  }

  private static String csv(String text) {
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private static String num(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
  }
}
