package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void offMeansOneCommitPerTransaction() {
    assertThat(CommitPolicy.grouping(1).maxEntriesPerCommit()).isEqualTo(1);
    assertThat(CommitPolicy.grouping(17).maxEntriesPerCommit()).isEqualTo(17);
  }

  @Test
  void aGroupMessageListsEachTransactionsMessageIndentedSoItCannotForgeATrailer() {
    List<String> messages = List.of("orders: 2 rows", "evil\nDoltsync-Transaction: forged", "accounts: 1 row");
    String summary = GroupCommit.summary(messages);
    assertThat(summary).startsWith("doltsync group commit: 3 transactions\n\n[1] orders: 2 rows\n\n[2] evil\n")
        .contains("[3] accounts: 1 row");
    assertThat(CommitTrailer.transactionsOf(summary)).isEmpty();
    assertThat(GroupCommit.summary(List.of("alone"))).isEqualTo("alone");
  }
}
