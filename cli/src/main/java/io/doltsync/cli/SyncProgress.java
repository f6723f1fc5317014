package io.doltsync.cli;

import io.doltsync.internal.sync.SyncEngine;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Sync progress on standard error: on a terminal a line redrawn in place (table, rows, rows/s, ETA when the total
 * is known); otherwise a line at most every {@code interval} milliseconds, for logs.
 */
final class SyncProgress implements SyncEngine.Listener {

  private final PrintWriter err;
  private final boolean terminal;
  private final long intervalNanos;
  private String table;
  private long tableStarted;
  private long lastLine;
  private boolean drawn;

  SyncProgress(PrintWriter err, boolean terminal, long intervalMillis) {
    this.err = err;
    this.terminal = terminal;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  static SyncProgress forStandardError(PrintWriter err) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return new SyncProgress(err, terminal, 10_000);
  }

  @Override
  public synchronized void rows(String name, long done, long total) {
    long now = System.nanoTime();
    if (!name.equals(table)) {
      table = name;
      tableStarted = now;
    }
    double seconds = Math.max(1e-3, (now - tableStarted) / 1e9);
    double rate = done / seconds;
    String eta = total > 0 && rate > 0 && done < total ? String.format(Locale.ROOT, ", ETA %.0fs", (total - done) / rate) : "";
    String line = String.format(Locale.ROOT, "sync: %s %,d%s rows, %,.0f rows/s%s", name, done,
        total > 0 ? "/" + String.format(Locale.ROOT, "%,d", total) : "", rate, eta);
    if (terminal) {
      err.print("\r" + line + "   ");
      err.flush();
      drawn = true;
    } else if (now - lastLine >= intervalNanos) {
      err.println(line);
      err.flush();
      lastLine = now;
    }
  }

  void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }
}
