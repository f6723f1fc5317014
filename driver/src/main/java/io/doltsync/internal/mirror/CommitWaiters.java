package io.doltsync.internal.mirror;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Futures for the Dolt commits of transactions this JVM committed, completed by the applier with the
 * commit hash (an empty string when the transaction changed nothing Dolt did not already have). The
 * futures of recently applied transactions are kept, so that a wait that starts after the applier was
 * done (it may beat the committing thread to it) returns at once.
 */
final class CommitWaiters {

  private static final int KEEP_APPLIED = 10_000;

  private final Map<String, CompletableFuture<String>> futures = new ConcurrentHashMap<>();
  private final Queue<String> applied = new ConcurrentLinkedQueue<>();

  CompletableFuture<String> futureOf(String transactionId) {
    return futures.computeIfAbsent(transactionId, id -> new CompletableFuture<>());
  }

  void applied(String transactionId, String hash) {
    futureOf(transactionId).complete(hash == null ? "" : hash);
    remember(transactionId);
  }

  /** The transaction will never reach Dolt (its entry was quarantined): waiters fail with {@code cause}. */
  void failed(String transactionId, QuarantinedTransactionException cause) {
    futureOf(transactionId).completeExceptionally(cause);
    remember(transactionId);
  }

  private void remember(String transactionId) {
    applied.add(transactionId);
    while (applied.size() > KEEP_APPLIED) {
      String oldest = applied.poll();
      if (oldest != null) {
        futures.remove(oldest);
      }
    }
  }

  /** Drops the future of a transaction nobody waits for any more, unless it is applied (then it is kept). */
  void forget(String transactionId) {
    futures.computeIfPresent(transactionId, (id, future) -> future.isDone() ? future : null);
  }
}
