package io.doltsync.bench.tpcc;

import java.sql.SQLException;
import java.util.List;

/**
 * What the doltsync side of a TPC-C round leaves for the applier, sampled once a second while the round runs:
 * journal entries in journal capture ({@link JournalBacklog}), the applier's lag in wal capture
 * ({@link SlotBacklog}); and the wait until Dolt has every transaction committed so far.
 */
interface Backlog extends AutoCloseable {

  /** What a sample measures, for the report's rows (e.g. "journal backlog"). */
  String what();

  /** The unit of a sample (e.g. "entries"). */
  String unit();

  /** One sample now. */
  long count() throws SQLException;

  /** Starts sampling every second. */
  void startSampling();

  /** Stops sampling; returns the samples taken (at least one, now). */
  List<Long> stopSampling() throws SQLException, InterruptedException;

  /**
   * Waits until Dolt holds every transaction committed before the call, at most {@code timeoutSeconds}; returns the
   * seconds it took, or NaN when the time ran out.
   */
  double awaitEmpty(double timeoutSeconds) throws SQLException, InterruptedException;

  @Override
  void close() throws SQLException;
}
