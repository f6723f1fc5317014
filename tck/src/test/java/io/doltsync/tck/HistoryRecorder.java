package io.doltsync.tck;

import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-writer oracle's note-taker: at every commit point it reads the primary's full state and
 * asks {@code awaitMirrored} for the Dolt commit; every state that differs from the previous one is a
 * Dolt commit it expects, in that order. Also checks {@code awaitMirrored}'s answers on the way: a new
 * hash exactly when the primary changed.
 */
final class HistoryRecorder implements TransactionExecutor.Listener {

  private final StateReader reader;
  private final Connection observer;
  private final Duration timeout;
  private final AsOfComparisons comparisons;
  private final List<ExpectedCommit> expected = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private DatabaseState last;
  private String lastHash;
  private long awaitNanos;
  private long readNanos;

  /**
   * @param observer a plain connection to the primary (not through doltsync) to read committed states
   * @param initial  the state Dolt's bootstrap commit must hold
   * @param comparisons where to start comparing Dolt commits as soon as their hash is known
   */
  HistoryRecorder(StateReader reader, Connection observer, DatabaseState initial, Duration timeout,
      AsOfComparisons comparisons) {
    this.comparisons = comparisons;
    this.reader = reader;
    this.observer = observer;
    this.last = initial;
    this.timeout = timeout;
  }

  List<ExpectedCommit> expected() {
    return expected;
  }

  List<String> violations() {
    return violations;
  }

  DatabaseState lastState() {
    return last;
  }

  /** Where the run's time went: waiting for Dolt commits, reading primary states. */
  String timing() {
    return String.format("awaitMirrored %.1f s, primary state reads %.1f s", awaitNanos / 1e9, readNanos / 1e9);
  }

  @Override
  public void beforeImplicitCommit(Connection connection, TransactionPlan plan) throws SQLException {
    DatabaseState state = reader.readPrimary(connection, last);
    if (!state.sameAs(last)) {
      expected.add(new ExpectedCommit(plan, state, null, null));
      last = state;
    }
  }

  @Override
  public void committed(Connection connection, TransactionPlan plan, boolean lastCommit) throws SQLException {
    long started = System.nanoTime();
    String hash = connection.unwrap(DoltSyncConnection.class).awaitMirrored(timeout);
    long awaited = System.nanoTime();
    DatabaseState state = reader.readPrimary(observer, last);
    awaitNanos += awaited - started;
    readNanos += System.nanoTime() - awaited;
    boolean newHash = hash != null && !hash.isEmpty() && !hash.equals(lastHash);
    if (!state.sameAs(last)) {
      if (!newHash) {
        violations.add("awaitMirrored returned " + hash + " (no new Dolt commit) after a commit that changed the primary, "
            + plan.describe());
      }
      expected.add(new ExpectedCommit(plan, state, hash, lastCommit ? plan.metadata() : null));
      last = state;
      if (newHash) {
        comparisons.submit(hash, state);
      }
    } else if (newHash) {
      ExpectedCommit previous = expected.isEmpty() ? null : expected.get(expected.size() - 1);
      if (previous != null && previous.hash() == null) {
        previous.hash(hash);
      } else {
        violations.add("awaitMirrored returned a new Dolt commit " + hash + " after a commit that left the primary"
            + " unchanged, " + plan.describe());
      }
    }
    if (newHash) {
      lastHash = hash;
    }
  }

  @Override
  public void rolledBack(Connection connection, TransactionPlan plan) throws SQLException {
    DatabaseState state = reader.readPrimary(observer, last);
    if (!state.sameAs(last)) {
      expected.add(new ExpectedCommit(plan, state, null, null));
      last = state;
    }
  }
}
