package io.doltsync.spi;

/**
 * Supplies the author and message of a transaction as it is committed, for example from the logged-in
 * user of a web request (Spring Security's principal, an MDC request id).
 *
 * <p>Providers are found through {@link java.util.ServiceLoader} or registered programmatically with
 * {@code io.doltsync.DoltSync.registerCommitMetadataProvider}. doltsync calls them on the thread that
 * commits the primary transaction, just before the commit, so thread-local context is visible.
 * Implementations must be thread-safe and fast. A provider that throws is logged and ignored: it can
 * never break a primary commit.
 */
public interface CommitMetadataProvider {

  /**
   * Returns the metadata for the transaction about to commit, or {@link CommitMetadata#NONE} (or
   * {@code null}) to leave it to the next source.
   */
  CommitMetadata metadataFor(TransactionSummary transaction);

  /** Providers with a higher priority are asked first; the first non-null field wins. Default 0. */
  default int priority() {
    return 0;
  }
}
