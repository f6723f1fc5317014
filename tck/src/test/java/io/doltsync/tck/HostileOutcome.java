package io.doltsync.tck;

/** The only results a hostile input may have (see {@link HostileInputTck}); anything else fails the suite. */
public enum HostileOutcome {
  /** An {@code SQLException} before the primary commits; the primary and Dolt are both unchanged. */
  REFUSED,
  /** Committed; after {@code awaitMirrored}, Dolt's head holds exactly the primary's rows of the touched tables. */
  MIRRORED,
  /** Committed, Dolt refused it: a quarantined entry shows in status, and one {@code reconcile} heals it. */
  QUARANTINED,
  /** A write that bypassed doltsync: {@code verify} names the table, and one {@code reconcile} heals it. */
  DRIFT_HEALED
}
