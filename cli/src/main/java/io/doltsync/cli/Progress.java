package io.doltsync.cli;

import io.doltsync.VerifyProgress;
import io.doltsync.WritebackProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows verify's progress on standard error: a bar redrawn in place when standard error is a terminal,
 * else a line at most every {@code interval} milliseconds and one when a table is done.
 */
final class Progress implements VerifyProgress, WritebackProgress {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final long intervalNanos;
  private long lastLine;
  private boolean drawn;

  Progress(PrintWriter err, boolean terminal, long intervalMillis) {
    this(err, "verify", terminal, intervalMillis);
  }

  Progress(PrintWriter err, String label, boolean terminal, long intervalMillis) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  /** A bar when a console is attached (standard error is then the terminal too, in practice). */
  static Progress forStandardError(PrintWriter err) {
    return forStandardError(err, "verify");
  }

  /** The same for another operation, whose lines start with {@code label}. */
  static Progress forStandardError(PrintWriter err, String label) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return new Progress(err, label, terminal, 5_000);
  }

  @Override
  public void rows(String table, long done, long total) {
    if (terminal) {
      int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
      int filled = percent * WIDTH / 100;
      err.print(String.format(Locale.ROOT, "\r%-24.24s [%s%s] %3d%% %,d/%,d rows", table, "#".repeat(filled),
          " ".repeat(WIDTH - filled), percent, done, total));
      if (done >= total) {
        err.println();
      }
      err.flush();
      drawn = done < total;
      return;
    }
    long now = System.nanoTime();
    if (done >= total || now - lastLine >= intervalNanos) {
      err.println(String.format(Locale.ROOT, "%s: %s %,d/%,d rows", label, table, done, total));
      err.flush();
      lastLine = now;
    }
  }

  /** Ends a bar left unfinished (an error in the middle of a table). */
  void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }
}
