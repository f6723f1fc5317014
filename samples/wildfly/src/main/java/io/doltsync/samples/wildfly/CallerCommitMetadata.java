package io.doltsync.samples.wildfly;

import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.CommitMetadataProvider;
import io.doltsync.spi.TransactionSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;

/**
 * The author of each mirrored transaction is the user logged in to the server (Elytron's current identity,
 * seen through CDI's built-in {@link Principal} bean). doltsync asks on the thread that commits, which in a
 * JTA transaction is the request's own thread. Registered by {@link Startup}.
 */
@ApplicationScoped
public class CallerCommitMetadata implements CommitMetadataProvider {

  /** The author's e-mail: the user name at this domain. */
  static final String MAIL_DOMAIN = "ledger.example";

  @Inject
  private Principal caller;

  @Override
  public CommitMetadata metadataFor(TransactionSummary transaction) {
    String name = caller == null ? null : caller.getName();
    if (name == null || name.isEmpty() || "anonymous".equals(name)) {
      return CommitMetadata.NONE;
    }
    return CommitMetadata.author(name, name + "@" + MAIL_DOMAIN);
  }
}
