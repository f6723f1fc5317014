package io.doltsync.mirror;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Futures for the Dolt commits of transactions this JVM committed, completed by the applier with the
 * commit hash (an empty string when the transaction changed nothing Dolt did not already have).
 */
final class CommitWaiters {

  private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

  CompletableFuture<String> futureOf(String transactionId) {
    return pending.computeIfAbsent(transactionId, id -> new CompletableFuture<>());
  }

  void applied(String transactionId, String hash) {
    CompletableFuture<String> future = pending.remove(transactionId);
    if (future != null) {
      future.complete(hash == null ? "" : hash);
    }
  }

  void forget(String transactionId) {
    pending.remove(transactionId);
  }
}
