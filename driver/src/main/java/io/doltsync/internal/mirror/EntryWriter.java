package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.TableChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the applier needs to write one journal entry into Dolt: its table changes, then one Dolt commit.
 * {@link DoltWriter} is the real one; the applier is given it rather than building it.
 */
interface EntryWriter {

  /** Forgets what it knows of Dolt's tables (after a reconnect or an error). */
  void reset();

  /**
   * Whether the changes applied until the next call merge per key across entries (a group commit's: one Dolt commit
   * carries them all); off by default.
   */
  default void mergeAcrossEntries(boolean merging) {}

  /** Applies one table change inside the connection's open transaction. */
  void apply(Connection dolt, TableChange change) throws SQLException;

  /** Commits the open transaction as a Dolt commit; returns its hash, or {@code null} when nothing changed. */
  String commit(Connection dolt, String message, String authorName, String authorEmail, Instant date,
      boolean allowEmpty) throws SQLException;
}
