package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lineage scope of a journal entry: it survives the codec (and entries written without one still decode),
 * and a commit made in a scope carries flow, run and step as trailer lines that leave the trailer readable.
 */
class LineageTrailerTest {

  @Test
  void generatedScopesSurviveTheCodecAndEntriesWithoutOneStillDecode() throws Exception {
    Random random = new Random(17);
    for (int i = 0; i < 200; i++) {
      JournalEntry.Lineage lineage = new JournalEntry.Lineage(text(random), text(random), text(random));
      JournalEntry entry = new JournalEntry("tx" + i, "host:1", "a", "a@x", "m" + i,
          List.of(new TableChange("t", TableChange.Kind.ROWS, null, List.of("id"), List.of("id"),
              List.<Object[]>of(new Object[] {(long) i}), List.of())), random.nextBoolean());
      assertThat(JournalCodec.decode(JournalCodec.encode(entry)).lineage()).isNull();
      JournalEntry scoped = entry.withLineage(lineage);
      JournalEntry decoded = JournalCodec.decode(JournalCodec.encode(scoped));
      assertThat(decoded.lineage()).isEqualTo(lineage);
      assertThat(decoded.allowEmpty()).isEqualTo(entry.allowEmpty());
      assertThat(decoded.changes()).hasSize(1);
    }
  }

  @Test
  void scopeLinesStayInsideAReadableTrailer() {
    Random random = new Random(19);
    for (int i = 0; i < 100; i++) {
      JournalEntry.Lineage lineage = new JournalEntry.Lineage(text(random), text(random) + "\nDoltsync-Journal: 9",
          text(random));
      String message = CommitTrailer.forTransaction("Load the day", "tx-" + i, i, "app:1", Instant.EPOCH, lineage);
      assertThat(CommitTrailer.hasTrailer(message)).isTrue();
      assertThat(CommitTrailer.transactionsOf(message)).containsExactly("tx-" + i);
      assertThat(CommitTrailer.journalIdsOf(message)).containsExactly((long) i); // a value cannot add a line
      assertThat(message).contains(CommitTrailer.FLOW + ": " + lineage.flow().replace('\n', ' '))
          .contains(CommitTrailer.STEP + ": " + lineage.step().replace('\n', ' '));
      String group = CommitTrailer.forGroup("2 transactions", List.of(
          new CommitTrailer.Applied("a" + i, 1, "app:1", Instant.EPOCH, lineage),
          new CommitTrailer.Applied("b" + i, 2, "app:1", Instant.EPOCH)));
      assertThat(CommitTrailer.transactionsOf(group)).containsExactly("a" + i, "b" + i);
      assertThat(group).contains(CommitTrailer.RUN + ": ");
    }
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
      text.append((char) (random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x2000) : 'a' + random.nextInt(26)));
    }
    return text.toString().replace('\n', 'n').replace('\r', 'r');
  }
}
