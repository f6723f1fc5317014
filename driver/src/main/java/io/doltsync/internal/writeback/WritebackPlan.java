package io.doltsync.internal.writeback;

import java.util.List;
import java.util.Set;

/**
 * A resolved write-back: make the primary go from Dolt commit {@code base}'s rows to {@code target}'s,
 * for the tables that differ between them ({@code onlyTables}, lower case, when not empty), under
 * {@code rule}; the tables' columns must be the same at {@code schemaRevisions} as now. With
 * {@code wholeTables} (restore under the strict rule) every keyed table in scope must end equal to
 * {@code target}: all its rows are locked and compared again under the locks, so that a row a concurrent
 * transaction changed after the diff was taken is a conflict, not a row silently left different.
 *
 * @param operation   {@code revert}, {@code restore} or {@code publish}
 * @param revision    what the user named
 * @param messageHead the Dolt commit message's first words ({@code Revert abc12345})
 */
record WritebackPlan(String operation, String revision, String base, String target, MergeRule rule,
    Set<String> onlyTables, List<String> schemaRevisions, String messageHead, boolean wholeTables) {}
