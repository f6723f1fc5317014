package io.doltsync.samples.hibernate;

import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.CommitMetadataProvider;
import io.doltsync.spi.TransactionSummary;

/**
 * Makes the {@link CurrentUser} the author of every Dolt commit. doltsync finds it through
 * {@code META-INF/services/io.doltsync.spi.CommitMetadataProvider} and asks it on the committing thread,
 * so the thread-local user is the one who made the change.
 */
public final class CurrentUserCommitMetadata implements CommitMetadataProvider {

  @Override
  public CommitMetadata metadataFor(TransactionSummary transaction) {
    return CurrentUser.name()
        .map(user -> CommitMetadata.author(user, user + "@wiki.example"))
        .orElse(CommitMetadata.NONE);
  }
}
