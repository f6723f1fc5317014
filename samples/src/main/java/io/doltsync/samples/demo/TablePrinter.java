package io.doltsync.samples.demo;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as a boxed table that reads well in a terminal. */
public final class TablePrinter {

  private static final int MAX_WIDTH = 48;

  private final PrintStream out;

  public TablePrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints every row of the result set (and closes it). */
  public void print(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      int columns = meta.getColumnCount();
      List<String[]> rows = new ArrayList<>();
      String[] header = new String[columns];
      int[] widths = new int[columns];
      for (int c = 0; c < columns; c++) {
        header[c] = meta.getColumnLabel(c + 1);
        widths[c] = header[c].length();
      }
      while (rs.next()) {
        String[] row = new String[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = cell(rs.getString(c + 1));
          widths[c] = Math.max(widths[c], row[c].length());
        }
        rows.add(row);
      }
      line('┌', '┬', '┐', widths);
      row(header, widths);
      line('├', '┼', '┤', widths);
      for (String[] row : rows) {
        row(row, widths);
      }
      line('└', '┴', '┘', widths);
      out.println("  " + rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }
  }

  private static String cell(String value) {
    if (value == null) {
      return "NULL";
    }
    String flat = value.replace('\n', ' ').strip();
    return flat.length() <= MAX_WIDTH ? flat : flat.substring(0, MAX_WIDTH - 1) + "…";
  }

  private void row(String[] cells, int[] widths) {
    StringBuilder sb = new StringBuilder("│");
    for (int c = 0; c < cells.length; c++) {
      sb.append(' ').append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(" │");
    }
    out.println(sb);
  }

  private void line(char left, char middle, char right, int[] widths) {
    StringBuilder sb = new StringBuilder().append(left);
    for (int c = 0; c < widths.length; c++) {
      sb.append("─".repeat(widths[c] + 2)).append(c == widths.length - 1 ? right : middle);
    }
    out.println(sb);
  }
}
