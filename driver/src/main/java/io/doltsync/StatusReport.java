package io.doltsync;

import java.time.Duration;
import java.util.List;

/**
 * The state of a mirror, as {@link DoltSync#status} reads it from the primary's journal and quarantine
 * and from this JVM's applier.
 *
 * @param database          the Dolt database
 * @param branch            the mirrored branch
 * @param queueDepth        journal entries waiting to be applied
 * @param lag               age of the oldest waiting entry ({@link Duration#ZERO} when none waits)
 * @param quarantined       entries set aside because Dolt refused them
 * @param divergedTables    tables marked as diverged (quarantined entries touch them)
 * @param lastError         the last apply error this JVM saw or the quarantine recorded, or {@code null}
 * @param applierActive     whether this JVM's applier holds the branch lock
 */
public record StatusReport(String database, String branch, long queueDepth, Duration lag, long quarantined,
    List<String> divergedTables, String lastError, boolean applierActive) {

  public StatusReport {
    divergedTables = List.copyOf(divergedTables);
  }

  /** True when nothing is quarantined and no table is marked diverged. */
  public boolean healthy() {
    return quarantined == 0 && divergedTables.isEmpty();
  }
}
