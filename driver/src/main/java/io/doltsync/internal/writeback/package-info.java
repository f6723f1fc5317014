/**
 * Write-back from Dolt into the primary: revert, restore and publish, each one primary transaction through
 * the application's doltsync connection (so the mirror records it as one Dolt commit), conflict-checked
 * three-way under row locks, in foreign-key order. Not a public API: use {@link io.doltsync.DoltSync}.
 */
package io.doltsync.internal.writeback;
