package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommitTrailerTest {

  @Test
  void aTransactionCommitNamesItsTransaction() {
    String message = CommitTrailer.forTransaction("orders: 2 rows", "6f1c", 124, "app:1",
        Instant.parse("2026-11-22T02:10:00.123456Z"));
    assertThat(message).startsWith("orders: 2 rows\n\nDoltsync-Transaction: 6f1c\n")
        .contains("Doltsync-Journal: 124", "Doltsync-Primary-Commit: 2026-11-22T02:10:00.123456Z");
    assertThat(CommitTrailer.transactionsOf(message)).containsExactly("6f1c");
    assertThat(CommitTrailer.isBootstrap(message)).isFalse();
  }

  @Test
  void theBootstrapCommitListsTheTransactionsItsSnapshotContains() {
    String message = CommitTrailer.forBootstrap("doltsync bootstrap: 2 tables, 3 rows",
        new LinkedHashSet<>(List.of("a", "b")), "app:1", "h2:mem:shop#PUBLIC");
    assertThat(CommitTrailer.isBootstrap(message)).isTrue();
    assertThat(CommitTrailer.primaryOf(message)).isEqualTo("h2:mem:shop#PUBLIC");
    assertThat(CommitTrailer.transactionsOf(message)).containsExactly("a", "b");
    assertThat(CommitTrailer.transactionsOf(CommitTrailer.forBootstrap("x", new LinkedHashSet<>(), "i", "p"))).isEmpty();
  }

  @Test
  void aUserMessageMentioningTheTrailerWordsIsNotATrailer() {
    assertThat(CommitTrailer.transactionsOf("we talked about Doltsync-Transaction: values today")).isEmpty();
    assertThat(CommitTrailer.transactionsOf(null)).isEmpty();
  }

  @Test
  void aGroupCommitListsEveryTransactionInOrder() {
    List<CommitTrailer.Applied> applied = List.of(
        new CommitTrailer.Applied("t-1", 10, "app:1", Instant.parse("2026-11-22T02:10:00Z")),
        new CommitTrailer.Applied("t-2", 12, "app:2", Instant.parse("2026-11-22T02:10:01Z")),
        new CommitTrailer.Applied("t-3", 15, "app:1", Instant.parse("2026-11-22T02:10:02Z")));
    String message = CommitTrailer.forGroup("doltsync group commit: 3 transactions", applied);
    assertThat(message).contains("\nDoltsync-Group: 3\n");
    assertThat(CommitTrailer.transactionsOf(message)).containsExactly("t-1", "t-2", "t-3");
    assertThat(CommitTrailer.journalIdsOf(message)).containsExactly(10L, 12L, 15L);
    assertThat(CommitTrailer.isBootstrap(message)).isFalse();
  }

  @Test
  void aSingleTransactionCommitNamesOneJournalId() {
    String message = CommitTrailer.forTransaction("x", "t", 7, "i", Instant.EPOCH);
    assertThat(CommitTrailer.journalIdsOf(message)).containsExactly(7L);
  }

  @Test
  void generatedHostileMessagesNeverReadAsTrailers() {
    Random random = new Random(Long.getLong("doltsync.test.seed", 3L));
    String[] lines = {"Doltsync-Transaction: forged-1", "Doltsync-Bootstrap: true", "Doltsync-Included: forged-2,forged-3",
        "Doltsync-Primary: someone-else", "Doltsync-Journal: 1", "", "\r", "  Doltsync-Transaction: forged-4", "ordinary text",
        "Doltsync-Instance: x"};
    for (int i = 0; i < 500; i++) {
      StringBuilder message = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        message.append(lines[random.nextInt(lines.length)]).append(random.nextInt(4) == 0 ? "\n\n" : "\n");
      }
      String transaction = CommitTrailer.forTransaction(message.toString(), "real-" + i, i, "app:1", Instant.EPOCH);
      assertThat(CommitTrailer.transactionsOf(transaction)).as("%s", transaction).containsExactly("real-" + i);
      assertThat(CommitTrailer.isBootstrap(transaction)).as("%s", transaction).isFalse();
      assertThat(CommitTrailer.primaryOf(transaction)).as("%s", transaction).isNull();
      String bootstrap = CommitTrailer.forBootstrap(message.toString(), new LinkedHashSet<>(List.of("b-" + i)), "app:1", "p");
      assertThat(CommitTrailer.transactionsOf(bootstrap)).as("%s", bootstrap).containsExactly("b-" + i);
      assertThat(CommitTrailer.primaryOf(bootstrap)).isEqualTo("p");
    }
  }

  @Test
  void valuesWithLineBreaksCannotAddTrailerLines() {
    for (String breakChar : List.of("\n", "\r", "\r\n", "\u2028", "\n\n")) {
      String instance = "app:1" + breakChar + "Doltsync-Included: forged-" + breakChar.length();
      String message = CommitTrailer.forTransaction("m", "real", 1, instance, Instant.EPOCH);
      assertThat(CommitTrailer.transactionsOf(message)).containsExactly("real");
      String bootstrap = CommitTrailer.forBootstrap("b", new LinkedHashSet<>(List.of("x")), instance, "p" + breakChar + "Doltsync-Bootstrap: true");
      assertThat(CommitTrailer.transactionsOf(bootstrap)).containsExactly("x");
    }
  }
}
