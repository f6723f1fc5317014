/**
 * The engine behind {@code verify}, {@code reconcile} and {@code status}: internal to doltsync, not a
 * public API (use {@link io.doltsync.DoltSync} and its result records instead).
 */
package io.doltsync.internal.verify;
