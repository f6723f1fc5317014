/**
 * {@code doltsync sync}: copies any database the source dialects read into a Dolt branch without the driver,
 * one Dolt commit per run that changed something (snapshot, incremental by a cursor column, full refresh),
 * and pushes branches to Dolt remotes. Internal: the {@code cli} module is its only caller.
 */
package io.doltsync.internal.sync;
