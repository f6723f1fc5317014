package io.doltsync.internal.sync;

import java.util.Locale;

/**
 * Whether a run may lock a MariaDB/MySQL source briefly so that parallel readers open one snapshot: such sources
 * have no exportable snapshot (PostgreSQL's readers import the run's; see {@link SharedSnapshot}).
 */
public enum ReaderLock {
  /** Never lock: such sources are read through one connection. */
  NONE,
  /**
   * {@code FLUSH TABLES WITH READ LOCK} on a connection of its own while the run's connection and the readers start
   * {@code WITH CONSISTENT SNAPSHOT}, released at once (needs the RELOAD privilege; writes wait meanwhile).
   */
  FLUSH_TABLES;

  /** Parses {@code none} or {@code flush-tables}. */
  public static ReaderLock parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "flush-tables" -> FLUSH_TABLES;
      default -> throw new IllegalArgumentException("unknown readers lock '" + text + "' (expected none or flush-tables)");
    };
  }

  /** The name the command line uses. */
  public String label() {
    return this == NONE ? "none" : "flush-tables";
  }
}
