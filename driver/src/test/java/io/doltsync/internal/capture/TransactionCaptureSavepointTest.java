package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A rollback to a savepoint makes every keyless table that recorded row deltas in the transaction a whole-table
 * copy, also when the deltas cancelled out before it (a row inserted before the savepoint and deleted after it:
 * the rollback undoes only the delete, so the net, empty, delta would lose the insert). Generated sequences of
 * inserts and removals of rows drawn from a few values, with a savepoint rollback at a random point.
 */
class TransactionCaptureSavepointTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  @Test
  void aRollbackToASavepointCopiesEveryTableThatRecordedRowDeltas() {
    Random random = new Random(SEED);
    for (int run = 0; run < 500; run++) {
      TransactionCapture capture = new TransactionCapture();
      TransactionCapture.TableTouch touch = capture.table("event_log");
      List<Object[]> live = new ArrayList<>();
      boolean recorded = false;
      int steps = random.nextInt(6);
      for (int step = 0; step < steps; step++) {
        Object[] row = {"kind" + random.nextInt(2), random.nextInt(3)};
        if (random.nextBoolean() || live.isEmpty()) {
          touch.addInsertedRows(List.<Object[]>of(row));
          live.add(row);
        } else {
          touch.addRemovedRows(List.<Object[]>of(live.remove(random.nextInt(live.size()))));
        }
        recorded = true;
      }
      capture.forgetRowDeltas();
      assertThat(touch.isWholeTable()).as("run %d, %d deltas recorded (seed %d)", run, steps, SEED)
          .isEqualTo(recorded);
    }
  }

  @Test
  void anInsertCancelledByADeleteStillCopiesTheTableAfterARollbackToASavepoint() {
    TransactionCapture capture = new TransactionCapture();
    TransactionCapture.TableTouch touch = capture.table("event_log");
    Object[] row = {"batch", 3, new java.math.BigDecimal("1.00")};
    touch.addInsertedRows(List.<Object[]>of(row)); // before the savepoint
    touch.addRemovedRows(List.<Object[]>of(row.clone())); // after it, then rolled back
    assertThat(touch.insertedRows()).isEmpty();
    assertThat(touch.removedRows()).isEmpty();
    capture.forgetRowDeltas();
    assertThat(touch.isWholeTable()).isTrue();
  }
}
