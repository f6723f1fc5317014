package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.journal.JournalTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** When applied entries' journal deletes fall due: by rows waiting or by the age of the oldest. */
class DeferredDeletesTest {

  private static final long AGE = TimeUnit.MILLISECONDS.toNanos(DeferredDeletes.MAX_AGE_MILLIS);

  @Test
  void entriesBecomeDueByRowCountOrAgeWhicheverComesFirst() {
    Random random = new Random(10);
    for (int run = 0; run < 200; run++) {
      DeferredDeletes deferred = new DeferredDeletes();
      long start = random.nextLong();
      long now = start;
      List<Long> added = new ArrayList<>();
      long nextId = 1;
      while (true) {
        int chunks = 1 + (random.nextInt(10) == 0 ? random.nextInt(4) : 0);
        List<Long> ids = LongStream.range(nextId, nextId + chunks).boxed().toList();
        nextId += chunks;
        deferred.add(List.of(new JournalTable.PendingEntry("t" + nextId, ids, Instant.EPOCH, null)), now);
        added.addAll(ids);
        boolean byRows = added.size() >= DeferredDeletes.MAX_ROWS;
        boolean byAge = now - start >= AGE;
        assertThat(deferred.due(now)).as("run %d, %d rows, %d ns", run, added.size(), now - start)
            .isEqualTo(byRows || byAge);
        assertThat(deferred.rowIds()).isEqualTo(added);
        if (byRows || byAge) {
          List<JournalTable.PendingEntry> taken = deferred.take();
          assertThat(taken.stream().flatMap(e -> e.rowIds().stream()).toList()).isEqualTo(added);
          assertThat(deferred.isEmpty()).isTrue();
          assertThat(deferred.due(now + 10 * AGE)).isFalse();
          assertThat(deferred.rowIds()).isEmpty();
          break;
        }
        now += (long) (random.nextDouble() * AGE / 8);
      }
    }
  }

  @Test
  void theAgeCountsFromTheOldestWaitingEntry() {
    DeferredDeletes deferred = new DeferredDeletes();
    deferred.add(List.of(), 0);
    assertThat(deferred.isEmpty()).isTrue();
    deferred.add(List.of(new JournalTable.PendingEntry("a", List.of(1L), Instant.EPOCH, null)), 1_000);
    deferred.add(List.of(new JournalTable.PendingEntry("b", List.of(2L), Instant.EPOCH, null)), 1_000 + AGE - 1);
    assertThat(deferred.due(1_000 + AGE - 1)).isFalse();
    assertThat(deferred.due(1_000 + AGE)).isTrue();
  }
}
