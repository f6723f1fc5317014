package io.doltsync;

/**
 * A snapshot of one mirror of this JVM ({@link DoltSync#mirrorStatus()}).
 *
 * @param database           the Dolt database
 * @param branch             the mirrored branch
 * @param health             the overall state
 * @param lastError          the applier's last error (with the transaction and tables when an entry failed),
 *                           or {@code null}
 * @param quarantinedEntries entries in the quarantine table, as the applier last counted them
 * @param divergedTables     tables marked diverged, as the applier last counted them
 * @param queueDepth         entries waiting in the journal when the applier last looked
 * @param lagMillis          primary commit to Dolt commit delay of the last applied entry
 * @param applierActive      whether this JVM's applier holds the branch and applies entries
 */
public record MirrorStatus(String database, String branch, MirrorHealth health, String lastError,
    long quarantinedEntries, long divergedTables, long queueDepth, long lagMillis, boolean applierActive) {}
