package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A keyless table's row deltas ({@link TableChange.Kind#MULTISET}) applied to a real Dolt table: random
 * additions and removals of copies (duplicates and NULLs included) leave Dolt holding exactly the multiset
 * a model of the same deltas holds.
 */
class MultisetApplyTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  @Test
  void addedAndRemovedCopiesLeaveTheSameMultiset() throws Exception {
    String database = TestServers.createDoltDatabase("multiset");
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    TableSchema schema = new TableSchema("events", List.of(
        new ColumnSchema("kind", Types.VARCHAR, "varchar(10)", 10, null, true, false, null),
        new ColumnSchema("amount", Types.DECIMAL, "decimal(8,2)", 8, 2, true, false, null)),
        List.of(), List.of(), List.of(), List.of());
    DoltWriter writer = new DoltWriter(dialect, false);
    Random random = new Random(SEED);
    Map<List<Object>, Integer> model = new HashMap<>();
    try (Connection dolt = TestServers.dolt(database)) {
      dolt.setAutoCommit(false);
      for (int round = 0; round < 15; round++) {
        List<Object[]> added = new ArrayList<>();
        List<Object[]> removed = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
          Object[] row = {random.nextInt(4) == 0 ? null : "k" + random.nextInt(2),
              random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(3), 2)};
          added.add(row);
        }
        List<List<Object>> present = new ArrayList<>();
        model.forEach((row, copies) -> present.addAll(Collections.nCopies(copies, row)));
        Collections.shuffle(present, random);
        for (List<Object> row : present.subList(0, random.nextInt(present.size() + 1) / 2)) {
          removed.add(row.toArray());
        }
        writer.apply(dolt, TableChange.multiset("events", schema, added, removed));
        writer.commit(dolt, "round " + round, "test", "test@example.com", java.time.Instant.now(), true);
        for (Object[] row : removed) {
          model.merge(java.util.Arrays.asList(row), -1, Integer::sum);
        }
        for (Object[] row : added) {
          model.merge(java.util.Arrays.asList(row), 1, Integer::sum);
        }
        model.values().removeIf(copies -> copies == 0);
        assertThat(doltRows(dolt)).as("round %d (seed %d)", round, SEED).isEqualTo(sorted(model));
      }
    } finally {
      DoltDatabases.drop(database);
    }
  }

  private static List<String> doltRows(Connection dolt) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery("SELECT kind, amount FROM events")) {
      while (rs.next()) {
        BigDecimal amount = rs.getBigDecimal(2);
        rows.add(rs.getString(1) + "|" + (amount == null ? null : amount.stripTrailingZeros().toPlainString()));
      }
    }
    Collections.sort(rows);
    return rows;
  }

  private static List<String> sorted(Map<List<Object>, Integer> model) {
    List<String> rows = new ArrayList<>();
    model.forEach((row, copies) -> {
      BigDecimal amount = (BigDecimal) row.get(1);
      String text = row.get(0) + "|" + (amount == null ? null : amount.stripTrailingZeros().toPlainString());
      rows.addAll(Collections.nCopies(copies, text));
    });
    Collections.sort(rows);
    return rows;
  }
}
