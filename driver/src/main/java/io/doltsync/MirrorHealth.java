package io.doltsync;

/**
 * How a mirror is doing, worst first: {@link #DOWN} (its applier cannot reach Dolt or the primary, or is
 * not running), {@link #DEGRADED} (entries were quarantined or tables are marked diverged: Dolt's history
 * lacks changes until {@code reconcile}), {@link #LAGGING} (entries wait longer than a few seconds) and
 * {@link #HEALTHY}.
 */
public enum MirrorHealth {
  HEALTHY,
  LAGGING,
  DEGRADED,
  DOWN
}
