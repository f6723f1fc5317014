package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Row changes of many transactions written into one Dolt commit (what a group commit does), where the
 * writer merges each table's adjacent row statements across transactions: random runs of deletes and
 * upserts over a small key space (so the same key is upserted, deleted and upserted again within one
 * statement's reach), on a single-key and a two-column-key table, leave Dolt holding exactly what a model that
 * applies every change in order holds; and a run of upsert-only transactions costs one statement per table.
 */
class GroupedRowChangesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final ColumnSchema ID = new ColumnSchema("id", Types.INTEGER, "int", 10, 0, false, false, null);
  private static final ColumnSchema A = new ColumnSchema("a", Types.INTEGER, "int", 10, 0, false, false, null);
  private static final ColumnSchema B = new ColumnSchema("b", Types.INTEGER, "int", 10, 0, false, false, null);
  private static final ColumnSchema V = new ColumnSchema("v", Types.VARCHAR, "varchar(20)", 20, null, true, false, null);
  private static final TableSchema SINGLE = new TableSchema("single", List.of(ID, V), List.of("id"), List.of(),
      List.of(), List.of());
  private static final TableSchema PAIR = new TableSchema("pair", List.of(A, B, V), List.of("a", "b"), List.of(),
      List.of(), List.of());

  @Test
  void mergedStatementsOfAGroupLeaveWhatTheChangesInOrderLeave() throws Exception {
    String database = TestServers.createDoltDatabase("grouped");
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    ApplyProfile profile = new ApplyProfile();
    DoltWriter writer = new DoltWriter(dialect, false, profile);
    Random random = new Random(SEED);
    Map<String, String> single = new TreeMap<>();
    Map<String, String> pair = new TreeMap<>();
    try (Connection dolt = TestServers.dolt(database)) {
      dolt.setAutoCommit(false);
      for (TableSchema schema : List.of(SINGLE, PAIR)) { // both tables exist before the first group is read
        List<String> columns = schema.columns().stream().map(ColumnSchema::name).toList();
        writer.apply(dolt, new TableChange(schema.name(), TableChange.Kind.ROWS, schema, columns, schema.primaryKey(),
            List.of(), List.of()));
      }
      writer.commit(dolt, "tables", "test", "test@example.com", Instant.now(), true);
      for (int group = 0; group < 12; group++) {
        int transactions = 1 + random.nextInt(25);
        for (int t = 0; t < transactions; t++) {
          if (random.nextInt(4) != 0) {
            writer.apply(dolt, change(random, SINGLE, single, 1));
          }
          if (random.nextInt(3) == 0) {
            writer.apply(dolt, change(random, PAIR, pair, 2));
          }
        }
        writer.commit(dolt, "group " + group, "test", "test@example.com", Instant.now(), true);
        assertThat(rows(dolt, "SELECT id, v FROM single", 1)).as("single after group %d (seed %d)", group, SEED)
            .isEqualTo(single);
        assertThat(rows(dolt, "SELECT a, b, v FROM pair", 2)).as("pair after group %d (seed %d)", group, SEED)
            .isEqualTo(pair);
        dolt.commit();
      }

      long before = profile.roundTrips(ApplyProfile.Step.ROWS);
      for (int t = 0; t < 40; t++) {
        writer.apply(dolt, new TableChange("single", TableChange.Kind.ROWS, SINGLE, List.of("id", "v"), List.of("id"),
            List.<Object[]>of(new Object[] {t % 7, "u" + t}), List.of()));
        writer.apply(dolt, new TableChange("pair", TableChange.Kind.ROWS, PAIR, List.of("a", "b", "v"),
            List.of("a", "b"), List.<Object[]>of(new Object[] {t % 3, t % 2, "u" + t}), List.of()));
      }
      writer.commit(dolt, "forty upserts", "test", "test@example.com", Instant.now(), true);
      // one merged statement per table, and the commit's dolt_add of the two tables written (sent with them)
      assertThat(profile.roundTrips(ApplyProfile.Step.ROWS) - before).as("statements for 40 transactions on 2 tables")
          .isEqualTo(3);
      assertThat(rows(dolt, "SELECT id, v FROM single WHERE id < 7", 1))
          .containsEntry("3", "u38").containsEntry("4", "u39").containsEntry("6", "u34");
      assertThat(rows(dolt, "SELECT a, b, v FROM pair", 2)).containsEntry("0|1", "u39").containsEntry("2|0", "u38");
      dolt.commit();
    } finally {
      DoltDatabases.drop(database);
    }
  }

  /** A random ROWS change over keys 0..5 (pairs 0..2 × 0..2), applied to the model as the writer must apply it. */
  private static TableChange change(Random random, TableSchema schema, Map<String, String> model, int keyWidth) {
    List<Object[]> deleted = new ArrayList<>();
    List<Object[]> upserts = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      Object[] key = key(random, keyWidth);
      deleted.add(key);
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      Object[] key = key(random, keyWidth);
      Object[] row = new Object[keyWidth + 1];
      System.arraycopy(key, 0, row, 0, keyWidth);
      row[keyWidth] = random.nextInt(5) == 0 ? null : "v" + random.nextInt(1000);
      upserts.add(row);
    }
    for (Object[] key : deleted) {
      model.remove(text(key, keyWidth));
    }
    for (Object[] row : upserts) {
      model.put(text(row, keyWidth), String.valueOf(row[keyWidth]));
    }
    List<String> columns = schema.columns().stream().map(ColumnSchema::name).toList();
    return new TableChange(schema.name(), TableChange.Kind.ROWS, schema, columns, schema.primaryKey(), upserts, deleted);
  }

  private static Object[] key(Random random, int width) {
    return width == 1 ? new Object[] {random.nextInt(6)} : new Object[] {random.nextInt(3), random.nextInt(3)};
  }

  private static String text(Object[] row, int keyWidth) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < keyWidth; i++) {
      key.append(i == 0 ? "" : "|").append(row[i]);
    }
    return key.toString();
  }

  private static Map<String, String> rows(Connection dolt, String sql, int keyWidth) throws Exception {
    Map<String, String> rows = new TreeMap<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder key = new StringBuilder();
        for (int i = 1; i <= keyWidth; i++) {
          key.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.put(key.toString(), String.valueOf(rs.getString(keyWidth + 1)));
      }
    }
    return rows;
  }
}
