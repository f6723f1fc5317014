package io.doltsync.internal.sync;

import java.util.Locale;

/** How a table is brought into Dolt on each run. */
public enum SyncMode {
  /** The table's state becomes Dolt's; only differences (found with chunked hashes) are written, deletions too. */
  SNAPSHOT,
  /** Rows whose cursor column passed the last cursor are merged on the key; deletions by a periodic key scan. */
  INCREMENTAL,
  /** The Dolt table is emptied and copied anew (and its schema recreated). */
  FULL_REFRESH;

  /** Parses {@code snapshot}, {@code incremental} or {@code full-refresh}. */
  public static SyncMode parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "snapshot" -> SNAPSHOT;
      case "incremental" -> INCREMENTAL;
      case "full-refresh", "full_refresh", "fullrefresh" -> FULL_REFRESH;
      default -> throw new IllegalArgumentException("unknown sync mode '" + text
          + "' (expected snapshot, incremental or full-refresh)");
    };
  }

  /** The name the command line uses. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
