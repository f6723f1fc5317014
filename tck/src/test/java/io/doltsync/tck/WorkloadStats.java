package io.doltsync.tck;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts of what a workload ran: statements per kind (succeeded and failed) and transaction endings. Thread-safe. */
final class WorkloadStats {

  private final Map<OpKind, AtomicInteger> succeeded = new EnumMap<>(OpKind.class);
  private final Map<OpKind, AtomicInteger> failed = new EnumMap<>(OpKind.class);
  private final Map<String, AtomicInteger> outcomes = new TreeMap<>();
  private final Map<String, AtomicInteger> errors = new TreeMap<>();
  private final List<String> unexpectedErrors = new ArrayList<>();

  WorkloadStats() {
    for (OpKind kind : OpKind.values()) {
      succeeded.put(kind, new AtomicInteger());
      failed.put(kind, new AtomicInteger());
    }
  }

  void succeeded(OpKind kind) {
    succeeded.get(kind).incrementAndGet();
  }

  /**
   * A statement of {@code plan} failed; errors other than {@link ExpectedErrors} are kept as findings, with the
   * whole transaction (a statement's failure often depends on the ones before it, or on a savepoint).
   */
  void failed(TransactionPlan plan, Operation operation, SQLException error) {
    failed(operation.kind(), error);
    if (!ExpectedErrors.isExpected(error)) {
      synchronized (unexpectedErrors) {
        unexpectedErrors.add(operation + " failed with an error the workload does not provoke: SQLState "
            + error.getSQLState() + ", " + error + rootCause(error) + ", " + plan.describe());
      }
    }
  }

  void failed(OpKind kind, Exception error) {
    failed.get(kind).incrementAndGet();
    String message = String.valueOf(error.getMessage());
    String key = kind + " " + (error instanceof java.sql.SQLException sql ? sql.getSQLState() : "") + " "
        + message.substring(0, Math.min(90, message.length())).replaceAll("\\d+", "#");
    synchronized (errors) {
      errors.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Records how a transaction (or auto-commit statement) ended: committed, rolled back, ... */
  void outcome(String outcome) {
    synchronized (outcomes) {
      outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /**
   * A commit failed: a finding unless the database chose the transaction as a deadlock victim, and then too when
   * the raw commit could not have failed on a lock ({@code rawCannotFailOnLocks}: the lock was doltsync's).
   */
  void commitFailed(TransactionPlan plan, SQLException error, boolean rawCannotFailOnLocks) {
    failed(OpKind.COMMIT, error);
    if (rawCannotFailOnLocks && TransactionExecutor.abortsTransaction(error)) {
      synchronized (unexpectedErrors) {
        unexpectedErrors.add("commit failed on a lock that only doltsync takes (the raw commit waits for no lock):"
            + " SQLState " + error.getSQLState() + ", " + error + rootCause(error) + ", " + plan.describe());
      }
    } else if (!TransactionExecutor.abortsTransaction(error)) {
      synchronized (unexpectedErrors) {
        unexpectedErrors.add("commit failed with SQLState " + error.getSQLState() + ", " + error + rootCause(error) + ", "
            + plan.describe());
      }
    }
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? "" : " (caused by " + root + ")";
  }

  /** Statement failures no constraint or lock explains (see {@link ExpectedErrors}). */
  List<String> unexpectedErrors() {
    synchronized (unexpectedErrors) {
      return List.copyOf(unexpectedErrors);
    }
  }

  int successes(OpKind kind) {
    return succeeded.get(kind).get();
  }

  /** A table of kinds with their counts, the outcomes, and the most frequent statement errors. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    for (OpKind kind : OpKind.values()) {
      int ok = succeeded.get(kind).get();
      int bad = failed.get(kind).get();
      if (ok + bad > 0) {
        sb.append(String.format("    %-22s %5d ok %4d failed  (%s)%n", kind, ok, bad, kind.description()));
      }
    }
    synchronized (outcomes) {
      sb.append("    endings: ").append(outcomes).append('\n');
    }
    synchronized (errors) {
      errors.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get()).limit(12)
          .forEach(e -> sb.append(String.format("    error x%-4d %s%n", e.getValue().get(), e.getKey())));
    }
    return sb.toString();
  }
}
