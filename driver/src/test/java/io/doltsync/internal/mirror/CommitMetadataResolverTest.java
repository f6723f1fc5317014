package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.CommitMetadataProvider;
import io.doltsync.spi.TransactionSummary;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommitMetadataResolverTest {

  private static final List<TableChange> CHANGES = List.of(
      new TableChange("orders", TableChange.Kind.ROWS, null, List.of("id"), List.of("id"),
          List.<Object[]>of(new Object[] {1L}, new Object[] {2L}), List.of()),
      new TableChange("customers", TableChange.Kind.ROWS, null, List.of("id"), List.of("id"), List.of(),
          List.<Object[]>of(new Object[] {7L})));

  private final List<CommitMetadataProvider> registered = new java.util.ArrayList<>();

  @AfterEach
  void unregister() {
    registered.forEach(CommitMetadataResolver::unregister);
  }

  @Test
  void withoutAnyoneToAskTheAuthorIsThePrimaryUserAndTheMessageSummarisesTheChange() {
    CommitMetadata metadata = new CommitMetadataResolver(null).resolve(null, CHANGES, "app", "db.example");
    assertThat(metadata).isEqualTo(new CommitMetadata("app", "app@db.example", "orders: 2 rows; customers: 1 row"));
  }

  @Test
  void theConnectionsOwnOverrideWinsThenProvidersByPriorityThenTheAuthorOption() {
    register(tx -> new CommitMetadata("Low", "low@x", "low message"), 1);
    register(tx -> CommitMetadata.author("High", null), 10);
    CommitMetadata metadata = new CommitMetadataResolver("Option <option@x>")
        .resolve(CommitMetadata.message("from the connection"), CHANGES, "app", "db");
    assertThat(metadata).isEqualTo(new CommitMetadata("High", "low@x", "from the connection"));
  }

  @Test
  void theAuthorOptionFillsWhatNoProviderSays() {
    CommitMetadata metadata = new CommitMetadataResolver("Ann Smith <ann@shop.example>").resolve(null, CHANGES, "app", "db");
    assertThat(metadata.authorName()).isEqualTo("Ann Smith");
    assertThat(metadata.authorEmail()).isEqualTo("ann@shop.example");
  }

  @Test
  void aProviderThatThrowsIsIgnoredAndTheOthersStillCount() {
    register(tx -> {
      throw new IllegalStateException("no request in scope");
    }, 5);
    register(tx -> CommitMetadata.message("from the second provider"), 0);
    CommitMetadata metadata = new CommitMetadataResolver(null).resolve(null, CHANGES, "app", "db");
    assertThat(metadata.message()).isEqualTo("from the second provider");
    assertThat(metadata.authorName()).isEqualTo("app");
  }

  @Test
  void providersSeeWhatTheTransactionChanged() {
    AtomicReference<TransactionSummary> seen = new AtomicReference<>();
    register(tx -> {
      seen.set(tx);
      return CommitMetadata.NONE;
    }, 0);
    new CommitMetadataResolver(null).resolve(null, CHANGES, "app", "db");
    assertThat(seen.get().changedTables()).containsExactly(
        java.util.Map.entry("orders", 2), java.util.Map.entry("customers", 1));
    assertThat(seen.get().primaryUser()).isEqualTo("app");
    assertThat(seen.get().defaultMessage()).isEqualTo("orders: 2 rows; customers: 1 row");
  }

  private void register(java.util.function.Function<TransactionSummary, CommitMetadata> body, int priority) {
    CommitMetadataProvider provider = new CommitMetadataProvider() {
      @Override
      public CommitMetadata metadataFor(TransactionSummary transaction) {
        return body.apply(transaction);
      }

      @Override
      public int priority() {
        return priority;
      }
    };
    CommitMetadataResolver.register(provider);
    registered.add(provider);
  }
}
