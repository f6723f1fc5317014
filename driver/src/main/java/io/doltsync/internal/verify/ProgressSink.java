package io.doltsync.internal.verify;

/** Receives how many rows of the current table have been compared. */
@FunctionalInterface
interface ProgressSink {
  void rows(long done);
}
