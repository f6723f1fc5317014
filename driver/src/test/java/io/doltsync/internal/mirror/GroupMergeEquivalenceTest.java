package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A group commit's row changes merged per table and key ({@link KeyedRowMerge}) against the same entries applied one
 * at a time: a generator of entries over a small key space (so keys repeat within a group: upserted, changed in
 * place, deleted, upserted again), mixing full-row changes ({@link TableChange.Kind#ROWS}: deletes and complete rows)
 * and in-place changes ({@link TableChange.Kind#COLUMNS}: {@code SET} and {@code ADD} of integers and decimals), on
 * tables with a single and a composite integer key (merged) and one with a unique index (not merged), keys given as
 * {@code Integer}, {@code Long} or {@code BigInteger}, with entries Dolt refuses (an in-place change of a row Dolt does
 * not hold, a string too long, a sum out of range). One Dolt database gets every entry as its own commit; the other
 * gets random groups of consecutive entries, each group as one commit with merging on, and a group Dolt refuses
 * applied one entry at a time (as the applier does). At the end of every group both must hold the same rows, and
 * the entries refused must be the same ones: a refused entry is isolated alone, never taking its neighbours along.
 */
class GroupMergeEquivalenceTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ENTRIES = Integer.getInteger("doltsync.test.groupMergeEntries", 400);

  @Test
  void groupsMergedPerKeyLeaveWhatEntriesOneByOneLeave() throws Exception {
    Random random = new Random(SEED);
    SourceDialect dialect = SourceDialects.forUrl(TestServers.mariadbUrl());
    String alone = seeded("gmalone");
    String grouped = seeded("gmgrouped");
    ApplyProfile aloneProfile = new ApplyProfile();
    ApplyProfile groupedProfile = new ApplyProfile();
    DoltWriter aloneWriter = new DoltWriter(dialect, false, aloneProfile);
    DoltWriter groupWriter = new DoltWriter(dialect, false, groupedProfile);
    Set<Integer> refusedAlone = new TreeSet<>();
    Set<Integer> refusedGrouped = new TreeSet<>();
    int groups = 0;
    int groupsRefused = 0;
    try (Connection aloneDolt = open(alone); Connection groupDolt = open(grouped)) {
      List<List<TableChange>> entries = new ArrayList<>();
      for (int e = 0; e < ENTRIES; e++) {
        entries.add(entry(random));
      }
      for (int from = 0; from < entries.size(); ) {
        int size = Math.min(entries.size() - from, 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 10));
        for (int e = from; e < from + size; e++) {
          if (apply(aloneWriter, aloneDolt, entries.get(e), "entry " + e) != null) {
            refusedAlone.add(e);
          }
        }
        groups++;
        groupWriter.mergeAcrossEntries(true);
        List<TableChange> all = new ArrayList<>();
        entries.subList(from, from + size).forEach(all::addAll);
        SQLException failure = apply(groupWriter, groupDolt, all, "group at " + from);
        groupWriter.mergeAcrossEntries(false);
        if (failure != null) {
          groupsRefused++;
          for (int e = from; e < from + size; e++) {
            if (apply(groupWriter, groupDolt, entries.get(e), "entry " + e) != null) {
              refusedGrouped.add(e);
            }
          }
        }
        assertThat(contents(groupDolt)).as("Dolt after the group of entries %d..%d (seed %d)", from, from + size - 1,
            SEED).isEqualTo(contents(aloneDolt));
        assertThat(refusedGrouped).as("entries refused up to %d (seed %d)", from + size - 1, SEED)
            .isEqualTo(refusedAlone);
        from += size;
      }
    } finally {
      DoltDatabases.drop(alone);
      DoltDatabases.drop(grouped);
    }
    long aloneStatements = aloneProfile.roundTrips(ApplyProfile.Step.ROWS);
    long groupedStatements = groupedProfile.roundTrips(ApplyProfile.Step.ROWS);
    System.out.printf("%d entries in %d groups (%d refused whole), %d refused; row statements one by one %d,"
        + " grouped %d (seed %d)%n", ENTRIES, groups, groupsRefused, refusedAlone.size(), aloneStatements,
        groupedStatements, SEED);
    assertThat(refusedAlone).as("refused entries (seed %d)", SEED).isNotEmpty();
    assertThat(groupsRefused).as("groups refused (seed %d)", SEED).isLessThan(groups);
    assertThat(groupedStatements).as("row statements grouped vs one by one (seed %d)", SEED)
        .isLessThan(aloneStatements);
  }

  /** Applies the changes and commits; returns the failure (after rolling back, as the applier does), or null. */
  private static SQLException apply(DoltWriter writer, Connection dolt, List<TableChange> changes, String what) {
    try {
      for (TableChange change : changes) {
        writer.apply(dolt, change);
      }
      writer.commit(dolt, what, "test", "test@example.com", Instant.now(), true);
      return null;
    } catch (SQLException failure) {
      writer.reset();
      try {
        dolt.rollback();
      } catch (SQLException rollback) {
        failure.addSuppressed(rollback);
      }
      return failure;
    }
  }

  /** One entry: one to three changes of random tables, full-row or in place. */
  private static List<TableChange> entry(Random random) {
    List<TableChange> changes = new ArrayList<>();
    for (int c = 1 + random.nextInt(3); c > 0; c--) {
      int table = random.nextInt(3);
      boolean inPlace = table < 2 && random.nextInt(5) < 3;
      changes.add(switch (table) {
        case 0 -> inPlace ? columns(random, "one", List.of("id"), List.of("n", "d", "s"))
            : rows(random, "one", List.of("id", "n", "d", "s"), List.of("id"));
        case 1 -> inPlace ? columns(random, "two", List.of("w", "i"), List.of("q", "ytd"))
            : rows(random, "two", List.of("w", "i", "q", "ytd"), List.of("w", "i"));
        default -> rows(random, "uq", List.of("id", "u", "s"), List.of("id"));
      });
    }
    return changes;
  }

  private static Object[] key(Random random, int width) {
    Object[] key = new Object[width];
    for (int k = 0; k < width; k++) {
      int id = random.nextInt(400) == 0 ? 13 // a key no table is seeded with
          : width == 1 ? 1 + random.nextInt(12) : 1 + random.nextInt(k == 0 ? 3 : 4);
      key[k] = switch (random.nextInt(5)) {
        case 0 -> BigInteger.valueOf(id);
        case 1, 2 -> (long) id;
        default -> id;
      };
    }
    return key;
  }

  /** Now and then the delete of a key, and complete rows for up to three. */
  private static TableChange rows(Random random, String table, List<String> columns, List<String> keys) {
    List<Object[]> deleted = new ArrayList<>();
    List<Object[]> upserts = new ArrayList<>();
    for (int d = random.nextInt(15) == 0 ? 1 : 0; d > 0; d--) {
      deleted.add(key(random, keys.size()));
    }
    for (int u = random.nextInt(4); u > 0; u--) {
      Object[] row = new Object[columns.size()];
      System.arraycopy(key(random, keys.size()), 0, row, 0, keys.size());
      for (int c = keys.size(); c < columns.size(); c++) {
        row[c] = value(random, columns.get(c), false);
      }
      upserts.add(row);
    }
    return new TableChange(table, TableChange.Kind.ROWS, null, columns, keys, upserts, deleted);
  }

  /** In-place changes of one to four rows: each changed column set or added to, as the capture journals them. */
  private static TableChange columns(Random random, String table, List<String> keys, List<String> changeable) {
    List<String> shape = new ArrayList<>(keys);
    List<Object> kinds = new ArrayList<>();
    for (String column : changeable) {
      if (random.nextInt(3) > 0 || kinds.isEmpty() && column.equals(changeable.get(changeable.size() - 1))) {
        shape.add(column);
        kinds.add(column.equals("s") || random.nextInt(3) == 0 ? "SET" : "ADD");
      }
    }
    List<Object[]> values = new ArrayList<>();
    for (int r = 1 + random.nextInt(4); r > 0; r--) {
      Object[] row = new Object[shape.size()];
      System.arraycopy(key(random, keys.size()), 0, row, 0, keys.size());
      for (int c = keys.size(); c < shape.size(); c++) {
        row[c] = value(random, shape.get(c), kinds.get(c - keys.size()).equals("ADD"));
      }
      values.add(row);
    }
    return TableChange.columns(table, shape, keys, values, kinds.toArray());
  }

  /** A value set into a column, or an amount added to it (a long, or a decimal of the column's scale). */
  private static Object value(Random random, String column, boolean add) {
    if (!add && random.nextInt(20) == 0) {
      return null;
    }
    return switch (column) {
      case "n", "q" -> random.nextInt(300) == 0 ? (Object) 3_000_000_000L // beyond an INT: refused
          : add ? (Object) (long) (random.nextInt(200) - 100) : (Object) (random.nextInt(200) - 100);
      case "d", "ytd" -> new BigDecimal(BigInteger.valueOf(random.nextInt(20_000) - 10_000), 2);
      case "s" -> random.nextInt(300) == 0 ? "far too long for it" : "v" + random.nextInt(1000);
      case "u" -> random.nextInt(1000);
      default -> throw new IllegalArgumentException(column);
    };
  }

  private static String seeded(String prefix) throws SQLException {
    String database = TestServers.createDoltDatabase(prefix);
    try (Connection dolt = TestServers.dolt(database); Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE one (id INT PRIMARY KEY, n INT, d DECIMAL(12,2), s VARCHAR(10))");
      s.execute("CREATE TABLE two (w INT NOT NULL, i BIGINT NOT NULL, q INT, ytd DECIMAL(12,2) NOT NULL,"
          + " PRIMARY KEY (w, i))");
      s.execute("CREATE TABLE uq (id INT PRIMARY KEY, u INT, s VARCHAR(10), UNIQUE KEY uq_u (u))");
      StringBuilder one = new StringBuilder("INSERT INTO one VALUES (1, NULL, 1.00, NULL)");
      StringBuilder two = new StringBuilder("INSERT INTO two VALUES (1, 1, NULL, 0.00)");
      for (int id = 2; id <= 12; id++) {
        one.append(", (").append(id).append(", ").append(id).append(", ").append(id).append(".50, 's")
            .append(id).append("')");
      }
      for (int w = 1; w <= 3; w++) {
        for (int i = w == 1 ? 2 : 1; i <= 4; i++) {
          two.append(", (").append(w).append(", ").append(i).append(", ").append(w * i).append(", 10.00)");
        }
      }
      s.execute(one.toString());
      s.execute(two.toString());
      s.execute("INSERT INTO uq VALUES (1, 1, 'a'), (2, 2, 'b')");
      s.execute("CALL dolt_commit('-Am', 'seed')");
    }
    return database;
  }

  private static Connection open(String database) throws SQLException {
    Connection dolt = DriverManager.getConnection(TestServers.doltUrl(database), "root", "");
    dolt.setAutoCommit(false);
    return dolt;
  }

  /** Every row of the tables, in key order, each column as text; read in a transaction of its own. */
  private static List<String> contents(Connection dolt) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (String query : List.of("SELECT * FROM one ORDER BY id", "SELECT * FROM two ORDER BY w, i",
        "SELECT * FROM uq ORDER BY id")) {
      try (Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery(query)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          StringBuilder row = new StringBuilder(query.substring(14, 17));
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.append(' ').append(rs.getString(c));
          }
          rows.add(row.toString());
        }
      }
    }
    dolt.commit();
    return rows;
  }
}
