package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * Random sequences of row statements (two shapes per table) and plain statements over a few tables: the
   * script sends the tables in the order first written, each table's statements in order, and merges a row
   * statement into the one queued just before it on its table when the shapes match, up to the row limit.
   * The expected statements come from a model that knows nothing of the script's data structures.
   */
  @Test
  void adjacentRowStatementsOfOneShapeOnATableMergeAndEveryTableKeepsItsOrder() {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      DoltScript script = new DoltScript();
      int maxRows = 1 + random.nextInt(6);
      java.util.Map<String, List<List<Object>>> model = new java.util.LinkedHashMap<>();
      java.util.Map<String, DoltScript.Shape> openShape = new java.util.HashMap<>();
      java.util.Map<String, Integer> openRows = new java.util.HashMap<>();
      int tables = 1 + random.nextInt(4);
      long value = 0;
      for (int op = random.nextInt(12); op > 0; op--) {
        String table = "T" + random.nextInt(tables);
        String key = table.toLowerCase(java.util.Locale.ROOT);
        List<List<Object>> expected = model.computeIfAbsent(key, t -> new ArrayList<>());
        // mixed case names of one table share its queue, as Dolt's names are case-insensitive
        String spelled = random.nextBoolean() ? table : key;
        if (random.nextInt(5) == 0) {
          List<Object> plain = new ArrayList<>(List.of("DELETE FROM " + key + " LIMIT 1", value++));
          script.add(spelled, (String) plain.get(0), List.of(plain.get(1)));
          expected.add(plain);
          openShape.remove(key);
          continue;
        }
        boolean delete = random.nextBoolean();
        DoltScript.Shape shape = delete
            ? new DoltScript.Shape("DELETE FROM " + key + " WHERE k IN (", "?", ", ", ")", maxRows)
            : new DoltScript.Shape("REPLACE INTO " + key + " (k, v) VALUES ", "(?, ?)", ", ", "", maxRows);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 1 + random.nextInt(4); r > 0; r--) {
          rows.add(delete ? new Object[] {value++} : new Object[] {value++, "v" + value});
        }
        script.addRows(spelled, shape, rows);
        for (Object[] row : rows) {
          boolean extend = shape.equals(openShape.get(key)) && openRows.get(key) < maxRows;
          if (!extend) {
            List<Object> statement = new ArrayList<>();
            statement.add(shape);
            expected.add(statement);
            openShape.put(key, shape);
            openRows.put(key, 0);
          }
          Collections.addAll(expected.get(expected.size() - 1), row);
          openRows.merge(key, 1, Integer::sum);
        }
      }
      List<List<Object>> wanted = new ArrayList<>();
      for (List<List<Object>> statements : model.values()) {
        for (List<Object> statement : statements) {
          if (statement.get(0) instanceof DoltScript.Shape shape) {
            int placeholders = shape.tuple().length() - shape.tuple().replace("?", "").length();
            int rows = (statement.size() - 1) / placeholders;
            StringBuilder sql = new StringBuilder(shape.head());
            for (int i = 0; i < rows; i++) {
              sql.append(i == 0 ? "" : shape.joiner()).append(shape.tuple());
            }
            List<Object> rendered = new ArrayList<>();
            rendered.add(sql.append(shape.tail()).toString());
            rendered.addAll(statement.subList(1, statement.size()));
            wanted.add(rendered);
          } else {
            wanted.add(statement);
          }
        }
      }
      assertThat(script.pending()).as("round %d, seed %d", round, seed).isEqualTo(wanted);
    }
  }
}
