package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.CommitMetadataProvider;
import io.doltsync.spi.TransactionSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Decides the author and message of a transaction's Dolt commit. Sources, first non-null field wins:
 * the connection's own override ({@code DoltSyncConnection.setCommitMessage}), the registered
 * {@link CommitMetadataProvider}s by priority, the {@code doltsync.author} option, and finally the primary
 * user and a summary of the change. A provider that throws is logged and skipped.
 */
public final class CommitMetadataResolver {

  private static final Logger LOG = DoltSyncLoggers.get(CommitMetadataResolver.class);
  private static final Pattern NAME_AND_EMAIL = Pattern.compile("^\\s*(.*?)\\s*<([^>]*)>\\s*$");
  private static final List<CommitMetadataProvider> REGISTERED = new CopyOnWriteArrayList<>();
  private static volatile List<CommitMetadataProvider> discovered;

  private final CommitMetadata configuredAuthor;

  public CommitMetadataResolver(String authorOption) {
    this.configuredAuthor = parseAuthor(authorOption);
  }

  /** Adds a provider for every connection of the JVM (besides those found through ServiceLoader). */
  public static void register(CommitMetadataProvider provider) {
    REGISTERED.add(provider);
  }

  public static void unregister(CommitMetadataProvider provider) {
    REGISTERED.remove(provider);
  }

  /** The complete metadata for a transaction about to commit. */
  public CommitMetadata resolve(CommitMetadata override, List<TableChange> changes, String primaryUser,
      String primaryHost) {
    CommitMetadata metadata = override == null ? CommitMetadata.NONE : override;
    List<CommitMetadataProvider> providers = providers();
    if (!providers.isEmpty()) { // the summary is built only for providers to see
      Summary summary = new Summary(changes, primaryUser);
      for (CommitMetadataProvider provider : providers) {
        if (metadata.isComplete()) {
          break;
        }
        try {
          metadata = metadata.orElse(provider.metadataFor(summary));
        } catch (RuntimeException | LinkageError e) {
          LOG.warn("commit metadata provider {} failed and is ignored", provider.getClass().getName(), e);
        }
      }
    }
    metadata = metadata.orElse(configuredAuthor);
    if (metadata.isComplete()) {
      return metadata;
    }
    String user = primaryUser == null || primaryUser.isBlank() ? "doltsync" : primaryUser;
    return metadata.orElse(new CommitMetadata(user, email(user, primaryHost),
        metadata.message() == null ? defaultMessage(changes) : null));
  }

  /** {@code user@host}, kept for the last user and host (a mirror's sessions commit as one or a few users). */
  private String email(String user, String primaryHost) {
    String host = primaryHost == null ? "localhost" : primaryHost;
    Email known = lastEmail;
    if (known == null || !known.user().equals(user) || !known.host().equals(host)) {
      known = new Email(user, host, user + "@" + host);
      lastEmail = known;
    }
    return known.address();
  }

  private record Email(String user, String host, String address) {}

  private volatile Email lastEmail;

  /** The message of a commit nobody named: each change described, e.g. {@code "orders: 2 rows; accounts: 1 row"}. */
  private static String defaultMessage(List<TableChange> changes) {
    if (changes.isEmpty()) {
      return "doltsync transaction";
    }
    if (changes.size() == 1) {
      return describe(changes.get(0));
    }
    StringBuilder message = new StringBuilder(32 * changes.size());
    for (TableChange change : changes) {
      if (message.length() > 0) {
        message.append("; ");
      }
      message.append(change.describe());
    }
    return message.toString();
  }

  /**
   * {@link TableChange#describe()}, kept for the last table, kind and row count described (a lone write to a hot
   * table repeats one message).
   */
  private static String describe(TableChange change) {
    Description known = lastDescription;
    int rows = change.rowCount();
    if (known == null || known.rows() != rows || known.kind() != change.kind() || !known.table().equals(change.table())) {
      known = new Description(change.table(), change.kind(), rows, change.describe());
      lastDescription = known;
    }
    return known.text();
  }

  private record Description(String table, TableChange.Kind kind, int rows, String text) {}

  private static volatile Description lastDescription;

  private static List<CommitMetadataProvider> providers() {
    List<CommitMetadataProvider> found = discovered;
    if (found == null) {
      List<CommitMetadataProvider> loaded = new ArrayList<>();
      try {
        ServiceLoader.load(CommitMetadataProvider.class).forEach(loaded::add);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("cannot load commit metadata providers through ServiceLoader", e);
      }
      discovered = found = List.copyOf(loaded);
    }
    if (REGISTERED.isEmpty() && found.isEmpty()) {
      return List.of();
    }
    List<CommitMetadataProvider> all = new ArrayList<>(found);
    all.addAll(REGISTERED);
    all.sort(Comparator.comparingInt(CommitMetadataProvider::priority).reversed());
    return all;
  }

  private static CommitMetadata parseAuthor(String author) {
    if (author == null || author.isBlank()) {
      return CommitMetadata.NONE;
    }
    Matcher matcher = NAME_AND_EMAIL.matcher(author);
    if (matcher.matches()) {
      return CommitMetadata.author(matcher.group(1), matcher.group(2));
    }
    return CommitMetadata.author(author.trim(), null);
  }

  /** The change as providers see it. */
  private static final class Summary implements TransactionSummary {
    private final Map<String, Integer> changedTables = new LinkedHashMap<>();
    private final List<TableChange> changes;
    private final String primaryUser;

    Summary(List<TableChange> changes, String primaryUser) {
      for (TableChange change : changes) {
        changedTables.merge(change.table(), change.rowCount(), Integer::sum);
      }
      this.changes = changes;
      this.primaryUser = primaryUser;
    }

    @Override
    public Map<String, Integer> changedTables() {
      return changedTables;
    }

    @Override
    public String primaryUser() {
      return primaryUser;
    }

    @Override
    public String defaultMessage() {
      return CommitMetadataResolver.defaultMessage(changes);
    }
  }
}
