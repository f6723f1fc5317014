package io.doltsync.spi;

import java.util.Map;

/** What a committing primary transaction changed, as seen by a {@link CommitMetadataProvider}. */
public interface TransactionSummary {

  /** The mirrored tables the transaction changed, each with its number of captured row changes. */
  Map<String, Integer> changedTables();

  /** The user the primary connection is logged in as (never its password). */
  String primaryUser();

  /** The message doltsync would write if nobody supplies one, e.g. {@code "orders: 2 rows; customers: 1 row"}. */
  String defaultMessage();
}
