package io.doltsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoltScriptTest {

  /** Values from nulls and numbers to texts and blobs of up to 17 MB (shared instances: the test holds each once). */
  private static final Object[] VALUES = {
      null, 42L, 3.5, "", "short text", "é".repeat(1_000), "x".repeat(3_000_000), new byte[0], new byte[1_000],
      new byte[200_000], new byte[5 * 1024 * 1024], new byte[17 * 1024 * 1024]};

  /** Rows of random width, the values drawn mostly small with now and then a large one. */
  private static List<Object[]> randomRows(Random random) {
    int count = random.nextInt(400);
    int width = 1 + random.nextInt(random.nextBoolean() ? 4 : 300);
    List<Object[]> rows = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[width];
      for (int c = 0; c < width; c++) {
        int bound = random.nextInt(20) == 0 ? VALUES.length : VALUES.length - 3;
        row[c] = VALUES[random.nextInt(bound)];
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void slicesKeepEveryRowInOrderWithinTheRowPlaceholderAndByteBounds() {
    Random random = new Random(20261206);
    for (int round = 0; round < 60; round++) {
      List<Object[]> rows = randomRows(random);
      int maxRows = 1 + random.nextInt(1_000);
      List<List<Object[]>> slices = DoltScript.slices(rows, maxRows);
      List<Object[]> joined = new ArrayList<>();
      for (List<Object[]> slice : slices) {
        assertThat(slice).isNotEmpty();
        joined.addAll(slice);
        long bytes = slice.stream().mapToLong(DoltScript::estimatedBytes).sum();
        int values = slice.stream().mapToInt(row -> row.length).sum();
        if (slice.size() > 1) {
          assertThat(slice.size()).isLessThanOrEqualTo(maxRows);
          assertThat(bytes).isLessThanOrEqualTo(DoltScript.MAX_STATEMENT_BYTES);
          assertThat(values).isLessThanOrEqualTo(DoltScript.MAX_PLACEHOLDERS);
        }
      }
      assertThat(joined).containsExactlyElementsOf(rows);
    }
  }

  @Test
  void aRowOverTheByteBudgetGoesAloneAndSmallRowsAroundItShareStatements() {
    Object[] small = {1L, "a"};
    Object[] huge = {2L, new byte[(int) DoltScript.MAX_STATEMENT_BYTES + 1]};
    List<List<Object[]>> slices = DoltScript.slices(List.of(small, small, huge, small, small), 100);
    assertThat(slices).extracting(List::size).containsExactly(2, 1, 2);
    assertThat(slices.get(1).get(0)).isSameAs(huge);
  }
}
