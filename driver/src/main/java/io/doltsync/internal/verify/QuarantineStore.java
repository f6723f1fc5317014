package io.doltsync.internal.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Where the applier sets aside journal entries Dolt refused for good, and which tables it marked
 * diverged because of them: {@code status} reads it, {@code reconcile} clears what it healed.
 */
public interface QuarantineStore {

  /** Quarantined entries. */
  long count(Connection primary) throws SQLException;

  /** Tables marked diverged. */
  List<String> divergedTables(Connection primary) throws SQLException;

  /** The most recent refusal recorded, or {@code null}. */
  String lastError(Connection primary) throws SQLException;

  /**
   * Clears the marks of the healed tables and drops the quarantined entries that touch only healed
   * tables (reconcile made Dolt equal to the primary for them, so those entries' effects are in Dolt).
   *
   * @param allTables true when every mirrored table was verified (and healed): every mark and entry is
   *                  cleared, those of unknown or no longer mirrored tables too
   * @return the entries cleared
   */
  long clear(Connection primary, Collection<String> healedTables, boolean allTables) throws SQLException;
}
